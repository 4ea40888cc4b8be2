// "Terms you marked as known" (I know this, on every site) with Show again, and the terms silenced on
// one site or repository (Not here).
import { useRef } from 'react';
import { KnownTermsList, type KnownTerm } from '../../../components/KnownTermsList';
import { SilencedList } from '../../../components/SilencedList';
import type { PackInfo } from '../../../lib/protocol';
import { removeKnownTerms } from '../../../utils/known-terms';
import { useKnownTerms } from '../use-known-terms';
import type { Runner } from '../use-runner';

export interface KnownTermsPanelProps {
  runner: Runner;
  packs: readonly PackInfo[];
}

export function KnownTermsPanel({ runner, packs }: KnownTermsPanelProps) {
  const { busy, run, setStatus, fail } = runner;
  // Names come from the packs in use: asked again when they change.
  const knownTerms = useKnownTerms(packs.map((p) => `${p.id}@${p.version}:${p.enabled ? 1 : 0}`).join(' '), fail);
  const knownTitle = useRef<HTMLHeadingElement>(null);

  /** Highlight again; the list follows the stored value (it is watched), so a change made elsewhere shows too. */
  const showAgain = (terms: readonly KnownTerm[]) =>
    run(async () => {
      await removeKnownTerms(terms.flatMap((t) => t.keys));
      // The clicked button goes with its row: keep the keyboard in the section.
      knownTitle.current?.focus();
      setStatus(terms.length === 1 ? `“${terms[0]!.name}” is highlighted again.` : `${terms.length} terms are highlighted again.`);
    });

  return (
    <>
      <section aria-labelledby="known-title">
        <h2 id="known-title" ref={knownTitle} tabIndex={-1}>
          Terms you marked as known
        </h2>
        <p className="ui-muted">“I know this” on a term's card stops highlighting it on every site. Show it again here.</p>
        {knownTerms && (
          <KnownTermsList terms={knownTerms} busy={busy} onShow={(t) => void showAgain([t])} onShowAll={() => void showAgain(knownTerms)} />
        )}
      </section>

      <section aria-labelledby="silenced-title">
        <h2 id="silenced-title">Terms not highlighted on one site</h2>
        <p className="ui-muted">“Not here” on a term's card stops highlighting it on that site, or in that GitHub repository.</p>
        <SilencedList onError={fail} />
      </section>
    </>
  );
}
