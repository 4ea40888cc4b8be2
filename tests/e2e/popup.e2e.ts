// In real Chromium: the popup's search (typo → first result, Enter opens the entry,
// Esc returns) and "On this page" (the terms found in the tab with their counts; choosing one scrolls).
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightedText, launchExtension, sendFromPage, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { openPopup, tabIdOf } from './popup-helpers';

let browser: ExtensionBrowser;
let server: FixtureServer;
let worker: Worker;

beforeAll(async () => {
  browser = await launchExtension();
  server = await serveFixtures();
  worker = await browser.serviceWorker();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const activeElementLabel = (popup: Page) =>
  popup.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

describe('popup search', () => {
  it('finds kubelet for "kubeltt", opens its entry with Enter and returns with Esc', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/popup-page.html'));
    const popup = await openPopup(browser, await tabIdOf(worker, page));

    // The cursor starts in the search box: the user just types.
    await expect.poll(() => activeElementLabel(popup)).toBe('Search glossary');
    await popup.keyboard.type('kubeltt');
    const results = popup.getByRole('listbox', { name: 'Search results' });
    const options = results.getByRole('option');
    await expect.poll(() => options.first().locator('.result-term').textContent()).toBe('kubelet');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');

    // What the background says the first hit is, to check the entry against.
    const reply = await sendFromPage<{ hits: Array<{ id: string; term: string; snippet: string; packName: string }> }>(popup, {
      type: 'search',
      query: 'kubeltt',
    });
    if (!reply.ok) throw new Error(reply.error);
    const hit = reply.value.hits[0]!;
    expect(await options.first().textContent()).toContain(hit.packName);

    // Arrow keys move the active option; focus stays in the box.
    await popup.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await popup.keyboard.press('ArrowUp');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    expect(await activeElementLabel(popup)).toBe('Search glossary');

    await popup.keyboard.press('Enter');
    const entry = popup.getByRole('region', { name: 'kubelet' });
    await entry.waitFor();
    expect(await entry.getByRole('heading', { level: 2 }).first().textContent()).toBe('kubelet');
    expect(await entry.textContent()).toContain(hit.snippet.replace(/…$/, ''));
    expect(await results.count()).toBe(0);

    await popup.keyboard.press('Escape');
    await results.waitFor();
    expect(await entry.count()).toBe(0);
    await expect.poll(() => activeElementLabel(popup)).toBe('Search glossary');
    expect(await popup.getByRole('searchbox', { name: 'Search glossary' }).inputValue()).toBe('kubeltt');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await popup.close();
    await page.close();
  });
});

describe('popup "On this page"', () => {
  it('lists the terms found in the tab with their counts and scrolls to the chosen one', async () => {
    await browser.grantHost('http://127.0.0.1/*');
    const page = await browser.context.newPage();
    await page.goto(server.url('/popup-page.html'));
    await expect.poll(() => highlightedText(page), { timeout: 15_000 }).toContain('kubelet');
    const popup = await openPopup(browser, await tabIdOf(worker, page));

    const list = popup.getByRole('list', { name: 'Terms on this page' });
    await list.waitFor();
    const rows = await list
      .getByRole('listitem')
      .evaluateAll((items) =>
        items.map((li) => [li.querySelector('.page-term-text')?.textContent, Number(li.querySelector('.page-term-count')?.textContent)]),
      );
    // The fixture's header names these counts; nothing else on it is a glossary term.
    expect(Object.fromEntries(rows)).toEqual({ kubelet: 3, PodDisruptionBudget: 1, 'Argo CD': 1 });

    // Each choice goes to the next occurrence; the third is far below the fold.
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const kubelet = popup.getByRole('button', { name: /^kubelet, 3 on the page/ });
    for (let n = 1; n <= 3; n++) {
      await kubelet.click();
      await expect
        .poll(() => popup.getByRole('region', { name: 'On this page' }).getByRole('status').textContent())
        .toBe(`kubelet: ${n} of 3`);
    }
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(2000);
    const far = await page.evaluate(() => {
      const r = document.getElementById('far')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(far).toBe(true);
    await popup.close();
    await page.close();
  });
});
