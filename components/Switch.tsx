// An on/off switch: a real <button role="switch"> so Space and Enter work and screen readers say its state.
import type { ReactNode } from 'react';

export interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  disabled?: boolean;
  /** Extra description read after the label (e.g. why it is off). */
  describedBy?: string;
}

export function Switch({ checked, onChange, children, disabled, describedBy }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      className="ui-switch"
      aria-checked={checked}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={() => onChange(!checked)}
    >
      <span className="ui-switch-track" aria-hidden="true" />
      <span>{children}</span>
    </button>
  );
}
