// The background's glossary service: packs, settings per site, search and look-ups, composed with
// imports, subscriptions and backup (each in its own file), and the messages it answers.
import { browser } from 'wxt/browser';
import { matchPatterns, patternKey, sensesForKey, type IndexEntry, type MatchPattern } from '../../lib/glossary/compile';
import type { PackInfo, Protocol } from '../../lib/protocol';
import { packsAt } from '../../lib/relevance/packs-at';
import { pageRelevance, type PageRelevance } from '../../lib/relevance/page-relevance';
import { createSearchIndex, type SearchHit } from '../../lib/search';
import {
  activePacks,
  applySitePatch,
  forgottenSites,
  movePack,
  orderPacks,
  recompactSites,
  resolveSiteSettings,
  hostSchema,
  LOCKABLE,
  managedPackIds,
  scopeSchema,
  settingsPatchSchema,
  sitePatchSchema,
  type SettingsPatch,
  type SitePatch,
  type SiteSettings,
} from '../../lib/settings';
import { everydayWords } from '../../utils/everyday-words';
import type { Handlers } from '../../utils/messaging';
import { readSubscriptions } from '../../utils/storage';
import { createBackup } from './backup';
import { createImports } from './imports';
import { checked, createServiceContext, type Data, type GlossaryServiceOptions, type Prefs } from './service-context';
import { createCardExtras } from './card-extras';
import { createManaged, watchManagedPolicy } from './managed';
import { createSubscriptions, REFRESH_ALARM } from './subscriptions';

export { mergeIndex, type GlossaryServiceOptions } from './service-context';
export { MAX_SUBSCRIPTION_BYTES, REFRESH_ALARM } from './subscriptions';

export type GlossaryService = ReturnType<typeof createGlossaryService>;

