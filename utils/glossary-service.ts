// The background's glossary state: the bundled index merged with the user's packs, settings per site,
// search, imports and subscriptions. MV3 stops the service worker whenever it likes, so nothing here
// is the source of truth: what must last is in storage (utils/storage.ts), and the merged index, the
// search index and the matcher patterns are rebuilt lazily on the first message after a restart.
import { browser } from 'wxt/browser';
import { compileIndex, matchPatterns, patternKey, sensesForKey, type CompiledIndex, type IndexEntry, type MatchPattern } from '../lib/glossary/compile';
import { diffPacks, formatDiff } from '../lib/glossary/diff';
import { importGlossary, type FormatName } from '../lib/glossary/importers';
import { packSchema, type Pack } from '../lib/glossary/schema';
import type { ImportOptions, ImportPreview, ImportResult, ImportSource, PackInfo, Protocol } from '../lib/protocol';
import { createSearchIndex, type SearchHit, type SearchIndex } from '../lib/search';
import {
  DEFAULT_SETTINGS,
  activePacks,
  applySitePatch,
  fitBudget,
  makeBackup,
  movePack,
  orderPacks,
  parseBackup,
  recompactSites,
  resolveSiteSettings,
  SITES_BUDGET,
  hostSchema,
  normalizeKnownTerms,
  settingsPatchSchema,
  sitePatchSchema,
  type Backup,
  type SettingsPatch,
  type GlobalSettings,
  type SiteOverrides,
  type SitePatch,
  type SiteSettings,
  type StoredPack,
  type Subscription,
} from '../lib/settings';
import type { Handlers } from './messaging';
import { knownTermsItem } from './known-terms';
import {
  migrateLegacySiteOptions,
  readKnownTerms,
  readSettings,
  readSites,
  readSubscriptions,
  readUserPacks,
  settingsItem,
  sitesItem,
  subscriptionsItem,
  userPacksItem,
} from './storage';

export const REFRESH_ALARM = 'termlens:refresh-subscriptions';
/** A subscribed file larger than this is refused: glossaries are kilobytes, not megabytes. */
export const MAX_SUBSCRIPTION_BYTES = 2_000_000;
const FETCH_TIMEOUT_MS = 20_000;

export interface GlossaryServiceOptions {
  bundled: CompiledIndex;
  fetch?: typeof fetch;
  now?: () => number;
}

interface Data {
  index: CompiledIndex;
  userPacks: StoredPack[];
  bundledIds: ReadonlySet<string>;
  allPackIds: string[];
  byId: Map<string, IndexEntry>;
  packNames: Record<string, string>;
  search: SearchIndex | null;
  patterns: Map<string, MatchPattern[]>;
}

interface Prefs {
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

export type GlossaryService = ReturnType<typeof createGlossaryService>;

export function createGlossaryService(options: GlossaryServiceOptions) {
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
    await userPacksItem.setValue(userPacks);
    invalidateData();
  };

  const globalActive = (d: Data, p: Prefs) => activePacks(p.settings, undefined, d.allPackIds);

  const packInfos = async (): Promise<PackInfo[]> => {
    const [d, p, subs] = await Promise.all([getData(), getPrefs(), readSubscriptions()]);
    const disabled = new Set(p.settings.disabledPacks);
    const metas = new Map(d.index.packs.map((m) => [m.id, m]));
    const stored = new Map(d.userPacks.map((s) => [s.pack.id, s]));
    return orderPacks(d.allPackIds, p.settings.packOrder).map((id) => {
      const meta = metas.get(id)!;
      const user = stored.get(id);
      const subscription = subs.find((s) => s.packId === id);
      return {
        id,
        name: meta.name,
        version: meta.version,
        description: meta.description,
        termCount: meta.termCount,
        ...(meta.source ? { source: meta.source } : {}),
        bundled: bundledIds.has(id),
        enabled: !disabled.has(id),
        ...(user ? { origin: user.origin } : {}),
        ...(subscription ? { subscription } : {}),
      };
    });
  };

  const siteSettings = async (host: string): Promise<SiteSettings> => {
    const [d, p] = await Promise.all([getData(), getPrefs()]);
    return resolveSiteSettings(p.settings, p.sites, host, d.allPackIds);
  };

