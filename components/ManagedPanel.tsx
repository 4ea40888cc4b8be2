// What the organization's policy sets, for the options page (everything) and the popup (only what
// waits for the user: a site the organization turned on that the browser has not granted yet). Host
// permissions can only be asked for on a click, so the background cannot grant them itself: each such
// site gets an "Allow" button here.
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ManagedInfo } from '../lib/protocol';
import { send } from '../utils/messaging';

const LOCKED_LABELS: Record<string, (v: unknown) => string> = {
  style: (v) => `Highlight style: ${String(v)}`,
  firstOnly: (v) => (v ? 'Highlight only the first occurrence of each term' : 'Highlight every occurrence of each term'),
  refreshHours: (v) => `Subscriptions refresh every ${String(v)} h`,
};

/** The policy as the background has it, and a way to ask for a managed site's permission. */
export function useManaged(): { info: ManagedInfo | null; error: string | null; allow: (origin: string) => Promise<void> } {
  const [info, setInfo] = useState<ManagedInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () => send('managed', {}).then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e))),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const allow = useCallback(
    async (origin: string) => {
      // Called straight from the click: permissions.request needs the user's gesture.
      const granted = await browser.permissions.request({ origins: [origin] }).catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        return false;
      });
      if (granted) await load();
    },
    [load],
  );
  return { info, error, allow };
}

export interface ManagedPanelProps {
  info: ManagedInfo;
  onAllow: (origin: string) => void;
  /** Only the sites still to allow (the popup). */
  pendingOnly?: boolean;
}

function PendingSites({ info, onAllow }: Pick<ManagedPanelProps, 'info' | 'onAllow'>) {
  const pending = info.sites.filter((s) => !s.granted);
  if (pending.length === 0) return null;
  return (
    <ul className="managed-sites" aria-label="Sites your organization turned on">
      {pending.map((s) => (
        <li key={s.origin} data-managed-site={s.host}>
          Your organization turned on Termlens for <strong>{s.host}</strong>.{' '}
          <button type="button" className="ui-button primary" onClick={() => onAllow(s.origin)} aria-label={`Allow Termlens on ${s.host}`}>
            Allow
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ManagedPanel({ info, onAllow, pendingOnly }: ManagedPanelProps) {
  if (!info.active && info.errors.length === 0) return null;
  if (pendingOnly) {
    if (!info.sites.some((s) => !s.granted)) return null;
    return (
      <section className="panel managed" aria-label="Set by your organization">
        <PendingSites info={info} onAllow={onAllow} />
      </section>
    );
  }
  const { policy } = info;
  const locked = Object.entries(policy.locked).filter(([, v]) => v !== undefined);
  return (
    <section className="managed" aria-labelledby="managed-title">
      <h2 id="managed-title">Set by your organization</h2>
      <p className="ui-muted">
        Your organization manages these through the browser's policies; they cannot be changed or removed here. Your own packs and settings
        stay yours.
      </p>
      <PendingSites info={info} onAllow={onAllow} />
      {policy.subscriptions.length > 0 && (
        <>
          <h3>Subscriptions</h3>
          <ul>
            {policy.subscriptions.map((s) => (
              <li key={s.url}>
                {s.name ? `${s.name}: ` : ''}
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.url}
                </a>
                {s.scope && <span className="ui-muted"> · applies on {s.scope.join(', ')}</span>}
                {s.refreshHours && <span className="ui-muted"> · refreshed every {s.refreshHours} h</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {(policy.bundledPacks.on.length > 0 || policy.bundledPacks.off.length > 0) && (
        <>
          <h3>Bundled packs</h3>
          <ul>
            {policy.bundledPacks.on.length > 0 && <li>On: {policy.bundledPacks.on.join(', ')}</li>}
            {policy.bundledPacks.off.length > 0 && <li>Off: {policy.bundledPacks.off.join(', ')}</li>}
          </ul>
        </>
      )}
      {info.sites.length > 0 && (
        <>
          <h3>Sites</h3>
          <ul>
            {info.sites.map((s) => (
              <li key={s.origin}>
                {s.host} <span className="ui-muted">· {s.granted ? 'allowed' : 'waiting for you to allow it'}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {locked.length > 0 && (
        <>
          <h3>Locked settings</h3>
          <ul>
            {locked.map(([k, v]) => (
              <li key={k} data-locked={k}>
                {LOCKED_LABELS[k]?.(v) ?? `${k}: ${String(v)}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {info.errors.length > 0 && (
        <div className="ui-alert" role="alert">
          <strong>Part of your organization's policy could not be applied:</strong>
          <pre className="pack-error">{info.errors.join('\n')}</pre>
        </div>
      )}
    </section>
  );
}

/** The panel with its data: mounted as one line in the options page and the popup. */
export function ManagedSection({ pendingOnly }: { pendingOnly?: boolean }) {
  const { info, allow } = useManaged();
  if (!info) return null;
  return <ManagedPanel info={info} pendingOnly={pendingOnly} onAllow={(origin) => void allow(origin)} />;
}
