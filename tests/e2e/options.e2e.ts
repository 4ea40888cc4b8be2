// In real Chromium: import a Markdown glossary from the options page (preview, then
// import) → its terms are highlighted on a page and found by the popup's search; a broken pack gets the
// CLI's precise error and changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, highlightedText, sendFromPage } from './harness';
import { centreOf, hover } from './pointer';
import { openPopup, tabIdOf } from './popup-helpers';
import { sharedGrantedBrowser } from './shared-browser';

const shared = sharedGrantedBrowser();

const fixture = (name: string) => ({
  name,
  mimeType: name.endsWith('.md') ? 'text/markdown' : 'application/yaml',
  buffer: readFileSync(join(FIXTURE_PAGES, name)),
});

/** Everything the extension keeps, to prove a failed import changed nothing. */
async function storedState(page: Page) {
  return page.evaluate(async () => {
    const chrome = (
      globalThis as unknown as { chrome: { storage: { local: { get(): Promise<unknown> }; sync: { get(): Promise<unknown> } } } }
    ).chrome;
    return { local: await chrome.storage.local.get(), sync: await chrome.storage.sync.get() };
  });
}

describe('importing a glossary in the options page', () => {
  it('previews a Markdown glossary, imports it, highlights its terms and finds them by search', async () => {
    const page = await shared.browser.context.newPage();
    await page.goto(shared.server.url('/import-page.html'));
    await expect.poll(() => highlightedText(page), { timeout: 15_000 }).toContain('kubelet');
    expect(await highlightedText(page)).not.toContain('Frobnicator');

    const options = await shared.browser.openExtensionPage('options.html');
    await options.getByLabel('Import a file', { exact: true }).setInputFiles(fixture('import-team-glossary.md'));
    const preview = options.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/Payments team glossary.*3 terms, read as bold/);
    expect(await preview.textContent()).toContain('Frobnicator, Settlement window, Ledger drift');
    await preview.getByRole('button', { name: 'Import 3 terms' }).click();
    await expect.poll(() => options.locator('.pack[data-pack="payments-team-glossary"]').count()).toBe(1);
    expect(await options.locator('.pack[data-pack="payments-team-glossary"] .pack-meta').textContent()).toContain('3 terms');

    // The open page follows without a reload.
    await expect
      .poll(() => highlightedText(page))
      .toEqual(expect.arrayContaining(['Frobnicator', 'settlement window', 'ledger drift', 'kubelet']));

    const popup = await openPopup(shared.browser, await tabIdOf(await shared.browser.serviceWorker(), page));
    await popup.getByRole('searchbox', { name: 'Search glossary' }).fill('frobnicatr');
    const first = popup.getByRole('listbox', { name: 'Search results' }).getByRole('option').first();
    await expect.poll(() => first.locator('.result-term').textContent()).toBe('Frobnicator');
    expect(await first.locator('.result-pack').textContent()).toBe('Payments team glossary');
    await popup.close();
    await options.close();
    await page.close();
  });

  it('shows a definition changed by a re-import on an open page, without a reload', async () => {
    // The terms stay the same, so the page keeps its session and matcher: only the card's data changes.
    const page = await shared.browser.context.newPage();
    await page.goto(shared.server.url('/import-page.html'));
    await expect.poll(() => highlightedText(page), { timeout: 15_000 }).toContain('Frobnicator');
    const definition = async () => {
      await page.mouse.move(0, 0);
      await hover(page, await centreOf(page, '#imported', 'Frobnicator'));
      const text = page.locator('termlens-card .tl-definition').first();
      await text.waitFor({ timeout: 5000 });
      return text.textContent();
    };
    expect(await definition()).toContain('batches card captures');
    await page.keyboard.press('Escape');

    const edited = readFileSync(join(FIXTURE_PAGES, 'import-team-glossary.md'), 'utf8').replace(
      'batches card captures',
      'groups card captures',
    );
    const options = await shared.browser.openExtensionPage('options.html');
    await options
      .getByLabel('Import a file', { exact: true })
      .setInputFiles({ name: 'import-team-glossary.md', mimeType: 'text/markdown', buffer: Buffer.from(edited) });
    const preview = options.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Replaces your pack with the same id.');
    await preview.getByRole('button', { name: /^Import|^Replace/ }).click();
    await expect.poll(() => preview.count()).toBe(0);

    await expect.poll(definition, { timeout: 10_000 }).toContain('groups card captures');
    await options.close();
    await page.close();
  });

  it('shows the precise error for a broken pack and changes nothing', async () => {
    const options = await shared.browser.openExtensionPage('options.html');
    await options.locator('.pack').first().waitFor();
    const before = await storedState(options);
    const packsBefore = await sendFromPage(options, { type: 'packs' });

    await options.getByLabel('Import a file', { exact: true }).setInputFiles(fixture('import-broken.yaml'));
    const alert = options.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('import-broken.yaml:7:17: terms[0].definition: must not be empty');
    expect(await options.getByRole('region', { name: 'Import preview' }).count()).toBe(0);

    expect(await storedState(options)).toEqual(before);
    expect(await sendFromPage(options, { type: 'packs' })).toEqual(packsBefore);
    await options.close();
  });
});

describe('the options page from the keyboard', () => {
  it('keeps focus on a move button pressed with Enter, through the save, up to the top of the list', async () => {
    const options = await shared.browser.openExtensionPage('options.html');
    const names = await options.locator('.pack .pack-name').allTextContents();
    const second = names[1]!;
    const up = options.getByRole('button', { name: `Move ${second} up` });
    await up.focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => options.locator('.pack .pack-name').first().textContent()).toBe(second);
    // Saved: the background's order changed, and focus never left the button.
    await expect
      .poll(
        async () =>
          (
            (await sendFromPage<{ packs: Array<{ name: string }> }>(options, { type: 'packs' })) as {
              ok: true;
              value: { packs: Array<{ name: string }> };
            }
          ).value.packs[0]?.name,
      )
      .toBe(second);
    expect(await options.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move ${second} up`);
    // Put the order back, from the keyboard too.
    await options.getByRole('button', { name: `Move ${second} down` }).focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => options.locator('.pack .pack-name').nth(1).textContent()).toBe(second);
    expect(await options.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move ${second} down`);
    await options.close();
  });
});
