// Search results: a listbox whose active option follows the arrow keys in the search box.
import { useEffect, useRef } from 'react';
import type { SearchHit } from '../lib/search';

export interface ResultListProps {
  id: string;
  hits: readonly SearchHit[];
  active: number;
  onActivate: (index: number) => void;
  onChoose: (index: number) => void;
}

export const optionId = (listId: string, index: number) => `${listId}-${index}`;

export function ResultList({ id, hits, active, onActivate, onChoose }: ResultListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(optionId(id, active))}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);
  return (
    <ul ref={listRef} id={id} role="listbox" aria-label="Search results" className="result-list">
      {hits.map((hit, i) => (
        <li
          key={hit.id}
          id={optionId(id, i)}
          role="option"
          aria-selected={i === active}
          className="result"
          // Keep focus in the search box: a click chooses, it does not move focus.
          onMouseDown={(e) => e.preventDefault()}
          onMouseMove={() => i !== active && onActivate(i)}
          onClick={() => onChoose(i)}
        >
          <span className="result-head">
            <span className="result-term">
              {hit.term}
              {hit.qualifier && <span className="result-qualifier"> ({hit.qualifier})</span>}
            </span>
            <span className="result-pack">{hit.packName}</span>
          </span>
          <span className="result-snippet">{hit.snippet}</span>
        </li>
      ))}
    </ul>
  );
}
