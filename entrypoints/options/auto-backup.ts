// The automatic backup: the state just before the last restore or reset, kept locally so either can
// be taken back from the options page. One slot: the newest replaces the previous one.
import { storage } from 'wxt/utils/storage';
import type { Backup } from '../../lib/settings';
import { send } from '../../utils/messaging';

export interface AutoBackup {
  /** Why it was taken: "restore" of a file, or "reset". */
  before: string;
  takenAt: number;
  backup: Backup;
}

export const autoBackupItem = storage.defineItem<AutoBackup | null>('local:autoBackup', { fallback: null, version: 1 });

/** What restoring `text` would do to the user packs: the names of those it removes and adds. */
export function restoreChanges(
  text: string,
  current: readonly { id: string; name: string; bundled: boolean }[],
): { removes: string[]; adds: string[] } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const stored = (parsed as { userPacks?: unknown }).userPacks;
  if (!Array.isArray(stored)) return null;
  const incoming = new Map<string, string>();
  for (const p of stored as Array<{ pack?: { id?: unknown; name?: unknown } }>) {
    if (typeof p?.pack?.id === 'string') incoming.set(p.pack.id, typeof p.pack.name === 'string' ? p.pack.name : p.pack.id);
  }
  const mine = current.filter((p) => !p.bundled);
  return {
    removes: mine.filter((p) => !incoming.has(p.id)).map((p) => p.name),
    adds: [...incoming].filter(([id]) => !mine.some((p) => p.id === id)).map(([, name]) => name),
  };
}

/** "removes 1 pack: Other team glossary; adds 2 packs: A, B", or that packs stay as they are. */
export function describeChanges(c: { removes: string[]; adds: string[] }): string {
  const part = (verb: string, names: string[]) => `${verb} ${names.length} pack${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
  const parts = [...(c.removes.length ? [part('removes', c.removes)] : []), ...(c.adds.length ? [part('adds', c.adds)] : [])];
  return parts.length
    ? `This restore ${parts.join('; ')}. Settings and known terms are replaced too.`
    : 'Your packs stay as they are; settings and known terms are replaced.';
}

/** Keep the state before a restore or reset, so it can be taken back. */
export async function keepAutoBackup(before: string): Promise<void> {
  const { backup } = await send('exportAll', {});
  await autoBackupItem.setValue({ before, takenAt: Date.now(), backup });
}
