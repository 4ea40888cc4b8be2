// Versions of what Termlens keeps in storage, and how to read a value written by any earlier version.
//
// Each storage item carries a `version` (WXT records it in the item's metadata); when a shape changes,
// bump the version here and add `migrations[newVersion] = (old) => new`. WXT runs them on start-up and
// a backup file of an older version goes through the same functions on import. Every item is still at
// version 1, so the maps are empty (the one earlier layout, the site-adapter choices under their own
// key, is folded in by foldLegacySiteOptions below); `normalize*` still guards every read, because
// storage can hold anything (a sync from another install, a hand edit, a half-written value).
import { parseSiteOptions, SITE_OPTIONS_KEY } from '../sites/options';
import { fitBudget, SITES_BUDGET } from './resolve';
import {
  DEFAULT_SETTINGS,
  globalSettingsSchema,
  siteOverrideSchema,
  subscriptionSchema,
  type GlobalSettings,
  type SiteOverrides,
  type StoredPack,
  type Subscription,
} from './types';

export type Migrations = Record<number, (old: unknown) => unknown>;

export const SETTINGS_VERSION = 1;
export const settingsMigrations: Migrations = {};
export const SITES_VERSION = 1;
export const sitesMigrations: Migrations = {};
export const USER_PACKS_VERSION = 1;
export const userPacksMigrations: Migrations = {};
export const SUBSCRIPTIONS_VERSION = 1;
export const subscriptionsMigrations: Migrations = {};

/** Run `migrations` from `from` up to `to` (the same rule WXT applies to storage items). */
export function migrate(value: unknown, from: number, to: number, migrations: Migrations): unknown {
  if (from > to) throw new Error(`written by a newer version of Termlens (v${from}, this one reads up to v${to})`);
  let out = value;
  for (let v = from + 1; v <= to; v++) out = migrations[v]?.(out) ?? out;
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keep every valid field of a stored settings value, default the rest. */
export function normalizeSettings(raw: unknown): GlobalSettings {
  const out: GlobalSettings = { ...DEFAULT_SETTINGS, disabledPacks: [], packOrder: [] };
  if (!isObject(raw)) return out;
  const shape = globalSettingsSchema.shape;
  for (const key of Object.keys(shape) as Array<keyof GlobalSettings>) {
    const parsed = shape[key].safeParse(raw[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
  }
  return out;
}

/** Drop malformed site entries, keep the rest. */
export function normalizeSites(raw: unknown): SiteOverrides {
  const out: SiteOverrides = {};
  if (!isObject(raw)) return out;
  for (const [host, value] of Object.entries(raw)) {
    const parsed = siteOverrideSchema.safeParse(value);
    if (parsed.success && /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(host)) out[host] = parsed.data;
  }
  return out;
}

/**
 * User packs were validated when imported; re-check the outline only (a full parse of every term on
 * each service-worker start would cost more than it protects). Malformed records are dropped.
 */
export function normalizeUserPacks(raw: unknown): StoredPack[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (p): p is StoredPack =>
      isObject(p) && isObject(p.pack) && typeof p.pack.id === 'string' && Array.isArray(p.pack.terms) && isObject(p.origin),
  );
}

export function normalizeSubscriptions(raw: unknown): Subscription[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s) => {
    const parsed = subscriptionSchema.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The "I know this" list: lower-case pattern keys, each once. */
export function normalizeKnownTerms(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return [...new Set(raw.filter((k): k is string => typeof k === 'string' && k !== '').map((k) => k.toLowerCase()))];
}

/** The legacy storage.sync key of the site-adapter choices (`{ githubHosts, scanDiffs }`). */
export const LEGACY_SITE_OPTIONS_KEY = SITE_OPTIONS_KEY;

/** `ghe.example.com:8443` / `[::1]:8443` / `GHE.example.com.` → the hostname sites are keyed by. */
function hostnameOf(host: string): string {
  const bracketed = /^(\[[0-9a-f:.]+\])(?::\d+)?$/.exec(host);
  const name = bracketed ? bracketed[1]! : host.replace(/:\d+$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Fold the legacy `siteAdapters` value into the per-site settings: each GitHub Enterprise host and
 * each host with diff scanning gets the matching flag. Sites are keyed by hostname, so a `host:port`
 * entry applies to every port of that host. Existing choices are kept; invalid entries dropped.
 */
export function foldLegacySiteOptions(sites: SiteOverrides, legacy: unknown, now: number): SiteOverrides {
  const options = parseSiteOptions(legacy);
  const next: SiteOverrides = { ...sites };
  const set = (hosts: readonly string[], flag: 'githubEnterprise' | 'scanDiffs') => {
    for (const host of hosts) {
      const name = hostnameOf(host);
      if (!/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(name)) continue;
      next[name] = { ...next[name], [flag]: true, t: next[name]?.t ?? now };
    }
  };
  set(options.githubHosts, 'githubEnterprise');
  set(options.scanDiffs, 'scanDiffs');
  return fitBudget(next, SITES_BUDGET);
}
