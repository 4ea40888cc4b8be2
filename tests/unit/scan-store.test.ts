// Matches as data: the scanner finds terms across inline elements and maps them back to (node,
// offset); the store answers "what is at node N offset K", keeps document order, and follows DOM
// changes incrementally (added nodes, edited text, removed nodes) without rescanning the page.
import { beforeEach, describe, expect, it } from 'vitest';
import { patternKey, type MatcherPattern, type PatternKind } from '../../lib/glossary/compile';
import { buildMatcher } from '../../lib/matcher';
import { MatchStore, type Match } from '../../lib/scan/match-store';
import { planMutations } from '../../lib/scan/mutations';
import { Scanner } from '../../lib/scan/scanner';
import { mutate } from './support/mutations';

function pattern(text: string, kind: PatternKind = 'term', caseSensitive = false): MatcherPattern {
  return { text, kind, caseSensitive, prefix: false, key: patternKey(kind, text, caseSensitive) };
}

const matcher = buildMatcher([
  pattern('Argo CD'),
  pattern('kube-proxy'),
  pattern('Pod'),
  pattern('PDB', 'term', true),
  pattern('kubelet'),
  pattern('auth tier', 'avoid'),
]);

function setup(html: string) {
  document.body.innerHTML = html;
  const store = new MatchStore();
  const scanner = new Scanner({ matcher, store });
  scanner.fullScan(document.body);
  const stats = scanner.work(1e9);
  return { store, scanner, stats };
}

const describeMatch = (m: Match) => ({ key: matcher.keyOf(m.pattern), text: m.text });
const texts = (store: MatchStore) => store.ordered().map((m) => m.text);

describe('scanning into the match store', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('finds terms across inline elements and maps both ends back to their nodes', () => {
    const { store, stats } = setup('<p>Deploy with <b>Argo</b> CD; the <a>kube</a>-proxy runs on each node.</p>');
    expect(store.ordered().map(describeMatch)).toEqual([
      { key: 'term:argo cd', text: 'Argo CD' },
      { key: 'term:kube-proxy', text: 'kube-proxy' },
    ]);
    const [argo, proxy] = store.ordered();
    const b = document.querySelector('b')!.firstChild as Text;
    const a = document.querySelector('a')!.firstChild as Text;
    expect([argo!.startNode, argo!.startOffset, argo!.endNode.data, argo!.endOffset]).toEqual([b, 0, ' CD; the ', 3]);
    expect([proxy!.startNode, proxy!.startOffset, proxy!.endNode.data, proxy!.endOffset]).toEqual([a, 0, '-proxy runs on each node.', 6]);
    expect(stats).toMatchObject({ kind: 'scan', matches: 2 });
  });

  it('answers the match at a node and offset, on every node the match touches', () => {
    const { store } = setup('<p>The <i>Pod</i> and the PDB protect <b>Argo</b> CD.</p>');
    const tail = document.querySelector('b')!.nextSibling as Text; // " CD."
    const p = document.querySelector('p')!.lastChild as Text;
    expect(tail).toBe(p);
    const [argoAtEnd] = store.at(tail, 2);
    expect(argoAtEnd?.text).toBe('Argo CD');
    // Boundaries count (a caret just after the last letter); the "." after them does not.
    expect(store.at(tail, 3).map((m) => m.text)).toEqual(['Argo CD']);
    expect(store.at(tail, 4)).toEqual([]);
    const pod = document.querySelector('i')!.firstChild as Text;
    expect(store.at(pod, 1).map((m) => m.text)).toEqual(['Pod']);
    const middle = document.querySelector('i')!.nextSibling as Text; // " and the PDB protect "
    expect(store.at(middle, 9).map((m) => m.text)).toEqual(['PDB']);
    expect(store.at(middle, 2)).toEqual([]);
  });

  it('keeps matches in document order, including those in open shadow roots', () => {
    document.body.innerHTML = '<p>first Pod</p><div id="host"></div><p>last kubelet</p>';
    const shadow = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow PDB</p>';
    const store = new MatchStore();
    const seen: ShadowRoot[] = [];
    const scanner = new Scanner({ matcher, store, onShadowRoot: (r) => seen.push(r) });
    scanner.fullScan(document.body);
    scanner.work(1e9);
    expect(seen).toEqual([shadow]);
    expect(texts(store)).toEqual(['Pod', 'PDB', 'kubelet']);
  });

  it('counts occurrences per pattern for the on-page list', () => {
    const { store } = setup('<p>Pod Pods pod</p><p>kubelet</p>');
    const counts = new Map([...store.counts()].map(([p, n]) => [matcher.keyOf(p), n]));
    expect(counts).toEqual(
      new Map([
        ['term:pod', 3],
        ['term:kubelet', 1],
      ]),
    );
  });
});

