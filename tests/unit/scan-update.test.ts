// Incremental updates at the store's level: where a rescan's matches go in document order, additions
// under one block scanned as one walk, the compact match data (views, keys, text read from the page),
// and what the highlighter and the hover test do with it.
import { beforeEach, describe, expect, it } from 'vitest';
import { patternKey, type MatcherPattern } from '../../lib/glossary/compile';
import { buildMatcher } from '../../lib/matcher';
import { Highlighter, type HighlightSink } from '../../lib/scan/highlighter';
import { HitTester } from '../../lib/scan/hit-test';
import { MatchStore, type Match } from '../../lib/scan/match-store';
import { planMutations } from '../../lib/scan/mutations';
import { Scanner } from '../../lib/scan/scanner';
import type { Box } from '../../lib/scan/window';
import { mutate } from './support/mutations';

const pattern = (text: string): MatcherPattern => ({
  text,
  kind: 'term',
  caseSensitive: false,
  prefix: false,
  key: patternKey('term', text, false),
});
const matcher = buildMatcher([pattern('Argo CD'), pattern('Pod'), pattern('kubelet'), pattern('PDB')]);

function setup(html: string) {
  document.body.innerHTML = html;
  const store = new MatchStore();
  const scanner = new Scanner({ matcher, store });
  scanner.fullScan(document.body);
  scanner.work(1e9);
  return { store, scanner };
}

const texts = (store: MatchStore) => store.ordered().map((m) => m.text);

async function apply(store: MatchStore, scanner: Scanner, change: () => void) {
  const plan = planMutations(await mutate(change), store);
  scanner.beginUpdate();
  scanner.enqueue(plan.scopes);
  scanner.work(1e9);
  return plan;
}

function paragraphs(n: number, text: (i: number) => string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < n; i++) {
    const p = document.createElement('p');
    p.textContent = text(i);
    fragment.append(p);
  }
  return fragment;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('placing rescanned matches', () => {
  it('scans many paragraphs appended to a small block as one walk of it, in document order', async () => {
    const { store, scanner } = setup('<div><p>first Pod</p></div><div id="host"><p>old kubelet</p></div><div><p>last PDB</p></div>');
    const host = document.querySelector('#host')!;
    const plan = await apply(store, scanner, () => host.append(paragraphs(20, (i) => `note ${i}: Argo CD`)));
    expect(plan.scopes).toEqual([{ root: host, mode: 'deep' }]);
    expect(texts(store)).toEqual(['Pod', 'kubelet', ...Array<string>(20).fill('Argo CD'), 'PDB']);
    expect(store.size).toBe(23);
    // Every new match is found again at its node.
    const last = host.lastElementChild!.firstChild as Text;
    expect(store.at(last, last.data.indexOf('Argo')).map((m) => m.text)).toEqual(['Argo CD']);
  });

  it('scans additions one by one when the block is large next to them (appending to a long list)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<li>row ${i}${i === 150 ? ' kubelet' : ''}</li>`).join('');
    const { store, scanner } = setup(`<p>top Pod</p><ul id="list">${rows}</ul><p>end PDB</p>`);
    const list = document.querySelector('#list')!;
    const plan = await apply(store, scanner, () => {
      const a = document.createElement('li');
      a.textContent = 'new Argo CD';
      const b = document.createElement('li');
      b.textContent = 'another Pod';
      list.append(a, b);
    });
    expect(plan.scopes.map((s) => [s.mode, (s.root as Element).textContent])).toEqual([
      ['deep', 'new Argo CD'],
      ['deep', 'another Pod'],
    ]);
    expect(texts(store)).toEqual(['Pod', 'kubelet', 'Argo CD', 'Pod', 'PDB']);
  });

  it('keeps document order when one batch adds text in several places', async () => {
    const { store, scanner } = setup(
      '<section id="a"><p>a Pod</p></section><section id="b"><p>b kubelet</p></section><section id="c"><p>c PDB</p></section>',
    );
    await apply(store, scanner, () => {
      document.querySelector('#c')!.append(paragraphs(3, () => 'c2 Argo CD'));
      document.querySelector('#a')!.prepend(paragraphs(1, () => 'a0 PDB'));
      document.querySelector('#b')!.append(paragraphs(1, () => 'b2 Pod'));
    });
    expect(texts(store)).toEqual(['PDB', 'Pod', 'kubelet', 'Pod', 'PDB', 'Argo CD', 'Argo CD', 'Argo CD']);
    expect(store.ordered().map((m) => (m.startNode.parentElement!.closest('section') as Element).id)).toEqual([
      'a',
      'a',
      'b',
      'b',
      'c',
      'c',
      'c',
      'c',
    ]);
  });

  it('drops what a deep rescan no longer finds, even text that became hidden without a mutation record', () => {
    const { store, scanner } = setup('<div id="box"><p>keep Pod</p><p id="gone">old kubelet</p></div><p>PDB</p>');
    // Attribute changes are not observed; the next rescan of the block must not keep the hidden text's match.
    document.querySelector('#gone')!.setAttribute('hidden', '');
    scanner.enqueue([{ root: document.querySelector('#box')!, mode: 'deep' }]);
    scanner.work(1e9);
    expect(texts(store)).toEqual(['Pod', 'PDB']);
    expect(store.has(document.querySelector('#gone')!.firstChild as Text)).toBe(false);
  });

  it('rescans the blocks inside a moved inline element once, keeping the outer block’s own matches', async () => {
    const { store, scanner } = setup('<div id="outer">outer Pod <span id="wrap"><p>inner kubelet</p></span> tail PDB</div>');
    const plan = await apply(store, scanner, () => document.querySelector('#outer')!.prepend(document.querySelector('#wrap')!));
    expect(plan.scopes.map((s) => s.mode).sort()).toEqual(['nested', 'shallow']);
    expect(texts(store)).toEqual(['kubelet', 'Pod', 'PDB']);
    expect(store.size).toBe(3);
  });

  it('keeps document order for a walk spread over many slices while the page changes in between', () => {
    document.body.innerHTML = Array.from({ length: 200 }, (_, i) => `<p>line ${i}${i % 20 === 0 ? ' Pod' : ''}</p>`).join('');
    const store = new MatchStore();
    let clock = 0;
    const scanner = new Scanner({ matcher, store, now: () => clock++ });
    scanner.fullScan(document.body);
    let slices = 0;
    while (!scanner.work(1)) {
      slices++;
      if (slices === 1) {
        // Behind the walk (it will not see it) and ahead of it (it will).
        document.body.firstElementChild!.after(paragraphs(1, () => 'early kubelet'));
        document.body.lastElementChild!.before(paragraphs(1, () => 'late PDB'));
      }
    }
    expect(slices).toBeGreaterThan(1);
    expect(texts(store)).toEqual([...Array<string>(10).fill('Pod'), 'PDB']);
    // The addition behind the walk comes with the next update: it goes to its place, not to the end.
    scanner.enqueue([{ root: document.body.children[1]!, mode: 'deep' }]);
    scanner.work(1e9);
    expect(texts(store)).toEqual(['Pod', 'kubelet', ...Array<string>(9).fill('Pod'), 'PDB']);
  });
});

