// What the background's parts share: the merged index and the user's preferences, read from storage
// and cached until storage changes, and one queue for read-modify-write of storage items. MV3 stops
// the service worker whenever it likes, so nothing here is the source of truth: what must last is in
// storage (utils/storage.ts), and the caches are rebuilt lazily on the first message after a restart.
import { compileIndex, type CompiledIndex, type IndexEntry, type MatchPattern } from '../../lib/glossary/compile';
import type { Pack } from '../../lib/glossary/schema';
import type { SearchIndex } from '../../lib/search';
import type { GlobalSettings, SiteOverrides, StoredPack } from '../../lib/settings';
import {
  migrateLegacySiteOptions,
  readSettings,
  readSites,
  readUserPacks,
  settingsItem,
  sitesItem,
  userPacksItem,
} from '../../utils/storage';

export interface GlossaryServiceOptions {
  bundled: CompiledIndex;
  fetch?: typeof fetch;
  now?: () => number;
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
  settings: GlobalSettings;
  sites: SiteOverrides;
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
      const reading = Promise.all([readSettings(), sitesRead]).then(([settings, sites]) => ({ settings, sites }));
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
  const unwatch = [userPacksItem.watch(invalidateData), settingsItem.watch(invalidatePrefs), sitesItem.watch(invalidatePrefs)];

  // Read-modify-write of storage items, one at a time (two quick popup clicks must not lose one).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const writeSettings = async (settings: GlobalSettings, sites?: SiteOverrides) => {
    await settingsItem.setValue(settings);
    if (sites) await sitesItem.setValue(sites);
    invalidatePrefs();
  };
  const writeUserPacks = async (userPacks: StoredPack[]) => {
    try {
      await userPacksItem.setValue(userPacks);
    } catch (e) {
      // A failed write stores nothing: the packs as they were stay.
      const raw = e instanceof Error ? e.message : String(e);
      if (/quota/i.test(raw)) throw new Error('The browser has no room left for Termlens’s packs. Remove a pack you no longer use, then try again. Nothing was changed.');
      throw e;
    }
    invalidateData();
  };
  /** Set by the subscriptions part: the one alarm that refreshes them. */
  let scheduleRefresh: () => Promise<void> = async () => undefined;

  return {
    now,
    fetchImpl,
    bundledIds,
    getData,
    getPrefs,
    invalidateData,
    invalidatePrefs,
    exclusive,
    writeSettings,
    writeUserPacks,
    scheduleRefresh: () => scheduleRefresh(),
    setScheduleRefresh: (fn: () => Promise<void>) => {
      scheduleRefresh = fn;
    },
    dispose: () => unwatch.forEach((u) => u()),
  };
}

/** Parse a value from a message with a schema, or fail with a message naming what was wrong. */
export function checked<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown, what: string): T {
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