export function createGlossaryService(options: GlossaryServiceOptions) {
  const ctx = createServiceContext(options);
  const { runImport, previewOf, importPack, removePack } = createImports(ctx);
  const { subscribe, refreshSubscription, refreshDue, scheduleRefresh } = createSubscriptions(ctx, { runImport, previewOf });
  ctx.setScheduleRefresh(scheduleRefresh);
  const { exportAll, importAll, reset } = createBackup(ctx);
  const { syncManaged, managedInfo } = createManaged(ctx, { subscribe }, { removePack });
  const { cardExtras, seenUpdates, changesSince } = createCardExtras(ctx);
  /** The policy changed (or may have): read it again, then store what it subscribes to. */
  const policyChanged = async () => {
    await ctx.refreshPolicy();
    ctx.invalidatePrefs();
    return syncManaged(true);
  };
  /** The policy source saw a new policy: apply it. */
  const applyPolicy = () => {
    ctx.invalidatePrefs();
    return syncManaged(true);
  };
  /** At start-up: the policy may have changed while the browser was closed. */
  const checkPolicy = async () => {
    if (await ctx.refreshPolicy()) {
      ctx.invalidatePrefs();
      return syncManaged(true);
    }
    return syncManaged();
  };

  const globalActive = (d: Data, p: Prefs) => activePacks(p.settings, undefined, d.allPackIds);

  const packInfos = async (): Promise<PackInfo[]> => {
    const [d, p, subs] = await Promise.all([ctx.getData(), ctx.getPrefs(), readSubscriptions()]);
    const disabled = new Set(p.settings.disabledPacks);
    const metas = new Map(d.index.packs.map((m) => [m.id, m]));
    const stored = new Map(d.userPacks.map((s) => [s.pack.id, s]));
    const managed = managedPackIds(p.managed.policy, p.managedPackIds);
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
        bundled: ctx.bundledIds.has(id),
        enabled: !disabled.has(id),
        ...(user ? { origin: user.origin } : {}),
        ...(subscription ? { subscription } : {}),
        ...(scopeOf(d, p, id) ? { scope: scopeOf(d, p, id)! } : {}),
        ...(p.settings.packScopes?.[id] && !managed.scope.has(id) ? { scopeByUser: true } : {}),
        ...(meta.scope ? { packScope: meta.scope } : {}),
        ...(meta.private ? { private: true } : {}),
        ...(managed.onOff.has(id) || managed.subscribed.has(id) || managed.scope.has(id)
          ? {
              managed: {
                ...(managed.onOff.has(id) || managed.subscribed.has(id) ? { enabled: true } : {}),
                ...(managed.subscribed.has(id) ? { subscription: true } : {}),
                ...(managed.scope.has(id) ? { scope: true } : {}),
              },
            }
          : {}),
        ...(meta.maintainer ? { maintainer: meta.maintainer } : {}),
        ...(meta.license ? { license: meta.license } : {}),
        ...(meta.homepage ? { homepage: meta.homepage } : {}),
      };
    });
  };

  const siteSettings = async (host: string): Promise<SiteSettings> => {
    const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
    return resolveSiteSettings(p.settings, p.sites, host, d.allPackIds);
  };

  /** A pack's scope: the user's if they set one, else the pack's own; undefined: home unknown. */
  const scopeOf = (d: Data, p: Prefs, id: string): string[] | undefined =>
    p.settings.packScopes?.[id] ?? d.index.packs.find((m) => m.id === id)?.scope;

  /** Which of the packs on `host` apply at `url`, and how (lib/relevance/packs-at.ts). */
  const packsAtPage = (d: Data, p: Prefs, site: SiteSettings, url: URL) =>
    packsAt(site.packIds, (id) => ({ scope: scopeOf(d, p, id), private: d.index.packs.find((m) => m.id === id)?.private }), url);

  const pageUrl = (host: string, url?: string): URL => {
    try {
      if (url) return new URL(url);
    } catch {
      // A content script of another build: the host alone.
    }
    return new URL(`https://${host}/`);
  };

  const relevanceOf = new WeakMap<MatchPattern[], PageRelevance & { id: string }>();

  /** The compact patterns a content script at `url` on `host` matches with, and what relevance needs of them. */
  const pageMatching = async (
    host: string,
    url?: string,
  ): Promise<{ patterns: MatchPattern[]; relevance: PageRelevance & { id: string } }> => {
    const [d, p, site] = await Promise.all([ctx.getData(), ctx.getPrefs(), siteSettings(host)]);
    const { packs, avoid, own } = packsAtPage(d, p, site, pageUrl(host, url));
    const memoKey = [packs.join(','), [...avoid].join(','), [...own].join(',')].join('|');
    let patterns = d.patterns.get(memoKey);
    if (!patterns) {
      patterns = matchPatterns(d.index, new Set(packs), { everyday: everydayWords(), avoidPacks: avoid });
      d.patterns.set(memoKey, patterns);
    }
    let relevance = relevanceOf.get(patterns);
    if (!relevance) {
      relevance = { id: hashKey(memoKey), ...pageRelevance(patterns, { packOrder: packs, ownLanguage: own, packNames: d.packNames }) };
      relevanceOf.set(patterns, relevance);
    }
    return { patterns, relevance };
  };

  const patternsForSite = async (host: string, url?: string): Promise<MatchPattern[]> => (await pageMatching(host, url)).patterns;

  /** Every sense of a matched key among the packs active on `host`, preferred first: at `url`, the team's own packs first. */
  /** The packs active at `url` on `host`, the team's own packs first. */
  const activeAt = async (host?: string, url?: string): Promise<string[]> => {
    const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
    if (!host) return globalActive(d, p);
    const at = packsAtPage(d, p, resolveSiteSettings(p.settings, p.sites, host, d.allPackIds), pageUrl(host, url));
    return [...at.packs.filter((id) => at.own.has(id)), ...at.packs.filter((id) => !at.own.has(id))];
  };

  const sensesFor = async (key: string, host?: string, site?: string, url?: string): Promise<IndexEntry[]> => {
    const [d, active] = await Promise.all([ctx.getData(), activeAt(host, url)]);
    return sensesForKey(d.index, key, { packIds: new Set(active), packOrder: active, ...(site ? { site } : {}) });
  };

  /**
   * Build the search indexes soon, off the current message: the popup asks for its settings as it
   * opens, and its first search then finds them warm.
   */
  const warmSearch = () => {
    setTimeout(() => {
      ctx
        .getData()
        .then((d) => {
          d.search ??= createSearchIndex(d.index);
          d.search.warm();
        })
        .catch(() => undefined);
    }, 0);
  };

  const search = async (query: string, limit = 20): Promise<{ hits: SearchHit[]; ms: number }> => {
    const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
    d.search ??= createSearchIndex(d.index);
    const started = performance.now();
    const hits = d.search.search(query, { limit, packIds: globalActive(d, p) });
    return { hits, ms: performance.now() - started };
  };

  /** One entry and the other senses of its headword (its own pack first, then preference order). */
  const entry = async (id: string, host?: string) => {
    const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
    const found = d.byId.get(id);
    if (!found) throw new Error(`no term "${id}"`);
    const active = host ? resolveSiteSettings(p.settings, p.sites, host, d.allPackIds).packIds : globalActive(d, p);
    const others = sensesForKey(d.index, patternKey('term', found.term, found.caseSensitive), {
      packIds: new Set(active),
      packOrder: active,
    }).filter((e) => e.id !== id);
    return { senses: [found, ...others], packNames: d.packNames };
  };

  /** `forgotten`: the sites whose own settings were dropped to keep the synced item within its quota. */
  const changeSite = (host: string, patch: SitePatch) =>
    ctx.change(async () => {
      // A message is outside input (the popup of another build, a bug): check before storing.
      checked(hostSchema, host, 'host');
      checked(sitePatchSchema, patch, 'site settings');
      const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
      if (patch.enabled === false && p.managed.policy.sites.some((s) => s.host === host))
        throw new Error(`${host}: Termlens is turned on here by your organization`);
      const locked = (['style', 'firstOnly'] as const).filter((k) => patch[k] !== undefined && p.managed.policy.locked[k] !== undefined);
      if (locked.length) throw new Error(`${locked.join(', ')}: set by your organization`);
      const sites = applySitePatch(p.settings, p.sites, host, patch, ctx.now());
      const { own, saved } = ctx.writePrefs(p, { sites });
      const forgotten = forgottenSites(p.own.sites, own.sites, host);
      return { result: { site: resolveSiteSettings(p.settings, sites, host, d.allPackIds), forgotten }, saved };
    });
  const setSiteSettings = async (host: string, patch: SitePatch): Promise<SiteSettings> => (await changeSite(host, patch)).site;

  const setSettings = async (patch: SettingsPatch) => {
    const settings = await ctx.change(async () => {
      checked(settingsPatchSchema, patch, 'settings');
      const p = await ctx.getPrefs();
      const locked = LOCKABLE.filter((k) => patch[k] !== undefined && p.managed.policy.locked[k] !== undefined);
      if (locked.length) throw new Error(`${locked.join(', ')}: set by your organization`);
      const next = { ...p.settings, ...patch };
      return { result: next, saved: ctx.writeSettings(p, next, recompactSites(next, p.sites)) };
    });
    if (patch.refreshHours !== undefined) await ctx.scheduleRefresh();
    return settings;
  };

  const setPackEnabled = (id: string, enabled: boolean) =>
    ctx
      .change(async () => {
        const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
        if (!d.allPackIds.includes(id)) throw new Error(`no pack "${id}"`);
        if (managedPackIds(p.managed.policy, p.managedPackIds).onOff.has(id) || Object.values(p.managedPackIds).includes(id))
          throw new Error(`"${id}" is turned on or off by your organization`);
        const disabled = new Set(p.settings.disabledPacks);
        if (enabled) disabled.delete(id);
        else disabled.add(id);
        const settings = { ...p.settings, disabledPacks: [...disabled] };
        return { result: undefined, saved: ctx.writeSettings(p, settings, recompactSites(settings, p.sites)) };
      })
      .then(packInfos);

  const setPackScope = (id: string, scope: string[] | null) =>
    ctx
      .change(async () => {
        const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
        if (!d.allPackIds.includes(id)) throw new Error(`no pack "${id}"`);
        if (managedPackIds(p.managed.policy, p.managedPackIds).scope.has(id))
          throw new Error(`"${id}": where it applies is set by your organization`);
        const packScopes = { ...p.settings.packScopes };
        if (scope === null) delete packScopes[id];
        else packScopes[id] = checked(scopeSchema(), scope, 'scope');
        return { result: undefined, saved: ctx.writeSettings(p, { ...p.settings, packScopes }) };
      })
      .then(packInfos);

  const movePackBy = (id: string, delta: -1 | 1) =>
    ctx
      .change(async () => {
        const [d, p] = await Promise.all([ctx.getData(), ctx.getPrefs()]);
        const packOrder = movePack(d.allPackIds, p.settings.packOrder, id, delta);
        return { result: undefined, saved: ctx.writeSettings(p, { ...p.settings, packOrder }) };
      })
      .then(packInfos);

  const handlers = (): Pick<Handlers, GlossaryMessage> => ({
    stats: async () => {
      const { index } = await ctx.getData();
      return {
        packs: index.packs.map(({ id, name, version, termCount }) => ({ id, name, version, termCount })),
        termCount: index.entries.length,
      };
    },
    search: ({ query, limit }) => search(query, limit),
    entry: ({ id, host }) => entry(id, host),
    settings: async ({ host }) => {
      warmSearch();
      return { settings: (await ctx.getPrefs()).settings, ...(host ? { site: await siteSettings(host) } : {}), packs: await packInfos() };
    },
    // Turning a site on that had no access: the popup asked for the permission first; the grant's
    // permissions.onAdded listener (page-support) registers the content script and injects it.
    setSiteSettings: async ({ host, patch }) => {
      const { site, forgotten } = await changeSite(host, patch);
      return forgotten.length > 0 ? { site, forgotten } : { site };
    },
    setSettings: async ({ patch }) => ({ settings: await setSettings(patch) }),
    packs: async () => ({ packs: await packInfos() }),
    setPackEnabled: async ({ id, enabled }) => ({ packs: await setPackEnabled(id, enabled) }),
    movePack: async ({ id, delta }) => ({ packs: await movePackBy(id, delta) }),
    setPackScope: async ({ id, scope }) => ({ packs: await setPackScope(id, scope) }),
    importPack: ({ source, options: opts, commit }) => importPack(source, opts, commit),
    removePack: async ({ id }) => ({ packs: await removePack(id).then(packInfos) }),
    subscribe: ({ url, options: opts, commit, previewed }) => subscribe(url, opts, commit, previewed),
    refreshSubscription: ({ packId }) => refreshSubscription(packId),
    exportAll: async () => ({ backup: await exportAll() }),
    importAll: ({ text, file }) => importAll(text, file),
    managed: () => managedInfo(),
    changes: ({ markSeen }) => changesSince(markSeen === true),
    reset: async ({ packs }) => {
      await reset(packs === true);
      // Reset takes the subscriptions too: the organization's come straight back.
      if (packs === true) await syncManaged(true).catch(() => undefined);
      return { settings: (await ctx.getPrefs()).settings, packs: await packInfos() };
    },
  });

  return {
    handlers,
    siteSettings,
    /** The user paused Termlens everywhere. */
    paused: async () => (await ctx.getPrefs()).settings.paused === true,
    patternsForSite,
    pageMatching,
    sensesFor,
    search,
    entry,
    packInfos,
    setSiteSettings,
    refreshDue,
    scheduleRefresh,
    syncManaged,
    policyChanged,
    checkPolicy,
    applyPolicy,
    activeAt,
    cardExtras,
    seenUpdates,
    managedInfo,
    /** The merged index as it stands (for `stats`). */
    index: async () => (await ctx.getData()).index,
    dispose: ctx.dispose,
  };
}

