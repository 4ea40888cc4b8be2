// What most of the options page shows: the packs (in preference order) and the global settings, as
// the background stores them.
import { useCallback, useEffect, useState } from 'react';
import type { PackInfo } from '../../lib/protocol';
import type { GlobalSettings } from '../../lib/settings';
import { send } from '../../utils/messaging';
import type { Runner } from './use-runner';

export type GlobalPatch = Partial<Pick<GlobalSettings, 'style' | 'firstOnly' | 'refreshHours'>>;

export function useOptionsData(runner: Pick<Runner, 'fail' | 'run'>) {
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const [settings, setSettings] = useState<GlobalSettings | null>(null);
  const { fail, run } = runner;
  const reload = useCallback(async () => {
    const r = await send('settings', {});
    setPacks(r.packs);
    setSettings(r.settings);
  }, []);
  useEffect(() => {
    send('settings', {}).then((r) => {
      setPacks(r.packs);
      setSettings(r.settings);
    }, fail);
  }, [fail]);
  const setGlobal = (patch: GlobalPatch) =>
    run(async () => {
      setSettings((await send('setSettings', { patch })).settings);
    });
  return { packs, setPacks, settings, setSettings, reload, setGlobal };
}
