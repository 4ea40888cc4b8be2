// The term under the pointer, from the caret position at that point and the matches already stored
// for its text node: no matching on mouse move.
import type { Group, Match, MatchStore } from './match-store';
import { positionRange } from './dom';

interface CaretDocument {
  caretPositionFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
}

/** The text node and offset under a point, looking into the given open shadow roots. */
export function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[] = []): { node: Node; offset: number } | null {
  const d = doc as unknown as CaretDocument;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = shadowRoots.length > 0 ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const range = d.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** Whether (x, y) lies inside one of the match's boxes: the caret is the nearest one, not necessarily under the pointer. */
export function pointInMatch(range: Range, match: Match, x: number, y: number, slop = 1): boolean {
  if (!positionRange(range, match)) return false;
  for (const r of range.getClientRects()) {
    if (x >= r.left - slop && x <= r.right + slop && y >= r.top - slop && y <= r.bottom + slop) return true;
  }
  return false;
}

export class HitTester {
  private readonly range: Range;
  /** The views returned so far, per group: the same match comes back as the same object (callers compare hits with ===). */
  private readonly views = new WeakMap<Group, Map<number, Match>>();

  constructor(
    private readonly doc: Document,
    private readonly store: MatchStore,
    private readonly shadowRoots: () => ShadowRoot[] = () => [],
  ) {
    this.range = doc.createRange();
  }

  /** The match under the point, or null. */
  at(x: number, y: number): Match | null {
    const caret = caretAt(this.doc, x, y, this.shadowRoots());
    if (!caret || caret.node.nodeType !== 3) return null;
    for (const m of this.store.at(caret.node, caret.offset)) {
      if (m.group.live && pointInMatch(this.range, m, x, y)) return this.same(m);
    }
    return null;
  }

  private same(match: Match): Match {
    let byIndex = this.views.get(match.group);
    if (!byIndex) this.views.set(match.group, (byIndex = new Map()));
    const seen = byIndex.get(match.index);
    if (seen) return seen;
    byIndex.set(match.index, match);
    return match;
  }
}
