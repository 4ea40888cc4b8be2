// Which toolbar icon, badge and tooltip a tab shows. Pure: the background applies it (entrypoints/background/action-icon.ts).

/** The PNG sizes made by scripts/make-icons.ts, in public/icon/ and public/icon-off/. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

export interface ActionState {
  /** Termlens is paused everywhere (the popup's "Pause Termlens everywhere"). */
  paused: boolean;
  /** Termlens is on for the tab's site; undefined: not known (no content script runs there). */
  siteEnabled?: boolean;
}

export interface ActionLook {
  /** Icon paths by size, as `action.setIcon({ path })` takes them. */
  path: Record<string, string>;
  /** Badge text; empty for none. */
  badge: string;
  title: string;
}

function iconPaths(dir: 'icon' | 'icon-off'): Record<string, string> {
  return Object.fromEntries(ICON_SIZES.map((size) => [String(size), `${dir}/${size}.png`]));
}

/**
 * Coloured where Termlens runs; greyed where it is off for the site or paused. A tab whose site state
 * is unknown keeps the manifest's coloured icon: the popup there says what applies. A pause also shows
 * a badge, on every tab, so a glance at the toolbar tells it from one site being off.
 */
export function actionLook(state: ActionState): ActionLook {
  if (state.paused) return { path: iconPaths('icon-off'), badge: 'off', title: 'Termlens is paused everywhere' };
  if (state.siteEnabled === false) return { path: iconPaths('icon-off'), badge: '', title: 'Termlens is off on this site' };
  return { path: iconPaths('icon'), badge: '', title: 'Termlens' };
}
