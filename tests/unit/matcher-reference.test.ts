// Differential test: the automaton (with its pre-filters, jump table and dense tables) must find exactly
// what a slow, obviously-correct matcher written from the rules finds, on random texts and glossaries
// built from a tiny alphabet so that patterns overlap, share prefixes and collide a lot.
import { describe, expect, it } from 'vitest';
import { patternKey, type MatcherPattern, type PatternKind } from '../../lib/glossary/compile';
import { buildMatcher, packMatcher, unpackMatcher, type TextMatch } from '../../lib/matcher';

const wordCache = new Map<string, boolean>();
const isWord = (ch: string | undefined): boolean => {
  if (ch === undefined) return false;
  let w = wordCache.get(ch);
  if (w === undefined) wordCache.set(ch, (w = /[\p{L}\p{N}\p{M}_]/u.test(ch)));
  return w;
};
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const isConnector = (ch: string | undefined) => ch === '-' || ch === '.' || ch === '/';
/** Lowercase per UTF-16 unit, keeping one unit ("İ" → "i"), with simple case folding's variants (ς → σ). */
function fold(ch: string): string {
  if (/\s/.test(ch)) return ' ';
  let lower = ch.toLowerCase().charAt(0);
  const upper = lower.toUpperCase();
  if (upper.length === 1 && upper.toLowerCase().length === 1) lower = upper.toLowerCase();
  return lower;
}

function plural(text: string): string[] {
  const last = text.charAt(text.length - 1);
  if (!/\p{L}/u.test(last) || last.toLowerCase() === last.toUpperCase()) return [];
  if (last !== last.toLowerCase()) return last === 'S' ? [] : ['s'];
  if (/(s|x|z|ch|sh)$/i.test(text)) return ['es'];
  if (/[^aeiou]y$/i.test(text)) return ['ies'];
  return ['s'];
}

/** Length of text matched from s by `form` (white space = any run), or -1. Exact compare when `exact`. */
function matchForm(text: string, s: number, form: string, exact: boolean): number {
  let i = s;
  for (const pc of form) {
    if (pc === ' ') {
      if (!isSpace(text[i])) return -1;
      while (isSpace(text[i])) i++;
      continue;
    }
    const tc = text[i];
    if (tc === undefined || (exact ? tc !== pc : fold(tc) !== fold(pc))) return -1;
    i++;
  }
  return i;
}

function endsToken(text: string, e: number): boolean {
  if (e >= text.length) return true;
  if (isWord(text[e])) return false;
  if (isConnector(text[e])) return !isWord(text[e + 1]);
  return true;
}

function canStart(text: string, s: number, firstIsWord: boolean): boolean {
  if (s === 0) return true;
  if (isWord(text[s - 1])) return false;
  // "foo-proxy": a connector after a word joins the identifier.
  if (firstIsWord && isConnector(text[s - 1]) && isWord(text[s - 2])) return false;
  return true;
}

/** The rules, spelled out: try every pattern form at every position. */
function reference(patterns: readonly MatcherPattern[]): (text: string) => TextMatch[] {
  const seen = new Set<string>();
  const forms: Array<{ p: number; form: string; exact: boolean; prefix: boolean; rank: number; firstIsWord: boolean }> = [];
  patterns.forEach((pt, p) => {
    if (seen.has(pt.key)) return;
    seen.add(pt.key);
    const base = pt.text.trim().replace(/\s+/g, ' ');
    if (!base) return;
    const variants = [{ form: base, plural: false }];
    if (!pt.prefix) {
      for (const suffix of plural(base)) {
        const stem = suffix === 'ies' ? base.slice(0, -1) : base;
        variants.push({ form: stem + suffix, plural: true });
      }
    }
    for (const v of variants) {
      const rank = (pt.caseSensitive ? 0 : 4) + (v.plural ? 2 : 0) + (pt.kind === 'avoid' ? 1 : 0);
      forms.push({ p, form: v.form, exact: pt.caseSensitive, prefix: pt.prefix, rank, firstIsWord: isWord(base[0]) });
    }
  });
  return (text) => {
    const out: TextMatch[] = [];
    let s = 0;
    while (s < text.length) {
      let best: { end: number; depth: number; rank: number; p: number } | undefined;
      for (const f of forms) {
        if (!canStart(text, s, f.firstIsWord)) continue;
        const j = matchForm(text, s, f.form, f.exact);
        if (j < 0) continue;
        let e = j;
        if (f.prefix) while (isWord(text[e])) e++;
        if (!endsToken(text, e)) continue;
        const better =
          !best ||
          e > best.end ||
          (e === best.end && (j > best.depth || (j === best.depth && (f.rank < best.rank || (f.rank === best.rank && f.p < best.p)))));
        if (better) best = { end: e, depth: j, rank: f.rank, p: f.p };
      }
      if (best) {
        out.push({ start: s, end: best.end, pattern: best.p });
        s = best.end;
      } else s++;
    }
    return out;
  };
}

