import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionBrowser } from './harness';

describe('the built extension in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads its background service worker', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('answers a message from the popup with the bundled index', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    const reply = await sendFromPage<{ termCount: number; packs: unknown[] }>(popup, { type: 'stats' });
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.value.termCount).toBeGreaterThan(0);
    expect(reply.value.packs.length).toBeGreaterThan(0);
    // …and the popup renders what the background said.
    await expect
      .poll(() => popup.getByTestId('stats').textContent())
      .toBe(`${reply.value.termCount} terms in ${reply.value.packs.length} packs`);
    expect(browser.errors).toEqual([]);
  });

  it('opens the options page', async () => {
    const options = await browser.openExtensionPage('options.html');
    await expect.poll(() => options.getByRole('heading', { level: 1 }).textContent()).toContain('Termlens');
  });
});
