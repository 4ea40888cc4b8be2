// What the background's parts share: the merged index and the user's preferences, read from storage
// and cached until storage changes, and one queue for read-modify-write of storage items. MV3 stops
// the service worker whenever it likes, so nothing here is the source of truth: what must last is in
// storage (utils/storage.ts), and the caches are rebuilt lazily on the first message after a restart.
import { compileIndex, type CompiledIndex, type IndexEntry, type MatchPattern } from '../../lib/glossary/compile';
import type { Pack } from '../../lib/glossary/schema';
import type { SearchIndex } from '../../lib/search';
import {
  EMPTY_POLICY,
  effectiveSettings,
  effectiveSites,
  ownSettings,
  ownSites,
  type GlobalSettings,
  type ManagedPackIds,
  type ParsedPolicy,
  type SiteOverrides,
  type StoredPack,
} from '../../lib/settings';
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

  let data: Promise<Data> | null = null;
  let prefs: Promise<Prefs> | null = null;

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
    if (!prefs) {
      // The legacy site-options key is folded into `sites` before the first read (once; a failure keeps it for next time).
      const sitesRead = migrateLegacySiteOptions(now())
        .catch(() => false)
        .then(readSites);
      const reading = Promise.all([readSettings(), sitesRead, readPolicy(), readSubscriptions()]).then(
        ([settings, sites, managed, subs]): Prefs => {
          const managedPackIds: Record<string, string> = {};
          for (const s of subs) if (managed.policy.subscriptions.some((m) => m.url === s.url)) managedPackIds[s.url] = s.packId;
          return {
            settings: effectiveSettings(settings, managed.policy, managedPackIds),
            sites: effectiveSites(sites, managed.policy),
            own: { settings, sites },
            managed,
            managedPackIds,
          };
        },
      );
      prefs = reading;
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
  // Writes from another context (an options page of an older build, a sync from another browser).
  // Subscriptions too: which stored pack a managed subscription is decides what the policy sets.
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
   * Store settings computed from the ones in effect: managed values go back to the user's own first,
   * so storage only ever holds the user's choices.
   */
  const writeSettings = async (settings: GlobalSettings, sites?: SiteOverrides) => {
    const p = await getPrefs();
    await settingsItem.setValue(ownSettings(settings, p.own.settings, p.managed.policy, p.managedPackIds));
    if (sites) await sitesItem.setValue(ownSites(sites, p.own.sites, p.managed.policy));
    invalidatePrefs();
  };
  const writeSites = async (sites: SiteOverrides) => {
    const p = await getPrefs();
    await sitesItem.setValue(ownSites(sites, p.own.sites, p.managed.policy));
    invalidatePrefs();
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
    getData,
    getPrefs,
    invalidateData,
    invalidatePrefs,
    exclusive,
    writeSettings,
    writeSites,
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
