// Hostile sizes: every importer must stay linear in its input. Long runs of each character that
// some parser treats specially, and a 10 MB glossary, are timed against a plain read of the same
// input (split into lines, each trimmed); a quadratic step shows as a ratio that grows with size.
import { describe, expect, it } from 'vitest';
import { importGlossary } from '../../../lib/glossary/importers/index';
import type { ImportInput } from '../../../lib/glossary/importers/types';
import { bigGlossary, HOSTILE_RUNS, hostileGlossary, plainRead } from '../../../bench/hostile-inputs';

function time(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const read = (text: string) => () => plainRead(text);

function once(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const run = (input: ImportInput) => () => {
  importGlossary(input);
};

describe('importers run in linear time', () => {
  it.each(HOSTILE_RUNS)(
    'a long run of %j: 8× the input takes well under 64× the time',
    (c) => {
      const small = hostileGlossary(c, 25_000);
      const large = hostileGlossary(c, 200_000);
      const tSmall = time(run({ kind: 'text', name: 'small.md', text: small }));
      const tLarge = time(run({ kind: 'text', name: 'large.md', text: large }));
      // Linear is 8×, quadratic 64×. The constant covers timer and GC noise on small figures, and
      // other test files running beside this one.
      expect(tLarge, `${tSmall.toFixed(1)} ms → ${tLarge.toFixed(1)} ms`).toBeLessThan(24 * tSmall + 150);
    },
    120_000,
  );

  it('a 10 MB glossary costs, per byte read, no more than 3× a 1 MB one', () => {
    const one = bigGlossary(1_000_000);
    const ten = bigGlossary(10_000_000);
    const ratio1 = once(run({ kind: 'text', name: 'one.md', text: one })) / time(read(one));
    let ok = false;
    const ratio10 = once(() => (ok = importGlossary({ kind: 'text', name: 'ten.md', text: ten }).ok)) / time(read(ten));
    expect(ok).toBe(true);
    expect(ratio10, `import/read: ${ratio1.toFixed(0)} at 1 MB, ${ratio10.toFixed(0)} at 10 MB`).toBeLessThan(3 * ratio1);
  }, 300_000);
});
