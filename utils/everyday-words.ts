import raw from 'virtual:termlens/everyday-words';

let words: ReadonlySet<string> | null = null;

/** The everyday English words (made at build time, scripts/everyday-words.ts), as a set on first use. */
export function everydayWords(): ReadonlySet<string> {
  return (words ??= new Set(raw.split('\n')));
}
