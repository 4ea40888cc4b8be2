// Per-site resolution: global settings + a site's overrides → what that site's page uses, and the
// inverse (a popup change → the smallest override that expresses it, within the sync quota).
import type { GlobalSettings, SiteOverride, SiteOverrides, SitePatch, SiteSettings } from './types';

/** chrome.storage.sync: 8,192 bytes per item (key + JSON value). Keep a margin for the key and growth. */
export const SYNC_ITEM_QUOTA = 8192;
export const SITES_BUDGET = 7000;

/** The hostname a site is keyed by: lowercase, no port, no trailing dot. `null` for non-web URLs. */
export function siteHost(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/**
 * Every known pack id in preference order: those in `packOrder` first (as ordered there), then the
 * rest in their default order (bundled, then user packs as imported). Unknown ids are dropped.
 */
export function orderPacks(allPackIds: readonly string[], packOrder: readonly string[]): string[] {
  const known = new Set(allPackIds);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const id of [...packOrder, ...allPackIds]) {
    if (!known.has(id) || seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/** Packs active on a site, in preference order. */
export function activePacks(global: GlobalSettings, site: SiteOverride | undefined, allPackIds: readonly string[]): string[] {
  const off = new Set(global.disabledPacks);
  for (const id of site?.packsOff ?? []) off.add(id);
  for (const id of site?.packsOn ?? []) off.delete(id);
  return orderPacks(allPackIds, global.packOrder).filter((id) => !off.has(id));
}

export function resolveSiteSettings(
  global: GlobalSettings,
  sites: SiteOverrides,
  host: string,
  allPackIds: readonly string[],
): SiteSettings {
  const site = sites[host];
  return {
    host,
    enabled: site?.enabled ?? true,
    style: site?.style ?? global.style,
    firstOnly: site?.firstOnly ?? global.firstOnly,
    packIds: activePacks(global, site, allPackIds),
    scanDiffs: site?.scanDiffs ?? false,
    githubEnterprise: site?.githubEnterprise ?? false,
  };
}

/** Drop what equals the global default so the synced item holds only real differences. */
export function compactOverride(global: GlobalSettings, site: SiteOverride): SiteOverride | null {
  const out: SiteOverride = {};
  if (site.enabled === false) out.enabled = false;
  if (site.style !== undefined && site.style !== global.style) out.style = site.style;
  if (site.firstOnly !== undefined && site.firstOnly !== global.firstOnly) out.firstOnly = site.firstOnly;
  // Both are off by default everywhere: only `true` is worth storing.
  if (site.scanDiffs === true) out.scanDiffs = true;
  if (site.githubEnterprise === true) out.githubEnterprise = true;
  const globallyOff = new Set(global.disabledPacks);
  const on = [...new Set(site.packsOn ?? [])].filter((id) => globallyOff.has(id)).sort();
  const off = [...new Set(site.packsOff ?? [])].filter((id) => !globallyOff.has(id) && !on.includes(id)).sort();
  if (on.length) out.packsOn = on;
  if (off.length) out.packsOff = off;
  if (Object.keys(out).length === 0) return null;
  if (site.t !== undefined) out.t = site.t;
  return out;
}

/** Apply a popup change to one site and return the new overrides map (compact, within budget). */
export function applySitePatch(
  global: GlobalSettings,
  sites: SiteOverrides,
  host: string,
  patch: SitePatch,
  now: number,
  budget = SITES_BUDGET,
): SiteOverrides {
  const site: SiteOverride = { ...sites[host] };
  if (patch.enabled !== undefined) site.enabled = patch.enabled;
  if (patch.style !== undefined) site.style = patch.style;
  if (patch.firstOnly !== undefined) site.firstOnly = patch.firstOnly;
  if (patch.scanDiffs !== undefined) site.scanDiffs = patch.scanDiffs;
  if (patch.githubEnterprise !== undefined) site.githubEnterprise = patch.githubEnterprise;
  if (patch.pack) {
    const { id, active } = patch.pack;
    const on = new Set(site.packsOn ?? []);
    const off = new Set(site.packsOff ?? []);
    if (active) {
      off.delete(id);
      on.add(id);
    } else {
      on.delete(id);
      off.add(id);
    }
    site.packsOn = [...on];
    site.packsOff = [...off];
  }
  site.t = now;
  const next: SiteOverrides = { ...sites };
  const compact = compactOverride(global, site);
  if (compact) next[host] = compact;
  else delete next[host];
  return fitBudget(next, budget, host);
}

/**
 * The sites whose own settings a change dropped to keep the synced item within its budget (fitBudget):
 * in `before`, gone from `after`, oldest change first. `keep`, the site just changed, is not among
 * them: a site set back to the defaults is simply not stored.
 */
export function forgottenSites(before: SiteOverrides, after: SiteOverrides, keep?: string): string[] {
  return Object.entries(before)
    .filter(([host]) => host !== keep && !(host in after))
    .sort(([, a], [, b]) => (a.t ?? 0) - (b.t ?? 0))
    .map(([host]) => host);
}

/** What the user is told when sites' settings were dropped, in plain words; null when none were. */
export function forgottenMessage(hosts: readonly string[]): string | null {
  if (hosts.length === 0) return null;
  const shown = hosts.slice(0, 3).join(', ');
  const more = hosts.length > 3 ? ` and ${hosts.length - 3} more` : '';
  const one = hosts.length === 1;
  return (
    `The browser syncs the settings of only so many sites, so Termlens dropped those of the ${one ? 'site' : `${hosts.length} sites`} ` +
    `changed longest ago (${shown}${more}). ${one ? 'It follows' : 'They follow'} your settings for every site again.`
  );
}

/** Re-compact every site after the global settings changed (a pack turned off globally, say). */
export function recompactSites(global: GlobalSettings, sites: SiteOverrides): SiteOverrides {
  const out: SiteOverrides = {};
  for (const [host, site] of Object.entries(sites)) {
    const compact = compactOverride(global, site);
    if (compact) out[host] = compact;
  }
  return out;
}

export function byteSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Keep the overrides map under the sync item budget by forgetting the least recently changed sites
 * (never `keep`, the one just edited). Turned-off sites and GitHub Enterprise hosts are kept longest:
 * losing one would make Termlens reappear where the user switched it off, or scan a GitHub server's
 * names and code as prose.
 */
const keepLong = (site: SiteOverride) => site.enabled === false || site.githubEnterprise === true;

export function fitBudget(sites: SiteOverrides, budget: number, keep?: string): SiteOverrides {
  if (byteSize(sites) <= budget) return sites;
  const next = { ...sites };
  const victims = Object.entries(next)
    .filter(([host]) => host !== keep)
    .sort(([, a], [, b]) => Number(keepLong(a)) - Number(keepLong(b)) || (a.t ?? 0) - (b.t ?? 0));
  for (const [host] of victims) {
    delete next[host];
    if (byteSize(next) <= budget) break;
  }
  return next;
}

/** Move a pack one step up (-1) or down (+1) in the preference order. */
export function movePack(allPackIds: readonly string[], packOrder: readonly string[], id: string, delta: -1 | 1): string[] {
  const order = orderPacks(allPackIds, packOrder);
  const i = order.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return order;
  [order[i], order[j]] = [order[j] as string, order[i] as string];
  return order;
}
