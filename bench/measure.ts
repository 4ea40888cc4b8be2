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
  /**
   * Warm: the third pass in a fresh isolated world, when the wrappers the first pass made still exist.
   */
  ms: number;
  /** Cold: the first pass, which makes a wrapper for every text node (and pays whatever GC that triggers). */
  coldMs: number;
  nodes: number;
  chars: number;
}

let worlds = 0;

/**
 * The floor in fresh isolated worlds of the page's main frame (the content script runs in one too):
 * three passes in each of `count` worlds, medians of the third passes (warm) and of the first (cold).
 * The first pass costs 2-4× the third: it makes every wrapper, and its allocations trigger GCs whose cost
 * depends on the young generation's size at that moment (with --min-semi-space-size=16 the first pass
 * drops from ~80 to ~54 ms and the third is ~22 ms; the scan does not change). When that generation is
 * too small to keep the wrappers, a later pass costs as much as the first (~70 ms without the
 * extension). A median of passes in one world, as measured before, was the second pass: either.
 */
export async function isolatedFloor(context: BrowserContext, page: Page, count = 3): Promise<Floor> {
  const cold: number[] = [];
  const warm: number[] = [];
  let first: Floor | undefined;
  for (let k = 0; k < count; k++) {
    const runs = await inIsolatedWorld<Floor>(context, page, `bench-floor-${++worlds}`, [
      FLOOR_EXPRESSION,
      FLOOR_EXPRESSION,
      FLOOR_EXPRESSION,
    ]);
    first ??= runs[0]!;
    cold.push(runs[0]!.ms);
    warm.push(runs[2]!.ms);
  }
  return { ...first!, ms: median(warm), coldMs: median(cold) };
}

/** Evaluate expressions in turn in a fresh isolated world of the page (as an extension's content script would run); promises are awaited. */
export async function inIsolatedWorld<T>(
  context: BrowserContext,
  page: Page,
  worldName: string,
  expressions: readonly string[],
): Promise<T[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName })) as {
      executionContextId: number;
    };
    const out: T[] = [];
    for (const expression of expressions) {
      const r = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId: executionContextId,
        returnByValue: true,
        awaitPromise: true,
      })) as { result: { value: T }; exceptionDetails?: { text: string } };
      if (r.exceptionDetails) throw new Error(`isolated world: ${r.exceptionDetails.text}`);
      out.push(r.result.value);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** The floor in the page's main world: its third pass (warm) and its first (cold). Call it before anything else reads the page from the main world. */
export async function mainFloor(page: Page): Promise<Floor> {
  const runs: Floor[] = [];
  for (let i = 0; i < 3; i++) runs.push(await page.evaluate(FLOOR_EXPRESSION));
  return { ...runs[0]!, ms: runs[2]!.ms, coldMs: runs[0]!.ms };
}

export interface MeasureEntry {
  duration: number;
  startTime: number;
  detail: Record<string, number>;
}

/** Wait until the timeline holds more than `after` measures of that name; returns the newest. */
export async function waitMeasure(page: Page, name: string, after = 0, timeout = 60_000): Promise<MeasureEntry> {
  await page.waitForFunction(([n, a]) => performance.getEntriesByName(n as string).length > (a as number), [name, after] as const, {
    timeout,
    polling: 20,
  });
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n) as PerformanceMeasure[];
    const e = all[all.length - 1]!;
    return { duration: e.duration, startTime: e.startTime, detail: (e.detail ?? {}) as Record<string, number> };
  }, name);
}

export const countMeasures = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

/** Frame cost per highlight state (see frameCostStates): medians, and paired differences with `off`. */
export interface FrameStates {
  /** Median wall time of the frame (rAF callback → setTimeout(0)) per state, ms. */
  ms: Record<string, number>;
  /** Median over rounds of (state − off) within the round, wall time: drift between rounds cancels. */
  added: Record<string, number>;
  /** Median main-thread CPU time of the frame's task (from a trace) per state, ms. */
  cpu: Record<string, number>;
  /** Median over rounds of (state − off), CPU time: unaffected by the renderer being descheduled. */
  cpuAdded: Record<string, number>;
  /** Ranges registered in each state. */
  ranges: Record<string, number>;
}

const FRAME_MARK = 'termlens-bench:frame:';

/**
 * Frame cost in one page load with Termlens's highlights in up to three states, interleaved frame by
 * frame (the order alternates every round): `on` as registered, `visible` only the ranges that
 * intersect the viewport (the cheapest alternative that keeps what is on screen highlighted), `off`
 * none registered. A frame: from a requestAnimationFrame callback that changes one visible text node
 * to a setTimeout(0) queued in it (style, layout and paint of that frame in between). A trace of the
 * run gives each frame's task CPU time too: on this shared machine a frame's wall time swings by
 * ±10 ms with scheduling, its CPU time far less.
 */