describe('compact match data', () => {
  it('makes views on demand: two views of one match share a key, text is read from the page', () => {
    const { store } = setup('<p>Deploy with <b>Argo</b> CD, then a Pod.</p>');
    const tail = document.querySelector('b')!.nextSibling as Text;
    const [a] = store.at(tail, 1);
    const [b] = store.at(tail, 2);
    expect(a).not.toBe(b);
    expect(a!.key).toBe(b!.key);
    expect(a!.text).toBe('Argo CD');
    expect([a!.startNode.data, a!.startOffset, a!.endNode.data, a!.endOffset]).toEqual(['Argo', 0, ' CD, then a Pod.', 3]);
    const [, pod] = store.ordered();
    expect(pod!.key).not.toBe(a!.key);
    expect(pod!.text).toBe('Pod');
  });

  it('lists matches in document order by position, without making a view per match', () => {
    const { store } = setup('<p>Pod kubelet</p><p>PDB <i>Argo</i> CD Pod</p>');
    const list = store.list();
    expect(list.length).toBe(5);
    expect(Array.from({ length: list.length }, (_, i) => matcher.keyOf(list.patternAt(i)))).toEqual([
      'term:pod',
      'term:kubelet',
      'term:pdb',
      'term:argo cd',
      'term:pod',
    ]);
    expect(Array.from({ length: list.length }, (_, i) => list.at(i).key)).toEqual(store.ordered().map((m) => m.key));
    expect(new Map([...store.counts()].map(([p, n]) => [matcher.keyOf(p), n]))).toEqual(
      new Map([
        ['term:pod', 2],
        ['term:kubelet', 1],
        ['term:pdb', 1],
        ['term:argo cd', 1],
      ]),
    );
  });

  it('forgets a block’s matches when it is rescanned on its own (shallow), not its nested blocks’', async () => {
    const { store, scanner } = setup('<div id="d">own Pod<p>nested kubelet</p>more PDB</div>');
    const own = document.querySelector('#d')!.firstChild as Text;
    await apply(store, scanner, () => {
      own.data = 'own Argo CD';
    });
    expect(texts(store)).toEqual(['Argo CD', 'kubelet', 'PDB']);
    expect(store.size).toBe(3);
  });
});

