// In real Chromium: a reader selects words no pack knows and presses the shortcut: the card says so
// and offers "Suggest for <pack>" for the team's pack whose source is a GitHub repository; a known
// term's card offers "Suggest a fix" and the pack's home in "More". The links are prefilled GitHub
// new-issue pages (not followed: the machine has no internet).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendFromPage } from './harness';
import { sharedGrantedBrowser } from './shared-browser';

const shared = sharedGrantedBrowser();

const TEAM_PACK = `id: acme-team
name: ACME team
version: "1"
description: Words the ACME platform team uses.
source: https://github.com/acme/glossary/blob/main/team.yaml
maintainer: "#platform-docs"
license: CC-BY-4.0
scope: ["*"]
terms:
  - term: auth tier
    definition: The ACME name for the ingress authentication layer.
`;

async function select(page: Page, id: string, words: string): Promise<void> {
  await page.evaluate(
    ([elementId, w]) => {
      const text = document.getElementById(elementId)!.firstChild as Text;
      const i = text.data.indexOf(w);
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + w.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    },
    [id, words] as const,
  );
}

/** What the background's onCommand sends (headless Chromium cannot press extension shortcuts). */
async function explainSelection(page: Page): Promise<unknown> {
  const worker = await shared.browser.serviceWorker();
  return worker.evaluate(async (u) => {
    const chrome = (
      globalThis as unknown as {
        chrome: {
          tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> };
        };
      }
    ).chrome;
    const [tab] = await chrome.tabs.query({ url: u });
    return chrome.tabs.sendMessage(tab!.id!, { type: 'explainSelection' });
  }, page.url());
}

describe('suggesting to the glossary from the card', () => {
  let page: Page;
  beforeAll(async () => {
    const options = await shared.browser.openExtensionPage('options.html');
    expect(
      await sendFromPage(options, { type: 'importPack', source: { kind: 'text', name: 'team.yaml', text: TEAM_PACK }, commit: true }),
    ).toMatchObject({ ok: true });
    await options.close();
    page = await shared.browser.context.newPage();
    await page.goto(shared.server.url('/terms.html'));
    await page.waitForFunction(() => (CSS.highlights.get('termlens-term')?.size ?? 0) > 0, undefined, { timeout: 15_000 });
  });

  it('offers "Suggest for ACME team" for selected words no pack knows', async () => {
    await select(page, 'avoid', 'in reviews');
    expect(await explainSelection(page)).toEqual({ ok: true, value: { shown: true } });
    const link = page.locator('termlens-card a', { hasText: 'Suggest for ACME team' });
    await link.waitFor();
    expect(await page.locator('termlens-card .tl-empty').textContent()).toBe('No entry for “in reviews” in the enabled packs.');
    const href = new URL((await link.getAttribute('href'))!);
    expect(`${href.origin}${href.pathname}`).toBe('https://github.com/acme/glossary/issues/new');
    expect(href.searchParams.get('title')).toBe('Glossary: add “in reviews”');
    expect(href.searchParams.get('body')).toContain(`Seen on: ${page.url()}`);
    expect(href.searchParams.get('body')).toContain('- term: in reviews');
    expect(await link.getAttribute('target')).toBe('_blank');
    await page.keyboard.press('Escape');
  });

  it('offers "Suggest a fix" and the pack home in More for a known term', async () => {
    await select(page, 'avoid', 'auth tier');
    expect(await explainSelection(page)).toEqual({ ok: true, value: { shown: true } });
    await page.locator('termlens-card .tl-more').click();
    const fix = page.locator('termlens-card a', { hasText: 'Suggest a fix' });
    await fix.waitFor();
    const href = new URL((await fix.getAttribute('href'))!);
    expect(href.searchParams.get('title')).toBe('Glossary: fix “auth tier”');
    expect(href.searchParams.get('body')).toContain('definition: The ACME name for the ingress authentication layer.');
    expect(await page.locator('termlens-card .tl-home').first().textContent()).toBe(
      'Source: https://github.com/acme/glossary/blob/main/team.yaml · Maintainer: #platform-docs · License: CC-BY-4.0',
    );
  });
});
