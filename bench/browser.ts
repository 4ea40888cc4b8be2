// Chromium for the benchmark: with a given build of the extension (granted 127.0.0.1 as a user would),
// or without any extension (the reference for render cost, heap, long tasks and mark.js).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchExtension } from '../tests/e2e/harness';

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
  const browser = await launchExtension({ extensionDir });
  const { context } = browser;
  const worker = await browser.serviceWorker();
  const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
  await browser.grantHost(pattern);
  const page = await browser.openExtensionPage('options.html');
  const host = new URL(origin).hostname;
  await page.evaluate(
    async ([h, github]) => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } })
        .chrome;
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
      (
        await (
          globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } } }
        ).chrome.scripting.getRegisteredContentScripts()
      ).flatMap((s) => s.matches ?? []),
    );
    if (registered.includes(pattern)) break;
    if (i > 100) throw new Error(`content script not registered for ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    context,
    version: context.browser()?.version() ?? '',
    close: () => browser.close(),
  };
}