/** The messages this service answers (page-support's `matcher`/`lookup` use its functions directly). */
export type GlossaryMessage = Extract<
  keyof Protocol,
  | 'stats'
  | 'search'
  | 'entry'
  | 'settings'
  | 'setSiteSettings'
  | 'setSettings'
  | 'packs'
  | 'setPackEnabled'
  | 'movePack'
  | 'setPackScope'
  | 'importPack'
  | 'removePack'
  | 'subscribe'
  | 'refreshSubscription'
  | 'exportAll'
  | 'importAll'
  | 'reset'
  | 'managed'
  | 'changes'
>;

/**
 * Background wiring that must happen synchronously at start-up (MV3 only wakes a worker for events
 * whose listeners were added in its first turn).
 */
export function registerGlossaryEvents(service: GlossaryService): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== REFRESH_ALARM) return;
    // A managed subscription whose first fetch failed is tried again with the others.
    service
      .syncManaged()
      .catch((error: unknown) => console.warn('Termlens: could not apply the managed policy', error))
      .then(() => service.refreshDue())
      .catch((error: unknown) => console.warn('Termlens: subscription refresh failed', error));
  });
  watchManagedPolicy(
    () => void service.policyChanged().catch((error: unknown) => console.warn('Termlens: could not apply the managed policy', error)),
  );
  const check = () =>
    void service.checkPolicy().catch((error: unknown) => console.warn('Termlens: could not apply the managed policy', error));
  check();
  // Chromium may answer storage.managed before its policy has loaded, without reporting the policy's
  // arrival as a change: look again a little later.
  for (const ms of POLICY_RECHECK_MS) setTimeout(check, ms);
  // Alarms can be dropped on browser restart; make sure the schedule exists.
  void service.scheduleRefresh().catch((error: unknown) => console.warn('Termlens: could not schedule the subscription refresh', error));
}

const POLICY_RECHECK_MS = [5_000, 30_000];

/** A short, stable id for a string (which packs apply at a page, and how). */
function hashKey(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 33) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