let seed = 12345;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;

// No ":" and "/" or "w": URL detection is covered by the unit tests, not modelled by the reference.
const WORDS = ['a', 'ab', 'ba', 'abc', 'b', 'c', 'cy', 'AB', 'Ab', 'aB', 'x', 'box', 'Ä', 'ä', 'é', 'İ', '_a', '1'];
const GLUE = [' ', ' ', '  ', '\n', '-', '.', '_', '', '\u00a0', ',', '(', ')', "'", '+', '#'];

function randomPattern(): MatcherPattern {
  let text = pick(WORDS);
  const parts = Math.floor(random() * 3);
  for (let i = 0; i < parts; i++) text += pick([' ', '-', '.', '', '_', '+']) + pick(WORDS);
  if (random() < 0.05) text = pick(['.', '#', '+']) + text;
  const caseSensitive = random() < 0.3;
  const kind: PatternKind = random() < 0.2 ? 'avoid' : 'term';
  return { text, caseSensitive, prefix: random() < 0.1, kind, key: patternKey(kind, text, caseSensitive) };
}

/** Random words and glue, with the patterns themselves mixed in (case changed, plural added) so they occur. */
function randomText(patterns: readonly MatcherPattern[]): string {
  let text = '';
  const n = 1 + Math.floor(random() * 30);
  for (let i = 0; i < n; i++) {
    let w = random() < 0.3 && patterns.length ? pick(patterns).text.replace(/ /g, () => pick([' ', '\n ', '\u00a0'])) : pick(WORDS);
    if (random() < 0.2) w = w.toUpperCase();
    if (random() < 0.15) w += pick(['s', 'es', 'ies', 'S']);
    text += w + pick(GLUE);
  }
  return text;
}

describe('matcher against the reference rules', () => {
  it('finds the same matches on random glossaries and texts', () => {
    for (let round = 0; round < 300; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 25) }, randomPattern);
      const m = buildMatcher(patterns);
      // As a page receives it: small chunks, each through JSON.
      const packed = packMatcher(m, { chunkChars: 97 });
      const received = unpackMatcher(
        JSON.parse(JSON.stringify(packed.transfer)),
        Array.from({ length: packed.chunkCount }, (_, i) => JSON.parse(JSON.stringify(packed.chunk(i)))),
      );
      for (const x of [m, received]) expect(patterns.map((_, i) => x.keyOf(i))).toEqual(patterns.map((p) => p.key));
      const expect_ = reference(patterns);
      for (let t = 0; t < 20; t++) {
        const text = randomText(patterns);
        const expected = expect_(text);
        const context = { patterns: patterns.map((p) => [p.text, p.caseSensitive, p.prefix, p.kind].join('|')), text };
        expect({ ...context, matches: m.findAll(text) }).toEqual({ ...context, matches: expected });
        expect(received.findAll(text)).toEqual(expected);
      }
    }
  }, 30_000);

  it('finds the same matches with a large glossary (dense nodes, many shared first runs)', () => {
    const patterns = Array.from({ length: 2000 }, randomPattern);
    const m = buildMatcher(patterns);
    const expected = reference(patterns);
    for (let t = 0; t < 40; t++) {
      const text = randomText(patterns);
      expect({ text, matches: m.findAll(text) }).toEqual({ text, matches: expected(text) });
    }
  }, 30_000);
});
