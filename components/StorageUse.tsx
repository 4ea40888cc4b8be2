// What Termlens keeps in this browser, in bytes: its packs, subscriptions and lists (storage.local)
// and its synced settings. Termlens has unlimitedStorage, so local data has no fixed ceiling; the
// synced settings have the browser's 100 KB.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

const SYNC_QUOTA = 102_400;

/** Bytes an area holds: the browser's own count where it has one, else the size of its JSON. */
async function bytesIn(area: 'local' | 'sync'): Promise<number> {
  const storage = browser.storage[area] as typeof browser.storage.local & { getBytesInUse?: (keys: null) => Promise<number> };
  try {
    if (storage.getBytesInUse) return await storage.getBytesInUse(null);
  } catch {
    /* counted below */
  }
  return new TextEncoder().encode(JSON.stringify(await storage.get())).length;
}

export const formatBytes = (n: number) =>
  n < 1000 ? `${n} bytes` : n < 1_000_000 ? `${(n / 1000).toFixed(0)} KB` : `${(n / 1_000_000).toFixed(1)} MB`;

/** `version` changes → counted again (after an import, a restore). */
export function StorageUse({ version }: { version: unknown }) {
  const [use, setUse] = useState<{ local: number; sync: number } | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([bytesIn('local'), bytesIn('sync')]).then(
      ([local, sync]) => live && setUse({ local, sync }),
      () => live && setUse(null),
    );
    return () => {
      live = false;
    };
  }, [version]);
  if (!use) return null;
  return (
    <p className="ui-muted" data-testid="storage-use">
      In this browser: {formatBytes(use.local)} of packs and lists (no fixed limit), and {formatBytes(use.sync)} of synced settings of the{' '}
      {formatBytes(SYNC_QUOTA)} the browser allows.
    </p>
  );
}
