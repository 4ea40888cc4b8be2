import { describe, expect, it } from 'vitest';
import { compileIndex, matchPatterns } from '../../../lib/glossary/compile';
import { packSchema } from '../../../lib/glossary/schema';
import { buildMatcher } from '../../../lib/matcher';
import { capitalizedInSentence, codeValue, EvidenceFilter, inTitlePhrase, type RunLike } from '../../../lib/relevance/evidence';
import { pageRelevance } from '../../../lib/relevance/page-relevance';
import { everydayWords } from '../../../utils/everyday-words';

const k8s = packSchema.parse({
  id: 'k8s',
  name: 'Kubernetes',
  version: '1',
  description: 'k',
  terms: [
    { term: 'Service', definition: 'A stable address for Pods.' },
    { term: 'Secret', definition: 'Sensitive data.' },
    { term: 'Job', definition: 'Runs to completion.' },
    { term: 'drain', definition: 'Evict every Pod of a node.' },
    { term: 'kubectl', definition: 'The CLI.' },
    { term: 'Kubernetes', aliases: ['K8s'], definition: 'The platform.' },
    { term: 'PodDisruptionBudget', aliases: ['PDB'], definition: 'Limits voluntary disruptions.' },
    { term: 'kubelet', definition: 'The node agent.' },
    { term: 'kube-proxy', definition: 'The network proxy.' },
    { term: 'release', definition: 'A Helm release.', ambiguous: false },
    { term: 'namespace', definition: 'A scope for names.' },
  ],
});

function setup(options: { own?: boolean } = {}) {
  const index = compileIndex([k8s]);
  const patterns = matchPatterns(index, undefined, { everyday: everydayWords() });
  const matcher = buildMatcher(patterns);
  const relevance = pageRelevance(patterns, {
    packOrder: ['k8s'],
    ownLanguage: new Set(options.own ? ['k8s'] : []),
    packNames: { k8s: 'Kubernetes' },
  });
  const topics: Node[][] = [];
  const filter = new EvidenceFilter({ relevance, onTopic: (owners) => topics.push(owners) });
  /** Scan one block of HTML as the scanner would (one run), return the kept matches' text. */
  const scan = (html: string): string[] => {
    const block = document.createElement('div');
    block.innerHTML = html;
    document.body.append(block);
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const starts: number[] = [];
    let text = '';
    for (const n of nodes) {
      starts.push(text.length);
      text += n.data;
    }
    const run: RunLike = { owner: block, nodes, starts, text };
    const found = matcher.findAll(text);
    filter.filter(run, found);
    return found.map((m) => text.slice(m.start, m.end));
  };
  return { scan, patterns, filter, topics };
}

describe('everyday words', () => {
  it('marks one-word surfaces found in the word lists as ambiguous, and a term may override it', () => {
    const { patterns } = setup();
    const ambiguous = patterns.filter((p) => p.ambiguous).map((p) => p.text);
    expect(ambiguous).toEqual(expect.arrayContaining(['Service', 'Secret', 'Job', 'drain']));
    for (const word of ['kubectl', 'PodDisruptionBudget', 'PDB', 'kube-proxy', 'kubelet', 'release', 'namespace'])
      expect(ambiguous).not.toContain(word);
  });
});

