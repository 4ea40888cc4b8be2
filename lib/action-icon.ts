// Which toolbar icon, badge and tooltip a tab shows. Pure: the background applies it (entrypoints/background/action-icon.ts).

/** The PNG sizes made by scripts/make-icons.ts, in public/icon/ and public/icon-off/. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

export interface ActionState {
  /** Termlens is paused everywhere (the popup's "Pause Termlens everywhere"). */
  paused: boolean;
  /** Termlens is on for the tab's site; undefined: no content script runs there (a site not allowed, a browser page). */
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
 * Coloured only where Termlens runs and is on; greyed where it is off for the site, where it does not
 * run (a site the user has not allowed, a browser page), or while paused. The coloured icon is a tab's
 * own state, set by its content script, so every other tab shows the greyed default. A pause also shows
 * a badge, on every tab, so a glance at the toolbar tells it from one site being off.
 */
export function actionLook(state: ActionState): ActionLook {
  if (state.paused) return { path: iconPaths('icon-off'), badge: 'off', title: 'Termlens is paused everywhere' };
  if (state.siteEnabled === false) return { path: iconPaths('icon-off'), badge: '', title: 'Termlens is off on this site' };
  if (state.siteEnabled === undefined) return { path: iconPaths('icon-off'), badge: '', title: 'Termlens does not run on this page' };
  return { path: iconPaths('icon'), badge: '', title: 'Termlens' };
}
