// What an import would add (or change, when it replaces a user pack), before anything is stored.
import type { ImportPreview } from '../lib/protocol';

const SHOWN = 30;

function Names({ label, names }: { label: string; names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <div className="preview-names">
      <h4>
        {label} ({names.length})
      </h4>
      <p>
        {names.slice(0, SHOWN).join(', ')}
        {names.length > SHOWN && <span className="ui-muted"> … and {names.length - SHOWN} more</span>}
      </p>
    </div>
  );
}

export interface ImportPreviewViewProps {
  preview: ImportPreview;
  commitLabel: string;
  busy?: boolean;
  onCommit: () => void;
  onCancel: () => void;
}

export function ImportPreviewView({ preview, commitLabel, busy, onCommit, onCancel }: ImportPreviewViewProps) {
  const { pack } = preview;
  return (
    <section className="preview" aria-label="Import preview" data-testid="import-preview">
      <h3>
        {pack.name}{' '}
        <span className="ui-muted">
          ({pack.id}, version {pack.version})
        </span>
      </h3>
      <p>
        {pack.termCount} terms, read as <code>{preview.format}</code>.{' '}
        {preview.replaces ? <strong>Replaces your pack with the same id.</strong> : 'A new pack.'}
      </p>
      {preview.replaces && preview.added.length + preview.removed.length + preview.changed.length === 0 && <p>No term changes.</p>}
      <Names label={preview.replaces ? 'Added' : 'Terms'} names={preview.added} />
      <Names label="Removed" names={preview.removed} />
      <Names label="Changed" names={preview.changed} />
      {preview.warnings.length > 0 && (
        <details className="ui-note">
          <summary>
            {preview.warnings.length} warning{preview.warnings.length === 1 ? '' : 's'} to check by hand
          </summary>
          <ul className="ui-errors">
            {preview.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="preview-actions">
        <button type="button" className="ui-button primary" disabled={busy} onClick={onCommit}>
          {commitLabel}
        </button>
        <button type="button" className="ui-button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
