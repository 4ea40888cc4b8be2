// One sense's parts for the card: the preview lines (definition, aliases, one line of guidance) and
// the parts behind "More" (details, notes, references). Glossary text is untrusted: React text only.
import type { IndexEntry } from '../lib/glossary/compile';
import { safeHttpUrl } from '../lib/card/inline-markdown';
import { InlineMarkdown } from './InlineMarkdown';

/** A note that repeats the avoid guidance ("Avoid: …") says nothing the guidance line does not. */
export function extraNotes(sense: IndexEntry): string[] {
  return sense.notes.filter((n) => !(sense.avoid.length > 0 && /^\s*(?:\*\*)?avoid\b/i.test(n)));
}

/** A `see` entry as a link: a URL as is, a repository path against the pack's homepage; null hides a path without one. */
export function seeTarget(text: string, homepage: string | undefined): { href?: string; text: string } | null {
  const url = safeHttpUrl(text);
  if (url) return { href: url, text };
  const isPath = /^[\w.-]+(?:\/[\w.-]+)+$|^[\w-]+\.(?:md|mdx|txt|ya?ml)$/.test(text.trim());
  if (!isPath) return { text };
  if (!homepage) return null;
  try {
    return { href: new URL(text.trim(), homepage.endsWith('/') ? homepage : `${homepage}/`).href, text };
  } catch {
    return null;
  }
}

/** How many parts "More" holds for a sense. */
export function moreCount(sense: IndexEntry, homepage: string | undefined): number {
  const refs = sense.see.filter((s) => seeTarget(s, homepage) !== null).length;
  return (sense.details ? 1 : 0) + extraNotes(sense).length + refs;
}

export function SensePreview({ sense, avoided }: { sense: IndexEntry; avoided: boolean }) {
  return (
    <>
      <p className="tl-definition">
        <InlineMarkdown text={sense.definition} />
      </p>
      {sense.aliases.length > 0 && (
        <p className="tl-aliases">
          <span className="tl-label">Also: </span>
          {sense.aliases.join(', ')}
        </p>
      )}
      {!avoided && sense.avoid.length > 0 && (
        <p className="tl-avoid-list">
          <span className="tl-label">Avoid: </span>
          {sense.avoid.map((w) => `“${w}”`).join(', ')}
        </p>
      )}
    </>
  );
}

export function SenseMore({ sense, homepage }: { sense: IndexEntry; homepage: string | undefined }) {
  const notes = extraNotes(sense);
  const refs = sense.see.map((s) => seeTarget(s, homepage)).filter((r) => r !== null);
  return (
    <>
      {sense.details && (
        <p className="tl-details">
          <InlineMarkdown text={sense.details} />
        </p>
      )}
      {notes.length > 0 && (
        <ul className="tl-notes">
          {notes.map((n, i) => (
            <li key={i}>
              <InlineMarkdown text={n} />
            </li>
          ))}
        </ul>
      )}
      {refs.length > 0 && (
        <p className="tl-see">
          <span className="tl-label">See: </span>
          {refs.map((r, i) => (
            <span key={i}>
              {i > 0 && ', '}
              {r.href ? (
                <a href={r.href} target="_blank" rel="noopener noreferrer">
                  {r.text}
                </a>
              ) : (
                <InlineMarkdown text={r.text} />
              )}
            </span>
          ))}
        </p>
      )}
    </>
  );
}
