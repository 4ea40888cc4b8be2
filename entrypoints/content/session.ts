// One page's Termlens: scan the page in idle slices, keep matches as data, highlight what is near the
// viewport, follow DOM changes incrementally, explain terms on hover. A session lives as long as the
// site is on with the same matcher; settings changes start a new one.
import type { PageTerm, PageSetup } from '../../lib/protocol';
import type { Matcher } from '../../lib/matcher/types';
import { Backoff } from '../../lib/scan/backoff';
import { classify, SKIP, type ExcludeRule } from '../../lib/scan/classify';
import {
  cssHighlightSink,
  FLASH_HIGHLIGHT,
  highlightApiAvailable,
  highlightNames,
  makeStaticRange,
  rangeGeometry,
  type RangeGeometry,
  type RegisteredHighlightSink,
} from '../../lib/scan/dom';
import { Highlighter } from '../../lib/scan/highlighter';
import { HitTester } from '../../lib/scan/hit-test';
import { MatchStore, type Match } from '../../lib/scan/match-store';
import { planMutations } from '../../lib/scan/mutations';
import { Scanner, type JobStats } from '../../lib/scan/scanner';
import type { SiteAdapter } from '../../lib/sites/types';
import { EvidenceFilter, proseRoots } from '../../lib/relevance/evidence';
import { Explainer } from './explain';

/** Work per slice: far below the 50 ms long-task line, small enough not to delay input. */
export const SLICE_MS = 8;
/**
 * Start-up: the first slice runs inside the page's DOMContentLoaded, before its first layout and paint,
 * so it is kept short and registers the first matches it finds without measuring them.
 */
const EARLY_SLICE_MS = 4;
/** Ranges registered that way: more than a first screen holds, far below the window's cap. */
const EARLY_RANGES = 60;
/** While the first scan runs, highlights are refreshed this often so the first ones appear early. */
const PROGRESS_REFRESH_MS = 100;
/** Minimum gap between two re-windows while scrolling (a trailing one always follows). */
const SCROLL_REFRESH_MS = 100;
/** Measures of one name kept in the performance timeline before they are cleared (memory on long sessions). */
const MAX_MEASURES = 1000;

const MUTATIONS: MutationObserverInit = { childList: true, characterData: true, subtree: true };

/** Set by the benchmark's builds (TERMLENS_BENCH=1, see wxt.config.ts); absent elsewhere (unit tests). */
declare const __TERMLENS_BENCH__: boolean | undefined;
const BENCH_BUILD = typeof __TERMLENS_BENCH__ !== 'undefined' && __TERMLENS_BENCH__;

/** Once per page load, whichever session gets there. */
let firstHighlightsMarked = false;

export interface SessionOptions {
  doc: Document;
  host: string;
  setup: PageSetup;
  matcher: Matcher;
  /** The site adapter for the page as it is now (re-detected on every rescan: SPAs boot late). */
  detectAdapter: () => SiteAdapter;
  /** The adapter just detected, if the caller has it: the first scan uses it instead of detecting again. */
  adapter?: SiteAdapter;
  knownTerms: readonly string[];
  onKnow(keys: string[]): void;
}

export class PageSession {
  readonly store = new MatchStore();
  readonly scanner: Scanner;
  readonly highlighter: Highlighter | null;
  private readonly sink: RegisteredHighlightSink | null;
  /** The popup's "scroll to" flash, while it shows. */
  private flashHighlight: Highlight | null = null;
  readonly explainer: Explainer;
  private readonly o: SessionOptions;
  private readonly doc: Document;
  private readonly observer: MutationObserver;
  private readonly geometry: RangeGeometry;
  private readonly observed = new Set<ShadowRoot>();
  private readonly shadowRoots: ShadowRoot[] = [];
  private readonly backoff = new Backoff();
  private readonly abort = new AbortController();
  private pending: MutationRecord[] = [];
  private flushScheduled = false;
  private pumpHandle: (() => void) | null = null;
  private lastRefresh = 0;
  /** A re-window waits for the next frame's rendering (see refreshAfterPaint). */
  private refreshQueued = false;
  private paintFrame = 0;
  private paintTimer: ReturnType<typeof setTimeout> | undefined;
  /** Run after that re-window with its duration (the scan's measure includes it). */
  private afterRefresh: Array<(refreshMs: number) => void> = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private measures = { scan: 0, update: 0 };
  private readonly scrollIndex = new Map<string, number>();
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private planMs = 0;
  private longestTask = 0;
  /** A measurePending task is queued (see finish). */
  private measureQueued = false;
  private stopped = false;
  private readonly exclude: ExcludeRule;
  /** Which matches are worth a highlight (per scan: a new page has its own topic). */
  private evidence: EvidenceFilter | null = null;
  private adapter: SiteAdapter;
  /** The adapter was detected for the coming first scan (no need to detect again). */
  private adapterFresh = true;

