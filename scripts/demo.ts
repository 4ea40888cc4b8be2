// `npm run demo`: Chromium with the freshly built extension on the bundled demo page.
// With a display it opens a window and waits until you close it; headless it hovers a term,
// saves a screenshot and prints where.
import { resolve } from 'node:path';
import { launchExtension, sendFromPage, serveFixtures } from '../tests/e2e/harness';

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const screenshot = resolve(process.env.TERMLENS_DEMO_SCREENSHOT ?? 'demo-screenshot.png');

const server = await serveFixtures();
const browser = await launchExtension({ headless });
try {
  // The demo page is served from 127.0.0.1: grant it the way a user would from the popup.
  await browser.grantHost(`${server.origin}/*`);
  // The homelab pack's home is unknown, so its house rules (avoid words) flag nothing until the user
  // gives it a scope: the demo gives it this page's host, as a user would on the options page.
  const options = await browser.openExtensionPage('/options.html');
  await sendFromPage(options, { type: 'setPackScope', id: 'homelab-infra', scope: [new URL(server.origin).host] });
  await options.close();
  const page = await browser.context.newPage();
  await page.goto(server.url('/demo.html'));
  // Wait for the first highlights (the registry is the document's, so the page can see it).
  await page
    .waitForFunction(() => (CSS.highlights?.get('termlens-term')?.size ?? 0) > 0, undefined, { timeout: 10_000 })
    .catch(() => console.warn('demo: no highlights appeared within 10 s'));
  const term = page.locator('[data-demo-hover]').first();
  if (await term.count()) {
    const box = await term.boundingBox();
    if (box) await page.mouse.move(box.x + 8, box.y + box.height / 2);
    await page.waitForSelector('termlens-card', { timeout: 5_000 }).catch(() => console.warn('demo: the hover card did not open'));
    await page.waitForTimeout(300);
  }
  if (headless) {
    await page.screenshot({ path: screenshot });
    console.log(`Termlens demo: screenshot saved to ${screenshot}`);
  } else {
    console.log('Termlens demo: Chromium is open on the demo page. Close the window to finish.');
    await new Promise<void>((done) => browser.context.on('close', () => done()));
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.close();
}
