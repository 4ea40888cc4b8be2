// "This site": Termlens on or off here, the highlight style, first occurrence only, which packs are
// active, and the switches the site registry offers for this tab (lib/sites: each site declares its
// own, e.g. GitHub's diff scanning). Without host access the switch asks for it (the popup does the
// asking).
import { appliesAt, hereEntry } from '../lib/glossary/scope';
import type { PackInfo } from '../lib/protocol';
import type { SitePatch, SiteSettings } from '../lib/settings';
import { offeredSettings, type SiteId } from '../lib/sites';
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
  const groups = offeredSettings({ host, detected, settings: site });
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
                  <input
                    type="radio"
                    name="highlight-style"
                    value={style}
                    checked={site.style === style}
                    onChange={() => onPatch({ style })}
                  />
                  {STYLE_LABELS[style]}
                </label>
              ))}
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={site.firstOnly} onChange={(e) => onPatch({ firstOnly: e.target.checked })} />
              First occurrence only
            </label>
          </fieldset>
          {groups.map((group) => (
            <fieldset key={group.name} className="site-fieldset" disabled={busy}>
              <legend>{group.name}</legend>
              {group.settings.map(({ key, label, hint }) => (
                <label key={key} className="checkbox">
                  <input type="checkbox" checked={site[key]} onChange={(e) => onPatch({ [key]: e.target.checked })} />
                  {label}
                  {hint && <span className="ui-muted"> {hint}</span>}
                </label>
              ))}
            </fieldset>
          ))}
          <fieldset className="site-fieldset" disabled={busy}>
            <legend>Packs active here</legend>
            {packs.map((p) => (
              <div key={p.id} className="pack-row">
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={active.has(p.id)}
                    onChange={(e) => onPatch({ pack: { id: p.id, active: e.target.checked } })}
                  />
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
function PackHere({
  pack,
  page,
  busy,
  onScope,
}: {
  pack: PackInfo;
  page: URL;
  busy?: boolean;
  onScope?: (id: string, scope: string[]) => void;
}) {
  const here = hereEntry(page);
  const unknown = !pack.scope || pack.scope.length === 0;
  const applies = appliesAt(pack.scope, pack.private, page);
  const note = unknown
    ? pack.private
      ? 'private: needs a scope'
      : 'terms only: home unknown'
    : applies
      ? `applies here (${pack.scope!.join(', ')})`
      : `not on this page (${pack.scope!.join(', ')})`;
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
