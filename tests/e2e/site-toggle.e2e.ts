// In real Chromium: turning the site off from the popup clears the open page's
// highlights without a reload, on again brings them back, and the choice survives a browser restart.
// The highlight style switches the same way (by highlight name, never by rewriting rules).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightedText, launchExtension, scanned, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { openPopup, tabIdOf } from './popup-helpers';

let server: FixtureServer;
let profile: string;
let browser: ExtensionBrowser | undefined;

beforeAll(async () => {
  server = await serveFixtures();
  profile = mkdtempSync(join(tmpdir(), 'termlens-site-toggle-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

const siteSwitch = (popup: Page) => popup.getByRole('switch', { name: /^Termlens is o(n|ff) on 127\.0\.0\.1$/ });
/** Page errors only: a missing favicon is not the page's or Termlens's fault. */
const pageErrors = (b: ExtensionBrowser) => b.errors.filter((e) => !e.includes('Failed to load resource'));

describe('turning a site off and on from the popup', () => {
  it('clears and restores the highlights on the open page, without a reload', async () => {
    browser = await launchExtension({ userDataDir: profile });
    await browser.grantHost('http://127.0.0.1/*');
    const page = await browser.context.newPage();
    await page.goto(server.url('/popup-page.html'));
    await scanned(page);
    const before = await highlightedText(page);
    expect(before).toEqual(expect.arrayContaining(['kubelet', 'PodDisruptionBudget']));
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const popup = await openPopup(browser, await tabIdOf(await browser.serviceWorker(), page));
    await expect.poll(() => siteSwitch(popup).getAttribute('aria-checked')).toBe('true');

    // The style picks the names the ranges are registered under; the rules ship with the content
    // script, so nothing is written into the page and its stylesheets stay as they were.
    const sheets = () => page.evaluate(() => document.styleSheets.length);
    const sheetsBefore = await sheets();
    // The radios follow the stored setting (controlled), so click and wait for the page instead of check().
    const style = (name: string) => popup.getByRole('radio', { name }).click();
    await style('Underline');
    await expect.poll(() => highlightedText(page, 'termlens-term-underline')).toEqual(before);
    expect(await highlightedText(page, 'termlens-term')).toEqual([]);
    const underline = await page.evaluate(() => getComputedStyle(document.body, '::highlight(termlens-term-underline)').textDecorationLine);
    expect(underline).toBe('underline');
    await style('None (hover only)');
    await expect.poll(() => highlightedText(page, 'termlens-term-underline')).toEqual([]);
    expect(await highlightedText(page, 'termlens-term')).toEqual([]);
    await style('Background');
    await expect.poll(() => highlightedText(page)).toEqual(before);
    expect(await sheets()).toBe(sheetsBefore);

    await siteSwitch(popup).click();
    await expect.poll(() => siteSwitch(popup).getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => highlightedText(page)).toEqual([]);

    await siteSwitch(popup).click();
    await expect.poll(() => siteSwitch(popup).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => highlightedText(page)).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    // Off again, and keep it off across a restart.
    await siteSwitch(popup).click();
    await expect.poll(() => highlightedText(page)).toEqual([]);
    expect(pageErrors(browser)).toEqual([]);
    await browser.close({ keepProfile: true });
    browser = undefined;
  });

  it('remembers the choice after the browser restarts, and can turn the site back on', async () => {
    browser = await launchExtension({ userDataDir: profile });
    const worker = await browser.serviceWorker();
    const page = await browser.context.newPage();
    await page.goto(server.url('/popup-page.html'));
    const popup = await openPopup(browser, await tabIdOf(worker, page));
    // The grant and the content script's registration survived too: the site is simply off.
    await expect.poll(() => siteSwitch(popup).getAttribute('aria-checked')).toBe('false');
    expect(await popup.getByText(/asks your browser for access/).count()).toBe(0);
    expect(await highlightedText(page)).toEqual([]);

    await siteSwitch(popup).click();
    await expect.poll(() => highlightedText(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(['kubelet', 'PodDisruptionBudget']));
    expect(pageErrors(browser)).toEqual([]);
  });
});

describe('pausing Termlens everywhere from the popup', () => {
  it('welcomes on install, clears the open page on pause and greys the toolbar, restores it on resume', async () => {
    const pauseProfile = mkdtempSync(join(tmpdir(), 'termlens-pause-'));
    const b = await launchExtension({ userDataDir: pauseProfile });
    try {
      // A fresh profile is an install: the welcome page opens by itself.
      await expect.poll(() => b.context.pages().some((p) => p.url().endsWith('/welcome.html')), { timeout: 15_000 }).toBe(true);
      await b.grantHost('http://127.0.0.1/*');
      const page = await b.context.newPage();
      await page.goto(server.url('/popup-page.html'));
      await scanned(page);
      const before = await highlightedText(page);
      expect(before).toEqual(expect.arrayContaining(['kubelet', 'PodDisruptionBudget']));
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      const worker = await b.serviceWorker();
      const tabId = await tabIdOf(worker, page);
      type Action = { action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> } };
      const badge = () =>
        worker.evaluate((id) => (globalThis as unknown as { chrome: Action }).chrome.action.getBadgeText({ tabId: id }), tabId);
      const title = () =>
        worker.evaluate((id) => (globalThis as unknown as { chrome: Action }).chrome.action.getTitle({ tabId: id }), tabId);
      await expect.poll(title).toBe('Termlens');

      const popup = await openPopup(b, tabId);
      const pause = popup.getByRole('switch', { name: 'Pause Termlens everywhere' });
      await expect.poll(() => pause.getAttribute('aria-checked')).toBe('false');
      await pause.click();
      await expect.poll(() => pause.getAttribute('aria-checked')).toBe('true');
      await expect.poll(() => highlightedText(page)).toEqual([]);
      await expect.poll(badge).toBe('off');
      expect(await title()).toBe('Termlens is paused everywhere');

      await pause.click();
      await expect.poll(() => pause.getAttribute('aria-checked')).toBe('false');
      await expect.poll(() => highlightedText(page)).toEqual(before);
      await expect.poll(badge).toBe('');
      expect(await title()).toBe('Termlens');
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(pageErrors(b)).toEqual([]);
    } finally {
      await b.close();
      rmSync(pauseProfile, { recursive: true, force: true });
    }
  });
});