describe('the evidence filter', () => {
  it('always keeps unambiguous terms and drops everyday words used in their everyday sense', () => {
    const { scan } = setup();
    expect(scan('The PDB keeps the kubelet happy.')).toEqual(['PDB', 'kubelet']);
    expect(scan('customer service was slow and the job is done')).toEqual([]);
  });

  it('keeps an everyday word after a qualifier, and written as code or with the glossary’s casing on a page that uses the pack', () => {
    const { scan } = setup();
    expect(scan('a Kubernetes Service in front')).toEqual(['Kubernetes', 'Service']);
    expect(scan('<code>kubectl drain node-1</code>')).toEqual(['kubectl', 'drain']);
    expect(scan('Expose it with a <code>Service</code>.')).toEqual(['Service']);
    expect(scan('Mount the Secret into the app.')).toEqual(['Secret']);
    expect(scan('Service accounts are next.')).toEqual([]);
    expect(scan('Add Service Account Support')).toEqual([]);
    expect(scan('consult the Secret Store docs')).toEqual([]);
  });

  it('needs a term of the pack on the page before code or casing count (a React page writes “a Component”)', () => {
    const { scan } = setup();
    expect(scan('Create the Job with <code>Secret</code> support')).toEqual([]);
  });

  it('keeps everyday words once the page is on the pack’s topic, and rescans blocks that waited', () => {
    const { scan, topics } = setup();
    expect(scan('the service restarts')).toEqual([]);
    expect(scan('kubectl, the kubelet and kube-proxy')).toEqual(['kubectl', 'kubelet', 'kube-proxy']);
    return new Promise<void>((done) =>
      queueMicrotask(() => {
        expect(topics).toHaveLength(1);
        expect(scan('the service restarts')).toEqual(['service']);
        done();
      }),
    );
  });

  it('does not take the topic as evidence for a word of a Title Case phrase', () => {
    const { scan } = setup();
    scan('kubectl, the kubelet and kube-proxy');
    return new Promise<void>((done) =>
      queueMicrotask(() => {
        expect(scan('Service Load Balancer')).toEqual([]);
        expect(scan('The Service selects pods')).toEqual(['Service']);
        expect(scan('a Kubernetes Service in front')).toEqual(['Kubernetes', 'Service']);
        done();
      }),
    );
  });

  it('reads a site’s code regions (a diff’s lines) by the code rules', () => {
    const index = compileIndex([k8s]);
    const patterns = matchPatterns(index, undefined, { everyday: everydayWords() });
    const matcher = buildMatcher(patterns);
    const relevance = pageRelevance(patterns, { packOrder: ['k8s'], ownLanguage: new Set(), packNames: {} });
    const filter = new EvidenceFilter({ relevance, regions: { code: '.blob-code-inner' } });
    const line = document.createElement('span');
    line.className = 'blob-code-inner';
    line.textContent = '  namespace: default # read by the kubelet';
    document.body.append(line);
    const node = line.firstChild as Text;
    const found = matcher.findAll(node.data);
    expect(found.map((m) => node.data.slice(m.start, m.end))).toContain('namespace');
    filter.filter({ owner: line, nodes: [node], starts: [0], text: node.data }, found);
    expect(found.map((m) => node.data.slice(m.start, m.end))).toEqual(['kubelet']);
  });

  it('keeps a team’s own words where its scope names the page', () => {
    const { scan } = setup({ own: true });
    expect(scan('the service restarts')).toEqual(['service']);
  });

  it('leaves field names, flags, paths and chosen names in code plain, and keeps the values a reader looks up', () => {
    const { scan } = setup();
    expect(scan('<pre>namespace: prod\nkind: Secret\nname: secret-example\n</pre>')).toEqual(['Secret']);
    expect(scan('<pre>helm install --namespace prod /etc/kubelet/config</pre>')).toEqual([]);
    expect(scan('<pre>kind: PodDisruptionBudget</pre>')).toEqual(['PodDisruptionBudget']);
  });

  it('drops matches outside the site’s prose or inside its interface', () => {
    const index = compileIndex([k8s]);
    const patterns = matchPatterns(index, undefined, { everyday: everydayWords() });
    const matcher = buildMatcher(patterns);
    const relevance = pageRelevance(patterns, { packOrder: ['k8s'], ownLanguage: new Set(), packNames: {} });
    const filter = new EvidenceFilter({ relevance, regions: { prose: '.markdown-body', chrome: 'button' } });
    const block = document.createElement('div');
    block.innerHTML = '<p class="markdown-body">the PDB <button>PDB</button></p><p>PDB</p>';
    document.body.append(block);
    const kept: string[] = [];
    for (const p of block.querySelectorAll('p, button')) {
      const node = [...p.childNodes].find((n): n is Text => n.nodeType === 3)!;
      const run: RunLike = { owner: p, nodes: [node], starts: [0], text: node.data };
      const found = matcher.findAll(node.data);
      filter.filter(run, found);
      kept.push(...found.map((m) => `${p.localName}:${node.data.slice(m.start, m.end)}`));
    }
    expect(kept).toEqual(['p:PDB']);
  });
});

describe('code values and sentence casing', () => {
  it('tells values from keys, flags, paths and names', () => {
    const at = (text: string, word: string) => codeValue(text, text.indexOf(word), text.indexOf(word) + word.length);
    expect(at('kind: Secret', 'Secret')).toBe(true);
    expect(at('  tls:\n', 'tls')).toBe(false);
    expect(at('--values x', 'values')).toBe(false);
    expect(at('cat values.yaml', 'values')).toBe(false);
    expect(at('name: cluster', 'cluster')).toBe(false);
    expect(at('image: traefik:v3', 'traefik')).toBe(true);
  });

  it('finds the words of Title Case phrases', () => {
    const at = (text: string, word: string) => inTitlePhrase(text, text.indexOf(word), text.indexOf(word) + word.length);
    expect(at('Cluster Dashboard', 'Cluster')).toBe(true);
    expect(at('Managing Packaged Components.', 'Components')).toBe(true);
    expect(at('The Service selects pods', 'Service')).toBe(false);
    expect(at('It failed. Job retried', 'Job')).toBe(false);
    expect(at('the cluster Dashboard', 'cluster')).toBe(false);
  });

  it('finds capitals inside a sentence only', () => {
    const at = (text: string, word: string) => capitalizedInSentence(text, text.indexOf(word), text.indexOf(word) + word.length);
    expect(at('create the Job now', 'Job')).toBe(true);
    expect(at('Job done.', 'Job')).toBe(false);
    expect(at('It failed. Job retried', 'Job')).toBe(false);
    expect(at('Add New Job', 'Job')).toBe(false);
    expect(at('the JOB ran', 'JOB')).toBe(false);
    expect(at('the job ran', 'job')).toBe(false);
  });
});

describe('default scopes of fetched glossaries', () => {
  it('gives a CONTEXT.md its repository, another GitHub glossary its organisation, anything else none', async () => {
    const { defaultScope } = await import('../../../lib/glossary/scope');
    expect(defaultScope('https://github.com/Acme/Infra/blob/main/CONTEXT.md', 'context')).toEqual(['github.com/acme/infra']);
    expect(defaultScope('https://raw.githubusercontent.com/acme/infra/main/docs/CONTEXT.md', 'auto')).toEqual(['github.com/acme/infra']);
    expect(defaultScope('https://github.com/acme/platform/blob/main/GLOSSARY.md', 'bold')).toEqual(['github.com/acme']);
    expect(defaultScope('https://docs.example.com/glossary.md', 'bold')).toBeUndefined();
  });
});
