// Real saved pages (bench/relevance/pages, origins in bench/relevance/ORIGINS.md), each loaded at its
// original URL from the saved copy, in Chromium with the extension and in Chromium without it. Per load:
// a DevTools trace of the whole load (Termlens's calls, the layouts inside them, its longest task, the
// content script's evaluation inside the parser), the Long Tasks API, Termlens's own measures (first
// scan, rescan after an in-page navigation, first highlights). The floors come from loads without the
// extension: a fresh isolated world's first TreeWalker pass over every text node (cold) and its third (warm).
import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../tests/e2e/harness';
import type { BenchBrowser } from './browser';
import { FLOOR_EXPRESSION, inIsolatedWorld, INIT_SCRIPT, median, waitMeasure, type Floor } from './measure';
import { readCorpus, type CorpusPage } from './relevance/labels';
import { grantOrigins, serveCorpus } from './relevance/measure';

/** GitHub conversation and files changed, a larger on-topic conversation, one Grafana and one Argo CD view. */
export const REAL_PAGES = [
  'github-pr-octolinker-conversation',
  'github-pr-octolinker-files',
  'github-pr-neco-apps-argocd-outofsync',
  'grafana-cnpg-dashboard',
  'argocd-cnpg-application',
] as const;

const VIEWPORT = { width: 1280, height: 800 };
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink.user_timing', 'v8.execute'].join(
  ',',
);
/** A layout or style recalc inside a Termlens call longer than this is counted as forced. */
const FORCED_MIN_MS = 1;
/** After the first scan: time for the after-paint refresh and anything else Termlens queued. */
const SETTLE_MS = 1500;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string }; beginData?: { url?: string; frame?: string }; name?: string };
}

interface Span {
  name: string;
  start: number;
  end: number;
  url: string;
  fn: string;
}