  constructor(options: SessionOptions) {
    this.o = options;
    this.doc = options.doc;
    const { doc, matcher } = options;
    this.adapter = options.adapter ?? options.detectAdapter();
    this.exclude = (el) => this.adapter.exclude(el);
    this.scanner = new Scanner({
      matcher,
      store: this.store,
      exclude: this.exclude,
      onShadowRoot: (root) => this.observeShadow(root),
      filter: (run, found) => this.evidence?.filter(run, found),
    });
    // Without the Highlight API (older Firefox) nothing is painted, but hover still works. The rules
    // are the content script's stylesheet: the style only picks the names (lib/scan/dom.ts).
    const names = highlightApiAvailable() ? highlightNames(options.setup.style) : null;
    this.geometry = rangeGeometry(doc);
    this.sink = names ? cssHighlightSink(names) : null;
    this.highlighter = this.sink
      ? new Highlighter({ store: this.store, patterns: matcher, sink: this.sink, geometry: this.geometry, makeRange: makeStaticRange })
      : null;
    this.setKnownTerms(options.knownTerms);
    const hits = new HitTester(doc, this.store, () => this.shadowRoots);
    this.explainer = new Explainer({
      doc,
      store: this.store,
      matcher,
      hits,
      host: options.host,
      site: () => this.adapter.preferredSite,
      onKnow: options.onKnow,
      reasonFor: (match) => this.reasonFor(match),
    });
    this.observer = new MutationObserver((records) => this.onMutations(records));
    const view = doc.defaultView ?? window;
    const signal = this.abort.signal;
    // The cached boxes of large text nodes hold while only the document scrolls (rangeGeometry):
    // anything else that can move text drops them.
    const relayout = () => this.geometry.invalidate();
    view.addEventListener(
      'scroll',
      (e) => {
        if (e.target !== doc && e.target !== view && e.target !== doc.scrollingElement) relayout();
        this.scheduleRefresh();
      },
      { capture: true, passive: true, signal },
    );
    view.addEventListener(
      'resize',
      () => {
        relayout();
        this.scheduleRefresh();
      },
      { passive: true, signal },
    );
    view.addEventListener('load', relayout, { capture: true, passive: true, signal });
    doc.fonts?.addEventListener('loadingdone', relayout, { signal });
    // `npm run bench` times hover look-ups in this (isolated) world: the page dispatches a JSON list of
    // points and reads a measure back. Only in the benchmark's builds: no page can drive it otherwise.
    if (BENCH_BUILD) doc.addEventListener('termlens:bench-hover', (e) => benchHover(hits, (e as CustomEvent<unknown>).detail), { signal });
  }

