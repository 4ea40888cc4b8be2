// Helpers for the popup and options e2e tests: find a tab's id, open the popup for it as the toolbar
// button would (its own small window, so the page stays visible).
import type { Page, Worker } from 'playwright-core';
import type { ExtensionBrowser } from './harness';

type Chrome = {
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
  windows: { create(o: object): Promise<unknown> };
};
const chromeOf = () => (globalThis as unknown as { chrome: Chrome }).chrome;

/**
 * The tab id of a page: the tab showing its URL, which the extension sees on the sites it has access to.
 * Elsewhere, bring it to the front and ask for the active tab (tab ids need no permission); after a
 * browser restart the restored windows make "the last focused window" unreliable, so the URL comes first.
 */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await worker.evaluate(async (url) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const byUrl = (await chrome.tabs.query({})).filter((t) => t.url === url);
    if (byUrl.length === 1) return byUrl[0]!.id;
    return (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  }, page.url());
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** Open popup.html about `tabId` in a popup window, 400 px wide like the real one. */
export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const worker = await browser.serviceWorker();
  const url = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;
  const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 });
  await worker.evaluate(
    (u) => (globalThis as unknown as { chrome: Chrome }).chrome.windows.create({ url: u, type: 'popup', width: 400, height: 600 }),
    url,
  );
  const popup = await opened;
  await popup.waitForLoadState('domcontentloaded');
  return popup;
}

export { chromeOf };
