// Pages that push the content script where ordinary pages do not: an endless feed (a page appending
// 1,000 paragraphs a second for 10 s, as a chat log or an infinite-scroll list does) and one 5 MB text
// node (a raw log or a minified file shown in a <pre>). Each is loaded with the extension and without it,
// and what the page feels is compared: long tasks, late timers, whether highlights keep up.
// bench/METHOD.md describes the figures. Not a test: nothing here asserts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveFixtures } from '../tests/e2e/harness';
import type { BenchBrowser } from './browser';

export const FEED = { perTick: 100, tickMs: 100, seconds: 10 } as const;
export const HUGE_TEXT_BYTES = 5 * 2 ** 20;
const SCROLL_SECONDS = 5;

export interface FeedResult {
  /** The longest task (Long Tasks API) in each second of the feed, ms; 0 where none was over 50 ms. */
  longestPerSecond: number[];
  /** Same, without the extension. */
  plainLongestPerSecond: number[];
  /** Termlens's own updates in each second: the longest task an update ran (its measure's detail). */
  updateLongestPerSecond: number[];
  paragraphs: number;
  /** Whether the last 100 paragraphs have highlights once the page is scrolled to its bottom. */
  highlightsAtBottom: boolean;
}

export interface HugeTextResult {
  bytes: number;
  /** How late a 10 ms interval timer ran while the page scrolled through the text, ms. */
  timerLateMax: number;
  timerLateP95: number;
  plainTimerLateMax: number;
  plainTimerLateP95: number;
  /** The first scan of the page, ms of work (its measure), and the ranges registered after scrolling. */
  scanMs: number;
  highlighted: number;
}

export interface StressResult {
  feed: FeedResult;
  hugeText: HugeTextResult;
}

const FEED_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Termlens bench: an endless feed</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 0 24px; } p { margin: 4px 0; }</style></head>
<body><h1>Deploy channel</h1><main id="feed"></main>
<script>
  // The feed's lines: mostly chatter, a glossary term every few lines, as in a real deploy channel.
  const lines = [
    'rolled out the new build to the canary hosts, looks fine so far',
    'the kubelet on worker-17 restarted after the kernel update',
    'anyone else seeing slow CI on the main branch this morning?',
    'PodDisruptionBudget kept two replicas up during the drain',
    'merged, thanks for the quick review',
    'Argo CD shows the app as OutOfSync after the last push',
    'lunch in ten minutes, back after that',
    'goose_db_version is at 42 on staging now',
  ];
  window.__feed = (perTick, tickMs, seconds) => new Promise((done) => {
    const feed = document.getElementById('feed');
    let n = 0;
    const start = performance.now();
    const timer = setInterval(() => {
      const batch = document.createDocumentFragment();
      for (let i = 0; i < perTick; i++, n++) {
        const p = document.createElement('p');
        p.textContent = '#' + n + ' ' + lines[n % lines.length];
        batch.append(p);
      }
      feed.append(batch);
      if (performance.now() - start >= seconds * 1000) {
        clearInterval(timer);
        done({ start, paragraphs: n });
      }
    }, tickMs);
  });
</script></body></html>
`;

function hugeTextHtml(bytes: number): string {
  const filler = 'INFO request served in 12 ms, cache hit, upstream pool healthy, nothing to report here';
  const term = 'WARN kubelet on worker-3 evicted a pod; PodDisruptionBudget respected, Argo CD sync continues';
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${String(i).padStart(7, '0')} ${i % 20 === 0 ? term : filler}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Termlens bench: one 5 MB text node</title>
<style>body { margin: 0 16px; } pre { font: 13px/1.4 monospace; white-space: pre-wrap; }</style></head>
<body><h1>build.log</h1><pre id="log">${lines.join('\n')}</pre></body></html>
`;
}

/** Long tasks and Termlens's update measures, recorded from the start of the page (main world). */
const OBSERVE = `(() => {
  // tsx (esbuild keepNames) wraps named functions of page.evaluate callbacks in __name().
  globalThis.__name = globalThis.__name || ((fn) => fn);
  window.__longTasks = [];
  window.__updates = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'termlens:update') window.__updates.push([e.startTime, (e.detail && e.detail.longestTask) || e.duration]);
  }).observe({ type: 'measure', buffered: true });
})();`;

async function openObserved(b: BenchBrowser, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.addInitScript(OBSERVE);
  await page.goto(url);
  return page;
}

/** The longest entry in each second from `start`, for `seconds` seconds (0 where there is none). */
function perSecond(entries: Array<[number, number]>, start: number, seconds: number): number[] {
  const out = new Array<number>(seconds).fill(0);
  for (const [t, d] of entries) {
    const s = Math.floor((t - start) / 1000);
    if (s >= 0 && s < seconds) out[s] = Math.max(out[s]!, Math.round(d));
  }
  return out;
}

