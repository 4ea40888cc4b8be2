// Which matches get a highlight range: the ones in or near the viewport, and never more than a cap.
// Every registered range costs paint time on each frame the page changes (bench/METHOD.md, the
// frame figure), so highlights follow the view instead of covering the whole page.

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
  const { viewTop, viewBottom, margin, cap } = options;
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
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let probe = mid;
    let b = box(probe);
    while (!b && probe + 1 < hi && probe - mid < 8) b = box(++probe);
    if (!b || b.bottom < viewTop) lo = probe + 1;
    else hi = mid;
  }

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
      } else downMisses++;
      down++;
    }
    if (picked.length < cap && up >= 0 && upMisses < slack) {
      const b = box(up);
      if (inside(b, top, bottom)) {
        picked.push(up);
        upMisses = 0;
      } else upMisses++;
      up--;
    }
  }
  picked.sort((a, b) => a - b);
  return picked;
}
