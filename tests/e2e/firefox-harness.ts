// Real-Firefox harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no
// geckodriver, nothing downloaded), with the built Firefox package installed as a temporary add-on.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT } from './harness';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/**
 * The package the Firefox e2e tests install: `wxt build -b firefox` (MV3, the one shipped), or with
 * TERMLENS_FIREFOX_MV2=1 the `wxt build -b firefox --mv2` package, to compare the two.
 */
export const FIREFOX_EXTENSION_DIR = join(
  process.env.TERMLENS_OUT_DIR ? resolve(process.env.TERMLENS_OUT_DIR) : join(ROOT, '.output'),
  process.env.TERMLENS_FIREFOX_MV2 === '1' ? 'firefox-mv2' : 'firefox-mv3',
);
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'termlens@example.org';
/** A fixed moz-extension:// host, so tests can open the extension's pages by URL. */
export const FIREFOX_EXTENSION_UUID = '3f6e2a8c-5b1d-4c7e-9a2f-0d8b6e4c1a57';

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
  /** console.error messages and uncaught errors of web pages, extension pages and the background page. */
  errors: string[];
  /** Open an extension page (`popup.html?tab=3`) in a new tab, loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Grant an optional host permission as a user who allowed it (permissions.request from a real click). */
  grantHost(pattern: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Errors in Firefox's console output (devtools.console.stdout.content): `console.error: …` lines, and
 * `JavaScript error: <url>, line n: …` lines of a page or extension page (the others are Firefox's own
 * code, chrome:// and resource://, which a headless run without network makes noisy). Firefox's own
 * modules also log through named console instances, `console.error: RSLoader: …`: a bare name and a
 * colon where a page's or extension's message starts with its first argument's value.
 */
const FIREFOX_CONSOLE_INSTANCE = /^console\.error: [A-Z][\w.]*:(\s|$)/;

export function consoleErrors(output: string, origins: string[]): string[] {
  return output
    .split('\n')
    .filter(
      (line) =>
        (line.startsWith('console.error: ') && !FIREFOX_CONSOLE_INSTANCE.test(line)) ||
        (line.startsWith('JavaScript error: ') && origins.some((o) => line.startsWith(`JavaScript error: ${o}`))),
    )
    .map((line) => line.trim());
}

/** Load an extension page in `page` and wait until it is parsed and its scripts ran. */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  // Puppeteer's navigation tracking loses a moz-extension:// load (it never reports it done): start it,
  // then watch the document itself.
  void page.goto(url, { timeout: 2_000 }).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await page.evaluate(() => [location.href, document.readyState]).catch(() => ['', '']);
    if (state[0] === url && state[1] === 'complete') return;
    if (Date.now() > deadline) throw new Error(`${url} did not load: at ${state[0]} (${state[1]})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `geckoId`: a build made with TERMLENS_GECKO_ID (the add-on id it was built under). */
export async function launchFirefoxExtension(options: { extensionDir?: string; geckoId?: string } = {}): Promise<FirefoxExtensionBrowser> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const geckoId = options.geckoId ?? GECKO_ID;
  try {
    statSync(join(extensionDir, 'manifest.json'));
  } catch {
    throw new Error(`No Firefox build at ${extensionDir}: run \`npm run build:firefox\` first.`);
  }
  try {
    statSync(FIREFOX_PATH);
  } catch {
    throw new Error(
      `Firefox not found at ${FIREFOX_PATH}: install Debian's firefox-esr (\`apt-get install firefox-esr\`) or set FIREFOX_PATH.`,
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Lets the BiDi session open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
      // permissions.request() from a click is granted without the doorhanger a headless run cannot answer.
      'extensions.webextOptionalPermissionPrompts': false,
      // Every console message of content processes (web pages, extension pages, the background page,
      // content scripts) goes to stdout. Firefox's own parent-process messages (.chrome) stay out: they
      // are its network-less noise, not Termlens's.
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': false,
      // Firefox's experiments (Nimbus) log an error when they cannot reach their server (no network here).
      'app.shield.optoutstudies.enabled': false,
      'nimbus.rollouts.enabled': false,
      'browser.preferences.experimental': false,
    },
  });
  let output = '';
  const collect = (chunk: Buffer | string) => (output += String(chunk));
  browser.process()?.stdout?.on('data', collect);
  browser.process()?.stderr?.on('data', collect);
  const installed = await browser.installExtension(extensionDir);
  if (installed !== geckoId) throw new Error(`installed ${installed}, expected ${geckoId}`);
  const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  const openExtensionPage = async (path: string) => {
    const page = await browser.newPage();
    await gotoExtensionPage(page, `${origin}/${path}`);
    return page;
  };

  return {
    browser,
    origin,
    get errors() {
      return consoleErrors(output, [origin, 'http://127.0.0.1', 'http://127.0.0.2']);
    },
    openExtensionPage,
    async grantHost(pattern) {
      const page = await openExtensionPage('options.html');
      await page.evaluate((p) => {
        const button = document.createElement('button');
        button.id = 'e2e-grant';
        button.textContent = 'grant';
        button.style.cssText = 'position: fixed; top: 0; left: 0; width: 120px; height: 40px; z-index: 2147483647';
        button.onclick = () => {
          const api = (globalThis as unknown as { browser: { permissions: { request(q: { origins: string[] }): Promise<boolean> } } })
            .browser;
          void api.permissions.request({ origins: [p] }).then(
            (granted) => button.setAttribute('data-granted', String(granted)),
            (e: Error) => button.setAttribute('data-granted', e.message),
          );
        };
        document.body.prepend(button);
      }, pattern);
      await page.mouse.click(60, 20);
      const granted = await (await page.waitForSelector('#e2e-grant[data-granted]'))!.evaluate((b) => b.getAttribute('data-granted'));
      await page.close();
      if (granted !== 'true') throw new Error(`${pattern} was not granted: ${granted}`);
    },
    async close() {
      await browser.close();
    },
  };
}
