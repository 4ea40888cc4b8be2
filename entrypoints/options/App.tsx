// Options: packs (order, on/off, import, remove), subscriptions, defaults for every site, terms marked
// as known, backup and reset. All changes go through the background, which validates and stores them,
// except the terms marked as known: a local list of their own (utils/known-terms.ts).
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { browser } from 'wxt/browser';
import { CardOpenSetting } from '../../components/CardOpenSetting';
import { ErrorList } from '../../components/ErrorList';
import { ImportPreviewView } from '../../components/ImportPreviewView';
import { KnownTermsList, type KnownTerm } from '../../components/KnownTermsList';
import { PackList } from '../../components/PackList';
import { SilencedList } from '../../components/SilencedList';
import { FORMAT_NAMES } from '../../lib/glossary/importers/types';
import type { ImportOptions, ImportPreview, ImportSource, PackInfo } from '../../lib/protocol';
import type { GlobalSettings } from '../../lib/settings';
import { parseBackup } from '../../lib/settings/backup';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../../lib/settings/styles';
import { send } from '../../utils/messaging';
import { removeKnownTerms } from '../../utils/known-terms';
import { autoBackupItem, describeChanges, restoreChanges, type AutoBackup } from './auto-backup';
import { useKnownTerms } from './use-known-terms';

const STYLE_LABELS: Record<HighlightStyle, string> = { background: 'Background tint', underline: 'Underline', none: 'None (hover only)' };
const REFRESH_CHOICES = [
  { hours: 6, label: 'Every 6 hours' },
  { hours: 12, label: 'Every 12 hours' },
  { hours: 24, label: 'Daily' },
  { hours: 72, label: 'Every 3 days' },
  { hours: 168, label: 'Weekly' },
];

type Pending = { kind: 'file'; source: ImportSource; options: ImportOptions; preview: ImportPreview } | { kind: 'url'; url: string; options: ImportOptions; preview: ImportPreview };

