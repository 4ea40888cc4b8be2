import { describe, expect, it } from 'vitest';
import { MATCHER_FORMAT, buildMatcher, loadMatcher, loadMatcherInSlices, serializeMatcher, type SerializedMatcher } from '../../lib/matcher';
import { EDGE_PATTERNS, pattern } from './support/matcher-patterns';

const patterns = EDGE_PATTERNS;
const text = 'Argo CD and Argo\nCD, PDBs not pdb, kubectl, the auth tier, policies, sync.Once, ÄRGER, "quoted" \\ back\u2028slash, .NET';

/** What a content script receives: the message after Chrome's JSON round trip. */
const overTheWire = (s: SerializedMatcher): unknown => JSON.parse(JSON.stringify(s));

describe('serializeMatcher / loadMatcher', () => {
  it('round-trips through JSON to a matcher that finds the same matches', () => {
    const built = buildMatcher(patterns);
    const loaded = loadMatcher(overTheWire(serializeMatcher(built)));
    expect(built.findAll(text).length).toBe(10);
    expect(loaded.findAll(text)).toEqual(built.findAll(text));
    expect(loaded.patterns).toEqual(built.patterns);
    expect(loaded.patternCount).toBe(patterns.length);
    expect(loaded.kindOf(4)).toBe('avoid');
  });

  it('produces plain JSON data that survives the round trip unchanged', () => {
    const serialized = serializeMatcher(buildMatcher(patterns));
    expect(serialized.format).toBe(MATCHER_FORMAT);
    expect(overTheWire(serialized)).toEqual(serialized);
    // A loaded matcher serialises to the same data: content scripts could pass it on.
    expect(serializeMatcher(loadMatcher(overTheWire(serialized)))).toEqual(serialized);
  });

  it('keeps the structure compact: about the size of the pattern text', () => {
    const many = Array.from({ length: 2000 }, (_, i) => pattern(`Term${i.toString(36)} Word${(i * 7).toString(36)}`));
    const json = JSON.stringify(serializeMatcher(buildMatcher(many)));
    const textLength = many.reduce((sum, p) => sum + p.text.length + p.key.length, 0);
    expect(json.length).toBeLessThan(textLength * 2);
  });

  it('loads in slices, pausing between them, to the same matcher', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => pattern(`Term${i.toString(36)} Word${(i * 7).toString(36)}`));
    const data = overTheWire(serializeMatcher(buildMatcher(many)));
    let pauses = 0;
    const sliced = await loadMatcherInSlices(data, { sliceMs: 0, pause: async () => void pauses++ });
    expect(pauses).toBeGreaterThan(3);
    const direct = loadMatcher(data);
    const text = 'term1 word7, Term2 Worde and TERMA WORD1Y; term3 word8';
    expect(sliced.findAll(text)).toEqual(direct.findAll(text));
    expect(sliced.findAll(text).length).toBe(3);
    await expect(loadMatcherInSlices({ format: 'x' })).rejects.toThrow(/expected format/);
  });

  it('serialises an empty matcher', () => {
    const loaded = loadMatcher(overTheWire(serializeMatcher(buildMatcher([]))));
    expect(loaded.findAll('Argo CD')).toEqual([]);
    expect(loaded.patternCount).toBe(0);
  });

  it('rejects data of another format or version with a clear error', () => {
    expect(() => loadMatcher(null)).toThrow(/expected format "termlens-matcher\/1"/);
    expect(() => loadMatcher({ format: 'termlens-matcher/0' })).toThrow(/got "termlens-matcher\/0"/);
  });

  it('rejects truncated or inconsistent data instead of matching garbage', () => {
    const good = serializeMatcher(buildMatcher(patterns));
    expect(() => loadMatcher({ ...good, labels: good.labels.slice(1) })).toThrow(/does not fit/);
    expect(() => loadMatcher({ ...good, tree: good.tree.slice(0, 8) })).toThrow(/"tree" ends early|does not fit/);
    expect(() => loadMatcher({ ...good, nodes: 0 })).toThrow(/"nodes"/);
    expect(() => loadMatcher({ ...good, keys: good.keys + 'x' })).toThrow(/"keyLengths" does not fit "keys"/);
    expect(() => loadMatcher({ ...good, accept: '!!' })).toThrow(/"accept" is corrupt/);
    expect(() => loadMatcher({ ...good, acceptCount: good.acceptCount + 1 })).toThrow(/fewer than "acceptCount"/);
    expect(() => loadMatcher({ ...good, exact: [[999, 'PDB']] })).toThrow(/"exact"/);
    expect(() => loadMatcher({ ...good, flags: 123 })).toThrow(/"flags" must be a string/);
  });
});
