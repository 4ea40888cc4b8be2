// Backup and restore of everything the user chose (settings, sites, packs, subscriptions, known
// terms), and the reset to defaults. A restore writes all items or none.
import {
  DEFAULT_SETTINGS,
  SITES_BUDGET,
  fitBudget,
  forgottenSites,
  makeBackup,
  normalizeKnownTerms,
  parseBackup,
  recompactSites,
  type Backup,
} from '../../lib/settings';
import { knownTermsItem } from '../../utils/known-terms';
import {
  readKnownTerms,
  readSubscriptions,
  readUserPacks,
  settingsItem,
  sitesItem,
  subscriptionsItem,
  userPacksItem,
} from '../../utils/storage';
import type { ServiceContext } from './service-context';

export function createBackup(ctx: ServiceContext) {
  const exportAll = async (): Promise<Backup> => {
    const [p, userPacks, subscriptions, knownTerms] = await Promise.all([
      ctx.getPrefs(),
      readUserPacks(),
      readSubscriptions(),
      readKnownTerms(),
    ]);
    return makeBackup({ settings: p.settings, sites: p.sites, userPacks, subscriptions, knownTerms }, new Date(ctx.now()));
  };

  const importAll = (text: string, file: string): Promise<{ ok: true; forgotten?: string[] } | { ok: false; errors: string[] }> =>
    ctx.exclusive(async () => {
      const parsed = parseBackup(text, file, [...ctx.bundledIds]);
      if (!parsed.ok) return parsed;
      const { settings, sites, userPacks, subscriptions, knownTerms } = parsed.backup;
      // A settings change still on its way to storage would land over the restored items.
      await ctx.syncSettled();
      const compact = recompactSites(settings, sites);
      const fitted = fitBudget(compact, SITES_BUDGET);
      const writes = await Promise.all([
        prepareWrite(settingsItem, settings),
        prepareWrite(sitesItem, fitted),
        prepareWrite(userPacksItem, userPacks),
        prepareWrite(subscriptionsItem, subscriptions),
        // An older backup has no list: the current one stays.
        ...(knownTerms ? [prepareWrite(knownTermsItem, normalizeKnownTerms(knownTerms))] : []),
      ]);
      let written: Awaited<ReturnType<typeof writeAllOrNothing>>;
      try {
        written = await writeAllOrNothing(writes);
      } finally {
        ctx.invalidatePrefs();
        ctx.invalidateData();
      }
      if (!written.ok) {
        const reason = written.error instanceof Error ? written.error.message : String(written.error);
        return { ok: false as const, errors: [`${file}: could not be stored (${reason}); nothing was changed`] };
      }
      await ctx.scheduleRefresh();
      const forgotten = forgottenSites(compact, fitted);
      return forgotten.length > 0 ? { ok: true as const, forgotten } : { ok: true as const };
    });

  const reset = (packs: boolean) =>
    ctx.exclusive(async () => {
      await ctx.syncSettled();
      await settingsItem.setValue({ ...DEFAULT_SETTINGS });
      await sitesItem.setValue({});
      // Dismissed words are a choice of what to highlight, like the site choices: they go too.
      await knownTermsItem.setValue([]);
      if (packs) {
        await userPacksItem.setValue([]);
        await subscriptionsItem.setValue([]);
      }
      ctx.invalidatePrefs();
      ctx.invalidateData();
      await ctx.scheduleRefresh();
    });

  return { exportAll, importAll, reset };
}

interface PreparedWrite {
  write(): Promise<void>;
  /** Put back the value the item held when the write was prepared. */
  undo(): Promise<void>;
}

/** A write of one storage item, with the item's current value kept to undo it. */
async function prepareWrite<T>(item: { getValue(): Promise<T>; setValue(value: T): Promise<void> }, value: T): Promise<PreparedWrite> {
  const previous = await item.getValue();
  return { write: () => item.setValue(value), undo: () => item.setValue(previous) };
}

/**
 * Run the writes in order, all or nothing: when one fails (the local quota, storage.sync's 8 KB per
 * item), the items written so far and the one that failed get their previous values back, and the
 * failure is the answer. Rejects only when putting them back fails too.
 */
async function writeAllOrNothing(writes: readonly PreparedWrite[]): Promise<{ ok: true } | { ok: false; error: unknown }> {
  let started = 0;
  try {
    for (const w of writes) {
      started++;
      await w.write();
    }
    return { ok: true };
  } catch (error) {
    const undoErrors: unknown[] = [];
    for (const w of writes.slice(0, started).reverse()) await w.undo().catch((e: unknown) => undoErrors.push(e));
    if (undoErrors.length === 0) return { ok: false, error };
    const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
    throw new Error(`${message(error)}; putting the previous values back failed too (${undoErrors.map(message).join('; ')})`);
  }
}
