import { describe, expect, it } from 'vitest';
import { compileIndex, matchPatterns, patternKey, type MatcherPattern, type PatternKind } from '../../lib/glossary/compile';
import { packSchema } from '../../lib/glossary/schema';
import { buildMatcher, type Matcher } from '../../lib/matcher';

function pattern(text: string, options: { caseSensitive?: boolean; prefix?: boolean; kind?: PatternKind } = {}): MatcherPattern {
  const caseSensitive = options.caseSensitive ?? false;
  const kind = options.kind ?? 'term';
  return { text, caseSensitive, prefix: options.prefix ?? false, kind, key: patternKey(kind, text, caseSensitive) };
}

/** The matched surface strings with their keys, e.g. "Pods=term:pod". */
function found(m: Matcher, text: string): string[] {
  return m.findAll(text).map((x) => `${text.slice(x.start, x.end)}=${m.keyOf(x.pattern)}`);
}
function surfaces(m: Matcher, text: string): string[] {
  return m.findAll(text).map((x) => text.slice(x.start, x.end));
}

describe('leftmost-longest', () => {
  const m = buildMatcher([pattern('Argo'), pattern('Argo CD'), pattern('proxy'), pattern('kube-proxy'), pattern('CD')]);

  it('prefers the longest pattern at the leftmost start', () => {
    expect(found(m, 'Argo CD syncs; Argo alone')).toEqual(['Argo CD=term:argo cd', 'Argo=term:argo']);
    expect(found(m, 'restart kube-proxy, not the proxy')).toEqual(['kube-proxy=term:kube-proxy', 'proxy=term:proxy']);
  });

  it('continues after the end of a match and never overlaps', () => {
    const matches = m.findAll('Argo CD CD Argo');
    expect(matches.map((x) => [x.start, x.end])).toEqual([
      [0, 7],
      [8, 10],
      [11, 15],
    ]);
  });

  it('falls back to a shorter pattern when the longer one does not finish', () => {
    expect(surfaces(m, 'Argo Rollouts and Argo CDx')).toEqual(['Argo', 'Argo']);
  });

  it('reports offsets in the original string', () => {
    const text = 'x Argo CD y';
    const [match] = m.findAll(text);
    expect(match).toEqual({ start: 2, end: 9, pattern: 1 });
  });
});

describe('word boundaries', () => {
  const m = buildMatcher([
    pattern('Pod'),
    pattern('kube-proxy'),
    pattern('goose_db_version'),
    pattern('sync.Once'),
    pattern('HTTP-01', { caseSensitive: true }),
    pattern('PDB', { caseSensitive: true }),
    pattern('proxy'),
    pattern('Once'),
    pattern('example'),
    pattern('argo-cd'),
    pattern('HTTPS', { caseSensitive: true }),
  ]);

  it('matches whole words and their plural, not inside longer words', () => {
    expect(surfaces(m, 'the Pod restarts')).toEqual(['Pod']);
    expect(surfaces(m, 'two Pods')).toEqual(['Pods']);
    expect(surfaces(m, 'Podman and iPod and pod2 and _pod')).toEqual([]);
  });

  it('matches technical tokens as a whole', () => {
    expect(surfaces(m, 'kube-proxy, goose_db_version, sync.Once and HTTP-01 challenges')).toEqual([
      'kube-proxy',
      'goose_db_version',
      'sync.Once',
      'HTTP-01',
    ]);
  });

  it('does not match inside a longer identifier', () => {
    expect(surfaces(m, 'my_goose_db_version_2')).toEqual([]);
    expect(surfaces(m, 'foo.sync.Once.bar x.Once')).toEqual([]);
    expect(surfaces(m, 'foo-proxy and kube-proxy-v2 and kube-proxy.yaml')).toEqual([]);
    expect(surfaces(m, 'HTTP-012 and HTTP-01x')).toEqual([]);
    expect(surfaces(m, 'path/to/pod and pod/logs')).toEqual([]);
  });

  it('treats sentence punctuation as a boundary', () => {
    expect(surfaces(m, 'the Pod. (PDB) PDB, "Pod" Pod\'s Pod: Pod; Pod! [Pod] Pod? --Pod Pod- end')).toEqual([
      'Pod',
      'PDB',
      'PDB',
      'Pod',
      'Pod',
      'Pod',
      'Pod',
      'Pod',
      'Pod',
      'Pod',
      'Pod',
      'Pod',
    ]);
    expect(surfaces(m, 'at the end: sync.Once.')).toEqual(['sync.Once']);
  });

  it('does not match inside URLs', () => {
    expect(surfaces(m, 'see https://example.com/pod/x and http://localhost:8080/Pod')).toEqual([]);
    expect(surfaces(m, 'github.com/argo-cd/argo-cd and www.example.com/Pod')).toEqual([]);
    expect(surfaces(m, 'docs at example.com/pod?x=Pod#Pod.')).toEqual([]);
    expect(surfaces(m, 'the HTTPS://x.io/Pod scheme')).toEqual([]);
    // Around the URL, matching goes on.
    expect(surfaces(m, 'Pod (https://example.com/pod) Pod')).toEqual(['Pod', 'Pod']);
    expect(surfaces(m, 'HTTPS is fine, example too')).toEqual(['HTTPS', 'example']);
  });
});

