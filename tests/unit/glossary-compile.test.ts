import { describe, expect, it } from 'vitest';
import { compileIndex, matchPatterns, patternKey, sensesForKey } from '../../lib/glossary/compile';
import { packSchema, type PackInput } from '../../lib/glossary/schema';

const pack = (p: PackInput) => packSchema.parse(p);
const platform = pack({
  id: 'platform',
  name: 'Platform',
  version: '1',
  description: 'd',
  terms: [
    { term: 'PodDisruptionBudget', aliases: ['PDB'], definition: 'Limits disruptions.' },
    { term: 'Secret', qualifier: 'Kubernetes', definition: 'A K8s object.' },
    { term: 'Ingress auth', avoid: ['auth tier', 'auth mode'], definition: 'The auth mode of an Ingress.' },
    { term: 'kube', match: 'prefix', definition: 'Prefix.' },
  ],
});
const homelab = pack({
  id: 'homelab',
  name: 'Homelab',
  version: '1',
  description: 'd',
  terms: [
    { term: 'Secret', definition: 'A Vault entry.', sites: ['argocd'] },
    { term: 'tier', definition: 'State tier or Namespace tier.' },
    { term: 'mode', avoid: ['auth tier'], definition: 'x' },
  ],
});

describe('compileIndex', () => {
  it('gives every entry a unique id and a case rule', () => {
    const index = compileIndex([platform, homelab]);
    expect(index.entries.map((e) => e.id)).toEqual([
      'platform/poddisruptionbudget',
      'platform/secret-kubernetes',
      'platform/ingress-auth',
      'platform/kube',
      'homelab/secret',
      'homelab/tier',
      'homelab/mode',
    ]);
    expect(index.packs.map((p) => [p.id, p.termCount])).toEqual([
      ['platform', 4],
      ['homelab', 3],
    ]);
    expect(index.entries[0]?.caseSensitive).toBe(false);
  });

  it('keeps the ids a pack states, whatever comes first', () => {
    const ids = compileIndex([
      pack({
        id: 'p',
        name: 'P',
        version: '1',
        description: 'd',
        terms: [
          { term: 'Foo', definition: 'Derived id, met first.' },
          { id: 'foo', term: 'Bar', definition: 'Stated id.' },
        ],
      }),
    ]).entries.map((e) => [e.term, e.id]);
    expect(ids).toEqual([
      ['Foo', 'p/foo-2'],
      ['Bar', 'p/foo'],
    ]);
  });

  it('refuses two packs with one id', () => {
    expect(() => compileIndex([platform, platform])).toThrow(/two packs have the id "platform"/);
  });
});

describe('matchPatterns', () => {
  const index = compileIndex([platform, homelab]);
  it('makes acronym aliases case-sensitive and words insensitive', () => {
    const patterns = matchPatterns(index);
    expect(patterns.find((p) => p.text === 'PDB')).toMatchObject({ caseSensitive: true, key: 'term:PDB', kind: 'term' });
    expect(patterns.find((p) => p.text === 'PodDisruptionBudget')).toMatchObject({ caseSensitive: false, key: 'term:poddisruptionbudget' });
    expect(patterns.find((p) => p.text === 'kube')?.prefix).toBe(true);
  });
  it('finds the spelled-out alias of an acronym headword in any case, unless the pack made the term case-sensitive', () => {
    const acronyms = pack({
      id: 'acronyms',
      name: 'Acronyms',
      version: '1',
      description: 'd',
      terms: [
        { term: 'CRD', aliases: ['Custom Resource Definition'], definition: 'A schema for custom objects.' },
        { term: 'RBAC', aliases: ['Role-Based Access Control', 'K8S-RBAC'], definition: 'Roles and bindings.' },
        { term: 'SHA', aliases: ['Commit Hash'], caseSensitive: true, definition: 'Exact on purpose.' },
        { term: 'CloudNativePG', aliases: ['CNPG'], caseSensitive: false, definition: 'An operator.' },
      ],
    });
    const patterns = matchPatterns(compileIndex([acronyms]));
    const of = (text: string) => patterns.find((p) => p.text === text);
    expect(of('CRD')).toMatchObject({ caseSensitive: true, key: 'term:CRD' });
    expect(of('Custom Resource Definition')).toMatchObject({ caseSensitive: false, key: 'term:custom resource definition' });
    expect(of('Role-Based Access Control')?.caseSensitive).toBe(false);
    // An alias that is an acronym itself keeps its own default.
    expect(of('K8S-RBAC')?.caseSensitive).toBe(true);
    expect(of('CNPG')?.caseSensitive).toBe(true);
    // The pack's explicit rule covers the term's aliases.
    expect(of('Commit Hash')?.caseSensitive).toBe(true);
    expect(of('CloudNativePG')?.caseSensitive).toBe(false);
  });
  it('shares one pattern between senses and lets avoid words through as their own kind', () => {
    const patterns = matchPatterns(index);
    expect(patterns.filter((p) => p.key === 'term:secret')).toHaveLength(1);
    expect(patterns.filter((p) => p.key === 'avoid:auth tier')).toHaveLength(1);
    expect(patterns.some((p) => p.key === 'avoid:auth mode')).toBe(true);
  });
  it('only includes the packs asked for', () => {
    const patterns = matchPatterns(index, new Set(['homelab']));
    expect(patterns.some((p) => p.text === 'PDB')).toBe(false);
    expect(patterns.some((p) => p.key === 'term:tier')).toBe(true);
  });
});

describe('sensesForKey', () => {
  const index = compileIndex([platform, homelab]);
  it('returns every sense, preferred pack first', () => {
    expect(sensesForKey(index, 'term:secret').map((e) => e.id)).toEqual(['platform/secret-kubernetes', 'homelab/secret']);
    expect(sensesForKey(index, 'term:secret', { packOrder: ['homelab', 'platform'] }).map((e) => e.id)).toEqual([
      'homelab/secret',
      'platform/secret-kubernetes',
    ]);
  });
  it('puts the sense declared for the current site first', () => {
    expect(sensesForKey(index, 'term:secret', { site: 'argocd' })[0]?.id).toBe('homelab/secret');
  });
  it('finds the terms an avoid word stands for', () => {
    expect(sensesForKey(index, patternKey('avoid', 'Auth Tier', false)).map((e) => e.term)).toEqual(['Ingress auth', 'mode']);
  });
  it('finds case-sensitive aliases by their exact key', () => {
    expect(sensesForKey(index, 'term:PDB').map((e) => e.term)).toEqual(['PodDisruptionBudget']);
  });
});
