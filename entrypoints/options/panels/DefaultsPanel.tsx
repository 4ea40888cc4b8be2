// "Every site": the defaults the popup overrides per site (highlight style, first occurrence only) and
// when the card opens.
import { CardOpenSetting } from '../../../components/CardOpenSetting';
import type { GlobalSettings } from '../../../lib/settings';
import type { LockedSettings } from '../../../lib/settings/managed';
import { HIGHLIGHT_STYLES, type HighlightStyle } from '../../../lib/settings/styles';
import type { GlobalPatch } from '../use-options-data';

const STYLE_LABELS: Record<HighlightStyle, string> = { background: 'Background tint', underline: 'Underline', none: 'None (hover only)' };

export interface DefaultsPanelProps {
  settings: GlobalSettings;
  busy: boolean;
  setGlobal: (patch: GlobalPatch) => Promise<void>;
  onError: (e: unknown) => void;
  /** Settings the organization's policy locks: shown, not changeable here. */
  locked?: LockedSettings;
}

export function DefaultsPanel({ settings, busy, setGlobal, onError, locked = {} }: DefaultsPanelProps) {
  return (
    <section aria-labelledby="defaults-title">
      <h2 id="defaults-title">Every site</h2>
      <p className="ui-muted">Defaults; the popup changes them for one site.</p>
      <fieldset className="plain-fieldset">
        <legend>Highlight style{locked.style !== undefined && <span className="ui-muted"> (set by your organization)</span>}</legend>
        {HIGHLIGHT_STYLES.map((style) => (
          <label key={style} className="radio">
            <input
              type="radio"
              name="default-style"
              checked={settings.style === style}
              disabled={busy || locked.style !== undefined}
              onChange={() => void setGlobal({ style })}
            />
            {STYLE_LABELS[style]}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.firstOnly}
          disabled={busy || locked.firstOnly !== undefined}
          onChange={(e) => void setGlobal({ firstOnly: e.target.checked })}
        />
        Highlight the first occurrence of each term only
        {locked.firstOnly !== undefined && <span className="ui-muted"> (set by your organization)</span>}
      </label>
      <CardOpenSetting onError={onError} />
    </section>
  );
}
