import { describe, expect, it } from 'vitest';
import {
  TRANSFER_FORMAT,
  buildMatcher,
  packMatcher,
  receiveMatcher,
  sectionLengths,
  unpackMatcher,
  type Matcher,
  type MatcherTransfer,
  type PackedMatcher,
} from '../../lib/matcher';
import type { MatcherPattern } from '../../lib/glossary/compile';
import { TrieMatcher } from '../../lib/matcher/matcher';
import { EDGE_PATTERNS, pattern } from './support/matcher-patterns';

const patterns = [...EDGE_PATTERNS, pattern('服务网格'), pattern('lone \ud800 half')];
const text =
  'Argo CD and Argo\nCD, PDBs not pdb, kubectl, the auth tier, policies, sync.Once, ÄRGER, "quoted" \\ back\u2028slash, .NET, 服务网格, lone \ud800 half';

/** A glossary big enough for many chunks, with prefix patterns (their own filter) and case-sensitive ones. */
function many(n: number): MatcherPattern[] {
  const out: MatcherPattern[] = [];
  for (let i = 0; i < n; i++) {
    const a = `term${i.toString(36)}`;
    if (i % 7 === 0) out.push(pattern(`${a.toUpperCase()}X`, true));
    else if (i % 11 === 0) out.push(pattern(`pre${i.toString(36)}`, false, 'term', true));
    else if (i % 13 === 0) out.push(pattern(`${a} word${(i * 7).toString(36)}`, false, 'avoid'));
    else out.push(pattern(`${a} Word${(i * 7).toString(36)}`));
  }
  return out;
}
const manyText = 'term1 word7, Term2 Worde and TERM7X; term3 word8 and prebuilt, TERM0X, termd word2j';

