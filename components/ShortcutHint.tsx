// The keyboard command that explains a selection, named where a user looks for what Termlens can do,
// with the way to change it: the browser owns shortcuts (chrome://extensions/shortcuts, or Firefox's
// own page through commands.openShortcutSettings).
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export const EXPLAIN_COMMAND = 'explain-selection';

/** The shortcut as the browser reports it; '' when the user removed it. */
export function useShortcut(name: string): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // A browser without the commands API (Firefox for Android) shows no hint.
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((all) => live && setShortcut(all.find((c) => c.name === name)?.shortcut ?? ''))
      .catch(() => live && setShortcut(null));
    return () => {
      live = false;
    };
  }, [name]);
  return shortcut;
}

export function openShortcutSettings(): void {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function ShortcutHint() {
  const shortcut = useShortcut(EXPLAIN_COMMAND);
  if (shortcut === null) return null;
  return (
    <p className="shortcut-hint ui-muted">
      {shortcut ? (
        <>
          Select a word and press <kbd>{shortcut}</kbd> to explain it.{' '}
        </>
      ) : (
        <>No shortcut explains a selection. </>
      )}
      <button type="button" className="link-button" onClick={openShortcutSettings}>
        {shortcut ? 'Change' : 'Set one'}
      </button>
    </p>
  );
}