/** Complete events (X, or B/E pairs) of one thread, as spans in µs. */
function spansOf(events: readonly TraceEvent[], pid: number, tid: number): Span[] {
  const out: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid) continue;
    const url = e.args?.data?.url ?? e.args?.beginData?.url ?? '';
    const fn = e.args?.data?.functionName ?? '';
    if (e.ph === 'X') out.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0), url, fn });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      for (let i = open.length - 1; i >= 0; i--) {
        if (open[i]!.name !== e.name) continue;
        const b = open.splice(i, 1)[0]!;
        out.push({
          name: b.name,
          start: b.ts,
          end: e.ts,
          url: b.args?.data?.url ?? b.args?.beginData?.url ?? '',
          fn: b.args?.data?.functionName ?? '',
        });
        break;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const isExtension = (s: Span) => s.url.startsWith('chrome-extension://');
const TASK = 'ThreadControllerImpl::RunTask';

/** The renderer main thread that parsed `url`. */
function mainThreadOf(events: readonly TraceEvent[], url: string): { pid: number; tid: number } | null {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ParseHTML' || names.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
    const u = e.args?.beginData?.url ?? '';
    if (u.split('#')[0] !== url.split('#')[0]) continue;
    const k = `${e.pid}:${e.tid}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) return null;
  const [pid, tid] = best[0].split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

export interface TraceFigures {
  /** Termlens's calls: function calls and script evaluations of the extension on the page's main thread. */
  calls: number;
  /** Layout / UpdateLayoutTree events over FORCED_MIN_MS nested in Termlens's calls. */
  forcedLayouts: number;
  forcedLayoutMs: number;
  /** The longest one, ms. */
  longestForcedLayoutMs: number;
  /** Layout / UpdateLayoutTree of any length nested in Termlens's calls. */
  layoutsInCalls: number;
  /** The longest main-thread task that ran Termlens code, ms, with everything in it (layout included); the parser's tasks aside. */
  longestTermlensTaskMs: number;
  /** The longest main-thread task of the load, ms. */
  longestTaskMs: number;
  /** Main-thread tasks over 50 ms; of those, the ones that ran Termlens code (the parser's aside). */
  longTasks: number;
  termlensLongTasks: number;
  /** Evaluating the content script (compile + top-level run): inside the parser's task at document_start, ms. */
  evaluateMs: number;
  /** Termlens's calls in all, ms of main-thread time. */
  termlensMs: number;
}

export function traceFigures(events: readonly TraceEvent[], url: string): TraceFigures | null {
  const main = mainThreadOf(events, url);
  if (!main) return null;
  const spans = spansOf(events, main.pid, main.tid);
  // Outermost Termlens calls: a call nested in another is part of it.
  const calls: Span[] = [];
  for (const s of spans) {
    if (!(
      (s.name === 'FunctionCall' || s.name === 'EvaluateScript' || s.name === 'v8.callFunction' || s.name === 'v8.run') &&
      isExtension(s)
    ))
      continue;
    const last = calls[calls.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    calls.push(s);
  }
  const inCall = (s: Span) => calls.some((c) => s.start >= c.start && s.end <= c.end);
  const layouts = spans.filter((s) => (s.name === 'Layout' || s.name === 'UpdateLayoutTree') && inCall(s));
  const forced = layouts.filter((s) => s.end - s.start > FORCED_MIN_MS * 1000);
  const tasks = spans.filter((s) => s.name === TASK);
  const ranTermlens = (t: Span) => calls.some((c) => c.start >= t.start && c.end <= t.end);
  // The parser's tasks evaluate the content script at document_start: that share is `evaluateMs`, the
  // rest of such a task is the page's own parsing (it is as long without the extension).
  const parses = spans.filter((s) => s.name === 'ParseHTML');
  const isParserTask = (t: Span) => parses.some((p) => p.start >= t.start && p.end <= t.end);
  // A frame's task runs its animation frame callbacks and then the browser's style, layout and paint
  // of the frame, which it does for the page with or without Termlens: Termlens's part of such a task
  // is its calls (with any layout forced inside them).
  const frames = spans.filter((s) => s.name === 'FireAnimationFrame');
  const isFrameTask = (t: Span) => frames.some((f) => f.start >= t.start && f.end <= t.end);
  const termlensPart = (t: Span) =>
    isFrameTask(t)
      ? calls.filter((c) => c.start >= t.start && c.end <= t.end).reduce((n, c) => n + (c.end - c.start) / 1000, 0)
      : (t.end - t.start) / 1000;
  const long = tasks.filter((t) => t.end - t.start > 50_000);
  const ms = (s: Span) => (s.end - s.start) / 1000;
  const evaluations = calls.filter((c) => c.name === 'EvaluateScript' || c.name === 'v8.run');
  if (process.env.BENCH_TRACE_DETAIL) {
    // The heaviest Termlens tasks, with the time of what ran inside them by event name.
    for (const t of tasks
      .filter(ranTermlens)
      .sort((a, b) => ms(b) - ms(a))
      .slice(0, 6)) {
      const inside = new Map<string, number>();
      for (const s of spans)
        if (s !== t && s.start >= t.start && s.end <= t.end)
          inside.set(s.name + (isExtension(s) ? `(${s.fn})` : ''), (inside.get(s.name + (isExtension(s) ? `(${s.fn})` : '')) ?? 0) + ms(s));
      const top = [...inside.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`);
      console.log(`    task ${ms(t).toFixed(1)} ms at ${((t.start - spans[0]!.start) / 1000).toFixed(0)} ms: ${top.join(', ')}`);
    }
  }
  return {
    calls: calls.length,
    forcedLayouts: forced.length,
    forcedLayoutMs: forced.reduce((n, s) => n + ms(s), 0),
    longestForcedLayoutMs: Math.max(0, ...forced.map(ms)),
    layoutsInCalls: layouts.length,
    longestTermlensTaskMs: Math.max(0, ...tasks.filter((t) => ranTermlens(t) && !isParserTask(t)).map(termlensPart)),
    longestTaskMs: Math.max(0, ...tasks.map(ms)),
    longTasks: long.length,
    termlensLongTasks: long.filter((t) => ranTermlens(t) && !isParserTask(t) && termlensPart(t) > 50).length,
    evaluateMs: Math.max(0, ...evaluations.map(ms)),
    termlensMs: calls.reduce((n, c) => n + ms(c), 0),
  };
}

