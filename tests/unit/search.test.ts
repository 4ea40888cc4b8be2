// Search over the real bundled packs (glossary/*.yaml), compiled as the build compiles them.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { createSearchIndex, snippetOf, splitCamel, squash, wordsOf, type SearchIndex } from '../../lib/search';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

let index: CompiledIndex;
let search: SearchIndex;
beforeAll(() => {
  const { packs, errors } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
  expect(errors).toEqual([]);
  index = compileIndex(packs);
  search = createSearchIndex(index);
});

const first = (query: string, packIds?: string[]) => search.search(query, packIds ? { packIds } : {})[0];

describe('search over the bundled packs', () => {
  it('indexes every entry', () => {
    expect(search.size).toBe(index.entries.length);
    expect(search.size).toBeGreaterThan(600);
  });

  it('forgives typos in headwords: kubeltt → kubelet first', () => {
    expect(first('kubeltt')?.term).toBe('kubelet');
    expect(first('kubeltt')?.match).toBe('fuzzy');
    expect(first('cert-manger')?.term).toBe('cert-manager');
  });

  it('finds one sense of a word by its qualified name: Component (Kustomize)', () => {
    const hit = first('component (kustomize)');
    expect([hit?.term, hit?.qualifier]).toEqual(['Component', 'Kustomize']);
    expect(hit?.match).toBe('exact');
    expect(first('Component (Kustomize')?.qualifier).toBe('Kustomize');
  });

  it('finds an entry by an abbreviation in any case: hpa → HorizontalPodAutoscaler', () => {
    const hit = first('hpa');
    expect(hit?.match).toBe('exact');
    expect([hit?.term, ...(hit?.aliases ?? [])]).toContain('HorizontalPodAutoscaler');
  });

  it('reads spaced words into CamelCase names: pod disruption → PodDisruptionBudget (PDB)', () => {
    const hit = first('pod disruption');
    expect([hit?.term, ...(hit?.aliases ?? [])]).toEqual(expect.arrayContaining(['PodDisruptionBudget', 'PDB']));
    const budget = first('disruption budget');
    expect([budget?.term, ...(budget?.aliases ?? [])]).toContain('PodDisruptionBudget');
  });

  it('ranks exact headwords before prefixes, and prefixes before fuzzy hits', () => {
    const hits = search.search('argo cd');
    expect(hits[0]?.term).toBe('Argo CD');
    const order = { exact: 0, prefix: 1, fuzzy: 2 };
    const ranks = hits.map((h) => order[h.match]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('finds words inside definitions when no name matches', () => {
    const hits = search.search('voluntary disruptions');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      const entry = index.entries.find((e) => e.id === h.id)!;
      expect(`${entry.term} ${entry.aliases.join(' ')} ${entry.definition} ${entry.details ?? ''}`.toLowerCase()).toMatch(/voluntar/);
    }
  });

  it('follows the preference order among packs and searches only the given packs', () => {
    const withKubelet = [
      ...new Set(
        search
          .search('kubelet')
          .filter((h) => h.term === 'kubelet')
          .map((h) => h.packId),
      ),
    ];
    expect(withKubelet.length).toBeGreaterThan(1);
    const reversed = [...index.packs.map((p) => p.id)].reverse();
    expect(first('kubelet', reversed)?.packId).toBe(reversed.find((id) => withKubelet.includes(id)));
    const only = index.packs.map((p) => p.id).filter((id) => !withKubelet.includes(id));
    expect(search.search('kubelet', { packIds: only }).some((h) => h.term === 'kubelet')).toBe(false);
  });

  it('answers with headword, pack name and the start of the definition', () => {
    const hit = first('kubelet')!;
    const entry = index.entries.find((e) => e.id === hit.id)!;
    expect(hit.packName).toBe(index.packs.find((p) => p.id === entry.packId)?.name);
    expect(hit.snippet.length).toBeLessThanOrEqual(121);
    expect(entry.definition.replace(/[`*_]/g, '').startsWith(hit.snippet.replace(/…$/, ''))).toBe(true);
  });

  it('respects the limit and ignores empty queries', () => {
    expect(search.search('k', { limit: 5 })).toHaveLength(5);
    expect(search.search('  ')).toEqual([]);
    expect(search.search('zzqxj')).toEqual([]);
  });
});

describe('search helpers', () => {
  it('squashes case, accents and separators', () => {
    expect(squash('Pod Disruption-Budget')).toBe('poddisruptionbudget');
    expect(squash('Café_Ops')).toBe('cafeops');
  });
  it('splits CamelCase and acronym runs', () => {
    expect(splitCamel('PodDisruptionBudget')).toBe('Pod Disruption Budget');
    expect(splitCamel('HTTPRoute')).toBe('HTTP Route');
  });
  it('keeps technical words whole', () => {
    expect(wordsOf('Use kube-proxy and sync.Once, not goose_db_version!')).toEqual([
      'use',
      'kube-proxy',
      'and',
      'sync.once',
      'not',
      'goose_db_version',
    ]);
  });
  it('turns inline Markdown into a short plain snippet', () => {
    expect(snippetOf('Runs `goose up` via [the Job](https://x.example) **first**.')).toBe('Runs goose up via the Job first.');
    const long = snippetOf('word '.repeat(60));
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(121);
  });
});
