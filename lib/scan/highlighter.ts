// Registers highlight ranges for the matches in and near the viewport, and only those: matches stay
// data, ranges are made for what the user can see and dropped when it scrolls away.
import type { PatternKind } from '../glossary/compile';
import type { Matcher } from '../matcher/types';
import type { Group, Match, MatchStore } from './match-store';
import { LARGE_TEXT, selectWindowAt, type Box } from './window';

/** Where ranges go: CSS.highlights in a browser, a recorder in tests. */
export interface HighlightSink {
  add(kind: PatternKind, range: AbstractRange): void;
  delete(kind: PatternKind, range: AbstractRange): void;
  clear(): void;
}

export interface Geometry {
  /** The match's box in client coordinates, or null when it has none (hidden, detached). */
  boxOf(match: Match): Box | null;
  /** The viewport's height in client coordinates (its top is 0). */
  viewportHeight(): number;
}

export interface HighlightFilter {
  /** Pattern keys the user dismissed ("I know this"), in lower case: a dismissal covers every case variant. */
  known: ReadonlySet<string>;
  /** Highlight only each pattern's first occurrence on the page. */
  firstOnly: boolean;
}

export interface HighlighterOptions {
  store: MatchStore;
  /** What each pattern index stands for (the matcher). */
  patterns: Pick<Matcher, 'keyOf' | 'kindOf'>;
  sink: HighlightSink;
  geometry: Geometry;
  makeRange: (match: Match) => AbstractRange;
  /** Most ranges registered at once. */
  cap?: number;
  /** How far beyond the viewport to highlight ahead of scrolling, in viewport heights. */
  margin?: number;
}

export const DEFAULT_CAP = 300;
/**
 * A quarter screen above and below. Every registered range costs main-thread time in each frame that
 * changes the page's text (Chromium rebuilds the highlight markers), so the window stays small
 * (bench/METHOD.md measures the frame). A scroll refreshes the window within a frame (SCROLL_REFRESH_MS while it goes on), so a quarter screen
 * covers scrolling up to ~2.5 screens a second without highlights popping in.
 */
export const DEFAULT_MARGIN = 0.25;

/** Matches in document order, by position (views made on demand). */
export interface MatchSequence {
  readonly length: number;
  at(position: number): Match;
}

interface Registered {
  match: Match;
  range: AbstractRange;
}

export class Highlighter {
  private readonly o: HighlighterOptions;
  /** By match key: match views are made on demand, so two views of one match are different objects. */
  private readonly registered = new Map<number, Registered>();
  /** Groups from update() elsewhere on the page, in batches: their matches are measured after the next frame. */
  private pending: Array<readonly Group[]> = [];
  /** Where the latest re-window found the viewport's first match: the next one starts there (selectWindowAt). */
  private readonly windowCursor = { at: 0 };
  private filter: HighlightFilter = { known: new Set(), firstOnly: false };
  private filterVersion = 0;
  private eligibleCache: { storeVersion: number; filterVersion: number; list: MatchSequence } | null = null;

  constructor(options: HighlighterOptions) {
    this.o = options;
    // update() follows removals through this list instead of checking every registered range.
    options.store.trackKills();
  }

  /** How many ranges are registered now. */
  get count(): number {
    return this.registered.size;
  }

  get cap(): number {
    return this.o.cap ?? DEFAULT_CAP;
  }

  setFilter(filter: HighlightFilter): void {
    this.filter = filter;
    this.filterVersion++;
  }

  /** The matches that may be highlighted, in document order (the user's filters applied). */
  eligible(): MatchSequence {
    const store = this.o.store;
    const c = this.eligibleCache;
    if (c && c.storeVersion === store.version && c.filterVersion === this.filterVersion) return c.list;
    const all = store.list();
    const { known, firstOnly } = this.filter;
    const patterns = this.o.patterns;
    let list: MatchSequence = all;
    if (known.size > 0 || firstOnly) {
      const seen = new Set<number>();
      const dismissed = new Map<number, boolean>();
      const isKnown = (p: number) => {
        let k = dismissed.get(p);
        if (k === undefined) dismissed.set(p, (k = known.has(patterns.keyOf(p).toLowerCase())));
        return k;
      };
      // Positions in the store's list of the matches that pass.
      const kept = new Int32Array(all.length);
      let n = 0;
      all.forEach((group, i, position) => {
        const p = group.patternAt(i);
        if (known.size > 0 && isKnown(p)) return;
        if (firstOnly) {
          if (seen.has(p)) return;
          seen.add(p);
        }
        kept[n++] = position;
      });
      const positions = kept.slice(0, n);
      list = { length: n, at: (i) => all.at(positions[i]!) };
    }
    this.eligibleCache = { storeVersion: store.version, filterVersion: this.filterVersion, list };
    return list;
  }