async function readSource(files: FileList): Promise<ImportSource> {
  const list = [...files];
  if (list.length === 1 && list[0]) return { kind: 'text', name: list[0].name, text: await list[0].text() };
  // Several files: the "folder of one Markdown file per term" shape.
  const withPaths = await Promise.all(list.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })));
  const folder = withPaths[0]?.path.includes('/') ? withPaths[0].path.split('/')[0] : undefined;
  return { kind: 'files', name: folder ?? `${list.length} files`, files: withPaths };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function App() {
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const [settings, setSettings] = useState<GlobalSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const [format, setFormat] = useState('auto');
  const [packId, setPackId] = useState('');
  const [packName, setPackName] = useState('');
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [fileKey, setFileKey] = useState(0);

  const [url, setUrl] = useState('');
  const [urlErrors, setUrlErrors] = useState<string[]>([]);
  const [needsAccess, setNeedsAccess] = useState<string | null>(null);

  const [backupErrors, setBackupErrors] = useState<string[]>([]);
  const [confirmReset, setConfirmReset] = useState(false);
  const [restore, setRestore] = useState<{ text: string; file: string; summary: string } | null>(null);
  const [auto, setAuto] = useState<AutoBackup | null>(null);
  useEffect(() => {
    autoBackupItem.getValue().then(setAuto, () => undefined);
    return autoBackupItem.watch(setAuto);
  }, []);
  const [resetPacks, setResetPacks] = useState(false);

  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);
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
  // Names come from the packs in use: asked again when they change.
  const knownTerms = useKnownTerms(packs.map((p) => `${p.id}@${p.version}:${p.enabled ? 1 : 0}`).join(' '), fail);
  const knownTitle = useRef<HTMLHeadingElement>(null);

  /** Run a change with the controls disabled; errors show at the top. */
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setImportErrors([]);
    setUrlErrors([]);
    setBackupErrors([]);
    try {
      await what();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const importOptions = (): ImportOptions => ({
    ...(format !== 'auto' ? { format } : {}),
    ...(packId.trim() ? { id: packId.trim() } : {}),
    ...(packName.trim() ? { name: packName.trim() } : {}),
  });

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const files = e.target.files;
    if (!files || files.length === 0) return;
    void run(async () => {
      setPending(null);
      setImportErrors([]);
      const source = await readSource(files);
      const options = importOptions();
      const result = await send('importPack', { source, options, commit: false });
      if (!result.ok) {
        setImportErrors(result.errors);
        setFileKey((k) => k + 1);
        return;
      }
      setPending({ kind: 'file', source, options, preview: result.preview });
    });
  };

  const previewUrl = (target = url) =>
    run(async () => {
      setPending(null);
      setUrlErrors([]);
      setNeedsAccess(null);
      const options = importOptions();
      const result = await send('subscribe', { url: target, options, commit: false });
      if (!result.ok) {
        setUrlErrors(result.errors);
        // A server without CORS headers needs host access for the background to read it.
        // With access already granted the failure is the server's: asking again would not help.
        if (result.errors.some((e) => e.includes('could not fetch'))) {
          try {
            const origin = `${new URL(target).origin}/*`;
            if (!(await browser.permissions.contains({ origins: [origin] }))) setNeedsAccess(origin);
          } catch {
            /* not a URL: the error says so */
          }
        }
        return;
      }
      setPending({ kind: 'url', url: target, options, preview: result.preview });
    });

  const grantAndRetry = async () => {
    if (!needsAccess) return;
    const granted = await browser.permissions.request({ origins: [needsAccess] });
    // Access to read a glossary is not a wish to see highlights there: a granted site counts as turned
    // on (its content script is registered), so this one is turned off in its site settings.
    if (granted) await send('setSiteSettings', { host: new URL(needsAccess.replace(/\*$/, '')).hostname, patch: { enabled: false } }).catch(fail);
    if (granted) await previewUrl();
    else setUrlErrors((e) => [...e, `Access to ${needsAccess} was not granted.`]);
  };

  const commit = () =>
    run(async () => {
      if (!pending) return;
      const result =
        pending.kind === 'file'
          ? await send('importPack', { source: pending.source, options: pending.options, commit: true })
          : await send('subscribe', { url: pending.url, options: pending.options, commit: true, previewed: pending.preview });
      if (!result.ok) {
        (pending.kind === 'file' ? setImportErrors : setUrlErrors)(result.errors);
        setPending(null);
        return;
      }
      setStatus(`${pending.kind === 'url' ? 'Subscribed to' : 'Imported'} “${result.preview.pack.name}”: ${result.preview.pack.termCount} terms.`);
      setPending(null);
      setFileKey((k) => k + 1);
      if (pending.kind === 'url') setUrl('');
      await reload();
    });

  const refresh = (id: string) =>
    run(async () => {
      const r = await send('refreshSubscription', { packId: id });
      setStatus(r.ok ? (r.changed ? `Updated “${id}”.` : `“${id}” is up to date.`) : `Refreshing “${id}” failed; the previous version stays.`);
      await reload();
    });

  const remove = (id: string) =>
    run(async () => {
      const name = packs.find((p) => p.id === id)?.name ?? id;
      setPacks((await send('removePack', { id })).packs);
      setStatus(`Removed “${name}”.`);
    });

  const exportAll = () =>
    run(async () => {
      const { backup } = await send('exportAll', {});
      download(`termlens-backup-${backup.exportedAt.slice(0, 10)}.json`, `${JSON.stringify(backup, null, 2)}\n`);
      setStatus('Exported settings and packs.');
    });

  /** Keep the state before a restore or reset, so it can be taken back. */
  const keepAutoBackup = async (before: string) => {
    const { backup } = await send('exportAll', {});
    await autoBackupItem.setValue({ before, takenAt: Date.now(), backup });
  };

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
        setStatus(`Restored ${r.file}. The state before it is kept as an automatic backup.`);
        await reload();
      }
    });

  const reset = () =>
    run(async () => {
      await keepAutoBackup('reset');
      const r = await send('reset', { packs: resetPacks });
      setSettings(r.settings);
      setPacks(r.packs);
      setConfirmReset(false);
      setStatus(resetPacks ? 'Everything is back to defaults.' : 'Settings are back to defaults; your packs are kept.');
    });

  /** Highlight again; the list follows the stored value (it is watched), so a change made elsewhere shows too. */
  const showAgain = (terms: readonly KnownTerm[]) =>
    run(async () => {
      await removeKnownTerms(terms.flatMap((t) => t.keys));
      // The clicked button goes with its row: keep the keyboard in the section.
      knownTitle.current?.focus();
      setStatus(terms.length === 1 ? `“${terms[0]!.name}” is highlighted again.` : `${terms.length} terms are highlighted again.`);
    });

  const setGlobal = (patch: Partial<Pick<GlobalSettings, 'style' | 'firstOnly' | 'refreshHours'>>) =>
    run(async () => {
      setSettings((await send('setSettings', { patch })).settings);
    });

  return (
    <main className="options">
      <h1>Termlens options</h1>
      <p className="ui-ok visible-status" role="status" aria-live="polite">
        {status}
      </p>
      {error && (
        <p className="ui-alert" role="alert">
          {error}
        </p>
      )}

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

      <section aria-labelledby="import-title">
        <h2 id="import-title">Add a glossary</h2>
        <p className="ui-muted">A pack (YAML or JSON) or a Markdown glossary: bold headword lines, tables, one heading per term, a CONTEXT.md, or a folder of one file per term.</p>
        <div className="form-grid">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" className="ui-input" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="auto">Detect automatically</option>
            {FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <label htmlFor="import-id">Pack id (optional)</label>
          <input id="import-id" className="ui-input" value={packId} onChange={(e) => setPackId(e.target.value)} placeholder="from the title" />
          <label htmlFor="import-name">Pack name (optional)</label>
          <input id="import-name" className="ui-input" value={packName} onChange={(e) => setPackName(e.target.value)} placeholder="from the title" />
        </div>
        <div className="source-row">
          <label htmlFor="import-file" className="source-label">
            Import a file
          </label>
          <input key={fileKey} id="import-file" type="file" accept=".md,.markdown,.txt,.yaml,.yml,.json" multiple disabled={busy} onChange={onFile} />
        </div>
        <ErrorList title="This file cannot be imported; nothing was changed." errors={importErrors} />
        <form
          className="source-row"
          onSubmit={(e) => {
            e.preventDefault();
            void previewUrl();
          }}
        >
          <label htmlFor="subscribe-url" className="source-label">
            Subscribe to a URL
          </label>
          <input id="subscribe-url" className="ui-input" type="url" required placeholder="https://raw.githubusercontent.com/team/docs/main/GLOSSARY.md" value={url} onChange={(e) => setUrl(e.target.value)} />
          <button type="submit" className="ui-button" disabled={busy || !url.trim()}>
            Preview
          </button>
        </form>
        <ErrorList title="This URL cannot be subscribed to; nothing was changed." errors={urlErrors} />
        {needsAccess && (
          <p>
            <button type="button" className="ui-button" onClick={() => void grantAndRetry()}>
              Allow Termlens to read {needsAccess.replace(/\/\*$/, '')}
            </button>
          </p>
        )}
        {pending && (
          <ImportPreviewView
            preview={pending.preview}
            busy={busy}
            commitLabel={pending.kind === 'url' ? `Subscribe (${pending.preview.pack.termCount} terms)` : `Import ${pending.preview.pack.termCount} terms`}
            onCommit={() => void commit()}
            onCancel={() => {
              setPending(null);
              setFileKey((k) => k + 1);
            }}
          />
        )}
        {settings && (
          <p className="inline-field">
            <label htmlFor="refresh-hours">Refresh subscriptions</label>{' '}
            <select id="refresh-hours" className="ui-input narrow" value={settings.refreshHours} disabled={busy} onChange={(e) => void setGlobal({ refreshHours: Number(e.target.value) })}>
              {REFRESH_CHOICES.some((c) => c.hours === settings.refreshHours) ? null : <option value={settings.refreshHours}>Every {settings.refreshHours} hours</option>}
              {REFRESH_CHOICES.map((c) => (
                <option key={c.hours} value={c.hours}>
                  {c.label}
                </option>
              ))}
            </select>
          </p>
        )}
      </section>

      {settings && (
        <section aria-labelledby="defaults-title">
          <h2 id="defaults-title">Every site</h2>
          <p className="ui-muted">Defaults; the popup changes them for one site.</p>
          <fieldset className="plain-fieldset">
            <legend>Highlight style</legend>
            {HIGHLIGHT_STYLES.map((style) => (
              <label key={style} className="radio">
                <input type="radio" name="default-style" checked={settings.style === style} disabled={busy} onChange={() => void setGlobal({ style })} />
                {STYLE_LABELS[style]}
              </label>
            ))}
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={settings.firstOnly} disabled={busy} onChange={(e) => void setGlobal({ firstOnly: e.target.checked })} />
            Highlight the first occurrence of each term only
          </label>
          <CardOpenSetting onError={fail} />
        </section>
      )}

      <section aria-labelledby="known-title">
        <h2 id="known-title" ref={knownTitle} tabIndex={-1}>Terms you marked as known</h2>
        <p className="ui-muted">“I know this” on a term's card stops highlighting it on every site. Show it again here.</p>
        {knownTerms && <KnownTermsList terms={knownTerms} busy={busy} onShow={(t) => void showAgain([t])} onShowAll={() => void showAgain(knownTerms)} />}
      </section>

      <section aria-labelledby="silenced-title">
        <h2 id="silenced-title">Terms not highlighted on one site</h2>
        <p className="ui-muted">“Not here” on a term's card stops highlighting it on that site, or in that GitHub repository.</p>
        <SilencedList onError={fail} />
      </section>

      <section aria-labelledby="backup-title">
        <h2 id="backup-title">Backup</h2>
        <p className="ui-muted">One JSON file with your settings, site choices, packs, subscriptions and the terms marked as known.</p>
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
            <button type="button" className="ui-button" disabled={busy} onClick={() => void confirmRestore({ text: JSON.stringify(auto.backup), file: 'the automatic backup' }, 'restore of the automatic backup')}>
              Restore it
            </button>
          </p>
        )}
        <ErrorList title="This backup cannot be restored; nothing was changed." errors={backupErrors} />
      </section>

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
    </main>
  );
}