  /**
   * Scan the whole page again (first start, in-page navigation). `early`: the page is between parsing
   * and its first paint (start-up at DOMContentLoaded): one short slice, highlights without layout.
   * `preview`: the page is still being parsed (start-up, just before its first frame): one short slice of
   * what is parsed, highlights without layout, and nothing more until the next rescan.
   */
  rescan(options: { early?: boolean; preview?: boolean } = {}): void {
    if (this.stopped) return;
    this.explainer.hide();
    this.cancelPump();
    this.pending = [];
    this.observer.disconnect();
    this.observed.clear();
    this.shadowRoots.length = 0;
    // A preview's DOM is still growing: the rescan at DOMContentLoaded reads it whole.
    if (!options.preview) this.observer.observe(this.doc, MUTATIONS);
    this.highlighter?.clear();
    this.scrollIndex.clear();
    this.scanner.cancel();
    // The adapter's roots (the body for most sites); the scan clears earlier data first.
    if (!this.adapterFresh) this.adapter = this.o.detectAdapter();
    this.adapterFresh = false;
    this.evidence = this.newEvidence();
    const roots = this.adapter.roots(this.doc);
    // With relevance on and prose regions declared (every site adapter but the generic one), only the
    // prose is walked: the filter drops every match elsewhere. Later changes anywhere are still followed,
    // and filtered the same way: prose that a single-page app renders after this scan is read then.
    const prose = this.evidence ? this.adapter.regions?.prose : undefined;
    this.scanner.fullScan(
      prose ? proseRoots(roots, prose, (el) => classify(el, this.exclude) === SKIP) : roots.length > 0 ? roots : [this.doc.documentElement],
    );
    if (options.preview || options.early) this.earlySlice(options.preview === true);
    // The first slice runs now: small pages get their highlights without waiting for idle time.
    else this.pump();
  }

  private newEvidence(): EvidenceFilter | null {
    const relevance = this.o.setup.relevance;
    if (!relevance) return null;
    const filter: EvidenceFilter = new EvidenceFilter({
      relevance,
      ...(this.adapter.regions ? { regions: this.adapter.regions } : {}),
      // The topic was shown after these blocks were scanned: their waiting matches get another look.
      onTopic: (owners) => {
        if (this.stopped || this.evidence !== filter) return;
        this.scanner.enqueue(owners.filter((owner) => owner.isConnected).map((root) => ({ root, mode: 'shallow' as const })));
        if (this.scanner.running !== 'scan') this.pump();
      },
    });
    return filter;
  }

  /** Why a shown match was highlighted, when it was not obvious: the card says so. */
  reasonFor(match: Match): string | null {
    const reason = this.evidence?.reasonAt(match.startNode, match.startOffset);
    if (!reason) return null;
    const topics = this.evidence!.topicsOf(match.pattern);
    switch (reason) {
      case 'own':
        return 'the team’s own word here: its glossary applies to this page';
      case 'code':
        return 'everyday word — shown because it is written as code';
      case 'kind':
        return 'everyday word — shown because it names a resource kind';
      case 'casing':
        return 'everyday word — shown because it is capitalized as the glossary writes it';
      case 'qualifier':
        return 'everyday word — shown because a term qualifies it';
      case 'topic':
        return `everyday word — shown because this page uses other terms of “${topics[0] ?? 'its glossary'}”`;
    }
  }

  /** rescan({ early | preview }): highlights in the page's first paint, the rest of the scan in idle slices. */
  private earlySlice(preview: boolean): void {
    const t0 = performance.now();
    const stats = this.scanner.work(EARLY_SLICE_MS);
    const t1 = performance.now();
    // In a preview, the text the parser is still adding to may end in the middle of a word
    // ("Pod|DisruptionBudget"): a match that runs to its end waits for the real scan.
    const tail = preview ? parserTail(this.doc) : null;
    this.highlighter?.registerLeading(EARLY_RANGES, tail ? (m) => m.endNode === tail && m.endOffset === tail.length : undefined);
    this.markFirstHighlights();
    // Nothing more in a preview: the rescan at DOMContentLoaded reads the page whole.
    if (preview) return;
    const registerMs = performance.now() - t1;
    this.longestTask = performance.now() - t0;
    if (!stats) {
      this.scanner.charge(registerMs);
      this.schedulePump();
      return;
    }
    stats.active += registerMs;
    // Done already (a small page): the windowed refresh and the measure wait for a task after first layout.
    const id = setTimeout(() => {
      this.pumpHandle = null;
      if (this.stopped) return;
      this.finish(stats, performance.now());
      if (this.pending.length > 0) this.scheduleFlush();
    }, 0);
    this.pumpHandle = () => clearTimeout(id);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    this.cancelPump();
    this.observer.disconnect();
    this.scanner.cancel();
    cancelAnimationFrame(this.paintFrame);
    clearTimeout(this.paintTimer);
    this.afterRefresh = [];
    clearTimeout(this.refreshTimer);
    this.highlighter?.clear();
    // Only what this session registered: a newer session may already have registered the same names.
    this.sink?.dispose();
    this.endFlash();
    this.explainer.destroy();
    this.store.clear();
  }

