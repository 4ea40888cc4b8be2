// Run collection: which text is scanned, how inline elements join and blocks break runs, how offsets
// map back to nodes, and that a sliced walk gives the same result as a walk in one go.
import { beforeEach, describe, expect, it } from 'vitest';
import { ScopeWalk, collectRuns, type Scope, type TextRun } from '../../lib/scan/walker';

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
    const all = texts(collectRuns({ root, mode: 'deep' })).map((t) => t.trim()).filter(Boolean);
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
    const html = Array.from({ length: 60 }, (_, i) => `<p>para ${i} <b>Argo</b> CD <i>x</i></p><div>block ${i}<span> s</span></div>`).join('');
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