  /** The compact patterns a content script on `host` matches with: only the packs active there. */
  const patternsForSite = async (host: string): Promise<MatchPattern[]> => {
    const [d, site] = await Promise.all([getData(), siteSettings(host)]);
    const memoKey = site.packIds.join('\n');
    let patterns = d.patterns.get(memoKey);
    if (!patterns) {
      patterns = matchPatterns(d.index, new Set(site.packIds));
      d.patterns.set(memoKey, patterns);
    }
    return patterns;
  };

  /** Every sense of a matched key among the packs active on `host`, preferred first. */
  const sensesFor = async (key: string, host?: string, site?: string): Promise<IndexEntry[]> => {
    const [d, p] = await Promise.all([getData(), getPrefs()]);
    const active = host ? resolveSiteSettings(p.settings, p.sites, host, d.allPackIds).packIds : globalActive(d, p);
    return sensesForKey(d.index, key, { packIds: new Set(active), packOrder: active, ...(site ? { site } : {}) });
  };

  /**
   * Build the search indexes soon, off the current message: the popup asks for its settings as it
   * opens, and its first search then finds them warm.
   */
  const warmSearch = () => {
    setTimeout(() => {
      getData()
        .then((d) => {
          d.search ??= createSearchIndex(d.index);
          d.search.warm();
        })
        .catch(() => undefined);
    }, 0);
  };

  const search = async (query: string, limit = 20): Promise<{ hits: SearchHit[]; ms: number }> => {
    const [d, p] = await Promise.all([getData(), getPrefs()]);
    d.search ??= createSearchIndex(d.index);
    const started = performance.now();
    const hits = d.search.search(query, { limit, packIds: globalActive(d, p) });
    return { hits, ms: performance.now() - started };
  };

  /** One entry and the other senses of its headword (its own pack first, then preference order). */
  const entry = async (id: string, host?: string) => {
    const [d, p] = await Promise.all([getData(), getPrefs()]);
    const found = d.byId.get(id);
    if (!found) throw new Error(`no term "${id}"`);
    const active = host ? resolveSiteSettings(p.settings, p.sites, host, d.allPackIds).packIds : globalActive(d, p);
    const others = sensesForKey(d.index, patternKey('term', found.term, found.caseSensitive), { packIds: new Set(active), packOrder: active }).filter(
      (e) => e.id !== id,
    );
    return { senses: [found, ...others], packNames: d.packNames };
  };

  const setSiteSettings = (host: string, patch: SitePatch) =>
    exclusive(async () => {
      // A message is outside input (the popup of another build, a bug): check before storing.
      checked(hostSchema, host, 'host');
      checked(sitePatchSchema, patch, 'site settings');
      const [d, p] = await Promise.all([getData(), getPrefs()]);
      const sites = applySitePatch(p.settings, p.sites, host, patch, now());
      await sitesItem.setValue(sites);
      invalidatePrefs();
      return resolveSiteSettings(p.settings, sites, host, d.allPackIds);
    });

  const setSettings = (patch: SettingsPatch) =>
    exclusive(async () => {
      checked(settingsPatchSchema, patch, 'settings');
      const p = await getPrefs();
      const settings = { ...p.settings, ...patch };
      await writeSettings(settings, recompactSites(settings, p.sites));
      if (patch.refreshHours !== undefined) await scheduleRefresh();
      return settings;
    });

  const setPackEnabled = (id: string, enabled: boolean) =>
    exclusive(async () => {
      const [d, p] = await Promise.all([getData(), getPrefs()]);
      if (!d.allPackIds.includes(id)) throw new Error(`no pack "${id}"`);
      const disabled = new Set(p.settings.disabledPacks);
      if (enabled) disabled.delete(id);
      else disabled.add(id);
      const settings = { ...p.settings, disabledPacks: [...disabled] };
      await writeSettings(settings, recompactSites(settings, p.sites));
    }).then(packInfos);

  const movePackBy = (id: string, delta: -1 | 1) =>
    exclusive(async () => {
      const [d, p] = await Promise.all([getData(), getPrefs()]);
      await writeSettings({ ...p.settings, packOrder: movePack(d.allPackIds, p.settings.packOrder, id, delta) });
    }).then(packInfos);

  // ---- imports ---------------------------------------------------------------------------------

  type Imported = { ok: true; pack: Pack; format: string; warnings: string[] } | { ok: false; errors: string[] };

