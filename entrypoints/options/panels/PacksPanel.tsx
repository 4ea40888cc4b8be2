// "Packs": their order (the first pack's sense shows first), on or off, where each applies (its scope),
// refresh a subscription, remove a user pack.
import type { Dispatch, SetStateAction } from 'react';
import { PackList } from '../../../components/PackList';
import type { PackInfo } from '../../../lib/protocol';
import { send } from '../../../utils/messaging';
import type { Runner } from '../use-runner';

export interface PacksPanelProps {
  runner: Runner;
  packs: PackInfo[];
  setPacks: Dispatch<SetStateAction<PackInfo[]>>;
  reload: () => Promise<void>;
}

export function PacksPanel({ runner, packs, setPacks, reload }: PacksPanelProps) {
  const { busy, run, setStatus } = runner;

  const refresh = (id: string) =>
    run(async () => {
      const r = await send('refreshSubscription', { packId: id });
      setStatus(
        r.ok ? (r.changed ? `Updated “${id}”.` : `“${id}” is up to date.`) : `Refreshing “${id}” failed; the previous version stays.`,
      );
      await reload();
    });

  const remove = (id: string) =>
    run(async () => {
      const name = packs.find((p) => p.id === id)?.name ?? id;
      setPacks((await send('removePack', { id })).packs);
      setStatus(`Removed “${name}”.`);
    });

  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">Packs</h2>
      <p className="ui-muted">The first pack's sense of a word shows first. Turned-off packs are neither highlighted nor searched.</p>
      <PackList
        packs={packs}
        busy={busy}
        onEnable={(id, enabled) => void run(async () => setPacks((await send('setPackEnabled', { id, enabled })).packs))}
        onMove={(id, delta) => void run(async () => setPacks((await send('movePack', { id, delta })).packs))}
        onRemove={(id) => void remove(id)}
        onRefresh={(id) => void refresh(id)}
        onScope={(id, scope) => void run(async () => setPacks((await send('setPackScope', { id, scope })).packs))}
      />
    </section>
  );
}
