// A term's full entry in the popup: the same card the page shows, with a way back to the results.
import { useEffect, useRef } from 'react';
import type { IndexEntry } from '../lib/glossary/compile';
import { TermCard } from './TermCard';
import { useColorScheme } from './use-color-scheme';

export interface EntryViewProps {
  senses: readonly IndexEntry[];
  packNames: Readonly<Record<string, string>>;
  onBack: () => void;
  /** A related term was chosen on the card. */
  onRelated?: (term: string) => void;
}

export function EntryView({ senses, packNames, onBack, onRelated }: EntryViewProps) {
  const scheme = useColorScheme();
  const ref = useRef<HTMLElement>(null);
  // Screen readers start at the entry; Esc (handled by the popup) or the button goes back.
  useEffect(() => ref.current?.focus(), []);
  const headword = senses[0] ? (senses[0].qualifier ? `${senses[0].term} (${senses[0].qualifier})` : senses[0].term) : 'Entry';
  return (
    <section ref={ref} className="entry-view" aria-label={headword} tabIndex={-1}>
      <button type="button" className="ui-button back-button" onClick={onBack}>
        <span aria-hidden="true">←</span> Back to results
      </button>
      <div className="tl-root entry-card" data-theme={scheme}>
        <TermCard senses={senses} packNames={packNames} onRelated={onRelated} expanded />
      </div>
    </section>
  );
}
