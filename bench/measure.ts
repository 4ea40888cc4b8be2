// In-page measurements of the benchmark (functions run through playwright / CDP).
import type { BrowserContext, Page } from 'playwright-core';

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A bare TreeWalker pass reading every text node's data, as an expression (any world). */
export const FLOOR_EXPRESSION = `(() => {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n = 0, c = 0;
  for (let t = w.nextNode(); t; t = w.nextNode()) { c += t.data.length; n++; }
  return { ms: performance.now() - t0, nodes: n, chars: c };
})()`;

export interface Floor {
  ms: number;
  nodes: number;
  chars: number;
}

/** The floor in a fresh isolated world of the page's main frame (the content script runs in one too). */
export async function isolatedFloor(context: BrowserContext, page: Page, repeats = 3): Promise<Floor> {
  const runs = await inIsolatedWorld<Floor>(context, page, 'bench-floor', Array(repeats).fill(FLOOR_EXPRESSION) as string[]);
  return { ...runs[0]!, ms: median(runs.map((r) => r.ms)) };
}

/** Evaluate expressions in turn in a fresh isolated world of the page (as an extension's content script would run); promises are awaited. */
export async function inIsolatedWorld<T>(context: BrowserContext, page: Page, worldName: string, expressions: readonly string[]): Promise<T[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName })) as { executionContextId: number };
    const out: T[] = [];
    for (const expression of expressions) {
      const r = (await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
      if (r.exceptionDetails) throw new Error(`isolated world: ${r.exceptionDetails.text}`);
      out.push(r.result.value);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

export async function mainFloor(page: Page, repeats = 3): Promise<Floor> {
  const runs: Floor[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await page.evaluate(FLOOR_EXPRESSION));
  return { ...runs[0]!, ms: median(runs.map((r) => r.ms)) };
}

export interface MeasureEntry {
  duration: number;
  startTime: number;
  detail: Record<string, number>;
}

/** Wait until the timeline holds more than `after` measures of that name; returns the newest. */
export async function waitMeasure(page: Page, name: string, after = 0, timeout = 60_000): Promise<MeasureEntry> {
  await page.waitForFunction(([n, a]) => performance.getEntriesByName(n as string).length > (a as number), [name, after] as const, { timeout, polling: 20 });
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n) as PerformanceMeasure[];
    const e = all[all.length - 1]!;
    return { duration: e.duration, startTime: e.startTime, detail: (e.detail ?? {}) as Record<string, number> };
  }, name);
}

export const countMeasures = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

/** Highlight ranges registered by Termlens right now (CSS.highlights is per document, shared by worlds). */
export const rangeCount = (page: Page) =>
  page.evaluate(() => {
    let n = 0;
    for (const [name, h] of CSS.highlights) if (String(name).startsWith('termlens')) n += h.size;
    return n;
  });

/**
 * Frame cost: from a requestAnimationFrame callback that changes one visible text node to a setTimeout(0)
 * queued in it (style, layout and paint of that frame in between). Median of `frames` frames.
 */
export function frameCost(page: Page, frames = 15): Promise<number> {
  return page.evaluate(async (count) => {
    const pick = (): Text => {
      for (const [x, y] of [[400, 300], [300, 400], [600, 200], [200, 500]]) {
        const pos = document.caretPositionFromPoint(x!, y!);
        if (pos && pos.offsetNode.nodeType === 3 && (pos.offsetNode as Text).data.trim()) return pos.offsetNode as Text;
      }
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let t = w.nextNode() as Text | null; t; t = w.nextNode() as Text | null) {
        const r = t.parentElement?.getBoundingClientRect();
        if (r && r.top >= 0 && r.bottom <= innerHeight && t.data.trim()) return t;
      }
      throw new Error('no visible text node');
    };
    const node = pick();
    const original = node.data;
    const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
    const times: number[] = [];
    for (let i = 0; i < count + 2; i++) {
      await frame();
      await frame();
      const ms = await new Promise<number>((done) =>
        requestAnimationFrame(() => {
          const t0 = performance.now();
          node.data = i % 2 ? original : `${original}x`;
          setTimeout(() => done(performance.now() - t0), 0);
        }),
      );
      if (i >= 2) times.push(ms);
    }
    node.data = original;
    times.sort((a, b) => a - b);
    return times[times.length >> 1]!;
  }, frames);
}

export async function scrollTo(page: Page, where: 'top' | 'middle'): Promise<void> {
  await page.evaluate((w) => window.scrollTo(0, w === 'top' ? 0 : Math.floor(document.documentElement.scrollHeight / 2)), where);
  // Termlens re-windows at most every 100 ms after a scroll, in a frame.
  await page.waitForTimeout(400);
}

/** JS heap of the page's renderer isolate after a full GC (main world + any isolated worlds). */
export async function heapUsed(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Installed before any page script: collects long tasks and the time of the first Termlens highlight. */
export const INIT_SCRIPT = `(() => {
  // tsx (esbuild keepNames) wraps named functions of page.evaluate callbacks in __name().
  globalThis.__name = globalThis.__name || ((fn) => fn);
  window.__bench = { longTasks: [], firstHighlight: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    const h = globalThis.CSS && CSS.highlights && CSS.highlights.get('termlens-term');
    if (h && h.size > 0) { window.__bench.firstHighlight = performance.now(); return; }
    setTimeout(check, 2);
  };
  check();
})()`;

export interface PageTiming {
  longTasks: Array<{ start: number; duration: number }>;
  firstHighlight: number | null;
  domContentLoaded: number;
  /** How long the DOMContentLoaded dispatch took (its listeners: the page's and Termlens's start-up). */
  domContentLoadedEvent: number;
  /** First contentful paint (NaN if the page has none yet). */
  firstContentfulPaint: number;
  loadEnd: number;
}

export const pageTiming = (page: Page): Promise<PageTiming> =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; firstHighlight: number | null } }).__bench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    return {
      longTasks: b.longTasks,
      firstHighlight: b.firstHighlight,
      domContentLoaded: nav.domContentLoadedEventEnd,
      domContentLoadedEvent: nav.domContentLoadedEventEnd - nav.domContentLoadedEventStart,
      firstContentfulPaint: fcp,
      loadEnd: nav.loadEventEnd,
    };
  });