/** Run `fn` with a DevTools trace of the whole browser (every renderer: a navigation may switch process). */
async function traced<T>(context: BrowserContext, page: Page, fn: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  const categories = process.env.BENCH_TRACE_DETAIL ? `${TRACE_CATEGORIES},v8,disabled-by-default-v8.compile` : TRACE_CATEGORIES;
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  try {
    return { value: await fn(), events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
}

interface LoadTiming {
  longTaskApiMaxMs: number;
  longTaskApiCount: number;
  firstContentfulPaintMs: number;
  domContentLoadedMs: number;
  firstHighlightsMs: number;
  inDomContentLoadedMs: number;
}

const loadTiming = (page: Page): Promise<LoadTiming> =>
  page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }> } }).__bench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      longTaskApiMaxMs: Math.max(0, ...b.longTasks.map((t) => t.duration)),
      longTaskApiCount: b.longTasks.length,
      firstContentfulPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      firstHighlightsMs: performance.getEntriesByName('termlens:first-highlights')[0]?.startTime ?? NaN,
      inDomContentLoadedMs: performance.getEntriesByName('termlens:in-dom-content-loaded')[0]?.duration ?? 0,
    };
  });

async function openTraced(
  context: BrowserContext,
  url: string,
  during: (page: Page) => Promise<void>,
): Promise<{ page: Page; trace: TraceFigures | null; timing: LoadTiming }> {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORT);
  await page.addInitScript(INIT_SCRIPT);
  const { events } = await traced(context, page, async () => {
    await page.goto(url, { waitUntil: 'load' });
    await during(page);
  });
  return { page, trace: traceFigures(events, url), timing: await loadTiming(page) };
}

export interface RealLoadWith {
  scanMs: number;
  scanWallMs: number;
  nodes: number;
  matches: number;
  rescanMs: number;
  longestScanSliceMs: number;
  timing: LoadTiming;
  trace: TraceFigures | null;
}

export interface RealLoadWithout {
  floorColdMs: number;
  floorWarmMs: number;
  textNodes: number;
  timing: LoadTiming;
  trace: TraceFigures | null;
}

/** One load with the extension: the first scan, then a rescan after an in-page navigation, all traced. */
export async function loadWith(context: BrowserContext, entry: CorpusPage): Promise<RealLoadWith> {
  let scan = { duration: NaN, detail: {} as Record<string, number> };
  let rescan = { duration: NaN };
  const { page, trace, timing } = await openTraced(context, entry.url, async (p) => {
    scan = await waitMeasure(p, 'termlens:scan', 0, 30_000);
    await p.waitForTimeout(SETTLE_MS);
    // An in-page navigation to the same page (popstate: the content script reacts at once).
    await p.evaluate(() => {
      history.pushState(null, '', `${location.pathname}${location.search ? `${location.search}&` : '?'}rescan`);
      dispatchEvent(new PopStateEvent('popstate'));
    });
    rescan = await waitMeasure(p, 'termlens:scan', 1, 30_000);
    await p.waitForTimeout(SETTLE_MS);
  });
  await page.close();
  return {
    scanMs: scan.duration,
    scanWallMs: scan.detail.wall ?? NaN,
    nodes: scan.detail.nodes ?? NaN,
    matches: scan.detail.matches ?? NaN,
    rescanMs: rescan.duration,
    longestScanSliceMs: scan.detail.longestTask ?? NaN,
    timing,
    trace,
  };
}

