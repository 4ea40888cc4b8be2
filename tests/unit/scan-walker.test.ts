// Run collection: which text is scanned, how inline elements join and blocks break runs, how offsets
// map back to nodes, and that a sliced walk gives the same result as a walk in one go. A plain
// recursive walk (`referenceWalk` below) states the rules; the resumable walker must agree with it on
// saved pages and on random DOMs, whole and sliced, in every mode.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BREAK, classifyWithShadow, INLINE, SKIP, type ExcludeRule } from '../../lib/scan/classify';
import { ScopeWalk, collectRuns, MAX_RUN_CHARS, type Scope, type TextRun } from '../../lib/scan/walker';
import { githubAdapter } from '../../lib/sites';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const texts = (runs: TextRun[]) => runs.map((r) => r.text);

describe('collectRuns', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('skips scripts, styles, form fields, editable regions, hidden elements and Termlens UI', () => {
    const root = body(`
      <p>prose Argo CD</p>
      <script>var ArgoCD = "script";</script>
      <style>.pod { color: red }</style>
      <noscript>noscript Pod</noscript>
      <textarea>textarea Pod</textarea>
      <select><option>option Pod</option></select>
      <div contenteditable="true">editable <b>Pod</b></div>
      <div contenteditable="false">not editable Pod</div>
      <div hidden>hidden Pod</div>
      <template><p>template Pod</p></template>
      <svg><text>svg Pod</text></svg>
      <termlens-card>card Pod</termlens-card>
      <td-like>custom element Pod</td-like>`);
    const all = texts(collectRuns({ root, mode: 'deep' }))
      .map((t) => t.trim())
      .filter(Boolean);
    expect(all).toEqual(['prose Argo CD', 'not editable Pod', 'custom element Pod']);
  });

  it('joins text across inline elements and maps each node to its offset', () => {
    const root = body('<p>Use <b>Argo</b> CD with <a href="#"><code>kube</code>-proxy</a>.</p>');
    const [run] = collectRuns({ root, mode: 'deep' });
    expect(run!.text).toBe('Use Argo CD with kube-proxy.');
    expect(run!.owner).toBe(root.querySelector('p'));
    expect(run!.nodes.map((n) => n.data)).toEqual(['Use ', 'Argo', ' CD with ', 'kube', '-proxy', '.']);
    expect(run!.starts).toEqual([0, 4, 8, 17, 21, 27]);
    // Every node's text is at its start offset in the joined string.
    run!.nodes.forEach((n, i) => expect(run!.text.slice(run!.starts[i]!, run!.starts[i]! + n.data.length)).toBe(n.data));
  });

  it('breaks runs at blocks, <br> and skipped elements, including when leaving a nested block', () => {
    const root = body('<div>before<div>inside</div>after<br>next<input value="x">last<p></p>end</div><ul><li>one</li><li>two</li></ul>');
    expect(texts(collectRuns({ root, mode: 'deep' }))).toEqual(['before', 'inside', 'after', 'next', 'last', 'end', 'one', 'two']);
  });

  it('never enters its own card, whose open shadow root holds glossary text', () => {
    const root = body('<p>page kubelet</p><termlens-card data-term="x"></termlens-card><div id="host"></div>');
    const card = root.querySelector('termlens-card')!;
    card.attachShadow({ mode: 'open' }).innerHTML = '<p>card kubelet definition</p>';
    const pageShadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    pageShadow.innerHTML = '<p>page shadow kubelet</p>';
    const found: ShadowRoot[] = [];
    new ScopeWalk({ root, mode: 'deep' }).step({ run: () => undefined, shadowRoot: (s) => found.push(s) }, () => false);
    expect(found).toEqual([pageShadow]);
    expect(texts(collectRuns({ root: card, mode: 'deep' }))).toEqual([]);
  });

  it('reports open shadow roots as scopes of their own', () => {
    const root = body('<p>light</p><div id="host"><span>slotted</span></div>');
    const host = root.querySelector('#host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow <i>kubelet</i> text</p>';
    const found: ShadowRoot[] = [];
    const runs: TextRun[] = [];
    new ScopeWalk({ root, mode: 'deep' }).step({ run: (r) => runs.push(r), shadowRoot: (s) => found.push(s) }, () => false);
    expect(found).toEqual([shadow]);
    expect(texts(runs)).toEqual(['light', 'slotted']);
    expect(texts(collectRuns({ root: shadow, mode: 'deep' }))).toEqual(['shadow kubelet text']);
  });

  it('rescans only a block’s own runs in shallow mode, and only nested blocks in nested mode', () => {
    const root = body('<div id="d">own <b>text</b><p>nested block</p>tail <span id="s">inline<div>deep block</div>more</span></div>');
    const d = root.querySelector('#d')!;
    expect(texts(collectRuns({ root: d, mode: 'shallow' }))).toEqual(['own text', 'tail inline', 'more']);
    const s = root.querySelector('#s')!;
    expect(texts(collectRuns({ root: s, mode: 'nested', outerOwner: d }))).toEqual(['deep block']);
  });

  it('gives the same runs when the walk is cut into many slices', () => {
    const html = Array.from({ length: 200 }, (_, i) => `<p>para ${i} <b>Argo</b> CD <i>x</i></p><div>block ${i}<span> s</span></div>`).join(
      '',
    );
    const root = body(html);
    const whole = texts(collectRuns({ root, mode: 'deep' }));
    const runs: TextRun[] = [];
    const walk = new ScopeWalk({ root, mode: 'deep' });
    let slices = 0;
    while (!walk.step({ run: (r) => runs.push(r) }, () => true)) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(texts(runs)).toEqual(whole);
  });

  it('resumes from a connected ancestor when the page removed the node it stopped at', () => {
    const root = body('<section id="a"><p>one</p><p>two</p><p>three</p></section><section id="b"><p>four</p></section>'.repeat(1));
    const many = Array.from({ length: 40 }, (_, i) => `<p>item ${i}</p>`).join('');
    root.querySelector('#a')!.insertAdjacentHTML('beforeend', many);
    const runs: TextRun[] = [];
    const walk = new ScopeWalk({ root, mode: 'deep' } satisfies Scope);
    // Stop after the first slice, then remove the subtree the walker is in.
    walk.step({ run: (r) => runs.push(r) }, () => true);
    root.querySelector('#a')!.remove();
    while (!walk.step({ run: (r) => runs.push(r) }, () => false));
    expect(texts(runs)).toContain('four');
  });

  it('cuts very long runs so one match call stays small', () => {
    const root = body(`<pre>${'<span>word </span>'.repeat(8000)}</pre>`);
    const runs = collectRuns({ root, mode: 'deep' });
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.every((r) => r.text.length <= 32_768)).toBe(true);
    expect(runs.map((r) => r.text).join('')).toBe('word '.repeat(8000));
  });
});