  /** In-page navigation events of the current site (Turbo, soft navigation…). */
  get navigationEvents(): readonly string[] {
    return this.adapter.navigationEvents;
  }

  setKnownTerms(keys: readonly string[]): void {
    this.highlighter?.setFilter({ known: new Set(keys.map((k) => k.toLowerCase())), firstOnly: this.o.setup.firstOnly });
    if (this.lastRefresh > 0) this.refreshAfterPaint();
  }

  // ---- scanning in slices -------------------------------------------------------------------------

  private pump = (): void => {
    this.pumpHandle = null;
    if (this.stopped) return;
    const t0 = performance.now();
    const stats = this.scanner.work(SLICE_MS);
    if (stats) {
      this.finish(stats, t0);
      // Mutations that arrived during the scan.
      if (this.pending.length > 0) this.scheduleFlush();
      return;
    }
    // Progress refreshes are for the first scan, after the next frame's rendering like every re-window.
    if (this.scanner.running === 'scan' && performance.now() - this.lastRefresh > PROGRESS_REFRESH_MS) this.refreshAfterPaint();
    this.longestTask = Math.max(this.longestTask, performance.now() - t0);
    this.schedulePump();
  };

  private schedulePump(): void {
    if (this.pumpHandle) return;
    const view = this.doc.defaultView ?? window;
    if (typeof view.requestIdleCallback === 'function') {
      const id = view.requestIdleCallback(this.pump, { timeout: 100 });
      this.pumpHandle = () => view.cancelIdleCallback(id);
    } else {
      const id = setTimeout(this.pump, 1);
      this.pumpHandle = () => clearTimeout(id);
    }
  }

  private cancelPump(): void {
    this.pumpHandle?.();
    this.pumpHandle = null;
  }

  /** A job is done: update highlights and leave a measure for DevTools and benchmarks. */
  private finish(stats: JobStats, taskStart: number): void {
    if (stats.kind === 'scan') {
      // The whole page's window is chosen after the next frame's rendering, when reading boxes costs no
      // layout of ours; the measure follows it, so a scan's measure means its highlights are in place.
      const longestTask = Math.max(this.longestTask, performance.now() - taskStart);
      this.longestTask = 0;
      this.refreshAfterPaint((refreshMs) => {
        stats.active += refreshMs;
        this.emitMeasure(stats, refreshMs, Math.max(longestTask, refreshMs));
      });
      return;
    }
    const t0 = performance.now();
    if (this.highlighter) {
      this.highlighter.update(this.store.takeAdded());
      // New matches elsewhere on the page are measured after the next frame has been laid out and
      // painted, when reading boxes is cheap. From an animation frame callback that is the frame being
      // made now: a task queued in it runs after its rendering. ENGINE-SHAPED: written out here, not
      // in a helper, which V8 would compile lazily inside the first update; this body is compiled by
      // the first scan.
      if (this.highlighter.hasPending && !this.measureQueued) {
        this.measureQueued = true;
        if (this.inAnimationFrame) setTimeout(this.measurePending, 0);
        else requestAnimationFrame(() => setTimeout(this.measurePending, 0));
      }
    }
    const refreshMs = performance.now() - t0;
    // The longest single task of this job (a slice plus its highlight update): the 50 ms budget.
    const longestTask = Math.max(this.longestTask, performance.now() - taskStart);
    this.longestTask = 0;
    stats.active += refreshMs;
    this.backoff.ran(performance.now(), stats.active);
    this.emitMeasure(stats, refreshMs, longestTask);
  }

