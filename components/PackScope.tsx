// Where a pack applies, and a way to change it: "everywhere", GitHub orgs or repos, hosts, URL patterns
// (lib/glossary/scope.ts). A pack whose home is unknown shows its terms everywhere and flags nothing.
import { useId, useState } from 'react';
import { EVERYWHERE, SCOPE_ENTRY } from '../lib/glossary/scope';
import type { PackInfo } from '../lib/protocol';

export interface PackScopeProps {
  pack: Pick<PackInfo, 'id' | 'name' | 'scope' | 'scopeByUser' | 'packScope' | 'private' | 'managed'>;
  busy?: boolean;
  /** The new scope, or null to give the pack back its own. */
  onChange: (scope: string[] | null) => void;
}

/** One line that says where the pack applies. */
export function describeScope(pack: PackScopeProps['pack']): string {
  const scope = pack.scope;
  if (!scope || scope.length === 0) {
    return pack.private
      ? 'Applies nowhere until you give it a scope (private pack)'
      : 'Home unknown: its terms show everywhere, its house rules (avoid words) nowhere';
  }
  if (scope.some((e) => e.trim() === EVERYWHERE)) return 'Applies everywhere, house rules included';
  return `Applies on ${scope.join(', ')}`;
}

/** Entries from what the user typed: one per line or comma; the first that is not a scope entry, if any. */
export function parseScopeInput(text: string): { scope: string[]; invalid?: string } {
  const scope = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const invalid = scope.find((e) => !SCOPE_ENTRY.test(e));
  return invalid ? { scope, invalid } : { scope };
}

export function PackScope({ pack, busy, onChange }: PackScopeProps) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const start = () => {
    setText((pack.scope ?? []).join('\n'));
    setError(null);
    setEditing(true);
  };
  const save = () => {
    const { scope, invalid } = parseScopeInput(text);
    if (invalid) {
      setError(
        `“${invalid}” is not a scope entry: use *, a host (grafana.example.com), github.com/org or github.com/org/repo, or a URL pattern.`,
      );
      return;
    }
    setEditing(false);
    onChange(scope);
  };
  return (
    <div className="pack-scope">
      <span className="ui-muted">
        {describeScope(pack)}
        {pack.managed?.scope ? ' (set by your organization)' : pack.scopeByUser ? ' (your choice)' : ''}
      </span>{' '}
      {!editing && !pack.managed?.scope && (
        <button type="button" className="ui-button" disabled={busy} onClick={start} aria-label={`Change where ${pack.name} applies`}>
          Change scope
        </button>
      )}
      {!editing && pack.scopeByUser && !pack.managed?.scope && (
        <button
          type="button"
          className="ui-button"
          disabled={busy}
          onClick={() => onChange(null)}
          aria-label={`Give ${pack.name} back its own scope`}
        >
          Use the pack’s own
        </button>
      )}
      {editing && (
        <div className="pack-scope-edit" role="group" aria-label={`Where ${pack.name} applies`}>
          <label htmlFor={inputId}>One entry per line: *, a host, github.com/org, github.com/org/repo, or a URL pattern</label>
          <textarea id={inputId} rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="github.com/acme" />
          {error && (
            <p className="ui-alert" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="ui-button" disabled={busy} onClick={save}>
            Save scope
          </button>
          <button type="button" className="ui-button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