/**
 * The rules, element by element: inline elements join, any other element breaks the run (a block, a
 * <br>, a shadow host, a skipped element); skipped elements are not entered; `shallow` leaves nested
 * blocks alone; `nested` drops the root's own inline text. Also returns the shadow roots it meets.
 */
function referenceWalk(scope: Scope, exclude?: ExcludeRule): { runs: TextRun[]; shadows: ShadowRoot[] } {
  const runs: TextRun[] = [];
  const shadows: ShadowRoot[] = [];
  let run: TextRun | null = null;
  let length = 0;
  const flush = () => {
    if (run) runs.push(run);
    run = null;
  };
  const visit = (parent: Node, owner: Node) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        if (data.length === 0 || (scope.mode === 'nested' && owner === scope.outerOwner)) continue;
        if (run && (run.owner !== owner || length + data.length > MAX_RUN_CHARS)) flush();
        if (!run) {
          run = { owner, nodes: [], starts: [], text: '' };
          length = 0;
        }
        run.nodes.push(child as Text);
        run.starts.push(length);
        run.text += data;
        length += data.length;
      } else if (child.nodeType === 1) {
        const element = child as Element;
        const cls = classifyWithShadow(element, exclude);
        if (cls === INLINE) {
          visit(element, owner);
          continue;
        }
        flush();
        if (cls === SKIP || scope.mode === 'shallow') continue;
        if (element.shadowRoot) shadows.push(element.shadowRoot);
        visit(element, element);
        flush();
      }
    }
  };
  const { root, outerOwner } = scope;
  let owner: Node = root;
  if (root.nodeType === 1) {
    const cls = classifyWithShadow(root as Element, exclude);
    if (cls === SKIP) return { runs, shadows };
    if (cls === INLINE && outerOwner) owner = outerOwner;
    else if (cls === BREAK && scope.mode !== 'shallow' && (root as Element).shadowRoot) shadows.push((root as Element).shadowRoot!);
  }
  visit(root, owner);
  flush();
  return { runs, shadows };
}

