// The entry the popup shows instead of the search and the page's terms: one term's senses, opened from
// a search hit, a term on the page or a related term. Esc (from any focus) goes back.
import { useEffect, useRef, useState } from 'react';
import type { IndexEntry } from '../../lib/glossary/compile';
import type { PageTerm } from '../../lib/protocol';
import type { SearchHit } from '../../lib/search';
import { send } from '../../utils/messaging';

export interface Entry {
  senses: IndexEntry[];
  packNames: Record<string, string>;
}

export function useEntry(host: string | null | undefined, fail: (e: unknown) => void, onBack: () => void) {
  const [entry, setEntry] = useState<Entry | null>(null);
  const at = host ? { host } : {};

  const open = async (load: () => Promise<Entry | null>) => {
    try {
      const found = await load();
      if (found) setEntry({ senses: found.senses, packNames: found.packNames });
    } catch (e) {
      fail(e);
    }
  };
  const openHit = (hit: SearchHit) => open(() => send('entry', { id: hit.id, ...at }));
  const define = (term: PageTerm) => open(() => send('lookup', { key: term.key, ...at }));
  // A related term names a headword: its senses by key, lower case first (acronyms keep their case).
  const openRelated = (term: string) =>
    open(async () => {
      let found = await send('lookup', { key: `term:${term.toLowerCase()}`, ...at });
      if (found.senses.length === 0) found = await send('lookup', { key: `term:${term}`, ...at });
      return found.senses.length > 0 ? found : null;
    });

  const back = () => {
    setEntry(null);
    onBack();
  };

  // Esc leaves the entry from wherever focus is in the popup (the document, not one element, listens).
  const backRef = useRef(back);
  useEffect(() => {
    backRef.current = back;
  });
  const inEntry = entry !== null;
  useEffect(() => {
    if (!inEntry) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      backRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [inEntry]);

  return { entry, openHit, define, openRelated, back };
}