  private emitMeasure(stats: JobStats, refreshMs: number, longestTask: number): void {
    const name = `termlens:${stats.kind}`;
    if (++this.measures[stats.kind] > MAX_MEASURES) {
      performance.clearMeasures(name);
      this.measures[stats.kind] = 1;
    }
    // The measure's duration is the work done (the sum of the slices); `wall` includes the idle gaps.
    try {
      performance.measure(name, {
        start: stats.start,
        duration: Math.max(0, stats.active),
        detail: {
          wall: performance.now() - stats.start,
          slices: stats.slices,
          nodes: stats.nodes,
          runs: stats.runs,
          chars: stats.chars,
          matches: stats.matches,
          planMs: stats.kind === 'update' ? this.planMs : 0,
          refreshMs,
          longestTask,
          stored: this.store.size,
          highlighted: this.highlighter?.count ?? 0,
        },
      });
    } catch {
      // Very old engines without measure options: the work is done anyway.
    }
  }

  // ---- DOM changes --------------------------------------------------------------------------------

  private observeShadow(root: ShadowRoot): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.shadowRoots.push(root);
    this.observer.observe(root, MUTATIONS);
  }

  private onMutations(records: MutationRecord[]): void {
    this.geometry.invalidate();
    for (const r of records) this.pending.push(r);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.stopped) return;
    this.flushScheduled = true;
    const delay = this.backoff.delay;
    // Batched per animation frame; pages that keep changing get a growing delay instead.
    if (delay === 0 && !this.doc.hidden) requestAnimationFrame(this.flushInFrame);
    else setTimeout(this.flush, Math.max(delay, 50));
  }

  /** Set while a flush runs in an animation frame callback (see finish). */
  private inAnimationFrame = false;

  private flushInFrame = (): void => {
    this.inAnimationFrame = true;
    try {
      this.flush();
    } finally {
      this.inAnimationFrame = false;
    }
  };

  private flush = (): void => {
    this.flushScheduled = false;
    if (this.stopped) return;
    // The first scan reads the current DOM anyway; changes are applied once it is done.
    if (this.scanner.running === 'scan') return;
    const records = this.pending;
    this.pending = [];
    for (const r of this.observer.takeRecords()) records.push(r);
    if (records.length === 0) return;
    const t0 = performance.now();
    const beforeVersion = this.store.version;
    const plan = planMutations(records, this.store, this.exclude);
    if (plan.scopes.length === 0 && this.store.version === beforeVersion) return;
    this.scanner.beginUpdate();
    this.planMs = performance.now() - t0;
    this.scanner.charge(this.planMs);
    this.scanner.enqueue(plan.scopes);
    this.pump();
  };

  // ---- highlights ---------------------------------------------------------------------------------

  /**
   * Re-window once the browser has rendered the next frame: a task queued from an animation frame
   * callback runs after that frame's style, layout and paint, so the boxes read then are the layout
   * the browser just made. Read earlier (an idle callback while the page is parsed, an animation frame
   * callback before rendering) they would make the browser lay out the page inside our task.
   * A hidden document renders no frames: there the task is queued at once.
   */
  private refreshAfterPaint(then?: (refreshMs: number) => void): void {
    if (then) this.afterRefresh.push(then);
    if (this.refreshQueued || this.stopped) return;
    this.refreshQueued = true;
    if (this.doc.hidden) {
      this.paintTimer = setTimeout(this.paintedRefresh, 0);
      return;
    }
    this.paintFrame = requestAnimationFrame(() => {
      this.paintFrame = 0;
      this.paintTimer = setTimeout(this.paintedRefresh, 0);
    });
  }

  private paintedRefresh = (): void => {
    this.paintTimer = undefined;
    this.refreshQueued = false;
    if (this.stopped) return;
    const t0 = performance.now();
    this.refreshNow();
    const refreshMs = performance.now() - t0;
    const waiting = this.afterRefresh;
    this.afterRefresh = [];
    for (const then of waiting) then(refreshMs);
  };

  private refreshNow(): void {
    this.lastRefresh = performance.now();
    this.store.takeAdded();
    this.highlighter?.refresh();
    this.markFirstHighlights();
  }

  /** Start-up milestone for DevTools and the benchmark: the page's first highlight ranges are registered. */
  private markFirstHighlights(): void {
    if (firstHighlightsMarked || !this.highlighter?.count) return;
    firstHighlightsMarked = true;
    performance.mark('termlens:first-highlights');
  }

  /**
   * Re-window on scroll and resize: at most every SCROLL_REFRESH_MS, after a frame, with a trailing one.
   * On a page with large text nodes every frame: each match entering the view costs a slow box read
   * there (rangeGeometry), and a frame's few are cheaper than a hundred milliseconds' worth at once.
   */
  private scheduleRefresh(): void {
    if (!this.highlighter || this.stopped) return;
    const every = this.geometry.readsLargeText() ? 0 : SCROLL_REFRESH_MS;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.frameRefresh(), every);
    if (this.refreshQueued || performance.now() - this.lastRefresh < every) return;
    this.frameRefresh();
  }

  private measurePending = (): void => {
    this.measureQueued = false;
    if (!this.stopped) this.highlighter?.measurePending();
  };

  private frameRefresh(): void {
    this.refreshAfterPaint();
  }

  // ---- the popup's "on this page" -----------------------------------------------------------------

  pageTerms(): PageTerm[] {
    const byKey = new Map<string, PageTerm>();
    const matcher = this.o.matcher;
    for (const m of this.store.ordered()) {
      const key = matcher.keyOf(m.pattern);
      const t = byKey.get(key);
      if (t) t.count++;
      else byKey.set(key, { key, text: m.text, count: 1 });
    }
    return [...byKey.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  }

  /** Scroll to the next occurrence of a term (cycling) and flash it. */
  scrollToTerm(key: string): { found: boolean; index: number; count: number } {
    const matcher = this.o.matcher;
    const all = this.store.ordered().filter((m) => matcher.keyOf(m.pattern) === key);
    if (all.length === 0) return { found: false, index: -1, count: 0 };
    const index = ((this.scrollIndex.get(key) ?? -1) + 1) % all.length;
    this.scrollIndex.set(key, index);
    const match = all[index]!;
    match.startNode.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.flash(match);
    this.refreshNow();
    return { found: true, index, count: all.length };
  }

  private flash(match: Match): void {
    if (!highlightApiAvailable()) return;
    const highlight = new Highlight(makeStaticRange(match) as StaticRange);
    highlight.priority = 2;
    CSS.highlights.set(FLASH_HIGHLIGHT, highlight);
    this.flashHighlight = highlight;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.endFlash(), 1500);
  }

  private endFlash(): void {
    clearTimeout(this.flashTimer);
    if (this.flashHighlight && CSS.highlights.get(FLASH_HIGHLIGHT) === this.flashHighlight) CSS.highlights.delete(FLASH_HIGHLIGHT);
    this.flashHighlight = null;
  }
}

/** The document's last text node, where the parser appends while the page loads (null if its last node is not text). */
function parserTail(doc: Document): Text | null {
  let node: Node | null = doc.documentElement;
  while (node?.lastChild) node = node.lastChild;
  return node?.nodeType === 3 ? (node as Text) : null;
}

/** Time the hit test over a batch of points (bench/run.ts); the result is a `termlens:hover-batch` measure. */
function benchHover(hits: HitTester, detail: unknown): void {
  if (typeof detail !== 'string') return;
  let points: unknown;
  try {
    points = JSON.parse(detail);
  } catch {
    return;
  }
  if (!Array.isArray(points)) return;
  const times: number[] = [];
  let found = 0;
  const t0 = performance.now();
  for (const p of points as Array<[number, number]>) {
    const t = performance.now();
    if (hits.at(p[0], p[1])) found++;
    times.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  const q = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))] ?? 0;
  performance.measure('termlens:hover-batch', {
    start: t0,
    duration: total,
    detail: { points: times.length, found, mean: total / Math.max(1, times.length), p50: q(0.5), p95: q(0.95), max: q(1) },
  });
}
