// Helpers for the popup and options e2e tests: find a tab's id, open the popup for it as the toolbar
// button would (its own small window, so the page stays visible), and pre-approve a host the way the
// browser's site-access menu records it, so the popup's own permission request needs no prompt.
import type { Page, Worker } from 'playwright-core';
import type { ExtensionBrowser } from './harness';

type Chrome = {
  tabs: { query(q: object): Promise<Array<{ id?: number }>> };
  windows: { create(o: object): Promise<unknown> };
};
const chromeOf = () => (globalThis as unknown as { chrome: Chrome }).chrome;

/** The tab id of a page (tab ids need no permission: bring it to the front and ask for the active tab). */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    return (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  });
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** Open popup.html about `tabId` in a popup window, 400 px wide like the real one. */
export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const worker = await browser.serviceWorker();
  const url = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;
  const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 });
  await worker.evaluate((u) => (globalThis as unknown as { chrome: Chrome }).chrome.windows.create({ url: u, type: 'popup', width: 400, height: 600 }), url);
  const popup = await opened;
  await popup.waitForLoadState('domcontentloaded');
  return popup;
}

/**
 * What the user's "allow" in the browser's site-access menu leaves behind: Chromium records the host
 * for the extension; the extension's own permissions.request for it then succeeds without a prompt
 * (headless Chromium cannot click one).
 */
export async function preapproveHost(browser: ExtensionBrowser, pattern: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    ([id, p]) =>
      new Promise<void>((done, fail) => {
        const api = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, p: string, cb: () => void): void }; runtime: { lastError?: { message: string } } } }).chrome;
        api.developerPrivate.addHostPermission(id, p, () => (api.runtime.lastError ? fail(new Error(api.runtime.lastError.message)) : done()));
      }),
    [browser.extensionId, pattern] as const,
  );
  await page.close();
}

/**
 * Grant a host as a user who allowed it: pre-approve it, then let an extension page request it from a
 * click (what the popup's switch does). The background sees permissions.onAdded, registers the content
 * script for the origin and injects it into open tabs.
 */
export async function grantHostAsUser(browser: ExtensionBrowser, pattern: string): Promise<void> {
  await preapproveHost(browser, pattern);
  const page = await browser.openExtensionPage('options.html');
  await page.evaluate((p) => {
    const button = document.createElement('button');
    button.id = 'e2e-grant';
    button.onclick = () => {
      const api = (globalThis as unknown as { chrome: { permissions: { request(q: { origins: string[] }): Promise<boolean> } } }).chrome;
      void api.permissions.request({ origins: [p] }).then(
        (granted) => button.setAttribute('data-granted', String(granted)),
        (e: Error) => button.setAttribute('data-granted', e.message),
      );
    };
    document.body.prepend(button);
  }, pattern);
  await page.click('#e2e-grant');
  const granted = await (await page.waitForSelector('#e2e-grant[data-granted]')).getAttribute('data-granted');
  await page.close();
  if (granted !== 'true') throw new Error(`${pattern} was not granted: ${granted}`);
}

/** The text of each range registered under a highlight name. */
export function highlightedText(page: Page, name = 'termlens-term'): Promise<string[]> {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    if (!h) return [];
    return [...h].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }, name);
}

export { chromeOf };