  const runImport = (source: ImportSource, opts: ImportOptions = {}, extra: { source?: string } = {}): Imported => {
    const result = importGlossary(source, {
      ...(opts.format ? { format: opts.format as FormatName | 'auto' } : {}),
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.name ? { name: opts.name } : {}),
      ...(extra.source ? { source: extra.source } : {}),
    });
    if (!result.ok) return { ok: false, errors: result.error.split('\n').filter((l) => l.trim() !== '') };
    // The importer validated it; this parse applies the schema's defaults for storage.
    const parsed = packSchema.safeParse(result.pack);
    if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${source.name}: ${i.path.join('.')}: ${i.message}`) };
    if (bundledIds.has(parsed.data.id)) {
      return { ok: false, errors: [`${source.name}: the pack id "${parsed.data.id}" belongs to a bundled pack: give this one another id`] };
    }
    return { ok: true, pack: parsed.data, format: result.format, warnings: result.warnings };
  };

  const previewOf = (imported: Extract<Imported, { ok: true }>, existing?: Pack): ImportPreview => {
    const { pack } = imported;
    const base = { pack: { id: pack.id, name: pack.name, version: pack.version, termCount: pack.terms.length }, format: imported.format, warnings: imported.warnings };
    if (!existing) return { ...base, replaces: false, added: pack.terms.map(headword), removed: [], changed: [], diff: '' };
    const diff = diffPacks(existing, pack);
    return {
      ...base,
      replaces: true,
      added: diff.added.map(headword),
      removed: diff.removed.map(headword),
      changed: diff.changed.map((c) => c.term),
      diff: formatDiff(diff),
    };
  };

  const importPack = (source: ImportSource, opts: ImportOptions | undefined, commit: boolean): Promise<ImportResult> =>
    exclusive(async () => {
      const imported = runImport(source, opts);
      if (!imported.ok) return imported;
      const d = await getData();
      const existing = d.userPacks.find((p) => p.pack.id === imported.pack.id);
      const preview = previewOf(imported, existing?.pack);
      if (!commit) return { ok: true, preview, committed: false };
      const record: StoredPack = { pack: imported.pack, origin: { kind: 'file', name: source.name }, format: imported.format, importedAt: now() };
      await writeUserPacks(replacePack(d.userPacks, record));
      // A file import replaces a subscribed pack of the same id: the subscription would overwrite it.
      const subs = await readSubscriptions();
      if (subs.some((s) => s.packId === record.pack.id)) {
        await subscriptionsItem.setValue(subs.filter((s) => s.packId !== record.pack.id));
        await scheduleRefresh();
      }
      return { ok: true, preview, committed: true };
    });

  const removePack = (id: string) =>
    exclusive(async () => {
      if (bundledIds.has(id)) throw new Error(`"${id}" is a bundled pack: it can be turned off, not removed`);
      const [d, p, subs] = await Promise.all([getData(), getPrefs(), readSubscriptions()]);
      if (!d.userPacks.some((s) => s.pack.id === id)) throw new Error(`no user pack "${id}"`);
      await writeUserPacks(d.userPacks.filter((s) => s.pack.id !== id));
      await subscriptionsItem.setValue(subs.filter((s) => s.packId !== id));
      const settings = { ...p.settings, disabledPacks: p.settings.disabledPacks.filter((x) => x !== id), packOrder: p.settings.packOrder.filter((x) => x !== id) };
      const sites: SiteOverrides = {};
      for (const [host, site] of Object.entries(p.sites)) {
        sites[host] = { ...site, ...(site.packsOn ? { packsOn: site.packsOn.filter((x) => x !== id) } : {}), ...(site.packsOff ? { packsOff: site.packsOff.filter((x) => x !== id) } : {}) };
      }
      await writeSettings(settings, recompactSites(settings, sites));
      await scheduleRefresh();
    }).then(packInfos);

  // ---- subscriptions ---------------------------------------------------------------------------

  const fetchText = async (url: string): Promise<string> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      const res = await fetchImpl(url, { signal: controller.signal, cache: 'no-store', credentials: 'omit', redirect: 'follow' });
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      const text = await res.text();
      if (text.length > MAX_SUBSCRIPTION_BYTES) throw new Error(`${url}: ${text.length} bytes, more than a glossary should be (limit ${MAX_SUBSCRIPTION_BYTES})`);
      return text;
    } catch (e) {
      if (controller.signal.aborted) throw new Error(`${url}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
      if (e instanceof Error && e.message.startsWith(url)) throw e;
      throw new Error(`${url}: could not fetch (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      clearTimeout(timer);
    }
  };

  const checkUrl = (url: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new Error(`"${url}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${url}: only http(s) URLs can be subscribed to`);
    return parsed.href;
  };

