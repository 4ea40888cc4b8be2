// The preview card in real Chromium: at most 320 px tall with its actions in view, More opens the
// rest, Tab is never taken from a textarea, and "Not here" stops the highlight with an Undo that
// brings it back.
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, sendFromPage, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { centreOf, hover } from './pointer';

interface ChromeApi {
  scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> };
}

let browser: ExtensionBrowser;
let server: FixtureServer;
let worker: Worker;
let page: Page;

const card = () => page.locator('termlens-card [role="dialog"]');
const highlighted = () => page.evaluate(() => [...(CSS.highlights.get('termlens-term') ?? [])].map((r) => r.toString?.() ?? '').length);

beforeAll(async () => {
  browser = await launchExtension();
  server = await serveFixtures();
  await browser.grantHost('http://127.0.0.1/*');
  const popup = await browser.openExtensionPage('popup.html');
  await sendFromPage(popup, { type: 'settings', host: '127.0.0.1' });
  await popup.close();
  worker = await browser.serviceWorker();
  for (let i = 0; ; i++) {
    const matches = await worker.evaluate(async () =>
      (await (globalThis as unknown as { chrome: ChromeApi }).chrome.scripting.getRegisteredContentScripts()).flatMap(
        (s) => s.matches ?? [],
      ),
    );
    if (matches.includes('http://127.0.0.1/*')) break;
    if (i > 100) throw new Error('the content script was not registered for 127.0.0.1');
    await new Promise((r) => setTimeout(r, 100));
  }
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url('/terms.html'));
  await page.waitForFunction(() => (CSS.highlights.get('termlens-term')?.size ?? 0) > 0, null, { timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the preview card', () => {
  it('is at most 320 px tall with its actions in view, and More opens the other senses', async () => {
    await hover(page, await centreOf(page, '#secret', 'Secret'));
    await expect.poll(() => card().isVisible(), { timeout: 5000 }).toBe(true);
    const box = await card().boundingBox();
    expect(box!.height).toBeLessThanOrEqual(322);
    const foot = await page.locator('termlens-card .tl-foot').boundingBox();
    expect(foot!.y + foot!.height).toBeLessThanOrEqual(box!.y + box!.height + 1);
    await page.locator('termlens-card .tl-more').click();
    expect(await page.locator('termlens-card .tl-sense').count()).toBeGreaterThanOrEqual(2);
    expect((await card().boundingBox())!.height).toBeLessThanOrEqual(322);
    await page.keyboard.press('Escape');
    await expect.poll(() => card().isVisible()).toBe(false);
  });

  it('never takes Tab from a textarea', async () => {
    await page.locator('#notes').focus();
    await hover(page, await centreOf(page, '#prose', 'kube-proxy'));
    await expect.poll(() => card().isVisible(), { timeout: 5000 }).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pick');
  });

  it('"Not here" stops highlighting the term on this site, and Undo brings it back', async () => {
    const before = await highlighted();
    await hover(page, await centreOf(page, '#prose', 'kube-proxy'));
    await expect.poll(() => card().isVisible(), { timeout: 5000 }).toBe(true);
    await page.locator('termlens-card button', { hasText: 'Not here' }).click();
    await expect.poll(highlighted, { timeout: 5000 }).toBeLessThan(before);
    // Focus is on the Undo that took the button's place.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('termlens-card')?.shadowRoot?.activeElement?.textContent))
      .toBe('Undo');
    await page.keyboard.press('Enter');
    await expect.poll(highlighted, { timeout: 5000 }).toBe(before);
  });
});