/** One load without the extension: its longest tasks, then the floors in a fresh isolated world. */
export async function loadWithout(context: BrowserContext, entry: CorpusPage, world: string): Promise<RealLoadWithout> {
  const { page, trace, timing } = await openTraced(context, entry.url, (p) => p.waitForTimeout(SETTLE_MS));
  // The first pass makes every wrapper (cold); the warm floor is the mean of the next WARM_PASSES, timed
  // together: one pass of a small page is below the isolated world's 0.1 ms clock resolution.
  const [cold, warm] = await inIsolatedWorld<Floor>(context, page, world, [FLOOR_EXPRESSION, warmFloorExpression(WARM_PASSES)]);
  await page.close();
  return { floorColdMs: cold!.ms, floorWarmMs: warm!.ms, textNodes: cold!.nodes, timing, trace };
}

const WARM_PASSES = 10;

/** FLOOR_EXPRESSION's pass `passes` times over, the mean per pass. */
function warmFloorExpression(passes: number): string {
  return `(() => {
    const t0 = performance.now();
    let n = 0, c = 0;
    for (let k = 0; k < ${passes}; k++) {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      n = 0;
      for (let t = w.nextNode(); t; t = w.nextNode()) { c += t.data.length; n++; }
    }
    return { ms: (performance.now() - t0) / ${passes}, nodes: n, chars: c };
  })()`;
}

