// A generated glossary of any size, shaped like real ones: CamelCase resource kinds, acronyms with
// expansions, hyphenated tools, dotted identifiers, two-word phrases. Deterministic for a seed.
import type { PackInput } from '../lib/glossary/schema';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'ta',
  'po',
  'di',
  'se',
  'vo',
  'ba',
  'ge',
  'fi',
  'hu',
  'ja',
  'xo',
  'tre',
  'plu',
  'qua',
  'zen',
];
const SUFFIXES = ['Controller', 'Policy', 'Budget', 'Set', 'Class', 'Binding', 'Claim', 'Template', 'Gateway', 'Route', 'Monitor', 'Quota'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePack(count: number, seed = 42): PackInput {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const word = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const seen = new Set<string>();
  const claim = (s: string) => {
    const k = s.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const terms: PackInput['terms'] = [];
  while (terms.length < count) {
    const shape = random();
    let term: string;
    const aliases: string[] = [];
    if (shape < 0.35) {
      term = `${cap(word())}${pick(SUFFIXES)}`;
      const acronym = term.replace(/[a-z]/g, '');
      if (acronym.length >= 2 && random() < 0.5) aliases.push(`${acronym}${Math.floor(random() * 90 + 10)}`);
    } else if (shape < 0.55) {
      const a = word();
      const b = word();
      term = `${cap(a)} ${b}`;
      aliases.push(`${a}-${b}`);
    } else if (shape < 0.75) term = `${word()}-${word()}`;
    else if (shape < 0.85) term = `${word()}.${cap(word())}`;
    else {
      term = word().toUpperCase().slice(0, 5) + Math.floor(random() * 10);
      aliases.push(`${cap(word())} ${cap(word())}`);
    }
    if (!claim(term)) continue;
    terms.push({ term, aliases: aliases.filter(claim), definition: `Generated definition of ${term}, number ${terms.length}.` });
  }
  return {
    id: `generated-${count}`,
    name: `Generated ${count}`,
    version: '1',
    description: `${count} generated terms for the benchmark.`,
    terms,
  };
}