  /**
   * After an incremental update: unregister matches that died and register the new ones near the
   * viewport, without re-windowing the page. Text re-rendered in place (a new match in a block whose
   * registered match just died) is registered without measuring it, so a page that rewrites its text
   * many times a second costs no forced layout. Falls back to a full refresh when it cannot be exact.
   */
  update(added: readonly Group[]): void {
    if (this.filter.firstOnly) {
      this.refresh();
      return;
    }
    const replaced = this.unregisterDead();
    if (replaced.size === 0) {
      // Nothing highlighted was rewritten: every new match is elsewhere on the page. Where it is needs
      // layout, which the page just invalidated: measure it after the browser has laid the frame out
      // (measurePending), when reading boxes is cheap.
      if (added.length > 0) this.pending.push(added);
      return;
    }
    const inPlace: Group[] = [];
    const elsewhere: Group[] = [];
    let count = 0;
    for (const group of added) {
      if (!group.live) continue;
      if (replaced.has(group.owner)) {
        inPlace.push(group);
        count += group.size;
      } else elsewhere.push(group);
    }
    if (elsewhere.length > 0) this.pending.push(elsewhere);
    // Only what is registered now counts against the cap here: most new matches elsewhere end up out
    // of view, and re-windowing now would read boxes while the page's layout is dirty (a forced layout).
    if (this.registered.size + count > this.cap) {
      this.refresh();
      return;
    }
    for (const group of inPlace) for (const m of this.unregistered(group)) this.register(m);
  }

  /** Drop the ranges of matches removed since the last look; returns the blocks they were in. */
  private unregisterDead(): Set<Node> {
    const replaced = new Set<Node>();
    const killed = this.o.store.takeKilled();
    if (killed.length === 0 || this.registered.size === 0) return replaced;
    let size = 0;
    for (const group of killed) size += group.size;
    const drop = (key: number, { match, range }: Registered) => {
      replaced.add(match.group.owner);
      this.o.sink.delete(this.kindOf(match), range);
      this.registered.delete(key);
    };
    if (size < this.registered.size) {
      for (const group of killed) {
        for (let i = 0, n = group.size; i < n; i++) {
          const key = group.keyAt(i);
          const r = this.registered.get(key);
          if (r) drop(key, r);
        }
      }
    } else {
      for (const [key, r] of this.registered) if (!r.match.group.live) drop(key, r);
    }
    return replaced;
  }

  /** Whether update() left matches to measure (call measurePending after the next frame). */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Register the pending new matches that are near the viewport. */
  measurePending(): void {
    const pending = this.pending;
    this.pending = [];
    const fresh: Match[] = [];
    for (const batch of pending) for (const group of batch) if (group.live) for (const m of this.unregistered(group)) fresh.push(m);
    // More than the cap allows: re-window instead (layout is clean now, and it measures O(log n + window) boxes).
    if (this.registered.size + fresh.length > this.cap) {
      this.refresh();
      return;
    }
    const height = this.o.geometry.viewportHeight();
    const margin = height * (this.o.margin ?? DEFAULT_MARGIN);
    const near: Match[] = [];
    for (const m of fresh) {
      const box = this.o.geometry.boxOf(m);
      if (box && box.bottom >= -margin && box.top <= height + margin) near.push(m);
    }
    // Registered after measuring: a new range makes the next box read update the page's style first.
    for (const m of near) this.register(m);
  }

  /** A group's matches that pass the filter and have no range yet. */
  private unregistered(group: Group): Match[] {
    const out: Match[] = [];
    for (let i = 0, n = group.size; i < n; i++) {
      if (!this.registered.has(group.keyAt(i)) && !this.isKnown(group.patternAt(i))) out.push(group.match(i));
    }
    return out;
  }

  private register(match: Match): void {
    const range = this.o.makeRange(match);
    this.o.sink.add(this.kindOf(match), range);
    this.registered.set(match.key, { match, range });
  }

  /**
   * Start-up, before the page's first layout: register the first `count` eligible matches in document
   * order without measuring anything (the top of the page is what the first paint shows, unless the
   * page opens scrolled). The next refresh() re-windows them. `skip`: matches to leave out.
   */
  registerLeading(count: number, skip?: (match: Match) => boolean): void {
    const list = this.eligible();
    for (let i = 0; i < list.length && this.registered.size < count; i++) {
      const m = list.at(i);
      if (m.group.live && !this.registered.has(m.key) && !skip?.(m)) this.register(m);
    }
  }

  /** Re-window: register ranges for the matches near the viewport now, unregister the rest. */
  refresh(): void {
    this.pending = [];
    // Ranges of removed matches go below with every other range out of the window.
    this.o.store.takeKilled();
    const height = this.o.geometry.viewportHeight();
    const list = this.eligible();
    const picked = selectWindowAt(
      list.length,
      (i) => {
        const m = list.at(i);
        return m.group.live ? this.o.geometry.boxOf(m) : null;
      },
      {
        viewTop: 0,
        viewBottom: height,
        margin: height * (this.o.margin ?? DEFAULT_MARGIN),
        cap: this.cap,
        cursor: this.windowCursor,
        sameFlow: (a, b) => {
          const node = list.at(a).startNode;
          return node.length >= LARGE_TEXT && list.at(b).startNode === node;
        },
      },
    );
    const wanted = picked.map((i) => list.at(i));
    const keep = new Set(wanted.map((m) => m.key));
    for (const [key, { match, range }] of this.registered) {
      if (!keep.has(key)) {
        this.o.sink.delete(this.kindOf(match), range);
        this.registered.delete(key);
      }
    }
    for (const match of wanted) if (!this.registered.has(match.key)) this.register(match);
  }

  clear(): void {
    this.o.store.takeKilled();
    this.registered.clear();
    this.o.sink.clear();
  }

  private isKnown(pattern: number): boolean {
    const known = this.filter.known;
    return known.size > 0 && known.has(this.o.patterns.keyOf(pattern).toLowerCase());
  }

  private kindOf(match: Match): PatternKind {
    return this.o.patterns.kindOf(match.pattern);
  }
}
