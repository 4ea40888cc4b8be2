// Registers highlight ranges for the matches in and near the viewport, and only those: matches stay
// data, ranges are made for what the user can see and dropped when it scrolls away.
import type { PatternKind } from '../glossary/compile';
import type { Matcher } from '../matcher/types';
import type { Group, Match, MatchStore } from './match-store';
import { selectWindow, type Box } from './window';

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
export const DEFAULT_MARGIN = 1;

export class Highlighter {
  private readonly o: HighlighterOptions;
  private readonly registered = new Map<Match, AbstractRange>();
  /** New matches from update() whose position is not known yet. */
  private pending: Match[] = [];
  private filter: HighlightFilter = { known: new Set(), firstOnly: false };
  private filterVersion = 0;
  private eligibleCache: { storeVersion: number; filterVersion: number; list: readonly Match[] } | null = null;
  enabled = true;

  constructor(options: HighlighterOptions) {
    this.o = options;
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
  eligible(): readonly Match[] {
    const store = this.o.store;
    const c = this.eligibleCache;
    if (c && c.storeVersion === store.version && c.filterVersion === this.filterVersion) return c.list;
    const all = store.ordered();
    const { known, firstOnly } = this.filter;
    const patterns = this.o.patterns;
    let list: readonly Match[] = all;
    if (known.size > 0 || firstOnly) {
      const seen = new Set<number>();
      const dismissed = new Map<number, boolean>();
      const isKnown = (p: number) => {
        let k = dismissed.get(p);
        if (k === undefined) dismissed.set(p, (k = known.has(patterns.keyOf(p).toLowerCase())));
        return k;
      };
      list = all.filter((m) => {
        if (known.size > 0 && isKnown(m.pattern)) return false;
        if (!firstOnly) return true;
        if (seen.has(m.pattern)) return false;
        seen.add(m.pattern);
        return true;
      });
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
    if (!this.enabled || this.filter.firstOnly) {
      this.refresh();
      return;
    }
    const replaced = new Set<Node>();
    for (const [match, range] of this.registered) {
      if (match.group.live) continue;
      replaced.add(match.group.owner);
      this.o.sink.delete(this.kindOf(match), range);
      this.registered.delete(match);
    }
    const fresh: Match[] = [];
    for (const group of added) {
      if (!group.live) continue;
      for (const m of group.matches) if (!this.registered.has(m) && !this.isKnown(m)) fresh.push(m);
    }
    if (this.registered.size + fresh.length > this.cap) {
      this.refresh();
      return;
    }
    for (const m of fresh) {
      // Elsewhere on the page: where it is needs layout, which the page just invalidated. Measure it
      // after the browser has laid the frame out (measurePending), when reading boxes is cheap.
      if (replaced.has(m.group.owner)) this.register(m);
      else this.pending.push(m);
    }
  }

  /** Whether update() left matches to measure (call measurePending after the next frame). */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Register the pending new matches that are near the viewport. */
  measurePending(): void {
    const pending = this.pending;
    this.pending = [];
    if (!this.enabled) return;
    const height = this.o.geometry.viewportHeight();
    const margin = height * (this.o.margin ?? DEFAULT_MARGIN);
    for (const m of pending) {
      if (!m.group.live || this.registered.has(m)) continue;
      if (this.registered.size >= this.cap) break;
      const box = this.o.geometry.boxOf(m);
      if (box && box.bottom >= -margin && box.top <= height + margin) this.register(m);
    }
  }

  private register(m: Match): void {
    const range = this.o.makeRange(m);
    this.o.sink.add(this.kindOf(m), range);
    this.registered.set(m, range);
  }

  /** Re-window: register ranges for the matches near the viewport now, unregister the rest. */
  refresh(): void {
    this.pending = [];
    if (!this.enabled) {
      this.clear();
      return;
    }
    const height = this.o.geometry.viewportHeight();
    const wanted = selectWindow(this.eligible(), (m) => (m.group.live ? this.o.geometry.boxOf(m) : null), {
      viewTop: 0,
      viewBottom: height,
      margin: height * (this.o.margin ?? DEFAULT_MARGIN),
      cap: this.cap,
    });
    const keep = new Set(wanted);
    for (const [match, range] of this.registered) {
      if (!keep.has(match)) {
        this.o.sink.delete(this.kindOf(match), range);
        this.registered.delete(match);
      }
    }
    for (const match of wanted) {
      if (this.registered.has(match)) continue;
      const range = this.o.makeRange(match);
      this.o.sink.add(this.kindOf(match), range);
      this.registered.set(match, range);
    }
  }

  /** Whether a match currently has a registered range (tests, the popup's "flash"). */
  isRegistered(match: Match): boolean {
    return this.registered.has(match);
  }

  clear(): void {
    this.registered.clear();
    this.o.sink.clear();
  }

  private isKnown(match: Match): boolean {
    const known = this.filter.known;
    return known.size > 0 && known.has(this.o.patterns.keyOf(match.pattern).toLowerCase());
  }

  private kindOf(match: Match): PatternKind {
    return this.o.patterns.kindOf(match.pattern);
  }
}
