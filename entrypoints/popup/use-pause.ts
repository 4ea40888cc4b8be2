// The global pause as the popup shows and changes it. Open pages follow the stored setting themselves.
import { useCallback, useEffect, useState } from 'react';
import { send } from '../../utils/messaging';

export function usePause(fail: (e: unknown) => void) {
  /** undefined while loading. */
  const [paused, setPaused] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    send('settings', {}).then((r) => setPaused(r.settings.paused === true), fail);
  }, [fail]);
  /** Resolves to the stored pause once changed, undefined when the change failed. */
  const toggle = useCallback(
    async (next: boolean): Promise<boolean | undefined> => {
      setBusy(true);
      try {
        const { settings } = await send('setSettings', { patch: { paused: next } });
        setPaused(settings.paused === true);
        return settings.paused === true;
      } catch (e) {
        fail(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );
  return { paused, busy, toggle };
}
