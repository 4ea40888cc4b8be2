// "Pause Termlens everywhere": one switch that stops highlighting on every site until the user resumes,
// as the big switch of Dark Reader or uBlock Origin does. The state is said in words next to it, not
// only by the switch's position.
import { Switch } from './Switch';

export interface PauseSwitchProps {
  /** undefined while the settings load. */
  paused: boolean | undefined;
  onChange: (paused: boolean) => void;
  busy?: boolean;
}

export function PauseSwitch({ paused, onChange, busy }: PauseSwitchProps) {
  return (
    <div className="pause-row">
      <Switch
        checked={paused === true}
        onChange={onChange}
        disabled={busy || paused === undefined}
        describedBy={paused ? 'pause-note' : undefined}
      >
        Pause Termlens everywhere
      </Switch>
      {paused && (
        <p id="pause-note" className="ui-muted small" role="status">
          Paused: no highlights or cards on any site until you resume.
        </p>
      )}
    </div>
  );
}
