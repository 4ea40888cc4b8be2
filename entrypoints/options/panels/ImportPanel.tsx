// "Add a glossary": import options, a file (or folder) to import, a URL to subscribe to, the preview of
// either, and how often subscriptions refresh.
import { useEffect, useRef } from 'react';
import { ErrorList } from '../../../components/ErrorList';
import { MAX_GLOSSARY_BYTES } from '../../../lib/glossary/limits';
import { ImportPreviewView } from '../../../components/ImportPreviewView';
import { FORMAT_NAMES } from '../../../lib/glossary/importers/types';
import type { GlobalSettings } from '../../../lib/settings';
import type { LockedSettings } from '../../../lib/settings/managed';
import type { GlobalPatch } from '../use-options-data';
import { useImport } from '../use-import';
import type { Runner } from '../use-runner';

const REFRESH_CHOICES = [
  { hours: 6, label: 'Every 6 hours' },
  { hours: 12, label: 'Every 12 hours' },
  { hours: 24, label: 'Daily' },
  { hours: 72, label: 'Every 3 days' },
  { hours: 168, label: 'Weekly' },
];

export interface ImportPanelProps {
  runner: Runner;
  settings: GlobalSettings | null;
  reload: () => Promise<void>;
  setGlobal: (patch: GlobalPatch) => Promise<void>;
  /** Settings the organization's policy locks. */
  locked?: LockedSettings;
}

export function ImportPanel({ runner, settings, reload, setGlobal, locked }: ImportPanelProps) {
  const { busy } = runner;
  const { fields, file, subscription, pending } = useImport(runner, reload);
  const p = pending.pending;
  // options.html#import (the welcome page's "Add your team's glossary"): the section renders after the
  // page has loaded, so the browser's own jump to the anchor finds nothing; go there and focus the heading.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (location.hash !== '#import') return;
    title.current?.scrollIntoView({ block: 'start' });
    title.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section id="import" aria-labelledby="import-title">
      <h2 id="import-title" ref={title} tabIndex={-1}>
        Add a glossary
      </h2>
      <p className="ui-muted">
        A pack (YAML or JSON) or a Markdown glossary: bold headword lines, tables, one heading per term, a CONTEXT.md, or a folder of one
        file per term.
      </p>
      <div className="form-grid">
        <label htmlFor="import-format">Format</label>
        <select id="import-format" className="ui-input" value={fields.format} onChange={(e) => fields.setFormat(e.target.value)}>
          <option value="auto">Detect automatically</option>
          {FORMAT_NAMES.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <label htmlFor="import-id">Pack id (optional)</label>
        <input
          id="import-id"
          className="ui-input"
          value={fields.packId}
          onChange={(e) => fields.setPackId(e.target.value)}
          placeholder="from the title"
        />
        <label htmlFor="import-name">Pack name (optional)</label>
        <input
          id="import-name"
          className="ui-input"
          value={fields.packName}
          onChange={(e) => fields.setPackName(e.target.value)}
          placeholder="from the title"
        />
      </div>
      <div className="source-row">
        <label htmlFor="import-file" className="source-label">
          Import a file
        </label>
        <input
          key={file.fileKey}
          id="import-file"
          type="file"
          accept=".md,.markdown,.mdx,.txt,.yaml,.yml,.json,.csv,.tsv,.tbx,.tbx.xml,.xml,.html,.htm,.rst,.adoc,.asciidoc"
          multiple
          disabled={busy}
          onChange={file.onFile}
        />
      </div>
      <ErrorList title="This file cannot be imported; nothing was changed." errors={file.importErrors} />
      <form
        className="source-row"
        onSubmit={(e) => {
          e.preventDefault();
          void subscription.previewUrl();
        }}
      >
        <label htmlFor="subscribe-url" className="source-label">
          Subscribe to a URL
        </label>
        <input
          id="subscribe-url"
          className="ui-input"
          type="url"
          required
          placeholder="https://github.com/acme/platform/blob/main/GLOSSARY.md"
          aria-describedby="subscribe-hint"
          value={subscription.url}
          onChange={(e) => subscription.setUrl(e.target.value)}
        />
        <button type="submit" className="ui-button" disabled={busy || !subscription.url.trim()}>
          Preview
        </button>
      </form>
      <p id="subscribe-hint" className="subscribe-hint">
        A file in a private GitHub repository works too: paste its github.com address. Termlens reads it with your github.com session in
        this browser, and never asks for a token. A glossary, by file or by URL, may be up to {MAX_GLOSSARY_BYTES / 1_000_000} MB.
      </p>
      <ErrorList title="This URL cannot be subscribed to; nothing was changed." errors={subscription.urlErrors} />
      {subscription.needsAccess && (
        <p>
          <button type="button" className="ui-button" onClick={() => void subscription.grantAndRetry()}>
            Allow Termlens to read {subscription.needsAccess.replace(/\/\*$/, '')}
          </button>
        </p>
      )}
      {p && (
        <ImportPreviewView
          preview={p.preview}
          busy={busy}
          commitLabel={p.kind === 'url' ? `Subscribe (${p.preview.pack.termCount} terms)` : `Import ${p.preview.pack.termCount} terms`}
          onCommit={() => void pending.commit()}
          onCancel={pending.cancel}
        />
      )}
      {settings && (
        <p className="inline-field">
          <label htmlFor="refresh-hours">Refresh subscriptions</label>{' '}
          <select
            id="refresh-hours"
            className="ui-input narrow"
            value={settings.refreshHours}
            disabled={busy || locked?.refreshHours !== undefined}
            onChange={(e) => void setGlobal({ refreshHours: Number(e.target.value) })}
          >
            {REFRESH_CHOICES.some((c) => c.hours === settings.refreshHours) ? null : (
              <option value={settings.refreshHours}>Every {settings.refreshHours} hours</option>
            )}
            {REFRESH_CHOICES.map((c) => (
              <option key={c.hours} value={c.hours}>
                {c.label}
              </option>
            ))}
          </select>
        </p>
      )}
    </section>
  );
}
