// Hostile inputs for the parsers, timed in Node against a plain read of the same input (decode, split
// into lines, trim, split into words): the importers, a pack's YAML, the card's inline Markdown. A
// linear parser costs the same per byte at every size; a quadratic step shows as a per-byte cost that
// grows with the input. bench/METHOD.md describes the figures. Not a test: nothing here asserts
// (tests/unit/importers/linear.test.ts and inline-markdown.test.ts keep a loose bound on the same runs).
import { parseInline } from '../lib/card/inline-markdown';
import { importGlossary } from '../lib/glossary/importers/index';
import { parsePack } from '../lib/glossary/validate';

/** Characters some parser treats specially, alone and in the openings that made parsers backtrack. */
export const HOSTILE_RUNS = [
  ' ',
  '\t',
  '*',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
  '|',
  '#',
  ':',
  '-',
  '<',
  '>',
  '\\',
  '!',
  '~',
  '=',
  '.',
  '"',
  '&',
  '\n',
  '+',
  ';',
  ',',
  '{',
  '}',
  '[a](',
  '**a',
  '<a ',
  '*[',
  '|-',
  ': ',
  '.. ',
  '::',
];
const INLINE_RUNS = ['[', '[a](', '(', '*', '_', '**', '`', '*a', '\\[', '[a]', '](', '[*'];

export interface HostileResult {
  /**
   * Each family's worst run: the time at 8× the input ÷ 8 × the time at 1× (1 = linear, 8 = quadratic),
   * and that input's time ÷ a plain read of it.
   */
  importers: { worst: string; growth: number; perRead: number };
  inlineMarkdown: { worst: string; growth: number; perRead: number };
  /** A 10 MB glossary: import ÷ plain read, and the same at 1 MB. */
  tenMegabytes: { ratio: number; ratioAtOne: number; ms: number };
  /** A pack nested 3,000 levels deep (4.5 MB) and an alias bomb: ms until their error. */
  yaml: { deepMs: number; bombMs: number; deepError: string; bombError: string };
}

function best(fn: () => void, rounds = 3): number {
  let t = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, performance.now() - t0);
  }
  return t;
}

/** Reading the input: encode and decode it as a file would arrive, split it into lines and words. */
export function plainRead(text: string): number {
  const decoded = new TextDecoder().decode(new TextEncoder().encode(text));
  let n = 0;
  for (const l of decoded.split('\n')) n += l.trimEnd().split(/\s+/).length;
  return n;
}

/** A hostile line in each of the common shapes of an otherwise ordinary glossary, so every detector reads it. */
export function hostileGlossary(run: string, size: number): string {
  const body = run.repeat(Math.ceil(size / run.length));
  return [
    '# Glossary',
    '',
    '## Terms',
    '',
    `**Alpha**: first ${body}x`,
    '',
    `- **Beta** second ${body}y`,
    '',
    'Gamma',
    `: third ${body}z`,
    '',
    `*[HTML]: ${body}w`,
    '',
  ].join('\n');
}

/**
 * The time at 8× the size ÷ 8 × the time at 1× (1 = linear, 8 = quadratic), and the larger input's
 * time ÷ a plain read of it. Sizes are chosen so the smaller input takes about a millisecond or more.
 */
function growth(parse: (text: string) => void, make: (size: number) => string, size: number): { growth: number; perRead: number } {
  const small = make(size);
  const large = make(size * 8);
  const tSmall = best(() => parse(small));
  const tLarge = best(() => parse(large));
  return { growth: tLarge / (8 * tSmall), perRead: tLarge / best(() => plainRead(large)) };
}

/**
 * The run with the largest growth. On a shared machine one pair of timings can be off by 2×, so the
 * leader is measured twice more and keeps its lowest figure; the next run is taken if it falls below.
 */
function worstOf(runs: readonly string[], measure: (run: string) => { growth: number; perRead: number }) {
  const first = runs.map((run) => ({ run, ...measure(run) })).sort((a, b) => b.growth - a.growth);
  let best = { worst: '', growth: 0, perRead: 0 };
  for (const candidate of first.slice(0, 3)) {
    let low = candidate;
    for (let i = 0; i < 2; i++) {
      const again = measure(candidate.run);
      if (again.growth < low.growth) low = { run: candidate.run, ...again };
    }
    if (low.growth > best.growth) best = { worst: low.run, growth: low.growth, perRead: low.perRead };
  }
  return best;
}

/** A bold-lines glossary of about `bytes`. */
export function bigGlossary(bytes: number): string {
  const parts = ['# Big glossary\n\n## Section\n\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const e = `**Term ${i}**: A definition of term ${i} with \`code\`, a [link](https://example.com/${i}) and _emphasis_. (Chapter ${i % 20})\n\n`;
    parts.push(e);
    size += e.length;
  }
  return parts.join('');
}

export function measureHostileInputs(log: (line: string) => void = () => undefined): HostileResult {
  log('hostile inputs: importers');
  const importRun = (run: string) =>
    growth(
      (text) => importGlossary({ kind: 'text', name: 'hostile.md', text }),
      (size) => hostileGlossary(run, size),
      25_000,
    );
  const importers = worstOf(HOSTILE_RUNS, importRun);
  log('hostile inputs: inline Markdown');
  const inlineMarkdown = worstOf(INLINE_RUNS, (run) => growth(parseInline, (size) => run.repeat(Math.ceil(size / run.length)), 256_000));
  log('hostile inputs: 10 MB glossary');
  const one = bigGlossary(1_000_000);
  const ten = bigGlossary(10_000_000);
  const ratioAtOne = best(() => importGlossary({ kind: 'text', name: 'one.md', text: one }), 1) / best(() => plainRead(one));
  const t0 = performance.now();
  importGlossary({ kind: 'text', name: 'ten.md', text: ten });
  const ms = performance.now() - t0;
  const ratio = ms / best(() => plainRead(ten));
  log('hostile inputs: YAML');
  const deep = `id: deep\nterms: ${'['.repeat(3000)}${']'.repeat(3000)}\n`.padEnd(4_500_000, ' ');
  const bomb = [
    'id: bomb',
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    'terms: *j',
    '',
  ].join('\n');
  const error = (r: ReturnType<typeof parsePack>) =>
    r.ok ? 'no error' : `${r.errors[0]?.line ?? '?'}:${r.errors[0]?.col ?? '?'} ${r.errors[0]?.message ?? ''}`;
  let deepError = '';
  let bombError = '';
  const deepMs = best(() => (deepError = error(parsePack(deep, 'deep.yaml'))), 1);
  const bombMs = best(() => (bombError = error(parsePack(bomb, 'bomb.yaml'))), 1);
  return { importers, inlineMarkdown, tenMegabytes: { ratio, ratioAtOne, ms }, yaml: { deepMs, bombMs, deepError, bombError } };
}
