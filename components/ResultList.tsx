// Search results: one row per headword, with a tag for each pack that defines it (a word defined by
// three packs is one result, not three), and the alias that matched when the headword did not.
// A listbox whose active option follows the arrow keys in the search box.
import { useEffect, useRef } from 'react';
import { squash, type SearchHit } from '../lib/search';

export interface ResultGroup {
  /** The first hit's id: what opening the row shows (its other senses follow in the entry). */
  id: string;
  term: string;
  qualifier?: string;
  snippet: string;
  hits: SearchHit[];
  /** The alias the query matched, when it did not match the headword. */
  alias?: string;
}

/** Hits grouped by headword (and qualifier), in the order the search ranked their best hit. */
export function groupHits(hits: readonly SearchHit[], query: string): ResultGroup[] {
  const groups = new Map<string, ResultGroup>();
  const q = squash(query);
  for (const hit of hits) {
    const id = `${hit.term.toLowerCase()}\u0000${hit.qualifier?.toLowerCase() ?? ''}`;
    let group = groups.get(id);
    if (!group)
      groups.set(
        id,
        (group = {
          id: hit.id,
          term: hit.term,
          qualifier: hit.qualifier,
          snippet: hit.snippet,
          hits: [],
        }),
      );
    group.hits.push(hit);
    if (!group.alias && q && !squash(hit.term).startsWith(q)) {
      const alias = hit.aliases.find((a) => squash(a).startsWith(q));
      if (alias) group.alias = alias;
    }
  }
  return [...groups.values()];
}

export interface ResultListProps {
  id: string;
  groups: readonly ResultGroup[];
  active: number;
  onActivate: (index: number) => void;
  onChoose: (index: number, hit?: SearchHit) => void;
}

export const optionId = (listId: string, index: number) => `${listId}-${index}`;

export function ResultList({ id, groups, active, onActivate, onChoose }: ResultListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(optionId(id, active))}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);
  return (
    <ul ref={listRef} id={id} role="listbox" aria-label="Search results" className="result-list">
      {groups.map((group, i) => (
        <li
          key={group.id}
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
              {group.term}
              {group.qualifier && <span className="result-qualifier"> ({group.qualifier})</span>}
            </span>
            {group.alias && <span className="result-alias">matched alias {group.alias}</span>}
          </span>
          <span className="result-snippet">{group.snippet}</span>
          <span className="result-packs">
            {group.hits.map((hit) => (
              <span
                key={hit.id}
                className="result-pack"
                onClick={(e) => {
                  // A tag opens that pack's sense first.
                  e.stopPropagation();
                  onChoose(i, hit);
                }}
              >
                {hit.packName}
              </span>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}
