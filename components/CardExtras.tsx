// The card's parts that come from outside the senses: the "updated" note a subscription refresh
// left on a term, the pack's home (source, maintainer, license) and "Suggest a fix" in "More", and
// "Suggest for <pack>" when no pack knows the selected words. Links open GitHub in a new tab; the
// reader sees the prefilled issue before sending anything.
import type { CardExtras } from '../lib/protocol';
import { PackHome } from './PackHome';

export function UpdatedNote({ extras, senseId }: { extras: CardExtras | undefined; senseId: string }) {
  const note = extras?.updates?.[senseId];
  return note ? (
    <p className="tl-updated" role="note">
      {note}
    </p>
  ) : null;
}

/** How many lines "More" gains for a sense: its pack's home, and the fix link. */
export function extrasCount(extras: CardExtras | undefined, sense: { id: string; packId: string }): number {
  return (extras?.packHome?.[sense.packId] ? 1 : 0) + (extras?.fixUrls?.[sense.id] ? 1 : 0);
}

export function SenseExtras({ extras, sense }: { extras: CardExtras | undefined; sense: { id: string; packId: string } }) {
  const home = extras?.packHome?.[sense.packId];
  const fix = extras?.fixUrls?.[sense.id];
  if (!home && !fix) return null;
  return (
    <>
      {home && <PackHome pack={home} className="tl-home" />}
      {fix && (
        <p className="tl-suggest">
          <a className="tl-link" href={fix} target="_blank" rel="noopener noreferrer">
            Suggest a fix
          </a>
        </p>
      )}
    </>
  );
}

export function SuggestTerm({ extras }: { extras: CardExtras | undefined }) {
  const packs = extras?.suggest ?? [];
  if (packs.length === 0) return null;
  return (
    <p className="tl-suggest">
      {packs.map((p, i) => (
        <span key={p.packId}>
          {i > 0 && ' · '}
          <a className="tl-link" href={p.url} target="_blank" rel="noopener noreferrer">
            Suggest for {p.packName}
          </a>
        </span>
      ))}
    </p>
  );
}
