// "Backup": export everything to one JSON file; restore one, confirmed with what it changes; restore
// the automatic backup taken before the last restore or reset.
import { useEffect, useState, type ChangeEvent } from 'react';
import { ErrorList } from '../../../components/ErrorList';
import { StorageUse } from '../../../components/StorageUse';
import type { PackInfo } from '../../../lib/protocol';
import { parseBackup } from '../../../lib/settings/backup';
import { forgottenMessage } from '../../../lib/settings/resolve';
import { send } from '../../../utils/messaging';
import { autoBackupItem, describeChanges, keepAutoBackup, restoreChanges, type AutoBackup } from '../auto-backup';
import { useActionErrors, type Runner } from '../use-runner';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface BackupPanelProps {
  runner: Runner;
  packs: readonly PackInfo[];
  reload: () => Promise<void>;
}

export function BackupPanel({ runner, packs, reload }: BackupPanelProps) {
  const { busy, run, setStatus } = runner;
  const [backupErrors, setBackupErrors] = useActionErrors(runner);
  const [restore, setRestore] = useState<{ text: string; file: string; summary: string } | null>(null);
  const [auto, setAuto] = useState<AutoBackup | null>(null);
  useEffect(() => {
    autoBackupItem.getValue().then(setAuto, () => undefined);
    return autoBackupItem.watch(setAuto);
  }, []);

  const exportAll = () =>
    run(async () => {
      const { backup } = await send('exportAll', {});
      download(`termlens-backup-${backup.exportedAt.slice(0, 10)}.json`, `${JSON.stringify(backup, null, 2)}\n`);
      setStatus('Exported settings and packs.');
    });

  // A restore replaces everything: the file is read first and the change confirmed.
  const importBackup = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    void run(async () => {
      const text = await file.text();
      e.target.value = '';
      // An invalid file is reported at once (the background's restore checks it again, all or nothing).
      const checked = parseBackup(text, file.name);
      const changes = checked.ok ? restoreChanges(text, packs) : null;
      if (!changes) {
        const result = await send('importAll', { text, file: file.name });
        if (!result.ok) setBackupErrors(result.errors);
        return;
      }
      setRestore({ text, file: file.name, summary: describeChanges(changes) });
    });
  };

  const confirmRestore = (r: { text: string; file: string }, before = `restore of ${r.file}`) =>
    run(async () => {
      await keepAutoBackup(before);
      const result = await send('importAll', { text: r.text, file: r.file });
      setRestore(null);
      if (!result.ok) setBackupErrors(result.errors);
      else {
        // The backup's sites that did not fit the synced item are named: the restore did not bring them back.
        const dropped = forgottenMessage(result.forgotten ?? []);
        setStatus(`Restored ${r.file}. The state before it is kept as an automatic backup.${dropped ? ` ${dropped}` : ''}`);
        await reload();
      }
    });

  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p className="ui-muted">One JSON file with your settings, site choices, packs, subscriptions and the terms marked as known.</p>
      <StorageUse version={packs} />
      <div className="source-row">
        <button type="button" className="ui-button" disabled={busy} onClick={() => void exportAll()}>
          Export…
        </button>
        <label htmlFor="backup-file" className="source-label">
          Restore a backup
        </label>
        <input id="backup-file" type="file" accept=".json,application/json" disabled={busy} onChange={importBackup} />
      </div>
      {restore && (
        <div className="ui-note" role="alertdialog" aria-label={`Restore ${restore.file}?`}>
          <p>{restore.summary}</p>
          <button type="button" className="ui-button danger" disabled={busy} onClick={() => void confirmRestore(restore)}>
            Restore {restore.file}
          </button>{' '}
          <button type="button" className="ui-button" onClick={() => setRestore(null)}>
            Cancel
          </button>
        </div>
      )}
      {auto && (
        <p className="inline-field">
          <span className="ui-muted">
            Automatic backup from before the {auto.before} ({new Date(auto.takenAt).toLocaleString()}).
          </span>{' '}
          <button
            type="button"
            className="ui-button"
            disabled={busy}
            onClick={() =>
              void confirmRestore({ text: JSON.stringify(auto.backup), file: 'the automatic backup' }, 'restore of the automatic backup')
            }
          >
            Restore it
          </button>
        </p>
      )}
      <ErrorList title="This backup cannot be restored; nothing was changed." errors={backupErrors} />
    </section>
  );
}