export async function frameCostStates(
  context: BrowserContext,
  page: Page,
  rounds = 15,
  states: readonly string[] = ['on', 'visible', 'off'],
): Promise<FrameStates> {
  const { value: sampled, events } = await traced(context, page, 'toplevel,blink.user_timing', () =>
    page.evaluate(inPageFrameStates, { rounds, states, mark: FRAME_MARK }),
  );
  // Each measured frame's mark lies inside the task that ran the frame (BeginMainFrame: animation
  // callbacks, style, layout, paint): that task's thread time.
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const marks = events.filter((e) => e.name.startsWith(FRAME_MARK)).sort((a, b) => a.ts - b.ts);
  // The k-th mark is round k / states.length's frame of the state it names.
  const cpuRounds: Array<Record<string, number>> = sampled.rounds.map(() => ({}));
  marks.forEach((m, k) => {
    const task = tasks.find((t) => t.tid === m.tid && t.ts <= m.ts && m.ts <= t.ts + (t.dur ?? 0));
    const round = cpuRounds[Math.floor(k / states.length)];
    if (round && task?.tdur !== undefined) round[m.name.slice(FRAME_MARK.length)] = task.tdur / 1000;
  });
  // Round 0 warms up.
  const summary = (list: Array<Record<string, number>>) => {
    const per: Record<string, number> = {};
    const diff: Record<string, number> = {};
    for (const s of states) {
      per[s] = median(
        list
          .slice(1)
          .map((r) => r[s]!)
          .filter(Number.isFinite),
      );
      if (s !== 'off')
        diff[s] = median(
          list
            .slice(1)
            .map((r) => r[s]! - r.off!)
            .filter(Number.isFinite),
        );
    }
    return { per, diff };
  };
  const wall = summary(sampled.rounds);
  const cpu = summary(cpuRounds);
  return { ms: wall.per, added: wall.diff, cpu: cpu.per, cpuAdded: cpu.diff, ranges: sampled.ranges };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  tid: number;
  dur?: number;
  tdur?: number;
}

/** Run `fn` with a DevTools trace of the page's renderer recording `categories`. */
async function traced<T>(
  context: BrowserContext,
  page: Page,
  categories: string,
  fn: () => Promise<T>,
): Promise<{ value: T; events: TraceEvent[] }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  try {
    return { value: await fn(), events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
}

/** frameCostStates's page side: one wall-time sample per state per round (round 0 included). */
async function inPageFrameStates({ rounds, states, mark }: { rounds: number; states: readonly string[]; mark: string }) {
  const saved = [...CSS.highlights].filter(([n]) => String(n).startsWith('termlens'));
  const visible: Array<[string, Highlight]> = [];
  const probe = document.createRange();
  for (const [name, h] of saved) {
    const keep = new Highlight();
    keep.priority = h.priority;
    for (const r of h) {
      probe.setStart(r.startContainer, r.startOffset);
      probe.setEnd(r.endContainer, r.endOffset);
      const box = probe.getBoundingClientRect();
      if (box.bottom >= 0 && box.top <= innerHeight) keep.add(r);
    }
    visible.push([name, keep]);
  }
  const set = (list: Array<[string, Highlight]>) => {
    for (const [n] of saved) CSS.highlights.delete(n);
    for (const [n, h] of list) CSS.highlights.set(n, h);
  };
  const apply: Record<string, () => void> = { on: () => set(saved), visible: () => set(visible), off: () => set([]) };
  const count = (list: Array<[string, Highlight]>) => list.reduce((a, [, h]) => a + h.size, 0);
  const ranges: Record<string, number> = { on: count(saved), visible: count(visible), off: 0 };
  const pos = document.caretPositionFromPoint(innerWidth / 2, innerHeight / 2);
  let node = pos?.offsetNode.nodeType === 3 && (pos.offsetNode as Text).data.trim() ? (pos.offsetNode as Text) : null;
  if (!node) {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode() as Text | null; t && !node; t = w.nextNode() as Text | null) {
      const r = t.parentElement?.getBoundingClientRect();
      if (r && r.top >= 0 && r.bottom <= innerHeight && t.data.trim()) node = t;
    }
  }
  if (!node) throw new Error('no visible text node');
  const text = node;
  const original = text.data;
  const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
  const out: Array<Record<string, number>> = [];
  try {
    for (let i = 0; i < rounds + 1; i++) {
      const round: Record<string, number> = {};
      for (const s of i % 2 ? [...states].reverse() : states) {
        apply[s]!();
        // The registry change is validated in the next frame: measure a later one.
        await frame();
        await frame();
        round[s] = await new Promise<number>((done) =>
          requestAnimationFrame(() => {
            const t0 = performance.now();
            performance.mark(mark + s);
            text.data = text.data === original ? `${original}x` : original;
            setTimeout(() => done(performance.now() - t0), 0);
          }),
        );
      }
      out.push(round);
    }
  } finally {
    set(saved);
    text.data = original;
  }
  return { rounds: out, ranges };
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
    const b = (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; firstHighlight: number | null } })
      .__bench;
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
