// Browser glue for the highlighter and hover: geometry through one reusable Range, StaticRanges for
// the registry (a live Range per match would make every page mutation slower), CSS.highlights.
import type { PatternKind } from '../glossary/compile';
import type { Geometry, HighlightSink } from './highlighter';
import type { HighlightStyle } from '../settings/styles';
import type { Match } from './match-store';
import type { Box } from './window';

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

export function rangeGeometry(doc: Document): Geometry {
  const range = doc.createRange();
  return {
    boxOf(match: Match): Box | null {
      if (!positionRange(range, match)) return null;
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return null;
      return { top: r.top, bottom: r.bottom };
    },
    viewportHeight: () => doc.defaultView?.innerHeight ?? doc.documentElement.clientHeight,
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

/** One Highlight per kind, registered in the document's registry under the given names. */
export function cssHighlightSink(names: Record<PatternKind, string>): HighlightSink {
  const highlights: Record<PatternKind, Highlight> = { term: new Highlight(), avoid: new Highlight() };
  // Avoid-word guidance wins where both could paint.
  highlights.avoid.priority = 1;
  const register = () => {
    for (const kind of ['term', 'avoid'] as const) {
      if (CSS.highlights.get(names[kind]) !== highlights[kind]) CSS.highlights.set(names[kind], highlights[kind]);
    }
  };
  register();
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
  };
}

export function unregisterHighlights(): void {
  if (!highlightApiAvailable()) return;
  for (const names of Object.values(HIGHLIGHT_NAMES)) for (const name of Object.values(names)) CSS.highlights.delete(name);
  CSS.highlights.delete(FLASH_HIGHLIGHT);
}
