// Chromium for the benchmark: with a given build of the extension (granted 127.0.0.1 as a user would),
// or without any extension (the reference for render cost, heap, long tasks and mark.js).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/e2e/harness';

export interface BenchBrowser {
  context: BrowserContext;
  version: string;
  close(): Promise<void>;
}

export async function launchPlain(): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'termlens-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    version: context.browser()?.version() ?? '',
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium with the build in `extensionDir` (…/chrome-mv3), the host of `origin` granted and switched on. */
/** `githubEnterprise`: the user marks the host as a GitHub Enterprise server (the GitHub adapter applies). */
export async function launchWithExtension(extensionDir: string, origin: string, githubEnterprise = false): Promise<BenchBrowser> {
  statSync(join(extensionDir, 'manifest.json'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'termlens-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    viewport: { width: 1280, height: 800 },
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
  // As tests/e2e/harness.ts grantHost: record the host like the site-access menu, then request it from a click.
  const settings = await context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(
    ([id, p]) =>
      new Promise<void>((done, fail) => {
        const api = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, p: string, cb: () => void): void }; runtime: { lastError?: { message: string } } } }).chrome;
        api.developerPrivate.addHostPermission(id, p, () => (api.runtime.lastError ? fail(new Error(api.runtime.lastError.message)) : done()));
      }),
    [extensionId, pattern] as const,
  );
  await settings.close();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate((p) => {
    const button = document.createElement('button');
    button.id = 'bench-grant';
    button.onclick = () => {
      const api = (globalThis as unknown as { chrome: { permissions: { request(q: { origins: string[] }): Promise<boolean> } } }).chrome;
      void api.permissions.request({ origins: [p] }).then((granted) => button.setAttribute('data-granted', String(granted)));
    };
    document.body.prepend(button);
  }, pattern);
  await page.click('#bench-grant');
  await page.waitForSelector('#bench-grant[data-granted="true"]');
  const host = new URL(origin).hostname;
  await page.evaluate(
    async ([h, github]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome;
      await api.runtime.sendMessage({ type: 'settings', host: h });
      if (github) {
        const answer = await api.runtime.sendMessage({ type: 'setSiteSettings', host: h, patch: { githubEnterprise: true } });
        if (!answer?.ok) throw new Error(`setSiteSettings: ${answer?.error}`);
      }
    },
    [host, githubEnterprise] as const,
  );
  await page.close();
  for (let i = 0; ; i++) {
    const registered = await worker.evaluate(async () =>
      (await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } } }).chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []),
    );
    if (registered.includes(pattern)) break;
    if (i > 100) throw new Error(`content script not registered for ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    context,
    version: context.browser()?.version() ?? '',
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
