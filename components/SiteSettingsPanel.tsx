// "This site": Termlens on or off here, the highlight style, first occurrence only, which packs are
// active, and GitHub's options (scan diff code; a self-hosted GitHub Enterprise host). Without host
// access the switch asks for it (the popup does the asking).
import { appliesAt, hereEntry } from '../lib/glossary/scope';
import type { PackInfo } from '../lib/protocol';
import type { SitePatch, SiteSettings } from '../lib/settings';
import { SITE_SETTINGS } from '../lib/sites';
import type { SiteId } from '../lib/sites/types';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../lib/settings/styles';
import { Switch } from './Switch';

const STYLE_LABELS: Record<HighlightStyle, string> = { background: 'Background', underline: 'Underline', none: 'None (hover only)' };

export interface SiteSettingsPanelProps {
  host: string;
  site: SiteSettings;
  packs: readonly PackInfo[];
  /** Termlens may run here (host permission granted, or a required host). */
  access: boolean;
  busy?: boolean;
  /** The adapter the tab's content script detected, when it runs there. */
  detected?: SiteId;
  onToggle: (on: boolean) => void;
  onPatch: (patch: SitePatch) => void;
  /** The tab's address: each pack says whether its scope covers it. */
  url?: string;
  /** Change a pack's scope (here: add this repository or host). */
  onScope?: (id: string, scope: string[]) => void;
}

/** github.com is always GitHub (the adapter recognises GitHub by hostname only). */
const isGithubCom = (host: string) => host === 'github.com' || host === 'www.github.com';
const isLocalOrIp = (host: string) => host === 'localhost' || /^\d+(?:\.\d+){3}$|^\[/.test(host);

export function SiteSettingsPanel({ host, site, packs, access, busy, detected, onToggle, onPatch, url, onScope }: SiteSettingsPanelProps) {
  const page = (() => {
    try {
      return url ? new URL(url) : null;
    } catch {
      return null;
    }
  })();
  const on = access && site.enabled;
  const active = new Set(site.packIds);
  // Diff code exists on GitHub pages only; any other host may be a GitHub Enterprise server, unless the
  // page was recognised as another app (Grafana, Argo CD).
  const offers = detected ? SITE_SETTINGS[detected] : SITE_SETTINGS.generic;
  const showScanDiffs = offers.scanDiffs || isGithubCom(host) || site.githubEnterprise;
  // A GitHub Enterprise server has a name: not an IP address or localhost.
  const showEnterprise = !isGithubCom(host) && offers.enterpriseHosts && !isLocalOrIp(host);
  return (
    <section className="panel" aria-labelledby="site-title">
      <h2 id="site-title" className="panel-title">
        This site
      </h2>
      <Switch checked={on} onChange={onToggle} disabled={busy} describedBy={access ? undefined : 'site-access-note'}>
        Termlens is {on ? 'on' : 'off'} on <strong>{host}</strong>
      </Switch>
      {!access && (
        <p id="site-access-note" className="ui-muted small">
          Turning it on asks your browser for access to {host}.
        </p>
      )}
      {on && (
        <>
          <fieldset className="site-fieldset" disabled={busy}>
            <legend>Highlight style</legend>
            <div className="radio-row">
              {HIGHLIGHT_STYLES.map((style) => (
                <label key={style} className="radio">
                  <input type="radio" name="highlight-style" value={style} checked={site.style === style} onChange={() => onPatch({ style })} />
                  {STYLE_LABELS[style]}
                </label>
              ))}
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={site.firstOnly} onChange={(e) => onPatch({ firstOnly: e.target.checked })} />
              First occurrence only
            </label>
          </fieldset>
          {(showScanDiffs || showEnterprise) && (
            <fieldset className="site-fieldset" disabled={busy}>
              <legend>GitHub</legend>
              {showEnterprise && (
                <label className="checkbox">
                  <input type="checkbox" checked={site.githubEnterprise} onChange={(e) => onPatch({ githubEnterprise: e.target.checked })} />
                  Treat as GitHub Enterprise
                </label>
              )}
              {showScanDiffs && (
                <label className="checkbox">
                  <input type="checkbox" checked={site.scanDiffs} onChange={(e) => onPatch({ scanDiffs: e.target.checked })} />
                  Scan diff code <span className="ui-muted">(terms in code comments)</span>
                </label>
              )}
            </fieldset>
          )}
          <fieldset className="site-fieldset" disabled={busy}>
            <legend>Packs active here</legend>
            {packs.map((p) => (
              <div key={p.id} className="pack-row">
                <label className="checkbox">
                  <input type="checkbox" checked={active.has(p.id)} onChange={(e) => onPatch({ pack: { id: p.id, active: e.target.checked } })} />
                  {p.name} <span className="ui-muted">({p.termCount})</span>
                </label>
                {page && <PackHere pack={p} page={page} busy={busy} onScope={onScope} />}
              </div>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}

/** Whether a pack's scope covers the tab's page, and a one-click way to make it (or its house rules) apply here. */
function PackHere({ pack, page, busy, onScope }: { pack: PackInfo; page: URL; busy?: boolean; onScope?: (id: string, scope: string[]) => void }) {
  const here = hereEntry(page);
  const unknown = !pack.scope || pack.scope.length === 0;
  const applies = appliesAt(pack.scope, pack.private, page);
  const note = unknown ? (pack.private ? 'private: needs a scope' : 'terms only: home unknown') : applies ? `applies here (${pack.scope!.join(', ')})` : `not on this page (${pack.scope!.join(', ')})`;
  const offer = onScope && (unknown || !applies);
  return (
    <span className="pack-here ui-muted">
      {' '}
      · {note}
      {offer && (
        <button
          type="button"
          className="ui-button"
          disabled={busy}
          aria-label={`Apply ${pack.name} on ${here}`}
          onClick={() => onScope(pack.id, [...(pack.scope ?? []), here])}
        >
          Apply on {here}
        </button>
      )}
    </span>
  );
}
