// Browser glue for the highlighter and hover: geometry through one reusable Range, StaticRanges for
// the registry (a live Range per match would make every page mutation slower), CSS.highlights.
import type { PatternKind } from '../glossary/compile';
import type { Geometry, HighlightSink } from './highlighter';
import type { HighlightStyle } from '../settings/styles';
import type { Match } from './match-store';
import { LARGE_TEXT, type Box } from './window';

/**
 * The names ranges are registered under, per highlight style. The rules for every name ship with the
 * content script (entrypoints/content/highlights.css): a style change re-registers the ranges under
 * other names instead of rewriting rules, which would restyle the whole page.
 */
const HIGHLIGHT_NAMES: Record<Exclude<HighlightStyle, 'none'>, Record<PatternKind, string>> = {
  background: { term: 'termlens-term', avoid: 'termlens-avoid' },
  underline: { term: 'termlens-term-underline', avoid: 'termlens-avoid-underline' },
};
/** The one-off highlight of a match the popup scrolled to. */
export const FLASH_HIGHLIGHT = 'termlens-flash';

/** The registry names for a style, or null when it paints nothing. */
export function highlightNames(style: HighlightStyle): Record<PatternKind, string> | null {
  return style === 'none' ? null : HIGHLIGHT_NAMES[style];
}

/** A detached, reusable Range positioned on a match (throws nothing: stale offsets give null). */
export function positionRange(range: Range, match: Match): boolean {
  try {
    range.setStart(match.startNode, match.startOffset);
    range.setEnd(match.endNode, match.endOffset);
    return true;
  } catch {
    // The text changed and the rescan has not run yet.
    return false;
  }
}

/** A cached box is read again after this long, whatever happened: a safety net for layout changes no event tells of. */
const BOX_TTL_MS = 2000;

/** The browser's geometry, and a way to say the layout may have changed since the boxes were read. */
export interface RangeGeometry extends Geometry {
  /** Forget the cached boxes (the page changed, resized, scrolled an inner box, loaded an image or a font). */
  invalidate(): void;
  /** Whether boxes of large text nodes were read since the last invalidate(): the page has some near its view. */
  readsLargeText(): boolean;
}

/**
 * Boxes through one reusable Range. Those of matches in a large text node are kept in page coordinates
 * (client plus the document's scroll), which hold while only the document scrolls: its caller
 * invalidates them on anything else that moves text.
 */
export function rangeGeometry(doc: Document): RangeGeometry {
  const range = doc.createRange();
  // Page coordinates (null: no box), and when they were read.
  const cached = new Map<number, { box: Box | null; at: number }>();
  const scrollY = () => doc.defaultView?.scrollY ?? 0;
  const read = (match: Match): Box | null => {
    if (!positionRange(range, match)) return null;
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return { top: r.top, bottom: r.bottom };
  };
  return {
    boxOf(match: Match): Box | null {
      if (match.startNode.length < LARGE_TEXT) return read(match);
      const now = performance.now();
      const key = match.key;
      const hit = cached.get(key);
      const y = scrollY();
      if (hit && now - hit.at < BOX_TTL_MS) return hit.box && { top: hit.box.top - y, bottom: hit.box.bottom - y };
      const box = read(match);
      cached.set(key, { box: box && { top: box.top + y, bottom: box.bottom + y }, at: now });
      return box;
    },
    viewportHeight: () => doc.defaultView?.innerHeight ?? doc.documentElement.clientHeight,
    invalidate: () => cached.clear(),
    readsLargeText: () => cached.size > 0,
  };
}

/** The match's client rects (several when it wraps across lines). */
export function matchRects(doc: Document, match: Match): DOMRect[] {
  const range = doc.createRange();
  if (!positionRange(range, match)) return [];
  const rects = [...range.getClientRects()];
  range.detach?.();
  return rects;
}

export function makeStaticRange(match: Match): AbstractRange {
  return new StaticRange({
    startContainer: match.startNode,
    startOffset: match.startOffset,
    endContainer: match.endNode,
    endOffset: match.endOffset,
  });
}

/** Whether this browser can paint highlights (Chromium 105+, Safari 17.2+, Firefox 140+). */
export function highlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' && typeof StaticRange === 'function';
}

/** A sink that can take its highlights out of the registry again. */
export interface RegisteredHighlightSink extends HighlightSink {
  /**
   * Unregister this sink's names, unless another sink registered them since (two sessions overlap
   * for a moment when settings change while the page loads: the older one must not wipe the newer).
   */
  dispose(): void;
}

/** One Highlight per kind, registered in the document's registry under the given names. */
export function cssHighlightSink(names: Record<PatternKind, string>): RegisteredHighlightSink {
  const highlights: Record<PatternKind, Highlight> = { term: new Highlight(), avoid: new Highlight() };
  // Avoid-word guidance wins where both could paint.
  highlights.avoid.priority = 1;
  for (const kind of ['term', 'avoid'] as const) CSS.highlights.set(names[kind], highlights[kind]);
  return {
    add(kind, range) {
      highlights[kind].add(range);
    },
    delete(kind, range) {
      highlights[kind].delete(range);
    },
    clear() {
      highlights.term.clear();
      highlights.avoid.clear();
    },
    dispose() {
      this.clear();
      for (const kind of ['term', 'avoid'] as const)
        if (CSS.highlights.get(names[kind]) === highlights[kind]) CSS.highlights.delete(names[kind]);
    },
  };
}
