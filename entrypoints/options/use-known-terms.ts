// The terms marked as known, for the options page: the stored keys, live (the item's watch), named by
// the background's `lookup` (the answer the hover card got) and grouped, since one "I know this"
// stores the matched key, the headword and each alias (`term:hpa`, `term:horizontalpodautoscaler`).
import { useEffect, useState } from 'react';
import type { KnownTerm } from '../../components/KnownTermsList';
import { headwordOf } from '../../components/TermCard';
import type { IndexEntry } from '../../lib/glossary/compile';
import { send } from '../../utils/messaging';
import { knownTermsItem } from '../../utils/known-terms';

/**
 * One row per headword for `term:` keys that name one (their first sense, as the card showed it), one
 * per avoided word, and the key as is for what no enabled pack defines; sorted by name.
 */
export function groupKnownTerms(keys: readonly string[], sensesOf: (key: string) => readonly IndexEntry[] | undefined): KnownTerm[] {
  const rows = new Map<string, KnownTerm & { also: string[] }>();
  for (const key of keys) {
    const first = sensesOf(key)?.[0];
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const word = key.slice(colon + 1);
    const spelled = (words: readonly string[]) => words.find((w) => w.toLowerCase() === word) ?? word;
    if (first && kind === 'term') {
      // By headword, not entry: a word's aliases may name the same word in another pack first.
      const name = headwordOf(first);
      const id = `headword:${name.toLowerCase()}`;
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { id, name, raw: false, keys: [], also: [] }));
      row.keys.push(key);
      if (word !== first.term.toLowerCase()) row.also.push(spelled(first.aliases));
    } else if (first && kind === 'avoid') {
      rows.set(key, { id: key, name: spelled(first.avoid), raw: false, note: `avoided word: say ${first.term}`, keys: [key], also: [] });
    } else {
      rows.set(key, { id: key, name: key, raw: true, keys: [key], also: [] });
    }
  }
  return [...rows.values()]
    .map(({ also, ...row }) => (also.length > 0 ? { ...row, note: `also ${also.map((w) => `“${w}”`).join(', ')}` } : row))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/**
 * The rows, null until first read. `packsKey` changes when the packs (their order, on/off, versions)
 * do: names are then asked again. A key the background cannot name shows as is.
 */
export function useKnownTerms(packsKey: string, onError: (error: unknown) => void): KnownTerm[] | null {
  const [terms, setTerms] = useState<KnownTerm[] | null>(null);
  useEffect(() => {
    const senses = new Map<string, readonly IndexEntry[]>();
    let live = true;
    let latest = 0;
    let watched = false;
    const show = async (keys: readonly string[]) => {
      const call = ++latest;
      const missing = keys.filter((k) => !senses.has(k));
      await Promise.all(
        missing.map((key) =>
          send('lookup', { key }).then(
            (r) => void senses.set(key, r.senses),
            () => undefined,
          ),
        ),
      );
      // A newer value may have arrived while this one was being named: only the latest shows.
      if (live && call === latest) setTerms(groupKnownTerms(keys, (k) => senses.get(k)));
    };
    // Storage may hold anything (an older or newer install): strings only.
    const keysOf = (value: unknown) => (Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : []);
    const unwatch = knownTermsItem.watch((value) => {
      watched = true;
      void show(keysOf(value));
    });
    knownTermsItem.getValue().then((value) => {
      if (live && !watched) void show(keysOf(value));
    }, onError);
    return () => {
      live = false;
      unwatch();
    };
  }, [packsKey, onError]);
  return terms;
}
