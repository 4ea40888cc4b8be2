// In real Chromium: MV3 stops the service worker whenever it likes. Stop it through
// the DevTools protocol mid-session: the open popup's next search and the page's next hover still
// answer (the worker restarts, rebuilds its indexes lazily from storage, and keeps the user's packs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, highlightedText } from './harness';
import { openPopup, tabIdOf } from './popup-helpers';
import { sharedGrantedBrowser } from './shared-browser';

const shared = sharedGrantedBrowser();

/**
 * Stop the extension's service worker as Chromium does when it idles: through CDP's ServiceWorker
 * domain (on an extension page, whose storage partition the worker lives in), until it reports stopped.
 */
async function stopServiceWorker(extensionPage: Page): Promise<void> {
  const cdp = await shared.browser.context.newCDPSession(extensionPage);
  const script = `chrome-extension://${shared.browser.extensionId}/background.js`;
  type Versions = { versions: Array<{ scriptURL: string; runningStatus: string }> };
  const stopped = new Promise<void>((done) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: Versions) => {
      if (versions.some((v) => v.scriptURL === script && v.runningStatus === 'stopped')) done();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/** Viewport centre of the first occurrence of `word` inside the element with `id`. */
function wordCentre(page: Page, id: string, word: string) {
  return page.evaluate(
    ([elementId, w]) => {
      const text = document.getElementById(elementId)!.firstChild as Text;
      const start = text.data.indexOf(w);
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + w.length);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [id, word] as const,
  );
}

describe('after the service worker is stopped', () => {
  it('the open popup still searches and the page still explains a hovered term', async () => {
    // A user pack too: it must come back from storage after the restart.
    const options = await shared.browser.openExtensionPage('options.html');
    await options.getByLabel('Import a file', { exact: true }).setInputFiles({
      name: 'import-team-glossary.md',
      mimeType: 'text/markdown',
      buffer: readFileSync(join(FIXTURE_PAGES, 'import-team-glossary.md')),
    });
    await options.getByRole('button', { name: 'Import 3 terms' }).click();
    await expect.poll(() => options.locator('.pack[data-pack="payments-team-glossary"]').count()).toBe(1);
    await options.close();

    const page = await shared.browser.context.newPage();
    await page.goto(shared.server.url('/popup-page.html'));
    await expect.poll(() => highlightedText(page), { timeout: 15_000 }).toContain('PodDisruptionBudget');
    const worker = await shared.browser.serviceWorker();
    const popup = await openPopup(shared.browser, await tabIdOf(worker, page));
    await popup.getByRole('list', { name: 'Terms on this page' }).waitFor();

    await stopServiceWorker(popup);

    // The popup, open all along, searches again: bundled and user terms.
    const search = popup.getByRole('searchbox', { name: 'Search glossary' });
    const first = popup.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
    await search.fill('kubeltt');
    await expect.poll(() => first.locator('.result-term').textContent(), { timeout: 15_000 }).toBe('kubelet');
    await search.fill('ledger drift');
    await expect.poll(() => first.locator('.result-term').textContent()).toBe('Ledger drift');

    // Stop it again, then hover a term the page has not looked up yet: the card needs the worker.
    await stopServiceWorker(popup);
    await page.bringToFront();
    const at = await wordCentre(page, 'second', 'PodDisruptionBudget');
    await page.mouse.move(at.x, at.y);
    const card = page.locator('termlens-card');
    await expect.poll(() => card.locator('.tl-sense').first().getAttribute('data-sense'), { timeout: 15_000 }).toBeTruthy();
    // The preferred pack files it under its abbreviation PDB, with PodDisruptionBudget as an alias.
    await expect.poll(() => card.locator('.tl-headword').first().textContent()).toMatch(/^(PDB|PodDisruptionBudget)$/);
    expect(await card.locator('.tl-card').textContent()).toContain('PodDisruptionBudget');
    expect(await card.locator('.tl-definition').first().textContent()).toMatch(/disrupt/i);
    expect(shared.browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