/** Walk with a sink that records everything; `sliced`: stop as often as the walker allows. */
function walk(scope: Scope, exclude?: ExcludeRule, sliced = false): { runs: TextRun[]; shadows: ShadowRoot[]; slices: number } {
  const runs: TextRun[] = [];
  const shadows: ShadowRoot[] = [];
  const w = new ScopeWalk(scope, exclude);
  let slices = 1;
  while (!w.step({ run: (r) => runs.push(r), shadowRoot: (s) => shadows.push(s) }, () => sliced)) slices++;
  return { runs, shadows, slices };
}

/** Runs as comparable data: text, owner and the exact nodes with their offsets. */
function same(actual: TextRun[], expected: TextRun[]): void {
  expect(actual.map((r) => r.text)).toEqual(expected.map((r) => r.text));
  actual.forEach((r, i) => {
    const e = expected[i]!;
    expect(r.owner).toBe(e.owner);
    expect(r.starts).toEqual(e.starts);
    expect(r.nodes.length).toBe(e.nodes.length);
    r.nodes.forEach((n, j) => expect(n).toBe(e.nodes[j]));
  });
}

/** A seeded random DOM mixing every case the rules distinguish. */
function randomTree(doc: Document, seed: number, size: number): HTMLElement {
  let state = seed;
  const rand = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = ['Argo', ' CD', 'kube', '-proxy', ' ', '', 'Pod ', 'node', '\n  ', 'x'];
  const containers = ['div', 'p', 'li', 'section', 'td', 'span', 'b', 'a', 'code', 'em', 'x-card', 'relative-time', 'pre'];
  const leaves = ['br', 'img', 'input', 'hr', 'wbr', 'textarea', 'script', 'svg'];
  const root = doc.createElement('div');
  let budget = size;
  const fill = (parent: Element, depth: number) => {
    const children = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < children && budget > 0; i++) {
      budget--;
      const r = rand();
      if (r < 0.4) parent.append(doc.createTextNode(pick(words)));
      else if (r < 0.45) parent.append(doc.createComment('c'));
      else if (r < 0.55) {
        const leaf = doc.createElement(pick(leaves));
        if (leaf.localName === 'script' || leaf.localName === 'textarea') leaf.textContent = 'Pod in skipped';
        parent.append(leaf);
      } else {
        const el = doc.createElement(depth > 6 ? pick(['span', 'b', 'p']) : pick(containers));
        const mark = rand();
        if (mark < 0.04) el.setAttribute('hidden', '');
        else if (mark < 0.07) el.setAttribute('contenteditable', pick(['true', 'false', '']));
        else if (mark < 0.12) el.className = 'ex';
        parent.append(el);
        // Shadow hosts (block boundaries whose shadow root is reported), with any light DOM.
        if (rand() < 0.06 && ['div', 'span', 'section', 'p', 'x-card'].includes(el.localName)) {
          el.attachShadow({ mode: 'open' }).innerHTML = '<p>shadow kubelet</p>';
        }
        if (rand() < 0.85) fill(el, depth + 1);
      }
    }
  };
  while (budget > 0) fill(root, 0);
  return root;
}

/** A site rule: `.ex` regions are left alone. */
const byClass: ExcludeRule = (el: Element) => el.classList.contains('ex');

