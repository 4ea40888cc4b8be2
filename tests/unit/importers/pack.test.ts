import { describe, expect, it } from 'vitest';
import { detectFormat, importGlossary } from '../../../lib/glossary/importers/index';
import { fixture, imported } from './helpers';

describe('pack importer', () => {
  it('returns a YAML pack as it is', () => {
    const { pack, format, warnings } = imported(fixture('pack.yaml'));
    expect(format).toBe('pack');
    expect(warnings).toEqual([]);
    expect(pack).toMatchObject({ id: 'small', name: 'Small pack', version: '2', description: 'Already a pack.' });
    expect(pack.terms[0]).toMatchObject({ term: 'PDB', aliases: ['PodDisruptionBudget'] });
  });

  it('reads JSON, which is YAML, and applies --id / --name / --version overrides', () => {
    expect(detectFormat(fixture('pack.json'))).toBe('pack');
    const { pack } = imported(fixture('pack.json'), { id: 'renamed', name: 'Renamed', version: '9' });
    expect(pack).toMatchObject({ id: 'renamed', name: 'Renamed', version: '9', description: 'JSON is YAML.' });
    expect(pack.terms.map((t) => t.term)).toEqual(['TLS']);
  });

  it('reports a broken pack with file:line:col, not as "no shape"', () => {
    const result = importGlossary(fixture('pack-broken.yaml'));
    expect(result).toEqual({ ok: false, error: 'fixtures/pack-broken.yaml:7:15: terms[0].aliases[0]: expected string, got number' });
  });

  it('does not mistake Markdown for a pack', () => {
    expect(detectFormat(fixture('bold.md'))).not.toBe('pack');
    const result = importGlossary(fixture('bold.md'), { format: 'pack' });
    expect(result.ok).toBe(false);
  });
});