describe('white space in multi-word terms', () => {
  const m = buildMatcher([pattern('Argo CD'), pattern('Ingress  auth')]);

  it('matches any run of white space, newlines and NBSP included', () => {
    expect(surfaces(m, 'Argo\n  CD, Argo\u00a0CD, Argo\tCD, Ingress auth')).toEqual([
      'Argo\n  CD',
      'Argo\u00a0CD',
      'Argo\tCD',
      'Ingress auth',
    ]);
  });

  it('needs some white space where the pattern has it', () => {
    expect(surfaces(m, 'ArgoCD Argo-CD')).toEqual([]);
  });
});

describe('case rules', () => {
  it('matches case-insensitive patterns in any case', () => {
    const m = buildMatcher([pattern('ConfigMap')]);
    expect(surfaces(m, 'configmap CONFIGMAP ConfigMap cOnFiGmAp')).toEqual(['configmap', 'CONFIGMAP', 'ConfigMap', 'cOnFiGmAp']);
  });

  it('matches case-sensitive patterns only exactly', () => {
    const m = buildMatcher([pattern('PDB', { caseSensitive: true }), pattern('WAL', { caseSensitive: true })]);
    expect(surfaces(m, 'PDB pdb Pdb pDB WAL wal')).toEqual(['PDB', 'WAL']);
  });

  it('still considers shorter candidates when a longer case-sensitive one fails its check', () => {
    const m = buildMatcher([pattern('Argo'), pattern('ARGO CD', { caseSensitive: true })]);
    expect(found(m, 'argo cd')).toEqual(['argo=term:argo']);
    expect(found(m, 'ARGO CD')).toEqual(['ARGO CD=term:ARGO CD']);
  });

  it('prefers the exact case-sensitive pattern when both spellings are patterns', () => {
    const m = buildMatcher([pattern('pdb', { kind: 'avoid' }), pattern('PDB', { caseSensitive: true })]);
    expect(found(m, 'PDB pdb')).toEqual(['PDB=term:PDB', 'pdb=avoid:pdb']);
  });

  it('folds non-ASCII letters per code unit, keeping offsets aligned', () => {
    const m = buildMatcher([pattern('Ärger'), pattern('istio'), pattern('λόγος'), pattern('Straße')]);
    expect(surfaces(m, 'ÄRGER ärger')).toEqual(['ÄRGER', 'ärger']);
    // "İ" lowercases to two units ("i̇"): it folds to "i" so the match keeps the text's offsets.
    const text = 'İSTIO x';
    expect(m.findAll(text)).toEqual([{ start: 0, end: 5, pattern: 1 }]);
    // Final sigma folds like sigma.
    expect(surfaces(m, 'ΛΌΓΟΣ λόγοσ λόγος λογος')).toEqual(['ΛΌΓΟΣ', 'λόγοσ', 'λόγος']);
    expect(surfaces(m, 'STRASSE straße')).toEqual(['straße']);
  });

  it('does not treat non-ASCII letters next to a term as a boundary', () => {
    const m = buildMatcher([pattern('Pod')]);
    expect(surfaces(m, 'Podé éPod Pod😀 ·Pod·')).toEqual(['Pod', 'Pod']);
  });
});

describe('plurals', () => {
  const m = buildMatcher([
    pattern('Pod'),
    pattern('policy'),
    pattern('ConfigMap'),
    pattern('class'),
    pattern('box'),
    pattern('mesh'),
    pattern('Gateway'),
    pattern('PDB', { caseSensitive: true }),
    pattern('CRD', { caseSensitive: true }),
    pattern('TLS', { caseSensitive: true }),
    pattern('HTTP-01', { caseSensitive: true }),
    pattern('Persistent Volume'),
  ]);

  it('matches simple English plurals, suffix included in the span', () => {
    expect(found(m, 'Pods policies ConfigMaps classes boxes meshes Gateways')).toEqual([
      'Pods=term:pod',
      'policies=term:policy',
      'ConfigMaps=term:configmap',
      'classes=term:class',
      'boxes=term:box',
      'meshes=term:mesh',
      'Gateways=term:gateway',
    ]);
  });

  it('pluralises acronyms with a lowercase s only', () => {
    expect(surfaces(m, 'PDBs CRDs PDBS pdbs')).toEqual(['PDBs', 'CRDs']);
  });

  it('pluralises the last word of a multi-word term', () => {
    expect(surfaces(m, 'Persistent Volumes')).toEqual(['Persistent Volumes']);
  });

  it('does not invent wrong plurals', () => {
    expect(surfaces(m, 'policys classs boxs Podes TLSs HTTP-01s')).toEqual([]);
  });
});

