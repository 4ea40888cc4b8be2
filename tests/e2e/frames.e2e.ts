// In real Chromium: Termlens in the frames of a page. Documentation previews, dashboards and embedded
// views live in frames, so a frame of a site Termlens may read is highlighted and explained like a
// page of its own (its own site's rules, a card inside the frame), a srcdoc frame counts as the site
// that made it, a frame of a site the user never allowed gets nothing, and the popup's "On this page"
// counts the terms of every frame.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightedText, launchExtension, scanned, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { openPopup, tabIdOf } from './popup-helpers';

let top: FixtureServer;
let other: FixtureServer;
let foreign: FixtureServer;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  top = await serveFixtures();
  other = await serveFixtures(undefined, '127.0.0.2');
  foreign = await serveFixtures(undefined, 'localhost');
  browser = await launchExtension();
  // The user allowed the page's site and one other site; localhost stays out.
  await browser.grantHost('http://127.0.0.1/*');
  await browser.grantHost('http://127.0.0.2/*');
  page = await browser.context.newPage();
  await page.goto(top.url(`/frames.html?other=${encodeURIComponent(other.origin)}&foreign=${encodeURIComponent(foreign.origin)}`));
  await scanned(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([top, other, foreign].map((s) => s?.close()));
});

/** The frame shown by the iframe element with this id. */
async function frameOf(id: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe#${id}`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame in #${id}`);
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

describe('Termlens in frames', () => {
  it('highlights the frames of the sites it may read, a srcdoc frame as its parent’s site, and no other', async () => {
    expect(await highlightedText(page)).toEqual(['kubelet']);
    const same = await frameOf('same');
    await expect.poll(() => highlightedText(same), { timeout: 15_000 }).toEqual(['PodDisruptionBudget', 'kubelet']);
    await expect.poll(async () => highlightedText(await frameOf('blank')), { timeout: 15_000 }).toEqual(['Argo CD']);
    const allowed = await frameOf('other');
    await expect.poll(() => highlightedText(allowed), { timeout: 15_000 }).toEqual(['PodDisruptionBudget', 'kubelet']);
    // The frame's own rules are the content script's stylesheet, injected into it as into the page.
    const tint = await allowed.evaluate(() => getComputedStyle(document.body, '::highlight(termlens-term)').backgroundColor);
    expect(tint).not.toBe('rgba(0, 0, 0, 0)');

    // localhost was never allowed: its frame is left alone (nothing registered, no script ran there).
    const outside = await frameOf('foreign');
    await outside.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(500);
    expect(await highlightedText(outside)).toEqual([]);
    expect(await outside.evaluate(() => performance.getEntriesByName('termlens:scan').length)).toBe(0);
  });

  it('opens the card on a term in a frame, inside that frame', async () => {
    const frame = await frameOf('same');
    const at = await frame.evaluate(() => {
      const text = document.querySelector('#frame-text')!.firstChild as Text;
      const i = text.data.indexOf('kubelet');
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 'kubelet'.length);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    const box = (await (await page.$('iframe#same'))!.boundingBox())!;
    // The iframe's border is 1 px: the frame's viewport starts inside it.
    const x = box.x + 1 + at.x;
    const y = box.y + 1 + at.y;
    await page.mouse.move(x - 30, y + 40);
    await page.mouse.move(x, y, { steps: 3 });
    const card = frame.locator('termlens-card [role="dialog"]');
    await card.waitFor({ timeout: 10_000 });
    expect(await frame.locator('termlens-card .tl-sense').first().getAttribute('data-sense')).toMatch(/kubelet$/);
    // The card stays inside the frame's 640 × 200 viewport (scrolling within itself when taller).
    const fits = await frame.evaluate(() => {
      const r = document.querySelector('termlens-card')!.shadowRoot!.querySelector('[role="dialog"]')!.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: innerWidth, height: innerHeight };
    });
    expect(fits.left).toBeGreaterThanOrEqual(0);
    expect(fits.top).toBeGreaterThanOrEqual(0);
    expect(fits.right).toBeLessThanOrEqual(fits.width);
    expect(fits.bottom).toBeLessThanOrEqual(fits.height);
    // Only the frame has a card: the top document is untouched.
    expect(await page.locator('termlens-card').count()).toBe(0);
    await page.mouse.move(5, 5);
  });

  it('explains the selection in the frame that holds the focus when the keyboard command arrives', async () => {
    const frame = await frameOf('same');
    // The user selects a word inside the frame (a click there gives the frame the focus).
    const box = (await (await page.$('iframe#same'))!.boundingBox())!;
    await page.mouse.click(box.x + box.width - 20, box.y + box.height - 20);
    await frame.evaluate(() => {
      const text = document.querySelector('#frame-text')!.firstChild as Text;
      const i = text.data.indexOf('PodDisruptionBudget');
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 'PodDisruptionBudget'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    expect(await frame.evaluate(() => document.hasFocus())).toBe(true);
    // Headless Chromium cannot press extension shortcuts: send what the background's onCommand sends,
    // to every frame of the tab, as it does.
    const worker = await browser.serviceWorker();
    const url = page.url();
    const reply = await worker.evaluate(async (u) => {
      const chrome = (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: object): Promise<unknown> } };
        }
      ).chrome;
      const [tab] = await chrome.tabs.query({ url: u });
      return chrome.tabs.sendMessage(tab!.id!, { type: 'explainSelection' });
    }, url);
    expect(reply).toEqual({ ok: true, value: { shown: true } });
    await frame.locator('termlens-card [role="dialog"]').waitFor({ timeout: 10_000 });
    expect(await frame.locator('termlens-card .tl-sense').first().getAttribute('data-sense')).toMatch(/pdb|poddisruptionbudget/i);
    expect(await page.locator('termlens-card').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => frame.locator('termlens-card [role="dialog"]').isVisible()).toBe(false);
  });

  it('counts every frame’s terms in the popup and scrolls to the ones in frames', async () => {
    const popup = await openPopup(browser, await tabIdOf(await browser.serviceWorker(), page));
    const list = popup.getByRole('list', { name: 'Terms on this page' });
    await list.waitFor();
    // kubelet: the top document, the same-site frame and the allowed other site's frame; localhost's
    // frame would have made it 4.
    await expect
      .poll(() => list.getByRole('button', { name: /on the page/ }).evaluateAll((b) => b.map((e) => e.getAttribute('aria-label'))))
      .toEqual([
        expect.stringMatching(/^kubelet, 3 on the page/),
        expect.stringMatching(/^PodDisruptionBudget, 2 on the page/),
        expect.stringMatching(/^Argo CD, 1 on the page/),
      ]);
    const status = popup.getByRole('status');
    for (const expected of ['kubelet: 1 of 3', 'kubelet: 2 of 3', 'kubelet: 3 of 3', 'kubelet: 1 of 3']) {
      await list.getByRole('button', { name: /^kubelet, 3 on the page/ }).click();
      await expect.poll(() => status.textContent()).toBe(expected);
    }
    await popup.close();
    expect(browser.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
