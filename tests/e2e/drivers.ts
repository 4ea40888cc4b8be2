// One small browser-neutral driver over the two harnesses (Chromium through playwright-core, Firefox
// through puppeteer-core over WebDriver BiDi), so the same scenarios run in both browsers. Everything
// a test does goes through real input (mouse, keyboard, file chooser) or page scripts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchFirefoxExtension } from './firefox-harness';
import { launchExtension } from './harness';

export type BrowserName = 'chromium' | 'firefox';
/** Both by default; TERMLENS_E2E_BROWSERS=firefox (or chromium) runs one while iterating. */
export const BROWSERS: readonly BrowserName[] = (process.env.TERMLENS_E2E_BROWSERS ?? 'chromium,firefox').split(',').map((b) => {
  if (b !== 'chromium' && b !== 'firefox') throw new Error(`TERMLENS_E2E_BROWSERS: unknown browser ${b}`);
  return b;
});

export interface DriverPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** evaluate() in the document of the frame shown by the first `<iframe>` matching `selector`. */
  frameEvaluate<R, A>(selector: string, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Poll a page function until it returns something truthy (and serialisable: a boolean, not an element). */
  waitFor<A>(fn: (arg: A) => unknown, arg: A, timeoutMs?: number): Promise<void>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** Click the centre of the first element matching `selector` (light DOM) whose text or aria-label includes `text`. */
  clickOn(selector: string, text?: string): Promise<void>;
  type(text: string): Promise<void>;
  press(key: 'Enter' | 'Escape' | 'ArrowDown' | 'ArrowUp'): Promise<void>;
  /** Choose a file in an `<input type="file">` as the file chooser would. */
  chooseFile(selector: string, name: string, content: string): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid> */
  extensionOrigin: string;
  open(url: string): Promise<DriverPage>;
  openExtensionPage(path: string): Promise<DriverPage>;
  grantHost(pattern: string): Promise<void>;
  /** Console errors and uncaught errors so far, of pages, extension pages and the background. */
  errors(): string[];
  close(): Promise<void>;
}

/** Wait until `check` resolves to something truthy (a rejection counts as not yet). */
export async function poll(check: () => Promise<unknown>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function centreScript([selector, text]: readonly [string, string]) {
  const el = [...document.querySelectorAll(selector)].find(
    (e) => !text || (e.textContent ?? '').includes(text) || (e.getAttribute('aria-label') ?? '').includes(text),
  );
  if (!el) return null;
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

interface Operations {
  evaluate(fn: (arg: never) => unknown, arg: unknown): Promise<unknown>;
  frameEvaluate(selector: string, fn: (arg: never) => unknown, arg: unknown): Promise<unknown>;
  mouseMove(x: number, y: number, steps: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  type(text: string): Promise<void>;
  press(key: string): Promise<void>;
  chooseFile(selector: string, name: string, content: string): Promise<void>;
  close(): Promise<void>;
}

function driverPage(ops: Operations): DriverPage {
  const page: DriverPage = {
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => ops.evaluate(fn as (arg: never) => unknown, arg) as Promise<R>,
    frameEvaluate: <R, A>(selector: string, fn: (arg: A) => R | Promise<R>, arg: A) =>
      ops.frameEvaluate(selector, fn as (arg: never) => unknown, arg) as Promise<R>,
    waitFor: (fn, arg, timeoutMs = 15_000) =>
      poll(() => ops.evaluate(fn as (arg: never) => unknown, arg), fn.toString().slice(0, 120), timeoutMs),
    mouseMove: (x, y, steps = 1) => ops.mouseMove(x, y, steps),
    click: (x, y) => ops.click(x, y),
    async clickOn(selector, text = '') {
      let at: { x: number; y: number } | null = null;
      await poll(async () => (at = await page.evaluate(centreScript, [selector, text] as const)), `${selector} "${text}"`, 15_000);
      await ops.click(at!.x, at!.y);
    },
    type: (text) => ops.type(text),
    press: (key) => ops.press(key),
    chooseFile: (selector, name, content) => ops.chooseFile(selector, name, content),
    close: () => ops.close(),
  };
  return page;
}

function fromPlaywright(p: PlaywrightPage): DriverPage {
  return driverPage({
    evaluate: (fn, arg) => p.evaluate(fn as (arg: unknown) => unknown, arg),
    async frameEvaluate(selector, fn, arg) {
      const frame = await (await p.waitForSelector(selector)).contentFrame();
      if (!frame) throw new Error(`${selector} shows no frame`);
      return frame.evaluate(fn as (arg: unknown) => unknown, arg);
    },
    mouseMove: (x, y, steps) => p.mouse.move(x, y, { steps }),
    click: (x, y) => p.mouse.click(x, y),
    type: (text) => p.keyboard.type(text),
    press: (key) => p.keyboard.press(key),
    chooseFile: (selector, name, content) => p.setInputFiles(selector, { name, mimeType: 'text/plain', buffer: Buffer.from(content) }),
    close: () => p.close(),
  });
}

function fromPuppeteer(p: PuppeteerPage): DriverPage {
  return driverPage({
    evaluate: (fn, arg) => p.evaluate(fn as (arg: unknown) => unknown, arg),
    async frameEvaluate(selector, fn, arg) {
      const frame = await (await p.waitForSelector(selector))!.contentFrame();
      if (!frame) throw new Error(`${selector} shows no frame`);
      return frame.evaluate(fn as (arg: unknown) => unknown, arg);
    },
    async mouseMove(x, y, steps) {
      await p.mouse.move(x, y, { steps });
    },
    click: (x, y) => p.mouse.click(x, y),
    type: (text) => p.keyboard.type(text),
    press: (key) => p.keyboard.press(key as 'Enter'),
    async chooseFile(selector, name, content) {
      // uploadFile takes paths: the file is written under its own name, as the user's file would be.
      const dir = mkdtempSync(join(tmpdir(), 'termlens-upload-'));
      try {
        writeFileSync(join(dir, name), content);
        const input = await p.waitForSelector(selector);
        await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(join(dir, name));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    close: () => p.close(),
  });
}

/** Failed favicon loads are the fixture server's 404s, not the page's or Termlens's errors. */
const real = (errors: string[]) => errors.filter((e) => !e.includes('Failed to load resource'));

export async function launchDriver(name: BrowserName): Promise<Driver> {
  if (name === 'chromium') {
    const b = await launchExtension();
    return {
      name,
      extensionOrigin: `chrome-extension://${b.extensionId}`,
      async open(url) {
        const page = await b.context.newPage();
        await page.goto(url);
        return fromPlaywright(page);
      },
      openExtensionPage: async (path) => fromPlaywright(await b.openExtensionPage(path)),
      grantHost: (pattern) => b.grantHost(pattern),
      errors: () => real(b.errors),
      close: () => b.close(),
    };
  }
  const f = await launchFirefoxExtension();
  return {
    name,
    extensionOrigin: f.origin,
    async open(url) {
      const page = await f.browser.newPage();
      await page.goto(url);
      return fromPuppeteer(page);
    },
    openExtensionPage: async (path) => fromPuppeteer(await f.openExtensionPage(path)),
    grantHost: (pattern) => f.grantHost(pattern),
    errors: () => real(f.errors),
    close: () => f.close(),
  };
}
