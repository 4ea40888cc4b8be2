// The popup's search as the user types: hits grouped by headword, the active option, and the keys
// that move through the results. A late answer to an older query is dropped.
import { useRef, useState, type KeyboardEvent } from 'react';
import { groupHits } from '../../components/ResultList';
import type { SearchHit } from '../../lib/search';
import { send } from '../../utils/messaging';

export function useSearch(fail: (e: unknown) => void, openHit: (hit: SearchHit) => Promise<void>) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const searchSeq = useRef(0);

  const changeQuery = (next: string) => {
    setQuery(next);
    const seq = ++searchSeq.current;
    if (!next.trim()) {
      setHits([]);
      return;
    }
    send('search', { query: next, limit: 30 }).then(({ hits }) => {
      if (seq !== searchSeq.current) return;
      setHits(hits);
      setActive(0);
    }, fail);
  };

  const groups = groupHits(hits, query);
  const choose = async (index: number, chosen?: SearchHit) => {
    const hit = chosen ?? groups[index]?.hits[0];
    if (!hit) return;
    setActive(index);
    await openHit(hit);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && groups.length > 0) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, groups.length - 1));
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && hits.length > 0) {
      e.preventDefault();
      void choose(active);
    } else if (e.key === 'Escape' && query) {
      // First Esc clears the search; the next one is the browser's (closes the popup).
      e.preventDefault();
      changeQuery('');
    }
  };

  return { query, hits, groups, active, setActive, changeQuery, choose, onKeyDown, searching: query.trim() !== '' };
}