export interface RealPageResult {
  page: string;
  url: string;
  textNodes: number;
  median: Record<string, number>;
  with: RealLoadWith[];
  without: RealLoadWithout[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const med = (xs: number[]) => r2(median(xs.filter(Number.isFinite)));

/** Every page in `pages`, `runs` loads each with and without the extension, interleaved. */
export async function measureRealPages(
  ext: ExtensionBrowser,
  plain: BenchBrowser,
  options: { pages?: readonly string[]; runs: number; log?: (line: string) => void },
): Promise<RealPageResult[]> {
  const wanted = options.pages ?? REAL_PAGES;
  const corpus = readCorpus().filter((p) => wanted.includes(p.page));
  await grantOrigins(ext, corpus);
  await serveCorpus(ext.context, corpus);
  await serveCorpus(plain.context, corpus);
  const out: RealPageResult[] = [];
  let worlds = 0;
  for (const entry of corpus) {
    const withRuns: RealLoadWith[] = [];
    const withoutRuns: RealLoadWithout[] = [];
    for (let i = 0; i < options.runs; i++) {
      withoutRuns.push(await loadWithout(plain.context, entry, `bench-real-floor-${++worlds}`));
      withRuns.push(await loadWith(ext.context, entry));
    }
    const m: Record<string, number> = {
      scanMs: med(withRuns.map((r) => r.scanMs)),
      rescanMs: med(withRuns.map((r) => r.rescanMs)),
      floorColdMs: med(withoutRuns.map((r) => r.floorColdMs)),
      floorWarmMs: med(withoutRuns.map((r) => r.floorWarmMs)),
      nodesVisited: med(withRuns.map((r) => r.nodes)),
      matches: med(withRuns.map((r) => r.matches)),
      longestScanSliceMs: med(withRuns.map((r) => r.longestScanSliceMs)),
      forcedLayouts: Math.max(...withRuns.map((r) => r.trace?.forcedLayouts ?? NaN)),
      forcedLayoutMs: med(withRuns.map((r) => r.trace?.forcedLayoutMs ?? NaN)),
      longestForcedLayoutMs: Math.max(...withRuns.map((r) => r.trace?.longestForcedLayoutMs ?? NaN)),
      layoutsInCalls: med(withRuns.map((r) => r.trace?.layoutsInCalls ?? NaN)),
      longestTermlensTaskMs: Math.max(...withRuns.map((r) => r.trace?.longestTermlensTaskMs ?? NaN)),
      termlensMs: med(withRuns.map((r) => r.trace?.termlensMs ?? NaN)),
      longestTaskWithMs: med(withRuns.map((r) => r.trace?.longestTaskMs ?? NaN)),
      longestTaskWithoutMs: med(withoutRuns.map((r) => r.trace?.longestTaskMs ?? NaN)),
      termlensLongTasks: Math.max(...withRuns.map((r) => r.trace?.termlensLongTasks ?? NaN)),
      longTaskApiWithMs: med(withRuns.map((r) => r.timing.longTaskApiMaxMs)),
      longTaskApiWithoutMs: med(withoutRuns.map((r) => r.timing.longTaskApiMaxMs)),
      longTaskApiWorstWithMs: Math.max(...withRuns.map((r) => r.timing.longTaskApiMaxMs)),
      longTaskApiWorstWithoutMs: Math.max(...withoutRuns.map((r) => r.timing.longTaskApiMaxMs)),
      evaluateMs: med(withRuns.map((r) => r.trace?.evaluateMs ?? NaN)),
      inDomContentLoadedMs: med(withRuns.map((r) => r.timing.inDomContentLoadedMs)),
      firstHighlightsMs: med(withRuns.map((r) => r.timing.firstHighlightsMs)),
      firstContentfulPaintMs: med(withRuns.map((r) => r.timing.firstContentfulPaintMs)),
      firstContentfulPaintWithoutMs: med(withoutRuns.map((r) => r.timing.firstContentfulPaintMs)),
    };
    m.scanRatioCold = r2(m.scanMs! / m.floorColdMs!);
    m.rescanRatioWarm = r2(m.rescanMs! / m.floorWarmMs!);
    const result = {
      page: entry.page,
      url: entry.url,
      textNodes: withoutRuns[0]?.textNodes ?? 0,
      median: m,
      with: withRuns,
      without: withoutRuns,
    };
    out.push(result);
    options.log?.(formatRealPage(result));
  }
  return out;
}

const f = (x: number | undefined, d = 1) => (x !== undefined && Number.isFinite(x) ? x.toFixed(d) : 'n/a');

export function formatRealPage(r: RealPageResult): string {
  const m = r.median;
  return [
    `${r.page} (${r.textNodes} text nodes, ${f(m.nodesVisited, 0)} nodes visited, ${f(m.matches, 0)} matches)`,
    `  scan ${f(m.scanMs)} ms = ${f(m.scanRatioCold, 2)}× cold floor ${f(m.floorColdMs)} ms; rescan ${f(m.rescanMs)} ms = ${f(m.rescanRatioWarm, 2)}× warm floor ${f(m.floorWarmMs)} ms`,
    `  forced layouts in Termlens calls: ${f(m.forcedLayouts, 0)} over 1 ms (worst load), ${f(m.forcedLayoutMs)} ms, longest ${f(m.longestForcedLayoutMs)} ms; layouts in calls ${f(m.layoutsInCalls, 0)}`,
    `  longest Termlens task ${f(m.longestTermlensTaskMs)} ms (worst load); longest task with ${f(m.longestTaskWithMs)} / without ${f(m.longestTaskWithoutMs)} ms; Long Tasks API with ${f(m.longTaskApiWithMs)} (worst ${f(m.longTaskApiWorstWithMs)}) / without ${f(m.longTaskApiWithoutMs)} (worst ${f(m.longTaskApiWorstWithoutMs)}) ms`,
    `  content script evaluation ${f(m.evaluateMs)} ms; in DOMContentLoaded ${f(m.inDomContentLoadedMs)} ms; first highlights ${f(m.firstHighlightsMs)} ms (FCP ${f(m.firstContentfulPaintMs)} / without ${f(m.firstContentfulPaintWithoutMs)} ms); Termlens main-thread ${f(m.termlensMs)} ms`,
  ].join('\n');
}
