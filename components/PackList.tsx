// The options page's list of packs, in preference order: enable/disable, move up/down, remove a user
// pack, refresh a subscription (with what changed last time, or why the last refresh failed).
import { useState } from 'react';
import type { PackInfo } from '../lib/protocol';
import { PackHome } from './PackHome';
import { PackScope } from './PackScope';

export interface PackListProps {
  packs: readonly PackInfo[];
  busy?: boolean;
  onEnable: (id: string, enabled: boolean) => void;
  onMove: (id: string, delta: -1 | 1) => void;
  onRemove: (id: string) => void;
  onRefresh: (id: string) => void;
  /** Where the pack applies: a new scope, or null for the pack's own. */
  onScope?: (id: string, scope: string[] | null) => void;
}

const when = (t: number | undefined) => (t === undefined ? 'never' : new Date(t).toLocaleString());

export function PackList({ packs, busy, onEnable, onMove, onRemove, onRefresh, onScope }: PackListProps) {
  // Removing a pack loses its terms (an imported file may be the only copy): one more click to confirm.
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ol className="pack-list" aria-label="Packs, preferred first">
      {packs.map((p, i) => (
        <li key={p.id} className="pack" data-pack={p.id}>
          <div className="pack-main">
            <label className="pack-enable">
              <input
                type="checkbox"
                checked={p.enabled}
                disabled={busy || p.managed?.enabled === true}
                onChange={(e) => onEnable(p.id, e.target.checked)}
              />
              <span className="pack-name">{p.name}</span>
            </label>
            {p.managed && (
              <span className="pack-managed" title="Your organization sets this pack through the browser's policies">
                set by your organization
              </span>
            )}
            <span className="pack-meta ui-muted">
              {p.termCount} terms · version {p.version} ·{' '}
              {p.bundled
                ? 'bundled'
                : p.subscription
                  ? 'subscribed'
                  : `imported from ${p.origin?.kind === 'file' ? p.origin.name : 'a file'}`}
            </span>
            <span className="pack-actions">
              {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page. */}
              <button
                type="button"
                className="ui-button icon"
                aria-label={`Move ${p.name} up`}
                aria-disabled={busy || i === 0}
                onClick={() => !busy && i > 0 && onMove(p.id, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="ui-button icon"
                aria-label={`Move ${p.name} down`}
                aria-disabled={busy || i === packs.length - 1}
                onClick={() => !busy && i < packs.length - 1 && onMove(p.id, 1)}
              >
                ↓
              </button>
              {p.subscription && (
                <button
                  type="button"
                  className="ui-button"
                  disabled={busy}
                  onClick={() => onRefresh(p.id)}
                  aria-label={`Refresh ${p.name} now`}
                >
                  Refresh
                </button>
              )}
              {!p.bundled && !p.managed?.subscription && confirming !== p.id && (
                <button
                  type="button"
                  className="ui-button danger"
                  disabled={busy}
                  onClick={() => setConfirming(p.id)}
                  aria-label={`Remove ${p.name}`}
                >
                  Remove
                </button>
              )}
              {!p.bundled && confirming === p.id && (
                <span className="pack-confirm" role="group" aria-label={`Remove ${p.name}?`}>
                  <span>Remove its {p.termCount} terms?</span>
                  <button
                    type="button"
                    className="ui-button danger"
                    disabled={busy}
                    onClick={() => {
                      setConfirming(null);
                      onRemove(p.id);
                    }}
                  >
                    Remove
                  </button>
                  <button type="button" className="ui-button" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              )}
            </span>
          </div>
          <p className="pack-description ui-muted">{p.description}</p>
          {/* A subscription's address shows below, with its refresh state. */}
          <PackHome pack={p.subscription && p.source === p.subscription.url ? { ...p, source: undefined } : p} />
          {onScope && <PackScope pack={p} busy={busy} onChange={(scope) => onScope(p.id, scope)} />}
          {p.subscription && (
            <div className="pack-subscription">
              <p>
                <a href={p.subscription.url} target="_blank" rel="noopener noreferrer">
                  {p.subscription.url}
                </a>
              </p>
              <p className="ui-muted">
                Checked {when(p.subscription.checkedAt)} · updated {when(p.subscription.updatedAt)}
              </p>
              {p.subscription.error && (
                <div className="ui-alert" role="alert">
                  <strong>The last refresh failed; the previous version is still in use.</strong>
                  <pre className="pack-error">{p.subscription.error}</pre>
                </div>
              )}
              {p.subscription.lastDiff && (
                <details className="pack-diff">
                  <summary>Changes in the last update</summary>
                  <pre>{p.subscription.lastDiff}</pre>
                </details>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
