// Which matches get a highlight range: the ones in or near the viewport, and never more than a cap.
// Every registered range costs paint time on each frame the page changes (bench/METHOD.md, the
// frame figure), so highlights follow the view instead of covering the whole page.

/**
 * A text node at least this long is laid out as one flow, and its boxes are costly: Chromium finds a
 * range's box by going through the lines of the node's block, about a millisecond a read in a 5 MB
 * log (bench/METHOD.md, the stress pages). Its matches are skipped past once one is out of the window
 * (WindowOptions.sameFlow), and their boxes are cached (rangeGeometry).
 */
export const LARGE_TEXT = 50_000;

export interface Box {
  top: number;
  bottom: number;
}

export interface WindowOptions {
  /** Viewport top and bottom, in the same coordinates as the boxes (client coordinates). */
  viewTop: number;
  viewBottom: number;
  /** Extra distance above and below the viewport that is highlighted ahead of scrolling. */
  margin: number;
  /** The most items returned. */
  cap: number;
  /** Stop looking after this many consecutive items outside the window (tolerates out-of-order layouts). */
  slack?: number;
  /**
   * Whether item `b` is laid out after item `a` in one flow (`b` = `a` + 1): once `a` is below the
   * window so is `b`, once `b` is above it so is `a`; those are passed over without a box read.
   */
  sameFlow?: (a: number, b: number) => boolean;
  /**
   * Kept between calls: the search for the viewport's first item starts where the last one found it
   * and leaves its result here. While the page scrolls the answer moves a little between calls, and
   * the boxes near it were read last time (cached ones cost nothing, rangeGeometry).
   */
  cursor?: { at: number };
}

/**
 * `items` are in document order, which mostly follows the vertical layout. A binary search finds the
 * first item at the viewport, then the window grows downward through the visible items first, then
 * alternately below and above within the margin. Only O(log n + window) boxes are measured.
 * `boxOf` returns null for an item that has no box (hidden, detached): it is never selected.
 */
export function selectWindow<T>(items: readonly T[], boxOf: (item: T) => Box | null, options: WindowOptions): T[] {
  return selectWindowAt(items.length, (i) => boxOf(items[i]!), options).map((i) => items[i]!);
}

/** selectWindow over positions 0..n-1 (no list of items needed): returns the picked positions, in order. */
export function selectWindowAt(n: number, boxAt: (i: number) => Box | null, options: WindowOptions): number[] {
  const { viewTop, viewBottom, margin, cap, sameFlow, cursor } = options;
  const slack = options.slack ?? 24;
  if (n === 0 || cap <= 0) return [];
  const memo = new Map<number, Box | null>();
  const box = (i: number): Box | null => {
    let b = memo.get(i);
    if (b === undefined) {
      b = boxAt(i);
      memo.set(i, b);
    }
    return b;
  };

  // First index whose box ends at or below the viewport top; hidden items borrow the next visible box.
  const endsBelowTop = (i: number, limit: number): { probe: number; below: boolean } => {
    let probe = i;
    let b = box(probe);
    while (!b && probe + 1 < limit && probe - i < 8) b = box(++probe);
    return { probe, below: b !== null && b.bottom >= viewTop };
  };
  let lo = 0;
  let hi = n;
  if (cursor && n > 1) {
    // Gallop out from the last answer to bracket this one, then search inside the bracket.
    const h = Math.min(Math.max(cursor.at, 0), n - 1);
    if (endsBelowTop(h, n).below) {
      hi = h;
      for (let step = 1; ; step *= 2) {
        const j = hi - step;
        if (j <= 0) break;
        if (!endsBelowTop(j, hi).below) {
          lo = j + 1;
          break;
        }
        hi = j;
      }
    } else {
      lo = h + 1;
      for (let step = 1; ; step *= 2) {
        const j = lo + step;
        if (j >= n) break;
        if (endsBelowTop(j, n).below) {
          hi = j;
          break;
        }
        lo = j + 1;
      }
    }
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const { probe, below } = endsBelowTop(mid, hi);
    if (!below) lo = probe + 1;
    else hi = mid;
  }
  if (cursor) cursor.at = lo;

  const top = viewTop - margin;
  const bottom = viewBottom + margin;
  const picked: number[] = [];
  const inside = (b: Box | null, from: number, to: number) => b !== null && b.bottom >= from && b.top <= to;

  // 1. Downward through the visible part.
  let down = lo;
  let misses = 0;
  while (down < n && picked.length < cap && misses < slack) {
    const b = box(down);
    if (b && b.top > viewBottom) break;
    if (inside(b, viewTop, viewBottom)) {
      picked.push(down);
      misses = 0;
    } else misses++;
    down++;
  }
  // 2. Alternately below and above, within the margin.
  let up = lo - 1;
  let downMisses = 0;
  let upMisses = 0;
  while (picked.length < cap && ((down < n && downMisses < slack) || (up >= 0 && upMisses < slack))) {
    if (down < n && downMisses < slack) {
      const b = box(down);
      if (inside(b, top, bottom)) {
        picked.push(down);
        downMisses = 0;
      } else {
        downMisses++;
        if (b && b.top > bottom && sameFlow) while (down + 1 < n && sameFlow(down, down + 1)) down++;
      }
      down++;
    }
    if (picked.length < cap && up >= 0 && upMisses < slack) {
      const b = box(up);
      if (inside(b, top, bottom)) {
        picked.push(up);
        upMisses = 0;
      } else {
        upMisses++;
        if (b && b.bottom < top && sameFlow) while (up - 1 >= 0 && sameFlow(up - 1, up)) up--;
      }
      up--;
    }
  }
  picked.sort((a, b) => a - b);
  return picked;
}
