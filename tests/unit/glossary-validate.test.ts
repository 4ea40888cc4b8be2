import { describe, expect, it } from 'vitest';
import { isAcronym, slugify } from '../../lib/glossary/schema';
import { formatError, parsePack } from '../../lib/glossary/validate';

const good = `id: team
name: Team
version: "1"
description: Our words.
terms:
  - term: PodDisruptionBudget
    aliases: [PDB]
    definition: Limits voluntary disruptions.
  - term: Secret
    qualifier: Kubernetes
    definition: An object holding sensitive data.
`;

describe('parsePack', () => {
  it('accepts a valid pack and fills defaults', () => {
    const result = parsePack(good, 'glossary/team.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.language).toBe('en');
    expect(result.pack.terms[0]).toMatchObject({ term: 'PodDisruptionBudget', aliases: ['PDB'], match: 'word', avoid: [], see: [] });
    expect(result.pack.terms[1]?.qualifier).toBe('Kubernetes');
  });

  it('names file:line:col and the field of a wrong type', () => {
    const broken = good.replace('aliases: [PDB]', 'aliases: [42]');
    const result = parsePack(broken, 'glossary/team.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatError)).toEqual(['glossary/team.yaml:7:15: terms[0].aliases[0]: expected string, got number']);
  });

  it('points a missing required field at the term that lacks it', () => {
    const broken = good.replace('    definition: Limits voluntary disruptions.\n', '');
    const result = parsePack(broken, 'p.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatError(result.errors[0]!)).toBe('p.yaml:6:5: terms[0].definition: required, expected string');
  });

  it('rejects unknown fields at the key itself', () => {
    const broken = good.replace('    aliases: [PDB]', '    alias: [PDB]');
    const result = parsePack(broken, 'p.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatError(result.errors[0]!)).toBe('p.yaml:7:5: terms[0].alias: unknown field "alias"');
  });

  it('reports YAML syntax errors with their position', () => {
    const result = parsePack('id: x\nterms: [\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.file).toBe('bad.yaml');
    expect(result.errors[0]?.line).toBeGreaterThanOrEqual(2);
    expect(result.errors[0]?.message).toMatch(/^YAML: /);
  });

  it('treats a duplicate headword or alias inside one pack as an error', () => {
    const dup = `${good}  - term: PDB\n    definition: Again.\n`;
    const result = parsePack(dup, 'p.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatError)).toEqual([
      'p.yaml:12:11: terms[2].term: duplicate headword "PDB" (first at terms[0].aliases[0])',
    ]);
  });

  it('allows the same word with different qualifiers', () => {
    const twoSecrets = `${good}  - term: Secret\n    qualifier: Vault\n    definition: A Vault entry.\n`;
    expect(parsePack(twoSecrets, 'p.yaml').ok).toBe(true);
  });

  it('validates JSON packs too (JSON is YAML)', () => {
    const json = JSON.stringify({ id: 'j', name: 'J', version: '1', description: 'd', terms: [{ term: 'etcd', definition: 'A store.' }] });
    expect(parsePack(json, 'p.json').ok).toBe(true);
  });

  it('rejects an empty pack and a non-http homepage', () => {
    const result = parsePack('id: e\nname: E\nversion: "1"\ndescription: d\nhomepage: "javascript:alert(1)"\nterms: []\n', 'e.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['homepage', 'terms']);
  });
});

describe('acronyms and ids', () => {
  it('recognises all-caps acronyms', () => {
    for (const word of ['PDB', 'TLS', 'WAL', 'HTTP-01', 'CR/CRD', 'K8S']) expect(isAcronym(word), word).toBe(true);
    for (const word of ['Pod', 'kubelet', 'sync.Once', 'k3s', '01']) expect(isAcronym(word), word).toBe(false);
  });
  it('slugifies headwords', () => {
    expect(slugify('Argo CD')).toBe('argo-cd');
    expect(slugify('sync.Once')).toBe('sync.once');
    expect(slugify('goose_db_version')).toBe('goose_db_version');
    expect(slugify('Café / Crème')).toBe('cafe-creme');
  });
});
