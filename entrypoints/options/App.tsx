// Options: packs (order, on/off, import, remove), subscriptions, defaults for every site, the sites
// turned on, terms marked as known, backup and reset. All changes go through the background, which validates and stores them,
// except the terms marked as known: a local list of their own (utils/known-terms.ts). Each section is a
// panel (panels/) with its own state; they share the runner (use-runner.ts: busy, status, errors) and
// the packs and settings (use-options-data.ts).
import { ManagedPanel, useManaged } from '../../components/ManagedPanel';
import { BackupPanel } from './panels/BackupPanel';
import { DefaultsPanel } from './panels/DefaultsPanel';
import { ImportPanel } from './panels/ImportPanel';
import { KnownTermsPanel } from './panels/KnownTermsPanel';
import { PacksPanel } from './panels/PacksPanel';
import { ResetPanel } from './panels/ResetPanel';
import { SitesPanel } from './panels/SitesPanel';
import { useOptionsData } from './use-options-data';
import { useRunner } from './use-runner';

export function App() {
  const runner = useRunner();
  const { packs, setPacks, settings, setSettings, reload, setGlobal } = useOptionsData(runner);
  const managed = useManaged();
  const locked = managed.info?.policy.locked;
  return (
    <main className="options">
      <h1>Termlens options</h1>
      <p className="ui-ok visible-status" role="status" aria-live="polite">
        {runner.status}
      </p>
      {runner.error && (
        <p className="ui-alert" role="alert">
          {runner.error}
        </p>
      )}
      {managed.info && <ManagedPanel info={managed.info} onAllow={(origin) => void managed.allow(origin)} />}
      <PacksPanel runner={runner} packs={packs} setPacks={setPacks} reload={reload} />
      <ImportPanel runner={runner} settings={settings} reload={reload} setGlobal={setGlobal} locked={locked} />
      {settings && <DefaultsPanel settings={settings} busy={runner.busy} setGlobal={setGlobal} onError={runner.fail} locked={locked} />}
      <SitesPanel runner={runner} />
      <KnownTermsPanel runner={runner} packs={packs} />
      <BackupPanel runner={runner} packs={packs} reload={reload} />
      <ResetPanel
        runner={runner}
        onReset={(r) => {
          setSettings(r.settings);
          setPacks(r.packs);
        }}
      />
    </main>
  );
}
