// The options page's "Terms you marked as known": what the hover card's "I know this" stopped
// highlighting, one row per term, each with a way back.

export interface KnownTerm {
  /** Stable row id: the entry the keys name, or the key itself. */
  id: string;
  /** The headword, the avoided word, or the stored key as is (`raw`) when no enabled pack defines it. */
  name: string;
  raw: boolean;
  /** Short detail under the name: the other words the row covers, or what to say instead. */
  note?: string;
  /** The stored keys the row stands for (a headword and its aliases are dismissed together). */
  keys: string[];
}

export interface KnownTermsListProps {
  terms: readonly KnownTerm[];
  busy?: boolean;
  onShow: (term: KnownTerm) => void;
  onShowAll: () => void;
}

export function KnownTermsList({ terms, busy, onShow, onShowAll }: KnownTermsListProps) {
  if (terms.length === 0) {
    return <p className="ui-muted known-empty">No terms are marked as known: every term is highlighted.</p>;
  }
  return (
    <>
      <ul className="known-list" aria-label="Terms marked as known">
        {terms.map((t) => (
          <li key={t.id} className="known-term">
            <span className="known-name">{t.raw ? <code>{t.name}</code> : t.name}</span>
            {t.note && <span className="known-note ui-muted">{t.note}</span>}
            <button
              type="button"
              className="ui-button known-show"
              disabled={busy}
              aria-label={`Show again: ${t.name}`}
              onClick={() => onShow(t)}
            >
              Show again
            </button>
          </li>
        ))}
      </ul>
      {terms.length > 1 && (
        <p className="known-all">
          <button type="button" className="ui-button" disabled={busy} onClick={onShowAll}>
            Show all again
          </button>
        </p>
      )}
    </>
  );
}