  /** What a user decides on in a preview: the pack, whether it replaces one, and what changes. */
  const decisionOf = (p: ImportPreview) => JSON.stringify([p.pack, p.replaces, p.added, p.removed, p.changed]);

  const subscribe = async (rawUrl: string, opts: ImportOptions | undefined, commit: boolean, previewed?: ImportPreview): Promise<ImportResult> => {
    let url: string;
    let text: string;
    try {
      url = checkUrl(rawUrl);
      text = await fetchText(url);
    } catch (e) {
      return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
    }
    return exclusive(async () => {
      const imported = runImport({ kind: 'text', name: url, text }, opts, { source: url });
      if (!imported.ok) return imported;
      const d = await getData();
      const existing = d.userPacks.find((p) => p.pack.id === imported.pack.id);
      const preview = previewOf(imported, existing?.pack);
      if (!commit) return { ok: true, preview, committed: false };
      // The file is fetched again to commit: if it now reads differently (edited upstream, or another
      // pack id that would replace one of the user's), the user has not seen what would be stored.
      if (previewed && decisionOf(previewed) !== decisionOf(preview)) {
        return { ok: false, errors: [`${url}: the file changed since the preview; nothing was stored. Preview it again.`] };
      }
      const t = now();
      await writeUserPacks(replacePack(d.userPacks, { pack: imported.pack, origin: { kind: 'subscription', url }, format: imported.format, importedAt: t }));
      const subs = (await readSubscriptions()).filter((s) => s.packId !== imported.pack.id);
      subs.push({
        url,
        packId: imported.pack.id,
        ...(opts?.format ? { format: opts.format } : {}),
        ...(opts?.name ? { name: opts.name } : {}),
        addedAt: t,
        checkedAt: t,
        updatedAt: t,
      });
      await subscriptionsItem.setValue(subs);
      await scheduleRefresh();
      return { ok: true, preview, committed: true };
    });
  };