async function runFeed(page: Page): Promise<{ longest: number[]; updates: number[]; paragraphs: number }> {
  const { start, paragraphs } = await page.evaluate(
    ([perTick, tickMs, seconds]) =>
      (window as unknown as { __feed(a: number, b: number, c: number): Promise<{ start: number; paragraphs: number }> }).__feed(
        perTick,
        tickMs,
        seconds,
      ),
    [FEED.perTick, FEED.tickMs, FEED.seconds] as const,
  );
  await page.waitForTimeout(1500);
  const { longTasks, updates } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: Array<[number, number]>; __updates: Array<[number, number]> };
    return { longTasks: w.__longTasks, updates: w.__updates };
  });
  return { longest: perSecond(longTasks, start, FEED.seconds), updates: perSecond(updates, start, FEED.seconds), paragraphs };
}

/** Scroll through the page for SCROLL_SECONDS (200 px a frame) while a 10 ms timer measures how late it runs. */
async function scrollWithTimer(page: Page): Promise<{ max: number; p95: number }> {
  return page.evaluate(
    (seconds) =>
      new Promise<{ max: number; p95: number }>((done) => {
        const late: number[] = [];
        let last = performance.now();
        const timer = setInterval(() => {
          const now = performance.now();
          late.push(Math.max(0, now - last - 10));
          last = now;
        }, 10);
        const end = performance.now() + seconds * 1000;
        const step = () => {
          scrollBy(0, 200);
          if (performance.now() < end) requestAnimationFrame(step);
          else {
            clearInterval(timer);
            late.sort((a, b) => a - b);
            done({ max: Math.round(late[late.length - 1] ?? 0), p95: Math.round(late[Math.floor(late.length * 0.95)] ?? 0) });
          }
        };
        requestAnimationFrame(step);
      }),
    SCROLL_SECONDS,
  );
}

/** `ext`: Chromium with the bench build and 127.0.0.1 granted (launchWithExtension); `plain`: without it. */
export async function measureStressPages(
  ext: BenchBrowser,
  plain: BenchBrowser,
  dir: string,
  log: (line: string) => void = () => undefined,
): Promise<StressResult> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'feed.html'), FEED_HTML);
  writeFileSync(join(dir, 'huge-text.html'), hugeTextHtml(HUGE_TEXT_BYTES));
  const server = await serveFixtures(dir);
  try {
    log('stress: endless feed');
    const withExt = await openObserved(ext, server.url('/feed.html'));
    await withExt.waitForFunction(() => performance.getEntriesByName('termlens:scan').length > 0, null, { timeout: 30_000 });
    const feed = await runFeed(withExt);
    await withExt.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await withExt.waitForTimeout(1500);
    const highlightsAtBottom = await withExt.evaluate((last) => {
      const ps = document.querySelectorAll('#feed p');
      const from = ps.length - last;
      const bottom = new Set([...ps].slice(from));
      return [...(CSS.highlights.get('termlens-term') ?? [])].some((r) =>
        bottom.has(r.startContainer.parentElement as HTMLParagraphElement),
      );
    }, 100);
    await withExt.close();
    const bare = await openObserved(plain, server.url('/feed.html'));
    const plainFeed = await runFeed(bare);
    await bare.close();

    log('stress: one 5 MB text node');
    const huge = await openObserved(ext, server.url('/huge-text.html'));
    await huge.waitForFunction(() => performance.getEntriesByName('termlens:scan').length > 0, null, { timeout: 120_000 });
    const scanMs = await huge.evaluate(() => performance.getEntriesByName('termlens:scan')[0]!.duration);
    const late = await scrollWithTimer(huge);
    const highlighted = await huge.evaluate(() => CSS.highlights.get('termlens-term')?.size ?? 0);
    await huge.close();
    const hugePlain = await openObserved(plain, server.url('/huge-text.html'));
    await hugePlain.waitForTimeout(1000);
    const plainLate = await scrollWithTimer(hugePlain);
    await hugePlain.close();

    return {
      feed: {
        longestPerSecond: feed.longest,
        plainLongestPerSecond: plainFeed.longest,
        updateLongestPerSecond: feed.updates,
        paragraphs: feed.paragraphs,
        highlightsAtBottom,
      },
      hugeText: {
        bytes: HUGE_TEXT_BYTES,
        timerLateMax: late.max,
        timerLateP95: late.p95,
        plainTimerLateMax: plainLate.max,
        plainTimerLateP95: plainLate.p95,
        scanMs: Math.round(scanMs),
        highlighted,
      },
    };
  } finally {
    await server.close();
  }
}
