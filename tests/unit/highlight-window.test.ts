// Highlight windowing: only matches in or near the viewport get a range, never more than the cap,
// visible ones first; scrolling swaps ranges in and out; the user's filters apply. Boxes are mocked:
// the layout is "item i sits at y = i * lineHeight - scrollTop".
import { describe, expect, it } from 'vitest';
import { patternKey, type MatcherPattern } from '../../lib/glossary/compile';
import { buildMatcher } from '../../lib/matcher';
import { Backoff } from '../../lib/scan/backoff';
import { Highlighter, type HighlightSink } from '../../lib/scan/highlighter';
import { MatchStore, type Match } from '../../lib/scan/match-store';
import { Scanner } from '../../lib/scan/scanner';
import { selectWindow, type Box } from '../../lib/scan/window';

const line = (i: number, scroll = 0, height = 20): Box => ({ top: i * height - scroll, bottom: i * height - scroll + 16 });

describe('selectWindow', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => i);

  it('returns the items in the viewport and its margin, in order, measuring only a few boxes', () => {
    let measured = 0;
    const scroll = 50_000;
    const got = selectWindow(items, (i) => (measured++, line(i, scroll)), { viewTop: 0, viewBottom: 800, margin: 800, cap: 1000 });
    // 800 px viewport + 800 px on each side at 20 px a line: items 2460..2540 give about 120 lines.
    expect(got[0]).toBe(Math.ceil((scroll - 800 - 16) / 20));
    expect(got[got.length - 1]).toBe(Math.floor((scroll + 1600) / 20));
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(measured).toBeLessThan(got.length + 100);
  });

  it('never returns more than the cap, and prefers what is visible', () => {
    const got = selectWindow(items, (i) => line(i, 10_000, 2), { viewTop: 0, viewBottom: 800, margin: 800, cap: 300 });
    expect(got).toHaveLength(300);
    // 2 px per line: the 400 visible lines alone exceed the cap; all picked are visible.
    for (const i of got) expect(i * 2 - 10_000).toBeGreaterThanOrEqual(-16);
    for (const i of got) expect(i * 2 - 10_000).toBeLessThanOrEqual(800);
  });

  it('skips items without a box (hidden) and copes with items out of vertical order', () => {
    const hidden = (i: number) => i % 3 === 0;
    // A "sticky header" item 0 that is always at the top of the viewport.
    const box = (i: number) => (i === 1 ? { top: 0, bottom: 16 } : hidden(i) ? null : line(i, 4000));
    const got = selectWindow(items, box, { viewTop: 0, viewBottom: 800, margin: 0, cap: 1000 });
    expect(got.some(hidden)).toBe(false);
    expect(got.length).toBeGreaterThan(20);
    expect(got.every((i) => i === 1 || (i * 20 - 4000 >= -16 && i * 20 - 4000 <= 800))).toBe(true);
  });

  it('passes over the rest of one flow once an item of it is out of the window, without reading its boxes', () => {
    // Items 0..9,999 in one flow (one large text node), then 10 in another that sits in the viewport.
    const all = Array.from({ length: 10_010 }, (_, i) => i);
    const box = (i: number) => (i >= 10_000 ? { top: 100 + (i - 10_000) * 20, bottom: 116 + (i - 10_000) * 20 } : line(i, 50_000));
    const read = new Set<number>();
    const options = { viewTop: 0, viewBottom: 800, margin: 200, cap: 1000 };
    const measuring = (i: number) => (read.add(i), box(i));
    const plain = selectWindow(all, box, { ...options, slack: 100_000 });
    const got = selectWindow(all, measuring, { ...options, sameFlow: (a, b) => a < 10_000 && b < 10_000 });
    // The same picks as a search that never gives up, the other flow's included.
    expect(got).toEqual(plain);
    expect(got.filter((i) => i >= 10_000)).toHaveLength(10);
    // Items of the flow far below the window were never read.
    expect([...read].filter((i) => i > 2600 && i < 10_000).length).toBeLessThan(20);
  });

  it('starts from where the last call found the viewport, with the same picks and fewer boxes read', () => {
    const options = { viewTop: 0, viewBottom: 800, margin: 200, cap: 1000 };
    const cursor = { at: 0 };
    for (const scroll of [50_000, 51_200, 52_400, 52_000, 10_000, 190_000]) {
      let fresh = 0;
      let hinted = 0;
      const plain = selectWindow(items, (i) => (fresh++, line(i, scroll)), options);
      const from = cursor.at;
      const got = selectWindow(items, (i) => (hinted++, line(i, scroll)), { ...options, cursor });
      expect(got, `scrolled to ${scroll}`).toEqual(plain);
      expect(cursor.at).toBe(Math.ceil((scroll - 16) / 20));
      // A small scroll from the last answer finds the new one in a few reads.
      if (from > 0 && Math.abs(cursor.at - from) < 100) expect(hinted).toBeLessThan(fresh);
    }
  });

  it('returns nothing for an empty list or a zero cap', () => {
    expect(selectWindow([], () => null, { viewTop: 0, viewBottom: 100, margin: 0, cap: 10 })).toEqual([]);
    expect(selectWindow(items, (i) => line(i), { viewTop: 0, viewBottom: 100, margin: 0, cap: 0 })).toEqual([]);
  });
});

