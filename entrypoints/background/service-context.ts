// What the background's parts share: the merged index and the user's preferences, read from storage
// and cached until storage changes, and one queue for read-modify-write of storage items. MV3 stops
// the service worker whenever it likes, so nothing here is the source of truth: what must last is in
// storage (utils/storage.ts), and the caches are rebuilt lazily on the first message after a restart.
// The synced settings and sites go out through one coalescing, paced queue (lib/settings/sync-writes.ts):
// the cache holds a change at once, storage has it within a second, or a few once the pace holds writes back.
import { storage } from 'wxt/utils/storage';
import { compileIndex, type CompiledIndex, type IndexEntry, type MatchPattern } from '../../lib/glossary/compile';
import { createJobClient, inProcessChannel, type JobChannel } from '../../lib/glossary/import-job';
import type { Pack } from '../../lib/glossary/schema';
import type { SearchIndex } from '../../lib/search';
import {
  EMPTY_POLICY,
  effectiveSettings,
  effectiveSites,
  ownSettings,
  ownSites,
  SETTINGS_VERSION,
  SITES_VERSION,
  type GlobalSettings,
  type ManagedPackIds,
  type ParsedPolicy,
  type SiteOverrides,
  type StoredPack,
} from '../../lib/settings';
import { createWriteBatcher, plainSyncError, type WriteBatcherOptions } from '../../lib/settings/sync-writes';
import {
  migrateLegacySiteOptions,
  readSettings,
  readSites,
  readSubscriptions,
  readUserPacks,
  settingsItem,
  subscriptionsItem,
  sitesItem,
  userPacksItem,
} from '../../utils/storage';

export interface GlossaryServiceOptions {
  bundled: CompiledIndex;
  fetch?: typeof fetch;
  now?: () => number;
  /** The organization's policy (background/managed.ts reads storage.managed). */
  readPolicy?: () => Promise<ParsedPolicy>;
  /** Read the policy again from the browser; true when it changed. */
  refreshPolicy?: () => Promise<boolean>;
  /** The pace of storage.sync writes (lib/settings/sync-writes.ts); the defaults keep within the browser's limits. */
  syncWrites?: Pick<WriteBatcherOptions, 'burst' | 'refillMs'>;
  /** Where imports are read (lib/glossary/import-job.ts): a Worker in the extension; on this thread by default. */
  importChannel?: () => Promise<JobChannel>;
}

export interface Data {
  index: CompiledIndex;
  userPacks: StoredPack[];
  bundledIds: ReadonlySet<string>;
  allPackIds: string[];
  byId: Map<string, IndexEntry>;
  packNames: Record<string, string>;
  search: SearchIndex | null;
  patterns: Map<string, MatchPattern[]>;
}

export interface Prefs {
  /** In effect: the user's own, with the organization's managed values over them. */
  settings: GlobalSettings;
  sites: SiteOverrides;
  /** The user's own, as stored. */
  own: { settings: GlobalSettings; sites: SiteOverrides };
  /** The organization's policy (storage.managed), and what in it was dropped as invalid. */
  managed: ParsedPolicy;
  /** The pack id of each managed subscription that is stored, by URL. */
  managedPackIds: ManagedPackIds;
}

/** The longest a settings change waits for its storage.sync write before it is answered (see `change`). */
const ANSWER_WITHIN_MS = 400;

/** The user's own settings and sites: what storage holds, or will once the queued writes land. */
type Own = Prefs['own'];

function prefsOf(own: Own, managed: ParsedPolicy, managedPackIds: ManagedPackIds): Prefs {
  return {
    settings: effectiveSettings(own.settings, managed.policy, managedPackIds),
    sites: effectiveSites(own.sites, managed.policy),
    own,
    managed,
    managedPackIds,
  };
}

/** The bundled index followed by the user's packs (a user pack may not reuse a bundled id). */
export function mergeIndex(bundled: CompiledIndex, userPacks: readonly StoredPack[]): CompiledIndex {
  const bundledIds = new Set(bundled.packs.map((p) => p.id));
  const byId = new Map<string, Pack>();
  for (const p of userPacks) if (!bundledIds.has(p.pack.id)) byId.set(p.pack.id, p.pack);
  const user = compileIndex([...byId.values()]);
  return { format: bundled.format, packs: [...bundled.packs, ...user.packs], entries: [...bundled.entries, ...user.entries] };
}

