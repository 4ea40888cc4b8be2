// Real-browser harness: Debian Chromium (through playwright-core) with the built extension loaded,
// fixture pages served from 127.0.0.1, and helpers to reach the extension's own pages.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
// TERMLENS_OUT_DIR: the same variable wxt.config.ts builds into (lets a run use its own build).
export const EXTENSION_DIR = join(
  process.env.TERMLENS_OUT_DIR ? resolve(process.env.TERMLENS_OUT_DIR) : join(ROOT, '.output'),
  'chrome-mv3',
);
export const FIXTURE_PAGES = join(ROOT, 'tests/fixtures/pages');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** Flags that keep Chromium quiet on a machine without internet. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // 127.0.0.2 serves the self-hosted-site fixtures (Grafana, Argo CD) on a second origin: IP literals are mapped too.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2, EXCLUDE localhost',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface FixtureServer {
  origin: string;
  port: number;
  url(path: string): string;
  /** Send the second part of every page held at its hold marker now. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Where a fixture page is cut (the marker itself is not sent): the server holds the second part until
 * the test calls release(), so a test can look at the page while it is still arriving, however slow
 * the machine. HOLD_MAX_MS: sent anyway after this long, so a test that never releases cannot hang.
 */
const HOLD_MARKER = '<!-- termlens:hold -->';
export const HOLD_MAX_MS = 30_000;

/** Serve a folder on 127.0.0.1 (any path without an extension falls back to index.html for SPA fixtures). */
export async function serveFixtures(dir = FIXTURE_PAGES, host = '127.0.0.1'): Promise<FixtureServer> {
  const held = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
    } catch {
      // SPA routes like /app/settings resolve to the app's own index.html.
      const spaRoot = path.split('/').filter(Boolean)[0];
      file = spaRoot ? join(dir, spaRoot, 'index.html') : file;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      // A page with a hold marker arrives in two parts (start-up while the page is still being parsed).
      const hold = extname(file) === '.html' ? body.indexOf(HOLD_MARKER) : -1;
      if (hold < 0) {
        res.end(body);
        return;
      }
      res.write(body.subarray(0, hold));
      const send = () => {
        clearTimeout(timer);
        held.delete(send);
        res.end(body.subarray(hold + HOLD_MARKER.length));
      };
      const timer = setTimeout(send, HOLD_MAX_MS);
      held.add(send);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    release: () => [...held].forEach((send) => send()),
    close: () =>
      new Promise<void>((done) => {
        [...held].forEach((send) => send());
        server.close(() => done());
      }),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  /** An extension page such as `popup.html` or `options.html`, opened in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Grant an optional host permission as a user who allowed it: permissions.onAdded fires in the background. */
  grantHost(pattern: string): Promise<void>;
  /** Collected page errors and console errors of every page opened in this context. */
  errors: string[];
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchExtension(
  options: { userDataDir?: string; headless?: boolean; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  try {
    statSync(join(extensionDir, 'manifest.json'));
  } catch {
    throw new Error(`No build at ${extensionDir}: run \`npm run build\` first.`);
  }
  try {
    statSync(CHROMIUM_PATH);
  } catch {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (\`apt-get install chromium\`) or set CHROMIUM_PATH.`,
    );
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'termlens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    viewport: { width: 1280, height: 800 },
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await serviceWorker()).url()).host;

  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    errors,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async grantHost(pattern) {
      // Headless Chromium can't click a permission prompt. Record the host the way the browser's
      // site-access menu does, then let an extension page request it from a click, as the popup's
      // switch does: the request succeeds without a prompt and the background sees permissions.onAdded.
      const settings = await context.newPage();
      await settings.goto('chrome://extensions');
      await settings.evaluate(
        ([id, p]) =>
          new Promise<void>((done, fail) => {
            const api = (
              globalThis as unknown as {
                chrome: {
                  developerPrivate: { addHostPermission(id: string, p: string, cb: () => void): void };
                  runtime: { lastError?: { message: string } };
                };
              }
            ).chrome;
            api.developerPrivate.addHostPermission(id, p, () =>
              api.runtime.lastError ? fail(new Error(api.runtime.lastError.message)) : done(),
            );
          }),
        [extensionId, pattern] as const,
      );
      await settings.close();
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.evaluate((p) => {
        const button = document.createElement('button');
        button.id = 'e2e-grant';
        button.onclick = () => {
          const api = (globalThis as unknown as { chrome: { permissions: { request(q: { origins: string[] }): Promise<boolean> } } })
            .chrome;
          void api.permissions.request({ origins: [p] }).then(
            (granted) => button.setAttribute('data-granted', String(granted)),
            (e: Error) => button.setAttribute('data-granted', e.message),
          );
        };
        document.body.prepend(button);
      }, pattern);
      await page.click('#e2e-grant');
      const granted = await (await page.waitForSelector('#e2e-grant[data-granted]')).getAttribute('data-granted');
      await page.close();
      if (granted !== 'true') throw new Error(`${pattern} was not granted: ${granted}`);
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Send a protocol message to the background from an extension page, as the popup does. */
export function sendFromPage<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  return page.evaluate(
    (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(m),
    message,
  );
}

/** The text of each range registered under a highlight name in a page or a frame (StaticRanges have no toString). */
export function highlightedText(page: Page | Frame, name = 'termlens-term'): Promise<string[]> {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    if (!h) return [];
    return [...h].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }, name);
}

/**
 * Wait for the content script's `count`-th whole-page scan to have its highlights in place (its
 * `termlens:scan` measure follows the window chosen after the first frame). The first highlights come
 * earlier, from the top of the page, before the window drops what is far from the viewport: a test
 * that records "the page's highlights" reads them after this.
 */
export async function scanned(page: Page, count = 1): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('termlens:scan').length >= n, count, { timeout: 20_000 });
}