describe('prefix patterns', () => {
  const m = buildMatcher([pattern('kube', { prefix: true }), pattern('kube-proxy'), pattern('kubelet')]);

  it('match words that start with them, covering the whole word', () => {
    expect(surfaces(m, 'kube kubernetes Kubectl')).toEqual(['kube', 'kubernetes', 'Kubectl']);
  });

  it('lose to a longer or deeper pattern', () => {
    expect(found(m, 'kube-proxy kubelets')).toEqual(['kube-proxy=term:kube-proxy', 'kubelets=term:kubelet']);
  });

  it('still respect the start of the word', () => {
    expect(surfaces(m, 'minikube my-kubernetes')).toEqual([]);
  });
});

describe('aliases, avoid words and duplicates', () => {
  const pack = packSchema.parse({
    id: 'platform',
    name: 'Platform',
    version: '1',
    description: 'd',
    terms: [
      { term: 'PodDisruptionBudget', aliases: ['PDB'], definition: 'Limits disruptions.' },
      { term: 'Ingress auth', avoid: ['auth tier'], definition: 'The auth mode of an Ingress.' },
      { term: 'Argo CD', aliases: ['ArgoCD'], definition: 'GitOps.' },
    ],
  });
  const other = packSchema.parse({
    id: 'other',
    name: 'Other',
    version: '1',
    description: 'd',
    terms: [{ term: 'Argo CD', definition: 'Again.' }],
  });
  const patterns = matchPatterns(compileIndex([pack, other]));
  const m = buildMatcher(patterns);

  it('matches aliases as patterns of their own', () => {
    expect(found(m, 'a PDB is a PodDisruptionBudget; ArgoCD is Argo CD')).toEqual([
      'PDB=term:PDB',
      'PodDisruptionBudget=term:poddisruptionbudget',
      'ArgoCD=term:argocd',
      'Argo CD=term:argo cd',
    ]);
  });

  it('matches avoid words with kind "avoid"', () => {
    const [match] = m.findAll('move it to the auth tier please');
    expect(match && m.kindOf(match.pattern)).toBe('avoid');
    expect(match && m.patterns[match.pattern]).toEqual({ key: 'avoid:auth tier', kind: 'avoid' });
    expect(m.findAll('Ingress auth').map((x) => m.kindOf(x.pattern))).toEqual(['term']);
  });

  it('exposes every pattern by index', () => {
    expect(m.patternCount).toBe(patterns.length);
    expect(m.patterns.map((p) => p.key)).toEqual(patterns.map((p) => p.key));
    expect(() => m.keyOf(patterns.length)).toThrow(RangeError);
  });

  it('reports a word once even when two patterns carry the same key', () => {
    const dup = buildMatcher([pattern('Argo CD'), pattern('Argo CD'), pattern('argo  cd')]);
    expect(dup.findAll('Argo CD')).toEqual([{ start: 0, end: 7, pattern: 0 }]);
  });
});

describe('patterns starting with punctuation', () => {
  const m = buildMatcher([pattern('.NET'), pattern('@types'), pattern('C++'), pattern('C#')]);

  it('match after a boundary, not inside a word', () => {
    expect(surfaces(m, 'use .NET or (@types/node) with C++ and C#, not ASP.NET or x@types')).toEqual(['.NET', 'C++', 'C#']);
  });
});

describe('scan', () => {
  it('reports the same matches as findAll through a callback', () => {
    const m = buildMatcher([pattern('Pod'), pattern('Argo CD'), pattern('PDB', { caseSensitive: true })]);
    const text = 'Pods of Argo CD with a PDB, pdb';
    const seen: number[][] = [];
    m.scan(text, (start, end, p) => seen.push([start, end, p]));
    expect(seen).toEqual(m.findAll(text).map((x) => [x.start, x.end, x.pattern]));
    expect(seen).toHaveLength(3);
  });

  it('handles empty and pattern-less input', () => {
    expect(buildMatcher([]).findAll('anything at all')).toEqual([]);
    expect(buildMatcher([pattern('Pod')]).findAll('')).toEqual([]);
    expect(buildMatcher([pattern('   ')]).findAll('   ')).toEqual([]);
  });

  it('matches very long words and words with many continuations', () => {
    const long = 'a'.repeat(300);
    const many = Array.from({ length: 100 }, (_, i) => pattern(`Argo ${i.toString(36)}x`));
    const m = buildMatcher([pattern(long), pattern(`${long}-b c`), pattern('Argo'), ...many]);
    expect(surfaces(m, `${long} ${long}-b  c ${long}b`)).toEqual([long, `${long}-b  c`]);
    expect(surfaces(m, 'Argo 7x, Argo 7y, Argo 2rx')).toEqual(['Argo 7x', 'Argo', 'Argo 2rx']);
  });

  it('matches at the very start and end of the text', () => {
    const m = buildMatcher([pattern('Pod'), pattern('Argo CD')]);
    expect(m.findAll('Pod')).toEqual([{ start: 0, end: 3, pattern: 0 }]);
    expect(surfaces(m, 'Argo CD')).toEqual(['Argo CD']);
    expect(surfaces(m, 'Argo ')).toEqual([]);
  });
});