describe('incremental updates', () => {
  async function apply(store: MatchStore, scanner: Scanner, change: () => void) {
    const plan = planMutations(await mutate(change), store);
    scanner.enqueue(plan.scopes);
    scanner.beginUpdate();
    return { plan, stats: scanner.work(1e9) };
  }

  it('scans added nodes only, and puts their matches in document order', async () => {
    const { store, scanner } = setup('<ul id="list"><li>one Pod</li><li>two kubelet</li></ul><p>end PDB</p>');
    const { plan, stats } = await apply(store, scanner, () => {
      const li = document.createElement('li');
      li.innerHTML = 'new <b>Argo</b> CD';
      document.querySelector('#list')!.insertBefore(li, document.querySelector('#list li:nth-child(2)'));
    });
    expect(plan.scopes.map((s) => [s.mode, (s.root as Element).localName])).toEqual([['deep', 'li']]);
    expect(stats?.kind).toBe('update');
    expect(stats!.nodes).toBeLessThan(10);
    expect(texts(store)).toEqual(['Pod', 'Argo CD', 'kubelet', 'PDB']);
  });

  it('keeps document order when walks land next to the last one, far from it, and before everything', async () => {
    // Walks are tried first where the latest one ended (a feed appending); one landing elsewhere is
    // placed by search.
    const { store, scanner } = setup('<div id="feed"><p>Pod 0</p></div><footer>PDB footer</footer>');
    const feed = document.querySelector('#feed')!;
    const add = (text: string, where: 'end' | 'start' | 'middle') =>
      apply(store, scanner, () => {
        const p = document.createElement('p');
        p.textContent = text;
        if (where === 'end') feed.append(p);
        else if (where === 'start') feed.prepend(p);
        else feed.insertBefore(p, feed.children[Math.floor(feed.children.length / 2)]!);
      });
    for (let i = 1; i <= 4; i++) await add(`kubelet ${i}`, 'end');
    await add('Argo CD middle', 'middle');
    await add('kube-proxy first', 'start');
    await add('kubelet 5', 'end');
    // Each element's term is its text but the last word.
    const order = [...document.querySelectorAll('p, footer')].map((e) => e.textContent!.replace(/ \S+$/, ''));
    expect(order).toHaveLength(9);
    expect(order.slice(0, 2)).toEqual(['kube-proxy', 'Pod']);
    expect(texts(store)).toEqual(order);
  });

  it('rescans a block whose text changed, replacing its old matches', async () => {
    const { store, scanner } = setup('<p id="p">status: Pod ready</p><p>kubelet</p>');
    const text = document.querySelector('#p')!.firstChild as Text;
    await apply(store, scanner, () => {
      text.data = 'status: kube-proxy ready';
    });
    expect(texts(store)).toEqual(['kube-proxy', 'kubelet']);
    expect(store.at(text, 10).map((m) => m.text)).toEqual(['kube-proxy']);
  });

  it('rescans a block with several runs (split by a nested block) without touching the nested one', async () => {
    const { store, scanner } = setup(
      '<div id="d">first Pod <div id="n">nested kubelet</div> then PDB <br> and Argo CD</div><p>kube-proxy</p>',
    );
    const first = document.querySelector('#d')!.firstChild as Text;
    // The first run changes: the block is rescanned shallowly, so all three of its runs are found again
    // (their old groups go), the nested block's match stays as it was.
    const { plan } = await apply(store, scanner, () => {
      first.data = 'first auth tier ';
    });
    expect(plan.scopes.map((s) => [s.mode, (s.root as Element).id])).toEqual([['shallow', 'd']]);
    expect(texts(store)).toEqual(['auth tier', 'kubelet', 'PDB', 'Argo CD', 'kube-proxy']);
    // Again, with the runs after the nested block changed too: no old match survives, even in runs
    // that now match nothing (found again, they would have replaced their old matches anyway).
    await apply(store, scanner, () => {
      first.data = 'first nothing ';
      (document.querySelector('#n')!.nextSibling as Text).data = ' then Pod ';
      (document.querySelector('#d br')!.nextSibling as Text).data = ' and nothing';
    });
    expect(texts(store)).toEqual(['kubelet', 'Pod', 'kube-proxy']);
  });

  it('joins an inline insertion with its neighbours (text split across elements)', async () => {
    const { store, scanner } = setup('<p id="p">the <b>Argo</b></p>');
    expect(texts(store)).toEqual([]);
    await apply(store, scanner, () => {
      document.querySelector('#p')!.append(' CD app');
    });
    expect(texts(store)).toEqual(['Argo CD']);
  });

  it('drops the data of removed nodes', async () => {
    const { store, scanner } = setup('<div id="a"><p>Pod</p><p><i>kubelet</i></p></div><p>PDB</p>');
    const { stats } = await apply(store, scanner, () => {
      document.querySelector('#a')!.remove();
    });
    expect(texts(store)).toEqual(['PDB']);
    expect(store.nodeCount).toBe(1);
    expect(stats?.kind).toBe('update');
  });

  it('sweeps instead of walking when a whole large tree goes away', async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => `<p>row ${i}${i % 700 === 0 ? ' Pod' : ''}</p>`).join('');
    const { store, scanner } = setup(`<main id="m">${rows}</main><p>kubelet stays</p>`);
    expect(texts(store)).toEqual(['Pod', 'Pod', 'Pod', 'kubelet']);
    const { plan } = await apply(store, scanner, () => document.querySelector('#m')!.remove());
    expect(plan.removed).toBe(3);
    expect(texts(store)).toEqual(['kubelet']);
  });

  it('ignores changes inside skipped regions and Termlens’s own UI', async () => {
    const { store } = setup('<textarea id="t">x</textarea><div contenteditable="true" id="e">x</div><p>Pod</p>');
    const card = document.createElement('termlens-card');
    const records = await mutate(() => {
      (document.querySelector('#t') as HTMLTextAreaElement).textContent = 'Pod Pod';
      document.querySelector('#e')!.append('kubelet');
      document.documentElement.append(card);
      card.append('Pod');
    });
    expect(planMutations(records, store).scopes).toEqual([]);
    card.remove();
  });

  it('replaces, not duplicates, matches of a node scanned twice', () => {
    const { store, scanner } = setup('<p id="p">Pod and <b>kubelet</b></p>');
    scanner.enqueue([{ root: document.querySelector('#p')!, mode: 'deep' }]);
    scanner.work(1e9);
    scanner.enqueue([{ root: document.body, mode: 'deep' }]);
    scanner.work(1e9);
    expect(texts(store)).toEqual(['Pod', 'kubelet']);
  });
});
