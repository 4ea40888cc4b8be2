// The options page's "Not highlighted here": what the card's "Not here" silenced, one row per term and
// place (a site or a GitHub repository), each with a way back.
import { useEffect, useState } from 'react';
import type { Silenced } from '../lib/card/silence';
import { removeSilenced, silencedTermsItem } from '../utils/known-terms';

/** The stored entries, live. */
export function useSilenced(): Silenced[] {
  const [entries, setEntries] = useState<Silenced[]>([]);
  useEffect(() => {
    silencedTermsItem.getValue().then(setEntries, () => undefined);
    return silencedTermsItem.watch((v) => setEntries(v ?? []));
  }, []);
  return entries;
}

export function SilencedList({ onError }: { onError: (e: unknown) => void }) {
  const entries = useSilenced();
  if (entries.length === 0) return <p className="ui-muted known-empty">No term is silenced on a single site.</p>;
  return (
    <ul className="known-list" aria-label="Terms not highlighted on one site">
      {entries.map((e) => {
        const word = e.key.slice(e.key.indexOf(':') + 1);
        return (
          <li key={`${e.scope} ${e.key}`} className="known-term">
            <span className="known-name">{word}</span>
            <span className="known-note ui-muted">on {e.scope}</span>
            <button
              type="button"
              className="ui-button known-show"
              aria-label={`Show again on ${e.scope}: ${word}`}
              onClick={() => removeSilenced([e.key], e.scope).catch(onError)}
            >
              Show again
            </button>
          </li>
        );
      })}
    </ul>
  );
}
