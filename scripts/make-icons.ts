// Renders assets/icon.svg to the PNG sizes the stores and browsers ask for: public/icon/<size>.png
// (WXT lists them as the manifest's icons) and a greyed copy in public/icon-off/<size>.png, which the
// background shows on tabs where Termlens is off. Each size is drawn from the vector at that size, so
// small icons are not scaled-down bitmaps. Run: `npx tsx scripts/make-icons.ts` after changing the SVG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const ICON_SIZES = [16, 32, 48, 96, 128] as const;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

const svg = readFileSync(join(ROOT, 'assets/icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
// The "off" look: no colour and faded, as toolbar icons of paused extensions are.
const VARIANTS = [
  { dir: 'public/icon', filter: 'none' },
  { dir: 'public/icon-off', filter: 'grayscale(1) opacity(0.5)' },
] as const;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { dir, filter } of VARIANTS) {
    mkdirSync(join(ROOT, dir), { recursive: true });
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent"><img id="i" src="${dataUrl}" width="${size}" height="${size}" style="display:block;filter:${filter}"></body></html>`,
      );
      await page.locator('#i').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(join(ROOT, dir, `${size}.png`), png);
      console.log(`${dir}/${size}.png (${png.length} bytes)`);
    }
  }
} finally {
  await browser.close();
}