describe('highlights after an update', () => {
  function highlighted(lines: number, cap: number) {
    document.body.innerHTML = Array.from({ length: lines }, (_, i) => `<p>line ${i} Pod</p>`).join('');
    const store = new MatchStore();
    const scanner = new Scanner({ matcher, store });
    scanner.fullScan(document.body);
    scanner.work(1e9);
    const events: string[] = [];
    const ranges = new Set<AbstractRange>();
    const sink: HighlightSink = {
      add: (_kind, range) => void (events.push('add'), ranges.add(range)),
      delete: (_kind, range) => void ranges.delete(range),
      clear: () => ranges.clear(),
    };
    // Paragraph i is a 20 px line; the viewport is 200 px tall at the top of the page.
    const lineOf = (m: Match) => [...document.querySelectorAll('p')].indexOf(m.startNode.parentElement as HTMLParagraphElement);
    const boxOf = (m: Match): Box => {
      events.push('box');
      const i = lineOf(m);
      return { top: i * 20, bottom: i * 20 + 16 };
    };
    const highlighter = new Highlighter({
      store,
      patterns: matcher,
      sink,
      geometry: { boxOf, viewportHeight: () => 200 },
      makeRange: (m) =>
        ({
          startContainer: m.startNode,
          startOffset: m.startOffset,
          endContainer: m.endNode,
          endOffset: m.endOffset,
          collapsed: false,
        }) as AbstractRange,
      cap,
      margin: 0,
    });
    highlighter.refresh();
    store.takeAdded();
    return { store, scanner, highlighter, events, ranges };
  }

  it('measures new matches only after the frame, and adds ranges once every box is read', () => {
    const { store, scanner, highlighter, events } = highlighted(30, 300);
    const before = highlighter.count;
    document.body.prepend(paragraphs(3, (i) => `new ${i} kubelet`));
    scanner.enqueue([...document.querySelectorAll('p')].slice(0, 3).map((root) => ({ root, mode: 'deep' as const })));
    scanner.work(1e9);
    events.length = 0;
    highlighter.update(store.takeAdded());
    // No box read during the update itself: the page's layout is dirty then.
    expect(events).toEqual([]);
    expect(highlighter.hasPending).toBe(true);
    highlighter.measurePending();
    expect(events).toEqual(['box', 'box', 'box', 'add', 'add', 'add']);
    expect(highlighter.count).toBe(before + 3);
  });

  it('re-windows after the frame, not during the update, when more new matches arrive than the cap allows', () => {
    const { store, scanner, highlighter, events, ranges } = highlighted(30, 12);
    // Lines 0 to 10 reach into the 200 px viewport.
    expect(highlighter.count).toBe(11);
    document.body.prepend(paragraphs(10, (i) => `new ${i} kubelet`));
    scanner.enqueue([{ root: document.body, mode: 'deep' }]);
    scanner.work(1e9);
    events.length = 0;
    highlighter.update(store.takeAdded());
    expect(events.filter((e) => e === 'box')).toEqual([]);
    highlighter.measurePending();
    // The window now holds the ten new lines and the first old one: never more than the cap.
    expect(highlighter.count).toBe(11);
    expect([...ranges].filter((r) => (r.startContainer as Text).data.includes('kubelet'))).toHaveLength(10);
  });
});

describe('hover', () => {
  it('returns the same object for the same match under the pointer', () => {
    const { store } = setup('<p>a Pod here</p>');
    const text = document.querySelector('p')!.firstChild as Text;
    // A document stand-in: the caret is always in the Pod, and the match's box covers the point.
    const range = { setStart() {}, setEnd() {}, getClientRects: () => [{ left: 0, right: 100, top: 0, bottom: 20 }] };
    const doc = { createRange: () => range, caretPositionFromPoint: () => ({ offsetNode: text, offset: 3 }) } as unknown as Document;
    const hits = new HitTester(doc, store);
    const first = hits.at(10, 10);
    expect(first?.text).toBe('Pod');
    expect(hits.at(12, 10)).toBe(first);
  });
});
