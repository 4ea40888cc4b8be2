// "On this page": the terms the content script found in the tab, as chips with counts. Choosing one
// scrolls the page to its next occurrence; its (i) button ("Define …") opens its entry.
import type { PageTerm } from '../lib/protocol';

export interface PageTermsProps {
  terms: readonly PageTerm[] | null;
  /** Why there is no list (no content script on the page, Termlens off here…). */
  unavailable?: string;
  /** Live status after a scroll ("kubelet: 2 of 5"). */
  status?: string;
  onScroll: (term: PageTerm) => void;
  onDefine: (term: PageTerm) => void;
}

export function PageTerms({ terms, unavailable, status, onScroll, onDefine }: PageTermsProps) {
  return (
    <section className="panel" aria-labelledby="page-terms-title">
      <h2 id="page-terms-title" className="panel-title">
        On this page
      </h2>
      {unavailable ? (
        <p className="ui-muted">{unavailable}</p>
      ) : terms === null ? (
        <p className="ui-muted">Looking…</p>
      ) : terms.length === 0 ? (
        <p className="ui-muted">No glossary terms found on this page.</p>
      ) : (
        <ul className="page-terms" aria-label="Terms on this page">
          {terms.map((t) => (
            <li key={t.key} className="page-term">
              <button
                type="button"
                className="page-term-go"
                onClick={() => onScroll(t)}
                aria-label={`${t.text}, ${t.count} on the page: scroll to the next one`}
              >
                <span className="page-term-text">{t.text}</span>
                <span className="page-term-count" data-testid="page-term-count">
                  {t.count}
                </span>
              </button>
              <button
                type="button"
                className="page-term-define"
                onClick={() => onDefine(t)}
                aria-label={`Define ${t.text}`}
                title={`Define ${t.text}`}
              >
                <svg aria-hidden="true" width="13" height="13" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
                  <circle cx="8" cy="8" r="6.5" />
                  <path d="M8 7.2v4M8 4.6v.1" strokeLinecap="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="ui-sr-only" role="status" aria-live="polite">
        {status ?? ''}
      </p>
    </section>
  );
}