  /** Re-fetch one subscription. Whatever goes wrong, the last good pack stays and the error is recorded. */
  const refreshSubscription = async (packId: string): Promise<{ ok: boolean; subscription: Subscription; changed: boolean }> => {
    const sub = (await readSubscriptions()).find((s) => s.packId === packId);
    if (!sub) throw new Error(`no subscription for pack "${packId}"`);
    let fetched: { ok: true; text: string } | { ok: false; error: string };
    try {
      fetched = { ok: true, text: await fetchText(sub.url) };
    } catch (e) {
      fetched = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    return exclusive(async () => {
      const t = now();
      const subs = await readSubscriptions();
      const current = subs.find((s) => s.packId === packId);
      if (!current) throw new Error(`no subscription for pack "${packId}"`);
      const save = async (next: Subscription) => {
        await subscriptionsItem.setValue(subs.map((s) => (s.packId === packId ? next : s)));
        return next;
      };
      if (!fetched.ok) return { ok: false, changed: false, subscription: await save({ ...current, checkedAt: t, error: fetched.error }) };
      // The pack keeps its id, and the name the user gave it, whatever the source's title says now.
      const opts: ImportOptions = { id: packId, ...(current.format ? { format: current.format } : {}), ...(current.name ? { name: current.name } : {}) };
      const imported = runImport({ kind: 'text', name: current.url, text: fetched.text }, opts, { source: current.url });
      if (!imported.ok) return { ok: false, changed: false, subscription: await save({ ...current, checkedAt: t, error: imported.errors.join('\n') }) };
      const d = await getData();
      const old = d.userPacks.find((p) => p.pack.id === packId);
      const diff = old ? diffPacks(old.pack, imported.pack) : null;
      // Stored whenever anything differs: the diff is for people and does not see every change that
      // matters to matching (an alias's letter case, a site id, a term id, the pack's description).
      const changed = !old || JSON.stringify(old.pack) !== JSON.stringify(imported.pack);
      const { error: _error, ...rest } = current;
      if (changed) {
        await writeUserPacks(replacePack(d.userPacks, { pack: imported.pack, origin: { kind: 'subscription', url: current.url }, format: imported.format, importedAt: t }));
        const shown = diff ? diff.added.length + diff.removed.length + diff.changed.length + diff.reformatted.length : 0;
        const lastDiff = !diff ? '' : shown > 0 || old?.pack.version !== imported.pack.version ? formatDiff(diff) : 'Changed in letter case, ids or the pack details only.';
        return { ok: true, changed, subscription: await save({ ...rest, checkedAt: t, updatedAt: t, lastDiff }) };
      }
      return { ok: true, changed, subscription: await save({ ...rest, checkedAt: t }) };
    });
  };

  /** Record on a subscription why its refresh failed (as refreshSubscription records a bad fetch). */
  const recordRefreshError = (packId: string, error: unknown) =>
    exclusive(async () => {
      const subs = await readSubscriptions();
      // Removed meanwhile: nothing to record it on.
      if (!subs.some((s) => s.packId === packId)) return;
      const message = error instanceof Error ? error.message : String(error);
      await subscriptionsItem.setValue(subs.map((s) => (s.packId === packId ? { ...s, checkedAt: now(), error: message } : s)));
    });

  /** The alarm's work: refresh every subscription not checked within the period. */
  const refreshDue = async (): Promise<number> => {
    const [p, subs] = await Promise.all([getPrefs(), readSubscriptions()]);
    const period = p.settings.refreshHours * 3_600_000;
    let n = 0;
    for (const s of subs) {
      if (s.checkedAt !== undefined && now() - s.checkedAt < period * 0.9) continue;
      try {
        await refreshSubscription(s.packId);
      } catch (error) {
        // One failure (a full storage, a subscription removed meanwhile) must not hold back the others.
        await recordRefreshError(s.packId, error).catch((e: unknown) => console.warn('Termlens: could not record a refresh failure', e));
      }
      n++;
    }
    return n;
  };

  /**
   * One periodic alarm while there are subscriptions. An existing alarm with the same period is kept:
   * re-creating it on every service-worker start would push it back forever.
   */
  const scheduleRefresh = async (): Promise<void> => {
    const [p, subs] = await Promise.all([getPrefs(), readSubscriptions()]);
    if (subs.length === 0) {
      await browser.alarms.clear(REFRESH_ALARM);
      return;
    }
    const periodInMinutes = p.settings.refreshHours * 60;
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (existing?.periodInMinutes === periodInMinutes) return;
    await browser.alarms.create(REFRESH_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
  };

  // ---- backup ----------------------------------------------------------------------------------

  const exportAll = async (): Promise<Backup> => {
    const [p, userPacks, subscriptions, knownTerms] = await Promise.all([getPrefs(), readUserPacks(), readSubscriptions(), readKnownTerms()]);
    return makeBackup({ settings: p.settings, sites: p.sites, userPacks, subscriptions, knownTerms }, new Date(now()));
  };

  const importAll = (text: string, file: string): Promise<{ ok: true } | { ok: false; errors: string[] }> =>
    exclusive(async () => {
      const parsed = parseBackup(text, file, [...bundledIds]);
      if (!parsed.ok) return parsed;
      const { settings, sites, userPacks, subscriptions, knownTerms } = parsed.backup;
      const writes = await Promise.all([
        prepareWrite(settingsItem, settings),
        prepareWrite(sitesItem, fitBudget(recompactSites(settings, sites), SITES_BUDGET)),
        prepareWrite(userPacksItem, userPacks),
        prepareWrite(subscriptionsItem, subscriptions),
        // An older backup has no list: the current one stays.
        ...(knownTerms ? [prepareWrite(knownTermsItem, normalizeKnownTerms(knownTerms))] : []),
      ]);
      let written: Awaited<ReturnType<typeof writeAllOrNothing>>;
      try {
        written = await writeAllOrNothing(writes);
      } finally {
        invalidatePrefs();
        invalidateData();
      }
      if (!written.ok) {
        const reason = written.error instanceof Error ? written.error.message : String(written.error);
        return { ok: false as const, errors: [`${file}: could not be stored (${reason}); nothing was changed`] };
      }
      await scheduleRefresh();
      return { ok: true as const };
    });

  const reset = (packs: boolean) =>
    exclusive(async () => {
      await settingsItem.setValue({ ...DEFAULT_SETTINGS });
      await sitesItem.setValue({});
      // Dismissed words are a choice of what to highlight, like the site choices: they go too.
      await knownTermsItem.setValue([]);
      if (packs) {
        await userPacksItem.setValue([]);
        await subscriptionsItem.setValue([]);
      }
      invalidatePrefs();
      invalidateData();
      await scheduleRefresh();
    }).then(async () => ({ settings: (await getPrefs()).settings, packs: await packInfos() }));

  const handlers = (): Pick<Handlers, GlossaryMessage> => ({
    stats: async () => {
      const { index } = await getData();
      return { packs: index.packs.map(({ id, name, version, termCount }) => ({ id, name, version, termCount })), termCount: index.entries.length };
    },
    search: ({ query, limit }) => search(query, limit),
    entry: ({ id, host }) => entry(id, host),
    settings: async ({ host }) => {
      warmSearch();
      return { settings: (await getPrefs()).settings, ...(host ? { site: await siteSettings(host) } : {}), packs: await packInfos() };
    },
    // Turning a site on that had no access: the popup asked for the permission first; the grant's
    // permissions.onAdded listener (page-support) registers the content script and injects it.
    setSiteSettings: async ({ host, patch }) => ({ site: await setSiteSettings(host, patch) }),
    setSettings: async ({ patch }) => ({ settings: await setSettings(patch) }),
    packs: async () => ({ packs: await packInfos() }),
    setPackEnabled: async ({ id, enabled }) => ({ packs: await setPackEnabled(id, enabled) }),
    movePack: async ({ id, delta }) => ({ packs: await movePackBy(id, delta) }),
    importPack: ({ source, options: opts, commit }) => importPack(source, opts, commit),
    removePack: async ({ id }) => ({ packs: await removePack(id) }),
    subscribe: ({ url, options: opts, commit, previewed }) => subscribe(url, opts, commit, previewed),
    refreshSubscription: ({ packId }) => refreshSubscription(packId),
    exportAll: async () => ({ backup: await exportAll() }),
    importAll: ({ text, file }) => importAll(text, file),
    reset: ({ packs }) => reset(packs === true),
  });

  return {
    handlers,
    siteSettings,
    patternsForSite,
    sensesFor,
    search,
    entry,
    packInfos,
    setSiteSettings,
    refreshDue,
    scheduleRefresh,
    /** The merged index as it stands (for `stats`). */
    index: async () => (await getData()).index,
    dispose: () => unwatch.forEach((u) => u()),
  };
}

/** The messages this service answers (page-support's `matcher`/`lookup` use its functions directly). */
export type GlossaryMessage = Extract<
  keyof Protocol,
  | 'stats' | 'search' | 'entry' | 'settings' | 'setSiteSettings' | 'setSettings' | 'packs' | 'setPackEnabled' | 'movePack'
  | 'importPack' | 'removePack' | 'subscribe' | 'refreshSubscription' | 'exportAll' | 'importAll' | 'reset'
>;

/**
 * Background wiring that must happen synchronously at start-up (MV3 only wakes a worker for events
 * whose listeners were added in its first turn).
 */
export function registerGlossaryEvents(service: GlossaryService): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) service.refreshDue().catch((error: unknown) => console.warn('Termlens: subscription refresh failed', error));
  });
  // Alarms can be dropped on browser restart; make sure the schedule exists.
  void service.scheduleRefresh().catch((error: unknown) => console.warn('Termlens: could not schedule the subscription refresh', error));
}

/** Parse a value from a message with a schema, or fail with a message naming what was wrong. */
function checked<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`invalid ${what}${issue?.path.length ? ` (${issue.path.map(String).join('.')})` : ''}: ${issue?.message ?? 'rejected'}`);
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

function replacePack(list: readonly StoredPack[], record: StoredPack): StoredPack[] {
  const i = list.findIndex((p) => p.pack.id === record.pack.id);
  if (i < 0) return [...list, record];
  return list.map((p, j) => (j === i ? record : p));
}

function headword(t: { term: string; qualifier?: string }): string {
  return t.qualifier ? `${t.term} (${t.qualifier})` : t.term;
}
