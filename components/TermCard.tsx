// The explanation of one word as a preview: headword, pack and category, the preferred sense's
// definition, aliases and one line of guidance, related terms; the details, notes, references and
// other senses wait behind "More (n)". The actions stay pinned at the bottom while the body scrolls.
// Used by the page's hover card and by the popup's entry. Glossary text is only ever React text.
import { useRef, useState } from 'react';
import type { IndexEntry, PatternKind } from '../lib/glossary/compile';
import type { CardExtras } from '../lib/protocol';
import { extrasCount, SenseExtras, SuggestTerm, UpdatedNote } from './CardExtras';
import { moreCount, SenseMore, SensePreview } from './CardSense';

/** What an action returns to take itself back (the card's "Undo"). */
export type Undo = () => void;

export interface TermCardProps {
  /** All senses of the word, preferred first. */
  senses: readonly IndexEntry[];
  /** Pack id → pack name, for labelling each sense. */
  packNames: Readonly<Record<string, string>>;
  /** Pack id → homepage: `see` paths become links against it, and are hidden without one. */
  packHomepages?: Readonly<Record<string, string>>;
  /** The word as it reads on the page. */
  surface?: string;
  /** 'avoid' when the page used a word the team avoids: the card says what to say instead. */
  kind?: PatternKind;
  /** Why the word is highlighted here, in one line. */
  reason?: string;
  /** "I know this": stop highlighting the term everywhere. */
  onKnow?: () => Undo | void;
  /** "Not here": stop highlighting it in `hereLabel` (this site, or this GitHub repository). */
  onNotHere?: () => Undo | void;
  hereLabel?: string;
  /** A related term was chosen: show its entry. */
  onRelated?: (term: string) => void;
  onClose?: () => void;
  /** Start with "More" open (the popup's full entry). */
  expanded?: boolean;
  /** Pack homes, suggestion links and "updated" notes. */
  extras?: CardExtras;
}

export function headwordOf(sense: Pick<IndexEntry, 'term' | 'qualifier'>): string {
  return sense.qualifier ? `${sense.term} (${sense.qualifier})` : sense.term;
}

export function TermCard(props: TermCardProps) {
  const { senses, packNames, packHomepages = {}, surface, kind = 'term', reason, onClose } = props;
  const [open, setOpen] = useState(props.expanded ?? false);
  const [done, setDone] = useState<{ message: string; undo?: Undo } | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const [primary, ...others] = senses;
  if (!primary) {
    return (
      <div className="tl-card">
        <p className="tl-empty">No entry for “{surface ?? ''}” in the enabled packs.</p>
        <SuggestTerm extras={props.extras} />
      </div>
    );
  }
  const avoided = kind === 'avoid' ? (surface ?? primary.avoid[0]) : undefined;
  const homepage = packHomepages[primary.packId];
  const more = moreCount(primary, homepage) + extrasCount(props.extras, primary) + others.length;
  const act = (action: (() => Undo | void) | undefined, message: string) => {
    if (!action) return;
    const undo = action() ?? undefined;
    setDone({ message, undo });
    // Focus stays where the user clicked: on the Undo that replaced the button.
    requestAnimationFrame(() => undoRef.current?.focus());
  };
  const name = headwordOf(primary);
  return (
    <div className="tl-card">
      <header className="tl-head">
        <div className="tl-title">
          <h2 className="tl-headword">
            {primary.term}
            {primary.qualifier && <span className="tl-qualifier"> ({primary.qualifier})</span>}
          </h2>
          <p className="tl-pack">
            {packNames[primary.packId] ?? primary.packId}
            {primary.category && <span className="tl-category"> · {primary.category}</span>}
          </p>
        </div>
        {onClose && (
          <button type="button" className="tl-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div className="tl-body">
        <UpdatedNote extras={props.extras} senseId={primary.id} />
        {reason && <p className="tl-reason">{reason}</p>}
        {avoided && (
          <p className="tl-avoid" role="note">
            The team avoids “{avoided}”: prefer <strong>{primary.term}</strong>
          </p>
        )}
        <div className="tl-sense" data-sense={primary.id}>
          <SensePreview sense={primary} avoided={avoided !== undefined} />
          {primary.related.length > 0 && (
            <p className="tl-related">
              <span className="tl-label">Related: </span>
              {primary.related.map((r, i) => (
                <span key={r}>
                  {i > 0 && ', '}
                  {props.onRelated ? (
                    <button type="button" className="tl-link" onClick={() => props.onRelated?.(r)}>
                      {r}
                    </button>
                  ) : (
                    r
                  )}
                </span>
              ))}
            </p>
          )}
          {open && <SenseMore sense={primary} homepage={homepage} />}
          {open && <SenseExtras extras={props.extras} sense={primary} />}
        </div>
        {open && others.length > 0 && (
          <section className="tl-others" aria-label="Other senses">
            <h3 className="tl-others-title">{others.length === 1 ? 'Another sense' : `${others.length} other senses`}</h3>
            {others.map((s) => (
              <div className="tl-other tl-sense" key={s.id} data-sense={s.id}>
                <h4 className="tl-other-head">{headwordOf(s)}</h4>
                <p className="tl-pack">{packNames[s.packId] ?? s.packId}</p>
                <SensePreview sense={s} avoided={false} />
                <SenseMore sense={s} homepage={packHomepages[s.packId]} />
                <SenseExtras extras={props.extras} sense={s} />
              </div>
            ))}
          </section>
        )}
      </div>
      {(more > 0 || props.onKnow || props.onNotHere) && (
        <footer className="tl-foot">
          {done ? (
            <p className="tl-done" role="status">
              {done.message}
              {done.undo && (
                <button
                  ref={undoRef}
                  type="button"
                  className="tl-know"
                  onClick={() => {
                    done.undo?.();
                    setDone(null);
                  }}
                >
                  Undo
                </button>
              )}
            </p>
          ) : (
            <>
              {more > 0 && (
                <button type="button" className="tl-more" aria-expanded={open} onClick={() => setOpen(!open)}>
                  {open ? 'Less' : `More (${more})`}
                </button>
              )}
              <span className="tl-spacer" />
              {props.onNotHere && (
                <button
                  type="button"
                  className="tl-know"
                  title={`Stop highlighting ${name} on ${props.hereLabel ?? 'this site'}`}
                  onClick={() => act(props.onNotHere, `Not highlighted on ${props.hereLabel ?? 'this site'}.`)}
                >
                  Not here
                </button>
              )}
              {props.onKnow && (
                <button
                  type="button"
                  className="tl-know"
                  title={`Stop highlighting ${name} everywhere`}
                  onClick={() => act(props.onKnow, `${name} is no longer highlighted.`)}
                >
                  I know this
                </button>
              )}
            </>
          )}
        </footer>
      )}
    </div>
  );
}
