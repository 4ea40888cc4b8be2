// First run: the welcome page opens once, when the extension is installed (not on updates, not when the
// browser restarts or the worker wakes).
import { browser, type Browser } from 'wxt/browser';

/** The welcome page (entrypoints/welcome/). */
export const WELCOME_PAGE = '/welcome.html';

export async function onInstalled(details: Browser.runtime.InstalledDetails): Promise<void> {
  if (details.reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
}

/** Added in the worker's first turn: MV3 delivers onInstalled only to listeners added then. */
export function registerFirstRun(): void {
  browser.runtime.onInstalled.addListener((details) => {
    onInstalled(details).catch((error: unknown) => console.warn('Termlens: could not open the welcome page', error));
  });
}
