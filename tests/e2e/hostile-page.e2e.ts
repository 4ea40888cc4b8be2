// A hostile page, played by the page's own scripts (page.evaluate runs in the page's main world, as
// they do), against a production build (no TERMLENS_TEST: the card's shadow root is closed):
// synthetic pointer events over a highlighted term open no card; with the card open after the user's
// own hover, the page finds neither its text nor its buttons, and clicking and pressing keys on
// everything it can reach changes nothing in storage and closes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT, sendFromPage, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { centreOf, hover } from './pointer';

interface ChromeApi {
  scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> };
  storage: { local: { get(keys: string[]): Promise<Record<string, unknown>> } };
}

let out: string;
let browser: ExtensionBrowser;
let server: FixtureServer;
let worker: Worker;
let page: Page;

/** What a dismissal writes: "I know this" and "Not here". */
const dismissals = () =>
  worker.evaluate(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get(['knownTerms', 'silencedTerms']));

/** The card as the page sees it: the host element, if any, and whatever it exposes. */
const cardSeenByPage = () =>
  page.evaluate(() => {
    const hosts = document.querySelectorAll('termlens-card');
    const host = hosts[0] as HTMLElement | undefined;
    if (!host) return { hosts: 0 };
    const box = host.getBoundingClientRect();
    return {
      hosts: hosts.length,
      shown: host.style.visibility !== 'hidden' && host.style.display !== 'none' && box.width > 0 && box.height > 0,
      attributes: host.getAttributeNames(),
      shadowRoot: host.shadowRoot !== null,
      text: host.textContent,
      children: host.children.length,
    };
  });

beforeAll(async () => {
  // The build a user installs: whatever TERMLENS_TEST the e2e run has, this one is built without it.
  out = mkdtempSync(join(tmpdir(), 'termlens-hostile-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TERMLENS_OUT_DIR: out };
  delete env.TERMLENS_TEST;
  // vitest sets NODE_ENV=test, which would compile the card's JSX for React's development build.
  delete env.NODE_ENV;
  const built = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`the production build failed:\n${built.stdout}${built.stderr}`);
  browser = await launchExtension({ extensionDir: join(out, 'chrome-mv3') });
  server = await serveFixtures();
  await browser.grantHost('http://127.0.0.1/*');
  const popup = await browser.openExtensionPage('popup.html');
  await sendFromPage(popup, { type: 'settings', host: '127.0.0.1' });
  await popup.close();
  worker = await browser.serviceWorker();
  for (let i = 0; ; i++) {
    const matches = await worker.evaluate(async () =>
      (await (globalThis as unknown as { chrome: ChromeApi }).chrome.scripting.getRegisteredContentScripts()).flatMap(
        (s) => s.matches ?? [],
      ),
    );
    if (matches.includes('http://127.0.0.1/*')) break;
    if (i > 100) throw new Error('the content script was not registered for 127.0.0.1');
    await new Promise((r) => setTimeout(r, 100));
  }
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('/terms.html'));
  await page.waitForFunction(() => (CSS.highlights.get('termlens-term')?.size ?? 0) > 0, null, { timeout: 20_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('a hostile page', () => {
  it('opens no card with synthetic pointer events over a highlighted term', async () => {
    // The page finds a term from the registry (its own document's) and plays a pointer over it.
    const dispatched = await page.evaluate(async () => {
      const ranges = [...(CSS.highlights.get('termlens-term') ?? [])];
      let count = 0;
      for (const r of ranges.slice(0, 5)) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        const box = range.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        const target = document.elementFromPoint(x, y) ?? document.body;
        const init = { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true, view: window };
        for (let i = 0; i < 5; i++) {
          target.dispatchEvent(new PointerEvent('pointerover', init));
          target.dispatchEvent(new PointerEvent('pointermove', init));
          target.dispatchEvent(new MouseEvent('mouseover', init));
          target.dispatchEvent(new MouseEvent('mousemove', init));
          document.dispatchEvent(new PointerEvent('pointermove', init));
          count++;
          await new Promise((done) => requestAnimationFrame(() => done(undefined)));
        }
        // Longer than the card's open delay.
        await new Promise((done) => setTimeout(done, 500));
      }
      return count;
    });
    expect(dispatched).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    // The card is created on first use: a card that never opened was never added to the page.
    expect(await cardSeenByPage()).toEqual({ hosts: 0 });
  });

  it('cannot read the card the user opened, nor press its buttons, nor close it', async () => {
    const before = await dismissals();
    await hover(page, await centreOf(page, '#prose', 'kube-proxy'));
    await expect.poll(cardSeenByPage, { timeout: 10_000 }).toMatchObject({ hosts: 1, shown: true });
    // A closed root, and nothing on the host naming the term.
    expect(await cardSeenByPage()).toEqual({ hosts: 1, shown: true, attributes: ['style'], shadowRoot: false, text: '', children: 0 });

    // The page clicks and presses keys on everything it can reach: the card's host (the only node of
    // the card in its view) and the point under the card, then Esc.
    await page.evaluate(async () => {
      const host = document.querySelector('termlens-card') as HTMLElement;
      const box = host.getBoundingClientRect();
      const init = { bubbles: true, composed: true, cancelable: true, view: window };
      for (let y = box.top + 4; y < box.bottom; y += 8) {
        for (let x = box.left + 4; x < box.right; x += 16) {
          const at = document.elementFromPoint(x, y) as HTMLElement | null;
          if (!at) continue;
          at.click();
          at.dispatchEvent(new MouseEvent('click', { ...init, clientX: x, clientY: y }));
          at.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: x, clientY: y }));
          at.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: x, clientY: y }));
        }
      }
      host.focus();
      for (const key of ['Enter', ' ', 'Tab']) {
        host.dispatchEvent(new KeyboardEvent('keydown', { ...init, key }));
        host.dispatchEvent(new KeyboardEvent('keyup', { ...init, key }));
      }
      // Everything else on the page too (its links aside: the page stays where it is).
      for (const el of document.querySelectorAll<HTMLElement>('body *:not(a):not(form):not(termlens-card)')) el.click();
      document.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'Escape' }));
      window.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'Escape' }));
      document.documentElement.dispatchEvent(new PointerEvent('pointerleave', { composed: true }));
      host.dispatchEvent(new PointerEvent('pointerleave'));
      await new Promise((done) => setTimeout(done, 800));
    });
    // The page's Esc and pointer-leave closed nothing; the user's pointer is still on the term.
    expect(await cardSeenByPage()).toMatchObject({ hosts: 1, shown: true });
    // Storage is untouched: no term was marked known or silenced.
    expect(await dismissals()).toEqual(before);

    // The user's own Esc closes it.
    await page.keyboard.press('Escape');
    await expect.poll(cardSeenByPage, { timeout: 5000 }).toMatchObject({ hosts: 1, shown: false });
    expect(await dismissals()).toEqual(before);
    expect(browser.errors).toEqual([]);
  });
});