function pattern(text: string): MatcherPattern {
  return { text, kind: 'term', caseSensitive: false, prefix: false, key: patternKey('term', text, false) };
}

describe('Highlighter', () => {
  const matcher = buildMatcher([pattern('Pod'), pattern('kubelet'), pattern('Argo CD')]);

  function page(lines: number) {
    document.body.innerHTML = Array.from({ length: lines }, (_, i) => `<p>line ${i}: Pod and kubelet</p>`).join('');
    const store = new MatchStore();
    const scanner = new Scanner({ matcher, store });
    scanner.fullScan(document.body);
    scanner.work(1e9);
    const index = new Map<Text, number>();
    document.querySelectorAll('p').forEach((p, i) => index.set(p.firstChild as Text, i));
    const registered = new Map<AbstractRange, string>();
    const sink: HighlightSink = {
      add: (kind, range) => void registered.set(range, kind),
      delete: (_kind, range) => void registered.delete(range),
      clear: () => registered.clear(),
    };
    const view = { scroll: 0, measured: 0 };
    const highlighter = new Highlighter({
      store,
      patterns: matcher,
      sink,
      // Each paragraph is a 20 px line (text added later sits far below); the viewport is 800 px tall.
      geometry: {
        boxOf: (m: Match) => {
          view.measured++;
          return line(index.get(m.startNode) ?? 10_000, view.scroll);
        },
        viewportHeight: () => 800,
      },
      makeRange: (m) =>
        ({
          startContainer: m.startNode,
          startOffset: m.startOffset,
          endContainer: m.endNode,
          endOffset: m.endOffset,
          collapsed: false,
        }) as AbstractRange,
      cap: 300,
    });
    return { store, highlighter, registered, view, lineOf: (r: AbstractRange) => index.get(r.startContainer as Text)! };
  }

  it('registers ranges only near the viewport and keeps the count bounded while scrolling', () => {
    const { store, highlighter, registered, view, lineOf } = page(5000);
    expect(store.size).toBe(10_000);
    highlighter.refresh();
    expect(registered.size).toBe(highlighter.count);
    expect(highlighter.count).toBeGreaterThan(0);
    expect(highlighter.count).toBeLessThanOrEqual(300);
    expect(Math.max(...[...registered.keys()].map(lineOf))).toBeLessThan(100);

    for (const scroll of [10_000, 50_000, 99_000]) {
      view.scroll = scroll;
      highlighter.refresh();
      expect(highlighter.count).toBeLessThanOrEqual(300);
      const lines = [...registered.keys()].map(lineOf);
      // The lines on screen now are highlighted; the ones from before are gone.
      const firstVisible = Math.ceil(scroll / 20);
      expect(lines).toContain(firstVisible);
      expect(lines).toContain(firstVisible + 39);
      expect(Math.min(...lines)).toBeGreaterThanOrEqual(firstVisible - 41);
    }
  });

  it('by default reaches a quarter screen above and below the viewport, no further', () => {
    // Each registered range costs time in every frame that changes text: the window stays narrow.
    const { highlighter, registered, view, lineOf } = page(5000);
    view.scroll = 50_000;
    highlighter.refresh();
    const lines = [...registered.keys()].map(lineOf);
    // Viewport: lines 2500-2539; a quarter screen (200 px, 10 lines) either side.
    expect(Math.min(...lines)).toBe(2490);
    expect(Math.max(...lines)).toBe(2550);
    expect(highlighter.count).toBe(2 * 61);
  });

  it('drops the ranges of matches whose text was rescanned', () => {
    const { store, highlighter, registered } = page(3);
    highlighter.refresh();
    expect(registered.size).toBe(6);
    store.removeNode(document.querySelector('p')!.firstChild as Text);
    highlighter.refresh();
    expect(registered.size).toBe(4);
  });

  it('follows text re-rendered in place without measuring it, and measures new text elsewhere', () => {
    const { store, highlighter, registered, view } = page(200);
    const scanner = new Scanner({ matcher, store });
    highlighter.refresh();
    store.takeAdded();
    const before = highlighter.count;
    // The first paragraph's text is replaced (as React does): its new matches take the old ones' place.
    const first = document.querySelector('p')!;
    store.removeNode(first.firstChild as Text);
    first.textContent = 'line 0: Argo CD and kubelet';
    scanner.enqueue([{ root: first, mode: 'deep' }]);
    scanner.work(1e9);
    view.scroll = 1e9; // any measured box is now far out of view: only unmeasured ones can be added
    highlighter.update(store.takeAdded());
    expect(highlighter.count).toBe(before);
    expect([...registered.keys()].some((r) => r.startContainer === first.firstChild)).toBe(true);
    // A paragraph appended at the end (far below the viewport) is measured and left out.
    view.scroll = 0;
    const last = document.createElement('p');
    last.textContent = 'appended Pod';
    document.body.append(last);
    scanner.enqueue([{ root: last, mode: 'deep' }]);
    scanner.work(1e9);
    highlighter.update(store.takeAdded());
    expect(highlighter.hasPending).toBe(true);
    highlighter.measurePending();
    expect(highlighter.count).toBe(before);
    // The same paragraph near the top is measured (after the frame) and registered.
    const near = document.createElement('p');
    near.textContent = 'inserted Pod';
    document.body.prepend(near);
    scanner.enqueue([{ root: near, mode: 'deep' }]);
    scanner.work(1e9);
    highlighter.update(store.takeAdded());
    expect(highlighter.count).toBe(before);
    view.scroll = 10_000 * 20 - 400; // "far below" is now on screen
    highlighter.measurePending();
    expect(highlighter.count).toBe(before + 1);
  });

  it('registers the first matches at start-up without measuring, and the next refresh re-windows them', () => {
    const { highlighter, registered, view, lineOf } = page(500);
    highlighter.setFilter({ known: new Set(['term:kubelet']), firstOnly: false });
    view.scroll = 2000; // the page opened scrolled: the leading matches are not what is on screen
    highlighter.registerLeading(25);
    expect(view.measured).toBe(0);
    // The first 25 eligible matches in document order: one Pod per line, kubelet dismissed.
    expect([...registered.keys()].map(lineOf)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect([...registered.values()].every((kind) => kind === 'term')).toBe(true);
    highlighter.refresh();
    expect(view.measured).toBeGreaterThan(0);
    const lines = [...registered.keys()].map(lineOf);
    expect(Math.min(...lines)).toBeGreaterThanOrEqual(100 - 41);
    expect(lines).toContain(100);
    // Matches the caller leaves out (the text the parser is still writing) are skipped, not counted.
    highlighter.clear();
    const [p0, p1] = document.querySelectorAll('p');
    highlighter.registerLeading(3, (m) => m.startNode === p0!.firstChild || m.startNode === p1!.firstChild);
    expect([...registered.keys()].map(lineOf)).toEqual([2, 3, 4]);
  });

  it('applies "I know this" and "first occurrence only"', () => {
    const { highlighter, registered } = page(10);
    highlighter.setFilter({ known: new Set(['term:kubelet']), firstOnly: false });
    highlighter.refresh();
    expect(registered.size).toBe(10);
    highlighter.setFilter({ known: new Set(), firstOnly: true });
    highlighter.refresh();
    expect(registered.size).toBe(2);
  });
});

describe('Backoff', () => {
  it('keeps following cheap updates every frame', () => {
    const b = new Backoff({ windowMs: 1000, budgetMs: 25 });
    for (let t = 0; t < 5000; t += 50) {
      b.ran(t, 0.5); // 20 updates a second at 0.5 ms: 10 ms per second
      expect(b.delay).toBe(0);
    }
  });

  it('backs off while updates keep costing more than the budget, and recovers once they are cheap', () => {
    const b = new Backoff({ windowMs: 1000, budgetMs: 25, minDelayMs: 100, maxDelayMs: 1000 });
    let t = 0;
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      t += Math.max(16, b.delay);
      b.ran(t, 6);
      delays.push(b.delay);
    }
    expect(delays.slice(0, 3)).toEqual([0, 0, 0]);
    expect(delays[delays.length - 1]).toBeGreaterThanOrEqual(200);
    // However long it runs, the work per second stays near the budget.
    expect(b.spent).toBeLessThanOrEqual(25 + 6);
    for (let i = 0; i < 20; i++) {
      t += Math.max(16, b.delay);
      b.ran(t, 0.2);
    }
    expect(b.delay).toBe(0);
  });
});
