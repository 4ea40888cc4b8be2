// The README's screenshots, taken from the real build in Chromium on every e2e run so they stay
// current: the hover card, the popup and the options page, each in light and dark. A file is
// rewritten only when its bytes change, so a run that renders the same pixels leaves git clean.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT, sendFromPage, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { centreOf, hover } from './pointer';
import { tabIdOf } from './popup-helpers';

const SCHEMES = ['light', 'dark'] as const;
/** A page in GitHub's dark theme: the card follows the page's own background. */
const DARK_PAGE = 'html, body { background: #0d1117 !important; color: #e6edf3 !important; }';

let browser: ExtensionBrowser;
let server: FixtureServer;

function save(name: string, png: Buffer): void {
  const path = join(ROOT, 'docs/screenshots', name);
  if (existsSync(path) && readFileSync(path).equals(png)) return;
  writeFileSync(path, png);
}

const isPng = (png: Buffer) => png.subarray(1, 4).toString('latin1') === 'PNG' && png.length > 2000;

beforeAll(async () => {
  browser = await launchExtension();
  server = await serveFixtures();
  await browser.grantHost('http://127.0.0.1/*');
  const helper = await browser.openExtensionPage('popup.html');
  // Every team pack applies on the fixture host, as after "Apply on …": the popup then names no
  // port, which changes from run to run, and the pictures stay the same.
  for (const id of ['homelab-infra', 'deployment-book', 'platform-guide'])
    await sendFromPage(helper, { type: 'setPackScope', id, scope: ['127.0.0.1'] });
  await helper.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function termsPage(scheme: (typeof SCHEMES)[number]): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(server.url('/terms.html'));
  if (scheme === 'dark') await page.addStyleTag({ content: DARK_PAGE });
  await page.waitForFunction(() => (CSS.highlights.get('termlens-term')?.size ?? 0) > 0, null, { timeout: 20_000 });
  return page;
}

describe.each(SCHEMES)('screenshots, %s', (scheme) => {
  it('of the hover card', async () => {
    const page = await termsPage(scheme);
    await hover(page, await centreOf(page, '#secret', 'Secret'));
    const card = page.locator('termlens-card [role="dialog"]');
    await expect.poll(() => card.isVisible(), { timeout: 5000 }).toBe(true);
    expect(await card.getAttribute('data-theme')).toBe(scheme);
    const box = (await card.boundingBox())!;
    const png = await page.screenshot({
      clip: { x: Math.max(0, box.x - 40), y: Math.max(0, box.y - 60), width: Math.min(480, box.width + 80), height: box.height + 80 },
    });
    expect(isPng(png)).toBe(true);
    save(`card-${scheme}.png`, png);
    await page.close();
  });

  it('of the popup about a page', async () => {
    const page = await termsPage(scheme);
    const id = await tabIdOf(await browser.serviceWorker(), page);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${id}`);
    await popup.locator('[aria-label="Terms on this page"] li').first().waitFor();
    const png = await popup.screenshot();
    expect(isPng(png)).toBe(true);
    save(`popup-${scheme}.png`, png);
    await popup.close();
    await page.close();
  });

  it('of the options page', async () => {
    const options = await browser.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('.pack').first().waitFor();
    const png = await options.screenshot();
    expect(isPng(png)).toBe(true);
    save(`options-${scheme}.png`, png);
    await options.close();
  });
});
