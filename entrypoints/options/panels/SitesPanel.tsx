// "Sites you turned on": every site Termlens has access to beyond github.com (a Grafana, an Argo CD,
// raw.githubusercontent.com for a private repository's glossary), whether it highlights there, and a
// way to take the access back. Removing access is the browser's own revocation: the content script
// is unregistered there (the background follows permissions.onRemoved).
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { forgottenMessage } from '../../../lib/settings/resolve';
import { send } from '../../../utils/messaging';
import type { Runner } from '../use-runner';

/** Origins the manifest requires: always there, not the user's to remove. */
const REQUIRED = new Set(['https://github.com/*']);

interface SiteRow {
  origin: string;
  host: string;
  enabled: boolean;
}

/** The host a granted origin pattern names (`https://grafana.acme.dev/*` → `grafana.acme.dev`); null for a wildcard. */
export function hostOfOrigin(origin: string): string | null {
  const m = /^(?:https?|\*):\/\/([^/*]+)\/\*$/.exec(origin);
  return m ? m[1]! : null;
}

/** The granted sites beyond the required ones, with whether Termlens highlights there. */
async function readSites(): Promise<SiteRow[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const rows: SiteRow[] = [];
  for (const origin of [...new Set(origins)].filter((o) => !REQUIRED.has(o)).sort()) {
    const host = hostOfOrigin(origin);
    if (!host) continue;
    const { site } = await send('settings', { host });
    rows.push({ origin, host, enabled: site?.enabled ?? true });
  }
  return rows;
}

export function useSites(runner: Runner) {
  const [sites, setSites] = useState<SiteRow[] | null>(null);
  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    const refresh = () => void readSites().then((rows) => live && setSites(rows), runner.fail);
    refresh();
    // Grants made from the popup while this page is open show up here too.
    browser.permissions.onAdded?.addListener(refresh);
    browser.permissions.onRemoved?.addListener(refresh);
    return () => {
      live = false;
      browser.permissions.onAdded?.removeListener(refresh);
      browser.permissions.onRemoved?.removeListener(refresh);
    };
  }, [version, runner.fail]);

  const setEnabled = (row: SiteRow, enabled: boolean) =>
    runner.run(async () => {
      const { forgotten } = await send('setSiteSettings', { host: row.host, patch: { enabled } });
      // Keeping this site's choice made room by dropping older sites' settings: the user is told which.
      const dropped = forgottenMessage(forgotten ?? []);
      runner.setStatus(`Termlens is ${enabled ? 'on' : 'off'} on ${row.host}.${dropped ? ` ${dropped}` : ''}`);
      load();
    });
  const revoke = (row: SiteRow) =>
    runner.run(async () => {
      const removed = await browser.permissions.remove({ origins: [row.origin] });
      runner.setStatus(removed ? `Termlens no longer has access to ${row.host}.` : `${row.host}: the browser kept the access.`);
      load();
    });
  return { sites, setEnabled, revoke };
}

export function SitesPanel({ runner }: { runner: Runner }) {
  const { sites, setEnabled, revoke } = useSites(runner);
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">Sites you turned on</h2>
      <p className="ui-muted">
        Termlens runs on github.com from the install. Any other site is one you gave it access to, from the popup on that site.
      </p>
      {sites && sites.length === 0 && <p>No other site.</p>}
      {sites && sites.length > 0 && (
        <ul className="known-list" aria-label="Sites you turned on">
          {sites.map((row) => (
            <li key={row.origin} className="known-term">
              <span className="known-name">{row.host}</span>
              <span className="known-note">{row.enabled ? 'highlights terms' : 'off: access kept, no highlights'}</span>
              <span className="known-show">
                <button type="button" className="ui-button" disabled={runner.busy} onClick={() => void setEnabled(row, !row.enabled)}>
                  {row.enabled ? `Turn off on ${row.host}` : `Turn on on ${row.host}`}
                </button>{' '}
                <button type="button" className="ui-button" disabled={runner.busy} onClick={() => void revoke(row)}>
                  Remove access to {row.host}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