/** Each message as the page gets it: through Chrome's JSON round trip. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const chunksOf = (p: PackedMatcher) => Array.from({ length: p.chunkCount }, (_, i) => wire({ data: p.chunk(i) }).data);
const internals = (m: Matcher) => (m as TrieMatcher).toPrepared();

describe('packMatcher / unpackMatcher', () => {
  it('round-trips through JSON messages to the very matcher that was built', () => {
    const built = buildMatcher(patterns);
    const packed = packMatcher(built);
    const loaded = unpackMatcher(wire(packed.transfer), chunksOf(packed));
    expect(built.findAll(text).length).toBe(12);
    expect(loaded.findAll(text)).toEqual(built.findAll(text));
    expect(loaded.patterns).toEqual(patterns.map((p) => ({ key: p.key, kind: p.kind })));
    expect(loaded.kindOf(4)).toBe('avoid');
    // Everything it scans with arrives as built: nothing is recomputed, nothing differs.
    expect(internals(loaded)).toEqual(internals(built));
  });

  it('cuts the body into chunks of at most the given size, anywhere, and every cut decodes to the same matcher', () => {
    const built = buildMatcher(many(3000));
    const whole = packMatcher(built, { chunkChars: 1 << 30 });
    expect(whole.chunkCount).toBe(1);
    const total = whole.transfer.chunkLengths[0]!;
    for (const chunkChars of [64, 97, 1000, 4096, Math.ceil(total / 2)]) {
      const packed = packMatcher(built, { chunkChars });
      const { chunkLengths } = packed.transfer;
      expect(chunkLengths.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...chunkLengths)).toBeLessThanOrEqual(chunkChars);
      expect(packed.chunkCount).toBeGreaterThanOrEqual(Math.ceil(total / chunkChars));
      const loaded = unpackMatcher(wire(packed.transfer), chunksOf(packed));
      expect(internals(loaded)).toEqual(internals(built));
      expect(loaded.findAll(manyText)).toEqual(built.findAll(manyText));
    }
    expect(built.findAll(manyText).map((m) => `${built.keyOf(m.pattern)} ${manyText.slice(m.start, m.end)}`)).toEqual([
      'term:term1 word7 term1 word7',
      'term:term2 worde Term2 Worde',
      'term:TERM7X TERM7X',
      'term:preb prebuilt',
      'term:TERM0X TERM0X',
      'avoid:termd word2j termd word2j',
    ]);
  });

  it('sends base64 only, whatever the glossary’s script (characters JSON carries unescaped), in whole quads per chunk', () => {
    const packed = packMatcher(buildMatcher([...patterns, ...many(500)]), { chunkChars: 2000 });
    const chunks = chunksOf(packed);
    expect(chunks.join('').length).toBeGreaterThan(10_000);
    for (const chunk of chunks) {
      expect(chunk).toMatch(/^[A-Za-z0-9+/]*=*$/);
      expect(chunk.length % 4).toBe(0);
    }
  });

  it('rebuilds keys the matcher does not store, and keeps the ones it cannot rebuild', () => {
    const odd: MatcherPattern[] = [
      pattern('Kubernetes'),
      pattern('  Argo   CD '), // key keeps the raw spacing, the tree has one space
      pattern('İstio'), // toLowerCase("İ") is two units, the fold is one
      pattern('CRD', true),
      { text: 'custom', caseSensitive: false, prefix: false, kind: 'term', key: 'my-own-key' },
      pattern('Kubernetes'), // the same key twice: the second one never matches
      pattern('Σίσυφος'), // the key keeps the final sigma, the fold does not
    ];
    const built = buildMatcher(odd);
    const packed = packMatcher(built, { chunkChars: 64 });
    const loaded = unpackMatcher(wire(packed.transfer), chunksOf(packed));
    for (const m of [built, loaded]) expect(odd.map((_, i) => m.keyOf(i))).toEqual(odd.map((p) => p.key));
    // Only the keys that cannot be rebuilt from the tree are sent.
    expect(sectionLengths(packed.transfer).keys).toBe(['  argo   cd ', 'i̇stio', 'my-own-key', 'kubernetes', 'σίσυφος'].join('').length);
  });

  it("decodes with the browser's own base64 decoder where there is one", () => {
    const built = buildMatcher([...patterns, ...many(300)]);
    const packed = packMatcher(built, { chunkChars: 500 });
    const native = Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array; prototype: { setFromBase64?: unknown } };
    const had = { from: native.fromBase64, set: native.prototype.setFromBase64 };
    const calls: string[] = [];
    native.fromBase64 = (s: string) => {
      calls.push(s);
      return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
    };
    const into: string[] = [];
    try {
      // Without setFromBase64: through fromBase64.
      delete native.prototype.setFromBase64;
      expect(internals(unpackMatcher(wire(packed.transfer), chunksOf(packed)))).toEqual(internals(built));
      expect(calls.length).toBeGreaterThan(5);
      // With it: straight into the buffer.
      native.prototype.setFromBase64 = function (this: Uint8Array, s: string) {
        into.push(s);
        const bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
        this.set(bytes.subarray(0, this.length));
        return { read: bytes.length <= this.length ? s.length : 0, written: Math.min(bytes.length, this.length) };
      };
      calls.length = 0;
      expect(internals(unpackMatcher(wire(packed.transfer), chunksOf(packed)))).toEqual(internals(built));
      expect(into.length).toBeGreaterThan(5);
      expect(calls).toEqual([]);
    } finally {
      native.fromBase64 = had.from;
      if (had.set) native.prototype.setFromBase64 = had.set;
      else delete native.prototype.setFromBase64;
    }
  });

  it('carries counts too big for one character (a root with many children, a long label)', () => {
    const wide = [
      ...Array.from({ length: 120 }, (_, i) => pattern(`${String.fromCharCode(0x100 + i)}x`)),
      pattern(`long${'abcdefghij'.repeat(12)}`),
      pattern('longer'),
    ];
    const built = buildMatcher(wide);
    const packed = packMatcher(built, { chunkChars: 100 });
    const loaded = unpackMatcher(wire(packed.transfer), chunksOf(packed));
    expect(internals(loaded)).toEqual(internals(built));
    const sample = `${String.fromCharCode(0x100 + 99)}x and long${'abcdefghij'.repeat(12)}, longer`;
    expect(loaded.findAll(sample).map((m) => loaded.keyOf(m.pattern))).toEqual([wide[99]!.key, wide[120]!.key, 'term:longer']);
  });

  it('round-trips an empty matcher', () => {
    const packed = packMatcher(buildMatcher([]));
    const loaded = unpackMatcher(wire(packed.transfer), chunksOf(packed));
    expect(loaded.patternCount).toBe(0);
    expect(loaded.findAll('Argo CD')).toEqual([]);
  });
});

describe('receiveMatcher', () => {
  const built = buildMatcher(many(3000));
  const packed = packMatcher(built, { chunkChars: 2048 });
  const fetchOk = (i: number) => Promise.resolve(wire({ data: packed.chunk(i) }).data);

  it('fetches the chunks a few at a time and decodes each as it comes', async () => {
    expect(packed.chunkCount).toBeGreaterThan(10);
    const asked: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const fetchChunk = async (i: number) => {
      asked.push(i);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 0));
      inFlight--;
      return fetchOk(i);
    };
    // No time limit: what is counted below does not depend on this machine's speed.
    const { matcher, stats } = await receiveMatcher(wire(packed.transfer), fetchChunk, { inFlight: 3, sliceMs: 1e9 });
    expect(asked).toEqual(Array.from({ length: packed.chunkCount - 1 }, (_, i) => i + 1));
    expect(mostInFlight).toBe(3);
    // Each chunk arrived in a task of its own and was decoded there.
    expect(stats).toMatchObject({ chunks: packed.chunkCount, tasks: packed.chunkCount });
    expect(stats.chars).toBe(packed.transfer.chunkLengths.reduce((a, b) => a + b, 0));
    expect(stats.longestTaskMs).toBeLessThanOrEqual(stats.workMs);
    expect(internals(matcher)).toEqual(internals(built));
  });

  it('gives the page a turn between chunks that arrived together once its time is up', async () => {
    let pauses = 0;
    // Every chunk is there at once (a busy page): without pauses, all would be decoded in one task.
    const { matcher, stats } = await receiveMatcher(wire(packed.transfer), fetchOk, { sliceMs: 0, pause: async () => void pauses++ });
    expect(pauses).toBeGreaterThanOrEqual(packed.chunkCount - 1);
    expect(stats.tasks).toBe(pauses + 1);
    expect(internals(matcher)).toEqual(internals(built));
  });

  it('splits a chunk into several slices when its decoding runs past the time given', async () => {
    const big = packMatcher(built, { chunkChars: 1 << 30 });
    let pauses = 0;
    const { matcher } = await receiveMatcher(wire(big.transfer), fetchOk, { sliceMs: 0, pause: async () => void pauses++ });
    expect(big.chunkCount).toBe(1);
    expect(pauses).toBeGreaterThan(5);
    expect(internals(matcher)).toEqual(internals(built));
  });

  it('needs no other message when the matcher fits in the first chunk', async () => {
    const small = packMatcher(buildMatcher(patterns));
    const { matcher } = await receiveMatcher(wire(small.transfer), () => Promise.reject(new Error('not expected')));
    expect(matcher.findAll(text).length).toBe(12);
  });

  it('rejects another format or a malformed header with a clear error', async () => {
    await expect(receiveMatcher(null, fetchOk)).rejects.toThrow(/expected format "termlens-matcher\/3", got null/);
    await expect(receiveMatcher({ ...packed.transfer, format: 'termlens-matcher/2' }, fetchOk)).rejects.toThrow(
      /got "termlens-matcher\/2"/,
    );
    expect(TRANSFER_FORMAT).toBe('termlens-matcher/3');
    await expect(receiveMatcher({ ...packed.transfer, jumpSize: -1 }, fetchOk)).rejects.toThrow(/"jumpSize" must be a count/);
    // Section sizes that disagree with one another, or with the chunks.
    const lengths = [...packed.transfer.lengths];
    lengths[2] = lengths[2]! + 1; // "head": one more element than there are nodes
    await expect(receiveMatcher({ ...packed.transfer, lengths }, fetchOk)).rejects.toThrow(
      /do not add up|"head" has \d+ elements, expected/,
    );
    await expect(receiveMatcher({ ...packed.transfer, filterBlocks: packed.transfer.filterBlocks + 1 }, fetchOk)).rejects.toThrow(
      /"filter" has \d+ elements, expected/,
    );
    await expect(receiveMatcher({ ...packed.transfer, chunkLengths: packed.transfer.chunkLengths.slice(1) }, fetchOk)).rejects.toThrow(
      /chunkSums|do not add up/,
    );
  });

  it('rejects a partial or corrupted transfer with a clear error, and loads fine afterwards', async () => {
    const n = packed.chunkCount;
    const cases: Array<[string, (i: number) => Promise<unknown>, RegExp]> = [
      [
        'a chunk that did not come',
        (i) => (i === 3 ? Promise.reject(new Error('The message port closed')) : fetchOk(i)),
        new RegExp(`chunk 4 of ${n} did not arrive: The message port closed`),
      ],
      [
        'a cut-off chunk',
        async (i) => ((await fetchOk(i)) as string).slice(0, i === 2 ? -5 : undefined),
        new RegExp(`chunk 3 of ${n} has \\d+ characters, expected`),
      ],
      ['chunks in the wrong order', (i) => fetchOk(i === 1 ? 2 : i === 2 ? 1 : i), /chunk 2 of \d+ (has|is corrupt)/],
      ['no data', (i) => (i === 5 ? Promise.resolve(undefined) : fetchOk(i)), new RegExp(`chunk 6 of ${n} is missing`)],
    ];
    for (const [, fetchChunk, error] of cases)
      await expect(receiveMatcher(wire(packed.transfer), fetchChunk, { pause: async () => {} })).rejects.toThrow(error);
    // Another matcher's chunks under this header (the packs changed between two messages).
    const other = packMatcher(buildMatcher(many(2999)), { chunkChars: 2048 });
    await expect(receiveMatcher(wire(packed.transfer), (i) => Promise.resolve(other.chunk(i)), { pause: async () => {} })).rejects.toThrow(
      /matcher transfer: chunk \d+ of \d+ (has|is corrupt)/,
    );
    // One character changed anywhere in a chunk: the checksum reads every unit.
    const single = packMatcher(built, { chunkChars: 1 << 30 }).transfer;
    for (const at of [0, 17, single.first.length >> 1, single.first.length - 5]) {
      const c = single.first[at] === 'A' ? 'B' : 'A';
      const bad: MatcherTransfer = { ...single, first: single.first.slice(0, at) + c + single.first.slice(at + 1) };
      await expect(receiveMatcher(bad, fetchOk)).rejects.toThrow(/matcher transfer: chunk 1 of 1 is corrupt \(checksum\)/);
    }
    // Nothing is left over from the failures: the next load works.
    const { matcher } = await receiveMatcher(wire(packed.transfer), fetchOk, { pause: async () => {} });
    expect(matcher.findAll(manyText)).toEqual(built.findAll(manyText));
  });
});
