// Hostile sizes: every importer must stay linear in its input. Long runs of each character that
// some parser treats specially, and a 10 MB glossary, are timed against a plain read of the same
// input (split into lines, each trimmed); a quadratic step shows as a ratio that grows with size.
import { describe, expect, it } from 'vitest';
import { importGlossary } from '../../../lib/glossary/importers/index';
import type { ImportInput } from '../../../lib/glossary/importers/types';

const SPECIAL = [' ', '\t', '*', '_', '`', '[', ']', '(', ')', '|', '#', ':', '-', '<', '>', '\\', '!', '~', '=', '.', '"', '&', '\n', '+', ';', ',', '{', '}', '[a](', '**a', '<a ', '*[', '|-', ': ', '.. ', '::'];

function time(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const read = (text: string) => () => {
  let n = 0;
  for (const l of text.split('\n')) n += l.trimEnd().length;
  return n;
};

const run = (input: ImportInput) => () => {
  importGlossary(input);
};

/** A hostile line inside an otherwise ordinary glossary, so every shape's detector reads it. */
function hostile(run: string, size: number): string {
  const body = run.repeat(Math.ceil(size / run.length));
  return ['# Glossary', '', '## Terms', '', `**Alpha**: first ${body}x`, '', `- **Beta** second ${body}y`, '', `Gamma`, `: third ${body}z`, '', `*[HTML]: ${body}w`, ''].join('\n');
}

describe('importers run in linear time', () => {
  it.each(SPECIAL)('a long run of %j: 4× the input takes well under 16× the time', (c) => {
    const small = hostile(c, 20_000);
    const large = hostile(c, 80_000);
    const tSmall = time(run({ kind: 'text', name: 'small.md', text: small }));
    const tLarge = time(run({ kind: 'text', name: 'large.md', text: large }));
    // Linear is 4×; quadratic 16×. The constant covers timer noise on small figures.
    expect(tLarge, `${tSmall.toFixed(1)} ms → ${tLarge.toFixed(1)} ms`).toBeLessThan(8 * tSmall + 40);
  }, 60_000);

  it('a 10 MB glossary costs, per byte read, no more than 3× a 1 MB one', () => {
    const entry = (i: number) => `**Term ${i}**: A definition of term ${i} with \`code\`, a [link](https://example.com/${i}) and _emphasis_. (Chapter ${i % 20})\n\n`;
    const make = (bytes: number) => {
      const parts = ['# Big glossary\n\n## Section\n\n'];
      let size = parts[0]!.length;
      for (let i = 0; size < bytes; i++) {
        const e = entry(i);
        parts.push(e);
        size += e.length;
      }
      return parts.join('');
    };
    const one = make(1_000_000);
    const ten = make(10_000_000);
    const ratio1 = time(run({ kind: 'text', name: 'one.md', text: one })) / time(read(one));
    const t10 = performance.now();
    const result = importGlossary({ kind: 'text', name: 'ten.md', text: ten });
    const import10 = performance.now() - t10;
    const ratio10 = import10 / time(read(ten));
    expect(result.ok).toBe(true);
    expect(ratio10, `import/read: ${ratio1.toFixed(0)} at 1 MB, ${ratio10.toFixed(0)} at 10 MB`).toBeLessThan(3 * ratio1);
  }, 300_000);
});