describe('the resumable walk agrees with the rules', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins across inline chains and breaks at <br>, empty blocks and skipped elements between two texts of one block', () => {
    const root = body(
      '<div>one <b><i>two</i></b><span><em></em></span> three<span><br></span>four<a><input></a>five<!-- c --><b></b>six<span hidden></span>seven<div></div>eight<span><i>nine</i><b><img></b></span>ten</div>',
    );
    const { runs } = walk({ root, mode: 'deep' });
    expect(texts(runs)).toEqual(['one two three', 'four', 'fivesix', 'seven', 'eightnine', 'ten']);
    same(runs, referenceWalk({ root, mode: 'deep' }).runs);
  });

  it('keeps empty text nodes and comments from breaking a run', () => {
    const root = body('<p>Argo</p>');
    const p = root.querySelector('p')!;
    p.append(document.createTextNode(''), document.createComment('x'), document.createTextNode(' CD'));
    expect(texts(collectRuns({ root, mode: 'deep' }))).toEqual(['Argo CD']);
  });

  it('finds the shadow roots of hosts with or without light-DOM text, inline hosts too, but not inside skipped regions', () => {
    const root = body(
      '<div id="empty"></div><p>a <span id="inline">light</span> b</p><x-card id="custom"></x-card><x-card id="slotted"><span slot="icon"><img></span></x-card>' +
        '<section id="textless"><div><img></div></section>' +
        '<div hidden><div id="hidden-host"></div></div><div class="ex"><div id="excluded-host"></div></div>',
    );
    const attach = (id: string) => {
      const shadow = root.querySelector(`#${id}`)!.attachShadow({ mode: 'open' });
      shadow.innerHTML = `<p>${id} kubelet</p>`;
      return shadow;
    };
    const hosts = ['empty', 'inline', 'custom', 'slotted', 'textless'].map(attach);
    attach('hidden-host');
    attach('excluded-host');
    const { runs, shadows } = walk({ root, mode: 'deep' }, byClass);
    expect(new Set(shadows)).toEqual(new Set(hosts));
    // The inline host is a block boundary: its light text is a run of its own.
    expect(texts(runs)).toEqual(['a ', 'light', ' b']);
    expect(walk({ root, mode: 'shallow' }).shadows).toEqual([]);
  });

  it('matches the rules on random DOMs, in every mode, whole and sliced', () => {
    for (let seed = 1; seed <= 40; seed++) {
      document.body.innerHTML = '';
      const root = randomTree(document, seed, 120);
      document.body.append(root);
      for (const exclude of [undefined, byClass]) {
        const expected = referenceWalk({ root, mode: 'deep' }, exclude);
        const whole = walk({ root, mode: 'deep' }, exclude);
        same(whole.runs, expected.runs);
        expect(new Set(whole.shadows)).toEqual(new Set(expected.shadows));
        same(walk({ root, mode: 'deep' }, exclude, true).runs, expected.runs);
      }
      // Shallow on each block, nested on each inline element with children (as mutation updates do).
      for (const el of root.querySelectorAll('*')) {
        const cls = classifyWithShadow(el);
        if (cls === BREAK) same(walk({ root: el, mode: 'shallow' }).runs, referenceWalk({ root: el, mode: 'shallow' }).runs);
        if (cls === INLINE && el.firstElementChild) {
          const owner = el.closest('div, p, li, section, td, x-card, pre') ?? root;
          const scope: Scope = { root: el, mode: 'nested', outerOwner: owner };
          same(walk(scope).runs, referenceWalk(scope).runs);
        }
      }
    }
  });

  it('matches the rules on the saved site pages, with and without the GitHub rules', () => {
    const dir = join(import.meta.dirname, '../fixtures/sites');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(5);
    const github = (el: Element) => githubAdapter.exclude(el);
    for (const file of files) {
      const doc = new DOMParser().parseFromString(readFileSync(join(dir, file), 'utf8'), 'text/html');
      for (const exclude of [undefined, github]) {
        const scope: Scope = { root: doc.body, mode: 'deep' };
        same(walk(scope, exclude).runs, referenceWalk(scope, exclude).runs);
      }
    }
  });

  it('keeps going after the page changes between two slices: moved, removed and added nodes', () => {
    const root = body(
      Array.from({ length: 30 }, (_, i) => `<section id="s${i}"><p>para ${i} <b>Argo</b> CD</p><p>more ${i}</p></section>`).join(''),
    );
    const runs: TextRun[] = [];
    const w = new ScopeWalk({ root, mode: 'deep' });
    const sink = { run: (r: TextRun) => runs.push(r) };
    expect(w.step(sink, () => true)).toBe(false);
    // The walker stopped inside one of the first sections: move it to the end, drop the next one, add one.
    const at = runs.length;
    root.querySelector('#s5')!.remove();
    root.append(root.querySelector('#s0')!);
    root.insertAdjacentHTML('beforeend', '<p>added <i>kubelet</i></p>');
    while (!w.step(sink, () => false));
    const after = texts(runs.slice(at));
    expect(after).toContain('para 29 Argo CD');
    expect(after).toContain('added kubelet');
    expect(after).not.toContain('para 5 Argo CD');
    // Every run is a real run: its nodes are in the text, at their offsets.
    for (const r of runs) r.nodes.forEach((n, i) => expect(r.text.slice(r.starts[i]!, r.starts[i]! + n.data.length)).toBe(n.data));
  });
});
