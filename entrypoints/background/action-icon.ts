// The toolbar icon: per tab, greyed where the site is off (set when the tab's content script asks for
// its matcher, on every page load and settings change); as every tab's default, greyed with an "off"
// badge while Termlens is paused.
import { browser } from 'wxt/browser';
import { actionLook, type ActionState } from '../../lib/action-icon';
import { readSettings, settingsItem } from '../../utils/storage';

type ActionApi = {
  setIcon(details: { path: Record<string, string>; tabId?: number }): Promise<void>;
  setBadgeText(details: { text: string; tabId?: number }): Promise<void>;
  setTitle(details: { title: string; tabId?: number }): Promise<void>;
  setBadgeBackgroundColor?(details: { color: string }): Promise<void>;
};

/** MV3 `action`, or MV2's `browserAction` (`--mv2` builds). */
function actionApi(): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

/** Show `state` on one tab, or as every tab's default when `tabId` is undefined. */
export async function showActionState(state: ActionState, tabId?: number): Promise<void> {
  const api = actionApi();
  if (!api) return;
  const look = actionLook(state);
  const target = tabId === undefined ? {} : { tabId };
  try {
    await Promise.all([
      api.setIcon({ path: look.path, ...target }),
      api.setBadgeText({ text: look.badge, ...target }),
      api.setTitle({ title: look.title, ...target }),
    ]);
  } catch {
    // The tab closed or navigated away meanwhile: nothing to show it on.
  }
}

/** Every tab's default follows the pause; pages where the content script runs set their own on top. */
export function registerActionIcon(): void {
  void actionApi()
    ?.setBadgeBackgroundColor?.({ color: '#59636e' })
    .catch(() => undefined);
  const show = (paused: boolean) => void showActionState({ paused });
  readSettings().then(
    (s) => show(s.paused === true),
    () => undefined,
  );
  settingsItem.watch((value) => show(value?.paused === true));
}