export type ServiceContext = ReturnType<typeof createServiceContext>;

export function createServiceContext(options: GlossaryServiceOptions) {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const readPolicy = options.readPolicy ?? (async (): Promise<ParsedPolicy> => ({ policy: EMPTY_POLICY, errors: [] }));
  const refreshPolicy = options.refreshPolicy ?? (async () => false);
  const bundledIds: ReadonlySet<string> = new Set(options.bundled.packs.map((p) => p.id));
  const jobs = createJobClient(options.importChannel ?? (async () => inProcessChannel()));

  let data: Promise<Data> | null = null;
  let prefs: Promise<Prefs> | null = null;
  // The write queue's epoch (its count of refused writes) when the cached prefs were read, and that of
  // every Prefs handed out: a refusal makes both stale, since they hold the refused change.
  let prefsEpoch = 0;
  const epochOf = new WeakMap<Prefs, number>();

  const syncWrites = createWriteBatcher<Own>(async ({ settings, sites }) => {
    // One set call, one of the browser's write operations, for both items. Each carries its version
    // record, as the item's own setValue writes it on a first write: a later migration starts from it.
    await storage.setItems([
      ...(settings
        ? [
            { key: `${settingsItem.key}$` as const, value: { v: SETTINGS_VERSION } },
            { key: settingsItem.key, value: settings },
          ]
        : []),
      ...(sites
        ? [
            { key: `${sitesItem.key}$` as const, value: { v: SITES_VERSION } },
            { key: sitesItem.key, value: sites },
          ]
        : []),
    ]);
  }, options.syncWrites);

  const buildData = async (): Promise<Data> => {
    const userPacks = await readUserPacks();
    const index = mergeIndex(options.bundled, userPacks);
    return {
      index,
      userPacks,
      bundledIds,
      allPackIds: index.packs.map((p) => p.id),
      byId: new Map(index.entries.map((e) => [e.id, e])),
      packNames: Object.fromEntries(index.packs.map((p) => [p.id, p.name])),
      search: null,
      patterns: new Map(),
    };
  };
  const getData = (): Promise<Data> => {
    if (!data) {
      const building = buildData();
      data = building;
      // A failed build must not stick: the next message tries again.
      building.catch(() => {
        if (data === building) data = null;
      });
    }
    return data;
  };
  const getPrefs = (): Promise<Prefs> => {
    if (!prefs || prefsEpoch !== syncWrites.epoch()) {
      const epoch = syncWrites.epoch();
      // Storage is behind the writes still queued or in flight: they go over what it holds.
      const unsaved = syncWrites.unsaved();
      // The legacy site-options key is folded into `sites` before the first read (once; a failure keeps it for next time).
      const sitesRead = migrateLegacySiteOptions(now())
        .catch(() => false)
        .then(readSites);
      const reading = Promise.all([readSettings(), sitesRead, readPolicy(), readSubscriptions()]).then(
        ([settings, sites, managed, subs]): Prefs => {
          const managedPackIds: Record<string, string> = {};
          for (const s of subs) if (managed.policy.subscriptions.some((m) => m.url === s.url)) managedPackIds[s.url] = s.packId;
          const p = prefsOf({ settings: unsaved.settings ?? settings, sites: unsaved.sites ?? sites }, managed, managedPackIds);
          epochOf.set(p, epoch);
          return p;
        },
      );
      prefs = reading;
      prefsEpoch = epoch;
      reading.catch(() => {
        if (prefs === reading) prefs = null;
      });
    }
    return prefs;
  };
  const invalidateData = () => {
    data = null;
  };
  const invalidatePrefs = () => {
    prefs = null;
  };
  // Writes from another context (an options page of an older build, a sync from another browser), and
  // this context's own as they land: a read lays the queued writes over storage, so dropping the cache
  // is safe at any time. Subscriptions too: which stored pack a managed subscription is decides what the policy sets.
  const unwatch = [
    userPacksItem.watch(invalidateData),
    settingsItem.watch(invalidatePrefs),
    sitesItem.watch(invalidatePrefs),
    subscriptionsItem.watch(invalidatePrefs),
  ];

  // Read-modify-write of storage items, one at a time (two quick popup clicks must not lose one).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /**
   * Store settings and/or sites computed from `base`, the prefs in effect: managed values go back to
   * the user's own first, so storage only ever holds the user's choices. The cache has them at once;
   * `saved` settles when storage has them, or rejects with the browser's refusal in plain words. Called
   * inside `exclusive` and awaited outside it (`change`), quick changes in a row share one write.
   * A change computed from prefs read before a refusal is refused too: it holds the refused change.
   */
  const writePrefs = (base: Prefs, next: { settings?: GlobalSettings; sites?: SiteOverrides }): { own: Own; saved: Promise<void> } => {
    const { policy } = base.managed;
    const changed: Partial<Own> = {
      ...(next.settings ? { settings: ownSettings(next.settings, base.own.settings, policy, base.managedPackIds) } : {}),
      ...(next.sites ? { sites: ownSites(next.sites, base.own.sites, policy) } : {}),
    };
    const epoch = epochOf.get(base) ?? syncWrites.epoch();
    const saved = syncWrites.write(changed, epoch).catch((e: unknown) => {
      throw plainSyncError(e);
    });
    if (epoch === syncWrites.epoch()) {
      const merged = getPrefs().then((current) => {
        const p = prefsOf({ ...current.own, ...changed }, current.managed, current.managedPackIds);
        epochOf.set(p, epoch);
        return p;
      });
      prefs = merged;
      prefsEpoch = epoch;
      merged.catch(() => {
        if (prefs === merged) prefs = null;
      });
    }
    return { own: { ...base.own, ...changed }, saved };
  };
  const writeSettings = (base: Prefs, settings: GlobalSettings, sites?: SiteOverrides): Promise<void> =>
    writePrefs(base, sites ? { settings, sites } : { settings }).saved;

  /**
   * A change of the synced settings: computed in the queue, its write awaited after it, so that the
   * next change is computed meanwhile and quick changes share one storage.sync write. Within the pace
   * the write lands in milliseconds and a refusal is the caller's answer. A write the pace holds back
   * is not waited for past ANSWER_WITHIN_MS: the change is answered once queued, since the cache has
   * it; a later refusal drops the cache, so what the user sees next is what storage holds.
   */
  const change = async <T>(fn: () => Promise<{ result: T; saved: Promise<void> }>): Promise<T> => {
    const { result, saved } = await exclusive(fn);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refused = await Promise.race([
      saved.then(
        () => null,
        (e: unknown) => ({ e }),
      ),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ANSWER_WITHIN_MS))),
    ]);
    clearTimeout(timer);
    if (refused) throw refused.e;
    return result;
  };
  const writeUserPacks = async (userPacks: StoredPack[]) => {
    try {
      await userPacksItem.setValue(userPacks);
    } catch (e) {
      // A failed write stores nothing: the packs as they were stay.
      const raw = e instanceof Error ? e.message : String(e);
      if (/quota/i.test(raw))
        throw new Error(
          'The browser has no room left for Termlens’s packs. Remove a pack you no longer use, then try again. Nothing was changed.',
        );
      throw e;
    }
    invalidateData();
  };
  /** Set by the subscriptions part: the one alarm that refreshes them. */
  let scheduleRefresh: () => Promise<void> = async () => undefined;

  return {
    now,
    fetchImpl,
    refreshPolicy,
    bundledIds,
    jobs,
    getData,
    getPrefs,
    invalidateData,
    invalidatePrefs,
    exclusive,
    change,
    writePrefs,
    writeSettings,
    /** Resolves once every queued settings write has landed or been refused: before writing those items directly. */
    syncSettled: () => syncWrites.idle(),
    writeUserPacks,
    scheduleRefresh: () => scheduleRefresh(),
    setScheduleRefresh: (fn: () => Promise<void>) => {
      scheduleRefresh = fn;
    },
    dispose: () => unwatch.forEach((u) => u()),
  };
}

/** Parse a value from a message with a schema, or fail with a message naming what was wrong. */
export function checked<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`invalid ${what}${issue?.path.length ? ` (${issue.path.map(String).join('.')})` : ''}: ${issue?.message ?? 'rejected'}`);
}

export function replacePack(list: readonly StoredPack[], record: StoredPack): StoredPack[] {
  const i = list.findIndex((p) => p.pack.id === record.pack.id);
  if (i < 0) return [...list, record];
  return list.map((p, j) => (j === i ? record : p));
}

export function headword(t: { term: string; qualifier?: string }): string {
  return t.qualifier ? `${t.term} (${t.qualifier})` : t.term;
}
