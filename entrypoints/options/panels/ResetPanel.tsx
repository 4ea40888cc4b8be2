// "Reset": back to the default settings, optionally without the user's packs and subscriptions. The
// state before it is kept as the automatic backup.
import { useState } from 'react';
import type { PackInfo } from '../../../lib/protocol';
import type { GlobalSettings } from '../../../lib/settings';
import { send } from '../../../utils/messaging';
import { keepAutoBackup } from '../auto-backup';
import type { Runner } from '../use-runner';

export interface ResetPanelProps {
  runner: Runner;
  onReset: (state: { settings: GlobalSettings; packs: PackInfo[] }) => void;
}

export function ResetPanel({ runner, onReset }: ResetPanelProps) {
  const { busy, run, setStatus } = runner;
  const [confirmReset, setConfirmReset] = useState(false);
  const [resetPacks, setResetPacks] = useState(false);

  const reset = () =>
    run(async () => {
      await keepAutoBackup('reset');
      onReset(await send('reset', { packs: resetPacks }));
      setConfirmReset(false);
      setStatus(resetPacks ? 'Everything is back to defaults.' : 'Settings are back to defaults; your packs are kept.');
    });

  return (
    <section aria-labelledby="reset-title">
      <h2 id="reset-title">Reset</h2>
      {confirmReset ? (
        <div className="reset-confirm">
          <label className="checkbox">
            <input type="checkbox" checked={resetPacks} onChange={(e) => setResetPacks(e.target.checked)} />
            Also remove my packs and subscriptions
          </label>
          <button type="button" className="ui-button danger" disabled={busy} onClick={() => void reset()}>
            Reset now
          </button>
          <button type="button" className="ui-button" onClick={() => setConfirmReset(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="ui-button" onClick={() => setConfirmReset(true)}>
          Reset to defaults…
        </button>
      )}
    </section>
  );
}
