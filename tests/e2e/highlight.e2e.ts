// In real Chromium: the right occurrences highlighted (CSS.highlights, the ranges'
// text), none in form fields, scripts or editable regions, the page's DOM unchanged; a live app keeps
// working and highlights follow it; a large page keeps the registered ranges bounded while scrolling;
// hover shows the card (both senses of a two-sense word), Esc closes it, the keyboard command opens it.
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightedText, launchExtension, sendFromPage, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { centreOf, hover } from './pointer';

interface ChromeApi {
  scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> };
  tabs: {
    query(q: { url?: string }): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

let browser: ExtensionBrowser;
let server: FixtureServer;
let worker: Worker;

beforeAll(async () => {
  browser = await launchExtension();
  server = await serveFixtures();
  // The user grants 127.0.0.1 (an optional host): permissions.onAdded → the background registers the
  // content script there (entrypoints/background/page-support.ts).
  await browser.grantHost('http://127.0.0.1/*');
  // …then the popup (whose switch asked for it) tells the background about the site, as it does.
  const popup = await browser.openExtensionPage('popup.html');
  await sendFromPage(popup, { type: 'settings', host: '127.0.0.1' });
  // The homelab pack's home is unknown: its avoid words flag nothing until the user gives it a scope.
  await sendFromPage(popup, { type: 'setPackScope', id: 'homelab-infra', scope: ['127.0.0.1'] });
  await popup.close();
  worker = await browser.serviceWorker();
  // The background registers the content script for the granted origin.
  const registered = () =>
    worker.evaluate(async () =>
      (await (globalThis as unknown as { chrome: ChromeApi }).chrome.scripting.getRegisteredContentScripts()).flatMap(
        (s) => s.matches ?? [],
      ),
    );
  for (let i = 0; !(await registered()).includes('http://127.0.0.1/*'); i++) {
    if (i > 100) throw new Error(`the content script was not registered for 127.0.0.1: ${JSON.stringify(await registered())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Ranges as data: text, the nearest element's id (or tag), whether still attached, where on screen. */
function rangeInfo(page: Page, name = 'termlens-term') {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    if (!h) return [];
    return [...h].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const parent = r.startContainer.parentElement;
      const rect = range.getBoundingClientRect();
      return {
        text: range.toString(),
        connected: r.startContainer.isConnected && r.endContainer.isConnected,
        inside: parent?.closest('[id]')?.id ?? '',
        skipped: parent?.closest('textarea, input, select, script, [contenteditable="true"]') !== null,
        top: rect.top,
        bottom: rect.bottom,
      };
    });
  }, name);
}

const card = (page: Page) => page.locator('termlens-card [role="dialog"]');

async function openFixture(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  // The content script's first scan is done (its first highlights come earlier, from the top of the page).
  // (Called from beforeAll too, where expect.poll is not available.)
  await page.waitForFunction(() => performance.getEntriesByName('termlens:scan').length > 0, null, { timeout: 20_000 });
  // Then some highlights. Not at once: on the live app, the text matched by the scan may have been
  // re-rendered before the scan's last task, and its new matches come with the next frame's update.
  const some = await page
    .waitForFunction(() => (CSS.highlights.get('termlens-term')?.size ?? 0) > 0, null, { timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!some) throw new Error(`no highlights on ${path}`);
  return page;
}

describe('highlighting on a fixture page', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openFixture('/terms.html');
  });

  it('highlights terms in prose, code, tables and shadow roots, across inline elements', async () => {
    const info = await rangeInfo(page);
    const texts = new Set(info.map((r) => r.text));
    for (const t of ['Argo CD', 'PodDisruptionBudget', 'kubelet', 'kube-proxy', 'goose_db_version', 'sync.Once', 'PDB', 'CNPG', 'Secret'])
      expect(texts).toContain(t);
    // Text split across <b>Argo</b> CD is one highlight; the shadow root's kubelet is there too.
    expect(info.filter((r) => r.text === 'Argo CD').map((r) => r.inside)).toContain('prose');
    expect(info.map((r) => r.inside)).toContain('table');
    expect(info.map((r) => r.inside)).toContain('code');
    expect(info.some((r) => r.inside === 'shadow-text' && r.text === 'kubelet')).toBe(true);
    // Nothing inside the input, textarea, select, script or the editable region.
    expect(info.filter((r) => r.skipped)).toEqual([]);
    expect(info.filter((r) => ['editor', 'notes', 'field', 'pick', 'inline-script'].includes(r.inside))).toEqual([]);
    // The avoid word is its own highlight (the packs avoid other words too, e.g. "app").
    const avoided = await rangeInfo(page, 'termlens-avoid');
    expect(avoided.filter((r) => r.inside === 'avoid').map((r) => r.text)).toEqual(['auth tier']);
    expect(avoided.filter((r) => r.skipped)).toEqual([]);
  });

  it('styles the highlights from its own stylesheet, adding no element, and shows the card on hover, with the pack’s definition', async () => {
    // The ::highlight() rules come with the content script (injected before the page is parsed), so
    // the page gets no <style> of Termlens's and no restyle when highlights appear (the last test
    // checks the whole DOM is unchanged).
    const styled = await page.evaluate(() => {
      const prose = document.querySelector('#prose')!;
      return {
        added: document.querySelectorAll('style[data-termlens], [class*="termlens"]').length,
        term: getComputedStyle(prose, '::highlight(termlens-term)').backgroundColor,
        avoid: getComputedStyle(prose, '::highlight(termlens-avoid)').backgroundColor,
        underline: getComputedStyle(prose, '::highlight(termlens-term-underline)').textDecorationStyle,
        other: getComputedStyle(prose, '::highlight(something-else)').backgroundColor,
        // The rules style :root only; elements inherit them, inside shadow trees too.
        shadow: getComputedStyle(
          document.querySelector('#widget')!.shadowRoot!.querySelector('#shadow-text')!,
          '::highlight(termlens-term)',
        ).backgroundColor,
      };
    });
    expect(styled).toEqual({
      added: 0,
      term: 'rgba(255, 196, 0, 0.28)',
      avoid: 'rgba(255, 72, 40, 0.24)',
      underline: 'dotted',
      other: 'rgba(0, 0, 0, 0)',
      shadow: 'rgba(255, 196, 0, 0.28)',
    });

    await hover(page, await centreOf(page, '#prose', 'kube-proxy'));
    await expect.poll(() => card(page).isVisible(), { timeout: 5000 }).toBe(true);
    expect(await page.locator('termlens-card .tl-sense').first().getAttribute('data-sense')).toMatch(/\/kube-proxy$/);
    expect(await card(page).getAttribute('aria-label')).toBe('Termlens: kube-proxy');
    const definition = await page.locator('termlens-card .tl-definition').first().textContent();
    expect(definition?.length).toBeGreaterThan(20);
    // The card is fixed next to the word and inside the viewport.
    const box = (await card(page).boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);

    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).isVisible()).toBe(false);
  });

  it('shows every sense of a word that several packs define, and hovers inside shadow roots', async () => {
    await hover(page, await centreOf(page, '#secret', 'Secret'));
    await expect.poll(() => card(page).isVisible(), { timeout: 5000 }).toBe(true);
    // "Secret" is an everyday word too: the card says what on the page made it a term.
    expect(await page.locator('termlens-card .tl-reason').textContent()).toMatch(/^everyday word — shown because /);
    // The other senses wait behind "More".
    await page.locator('termlens-card .tl-more').click();
    const packs = await page.locator('termlens-card .tl-pack').allTextContents();
    expect(packs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(packs).size).toBe(packs.length);
    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).isVisible()).toBe(false);

    await hover(page, await centreOf(page, '#shadow-text', 'kubelet', '#widget'));
    await expect
      .poll(() => page.locator('termlens-card .tl-sense').first().getAttribute('data-sense'), { timeout: 5000 })
      .toMatch(/\/kubelet$/);
    await expect.poll(() => card(page).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('explains the selection when the keyboard command arrives, focused, and Esc returns', async () => {
    await page.evaluate(() => {
      const text = document.querySelector('#avoid')!.firstChild as Text;
      const i = text.data.indexOf('auth tier');
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 'auth tier'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    // Headless Chromium cannot press extension shortcuts: send what the background's onCommand sends.
    const url = page.url();
    const reply = await worker.evaluate(async (u) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const [tab] = await chrome.tabs.query({ url: u });
      return chrome.tabs.sendMessage(tab!.id!, { type: 'explainSelection' });
    }, url);
    expect(reply).toEqual({ ok: true, value: { shown: true } });
    await expect.poll(() => card(page).isVisible()).toBe(true);
    expect(await page.locator('termlens-card .tl-avoid').textContent()).toBe('The team avoids “auth tier”: prefer Ingress auth');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('termlens-card');
    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('termlens-card');
  });

  it('leaves the page’s DOM exactly as it was (outside its card host)', async () => {
    const { now, before } = await page.evaluate(() => {
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('termlens-card').forEach((e) => e.remove());
      const w = window as unknown as { __fixtureBefore: { html: string; shadow: string } };
      return {
        now: { html: clone.outerHTML, shadow: document.querySelector('#widget')!.shadowRoot!.innerHTML },
        before: w.__fixtureBefore,
      };
    });
    expect(before.html).not.toContain('termlens');
    expect(now).toEqual(before);
    expect(browser.errors.filter((e) => e.includes('/terms.html'))).toEqual([]);
  });
});

describe('a live app', () => {
  it('keeps working, highlights follow its re-renders and routes, and updates are incremental', async () => {
    const page = await openFixture('/live.html');
    await expect.poll(async () => (await highlightedText(page)).includes('Argo CD'), { timeout: 10_000 }).toBe(true);
    // Let it re-render for a while: the status line is replaced 20 times a second.
    await page.waitForTimeout(1500);
    await expect
      .poll(async () => {
        const info = await rangeInfo(page);
        return info.some((r) => r.inside === 'status' && r.text === 'kubelet' && r.connected);
      })
      .toBe(true);

    // Swap routes through history.pushState: the new route's terms get highlighted.
    await page.click('a[data-route="nodes"]');
    await expect
      .poll(async () => new Set((await rangeInfo(page)).filter((r) => r.connected && r.inside === 'nodes').map((r) => r.text)), {
        timeout: 10_000,
      })
      .toEqual(new Set(['CNPG', 'PodDisruptionBudget']));
    await page.goBack();
    await expect.poll(async () => (await rangeInfo(page)).some((r) => r.connected && r.inside === 'status')).toBe(true);

    // The content script's measures are in the page's timeline; each update touched only what changed.
    const updates = await page.evaluate(() =>
      performance.getEntriesByName('termlens:update').map((e) => ({
        duration: e.duration,
        ...((e as PerformanceMeasure).detail as { nodes: number; refreshMs: number; planMs: number }),
      })),
    );
    expect(updates.length).toBeGreaterThan(10);
    const pageNodes = await page.evaluate(() => document.querySelectorAll('*').length);
    expect(Math.max(...updates.map((u) => u.nodes))).toBeLessThan(pageNodes * 2);
    const sorted = updates.map((u) => u.duration).sort((a, b) => a - b);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
    console.log(
      `termlens:update on the live app: ${updates.length} updates, median ${median(sorted)} ms (plan ${median(updates.map((u) => u.planMs))}, highlight refresh ${median(updates.map((u) => u.refreshMs))}), max ${sorted[sorted.length - 1]!.toFixed(2)} ms`,
    );
    expect(browser.errors.filter((e) => e.includes('/live'))).toEqual([]);
    await page.close();
  });
});

describe('a large page', () => {
  it('keeps the registered ranges bounded while scrolling brings new occurrences into view', async () => {
    const page = await openFixture('/large.html');
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('termlens:scan').length), { timeout: 20_000 }).toBe(1);
    const scan = await page.evaluate(
      () => (performance.getEntriesByName('termlens:scan')[0] as PerformanceMeasure).detail as { matches: number; highlighted: number },
    );
    expect(scan.matches).toBeGreaterThan(6000);
    const count = () =>
      page.evaluate(() => (CSS.highlights.get('termlens-term')?.size ?? 0) + (CSS.highlights.get('termlens-avoid')?.size ?? 0));
    expect(await count()).toBeGreaterThan(0);
    expect(await count()).toBeLessThanOrEqual(300);

    for (const fraction of [0.5, 0.9]) {
      const target = await page.evaluate((f) => {
        window.scrollTo(0, document.documentElement.scrollHeight * f);
        // The paragraph in the middle of the viewport.
        const el = document.elementFromPoint(200, innerHeight / 2)!.closest('p')!;
        return el.id;
      }, fraction);
      await expect
        .poll(async () => (await rangeInfo(page)).filter((r) => r.inside === target).length, { timeout: 5000 })
        .toBeGreaterThanOrEqual(2);
      const info = await rangeInfo(page);
      expect(info.length).toBeLessThanOrEqual(300);
      // The ranges are around the viewport (a quarter screen either side), not spread over the page.
      const viewport = page.viewportSize()!.height;
      expect(info.every((r) => r.bottom >= -viewport * 0.5 && r.top <= viewport * 1.5)).toBe(true);
    }
    await page.close();
  });
});

describe('a page still arriving when the matcher is ready', () => {
  it('highlights the parsed part in the first frame, then the whole page once parsed, with nothing left over from the preview', async () => {
    const page = await browser.context.newPage();
    // The server sends the page up to the middle of "Pod|DisruptionBudget" and holds the rest until released.
    await page.goto(server.url('/streamed.html'), { waitUntil: 'commit' });
    // While the rest is on its way: a frame's preview highlighted the part parsed so far, except "Pod"
    // at the cut, which may be the start of a longer word (it is).
    await expect.poll(() => highlightedText(page), { timeout: 15_000, interval: 20 }).toContain('kubelet');
    const preview = await highlightedText(page);
    expect(preview).not.toContain('Pod');
    expect(preview).not.toContain('kube-proxy');
    expect(await page.evaluate(() => document.readyState)).toBe('loading');
    server.release();
    await page.waitForFunction(() => performance.getEntriesByName('termlens:scan').length > 0, null, { timeout: 20_000 });
    const timing = await page.evaluate(() => ({
      firstHighlights: performance.getEntriesByName('termlens:first-highlights')[0]?.startTime ?? NaN,
      parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
    }));
    // The first highlights came from the preview, while the rest of the page was still on its way.
    expect(timing.firstHighlights).toBeLessThan(timing.parsed);
    // The scan at DOMContentLoaded replaced them: every occurrence once, the word cut by the network
    // whole (no "Pod" any more), the tail's terms too.
    const info = await rangeInfo(page);
    const found = info.map((r) => `${r.inside}:${r.text}`).sort();
    expect(found).toEqual([
      'first:Argo CD',
      'first:kubelet',
      'first:node',
      'last:kubelet',
      'split:PodDisruptionBudget',
      'split:kube-proxy',
    ]);
    expect(info.every((r) => r.connected)).toBe(true);
    await page.close();
  });
});
