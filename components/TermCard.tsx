// The explanation of one word: its preferred sense in full, every other sense from other packs, and
// "avoid" guidance when the page used a word the team avoids. Used by the page's hover card and by
// the popup's full entry. Glossary text is untrusted: it is only ever rendered as React text.
import type { IndexEntry, PatternKind } from '../lib/glossary/compile';
import { InlineMarkdown, Reference } from './InlineMarkdown';

export interface TermCardProps {
  /** All senses of the word, preferred first. */
  senses: readonly IndexEntry[];
  /** Pack id → pack name, for labelling each sense. */
  packNames: Readonly<Record<string, string>>;
  /** The word as it reads on the page. */
  surface?: string;
  /** 'avoid' when the page used a word the team avoids: the card says what to say instead. */
  kind?: PatternKind;
  /** Shows "I know this" (stop highlighting the term). */
  onKnow?: () => void;
  onClose?: () => void;
}

export function headwordOf(sense: Pick<IndexEntry, 'term' | 'qualifier'>): string {
  return sense.qualifier ? `${sense.term} (${sense.qualifier})` : sense.term;
}

export function TermCard({ senses, packNames, surface, kind = 'term', onKnow, onClose }: TermCardProps) {
  const [primary, ...others] = senses;
  if (!primary) {
    return (
      <div className="tl-card">
        <p className="tl-empty">No entry for “{surface ?? ''}” in the enabled packs.</p>
      </div>
    );
  }
  const avoided = kind === 'avoid' ? (surface ?? primary.avoid[0]) : undefined;
  return (
    <div className="tl-card">
      <header className="tl-head">
        <h2 className="tl-headword">
          {primary.term}
          {primary.qualifier && <span className="tl-qualifier"> ({primary.qualifier})</span>}
        </h2>
        {onClose && (
          <button type="button" className="tl-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {avoided && (
        <p className="tl-avoid" role="note">
          The team avoids “{avoided}”: prefer <strong>{primary.term}</strong>
        </p>
      )}
      <Sense sense={primary} packNames={packNames} />
      {others.length > 0 && (
        <section className="tl-others" aria-label="Other senses">
          <h3 className="tl-others-title">{others.length === 1 ? 'Another sense' : `${others.length} other senses`}</h3>
          {others.map((s) => (
            <div className="tl-other" key={s.id}>
              <h4 className="tl-other-head">{headwordOf(s)}</h4>
              <Sense sense={s} packNames={packNames} />
            </div>
          ))}
        </section>
      )}
      {onKnow && (
        <footer className="tl-foot">
          <button type="button" className="tl-know" onClick={onKnow}>
            I know this: stop highlighting it
          </button>
        </footer>
      )}
    </div>
  );
}

function Sense({ sense, packNames }: { sense: IndexEntry; packNames: Readonly<Record<string, string>> }) {
  return (
    <div className="tl-sense" data-sense={sense.id}>
      <p className="tl-pack">{packNames[sense.packId] ?? sense.packId}</p>
      {sense.aliases.length > 0 && (
        <p className="tl-aliases">
          <span className="tl-label">Also: </span>
          {sense.aliases.join(', ')}
        </p>
      )}
      <p className="tl-definition">
        <InlineMarkdown text={sense.definition} />
      </p>
      {sense.details && (
        <p className="tl-details">
          <InlineMarkdown text={sense.details} />
        </p>
      )}
      {sense.avoid.length > 0 && (
        <p className="tl-avoid-list">
          <span className="tl-label">Avoid: </span>
          {sense.avoid.map((w) => `“${w}”`).join(', ')}
        </p>
      )}
      {sense.notes.length > 0 && (
        <ul className="tl-notes">
          {sense.notes.map((n, i) => (
            <li key={i}>
              <InlineMarkdown text={n} />
            </li>
          ))}
        </ul>
      )}
      {sense.see.length > 0 && (
        <p className="tl-see">
          <span className="tl-label">See: </span>
          {sense.see.map((s, i) => (
            <span key={i}>
              {i > 0 && ', '}
              <Reference text={s} />
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
