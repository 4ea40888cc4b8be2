// The browser's geometry for the highlighter: boxes of matches in a large text node are read once and
// kept in page coordinates while only the document scrolls; invalidate() (the page changed, resized, an
// inner box scrolled) reads them again. Layout is mocked: happy-dom has none.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rangeGeometry } from '../../lib/scan/dom';
import { MatchStore, type Match } from '../../lib/scan/match-store';
import { LARGE_TEXT } from '../../lib/scan/window';

function matchIn(text: Text, start: number, end: number): Match {
  const store = new MatchStore();
  store.addRun({ nodes: [text], starts: [0], text: text.data, owner: text.parentNode! } as never, [{ pattern: 0, start, end }] as never);
  return store.ordered()[0]!;
}

describe('rangeGeometry', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    window.scrollTo(0, 0);
  });

  it('reads a large text node’s boxes once, moves them with the document’s scroll, and again after invalidate()', () => {
    document.body.innerHTML = '<pre></pre><p>small Pod</p>';
    const big = document.createTextNode('x'.repeat(LARGE_TEXT) + ' kubelet');
    document.querySelector('pre')!.append(big);
    const small = document.querySelector('p')!.firstChild as Text;
    let scroll = 0;
    vi.spyOn(window, 'scrollY', 'get').mockImplementation(() => scroll);
    const reads = vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, 5000 - scroll, 50, 16));
    const geometry = rangeGeometry(document);
    const large = matchIn(big, LARGE_TEXT + 1, LARGE_TEXT + 8);
    expect(geometry.readsLargeText()).toBe(false);
    expect(geometry.boxOf(large)).toEqual({ top: 5000, bottom: 5016 });
    // The page re-windows every frame while it scrolls near such a node (entrypoints/content/session.ts).
    expect(geometry.readsLargeText()).toBe(true);
    scroll = 1200;
    expect(geometry.boxOf(large)).toEqual({ top: 3800, bottom: 3816 });
    expect(reads).toHaveBeenCalledTimes(1);
    geometry.invalidate();
    expect(geometry.readsLargeText()).toBe(false);
    expect(geometry.boxOf(large)).toEqual({ top: 3800, bottom: 3816 });
    expect(reads).toHaveBeenCalledTimes(2);
    // Small nodes are read every time: their layout can change without a sign.
    const pod = matchIn(small, 6, 9);
    geometry.boxOf(pod);
    geometry.boxOf(pod);
    expect(reads).toHaveBeenCalledTimes(4);
  });
});
