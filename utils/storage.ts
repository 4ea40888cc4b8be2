// Everything Termlens keeps between sessions. Small settings sync across the user's browsers
// (storage.sync: 8 KB per item, 100 KB in all); user packs and subscriptions stay local (large).
// Every read goes through a normalizer: storage can hold values from an older or newer install.
import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_SETTINGS,
  LEGACY_SITE_OPTIONS_KEY,
  SETTINGS_VERSION,
  foldLegacySiteOptions,
  SITES_VERSION,
  SUBSCRIPTIONS_VERSION,
  USER_PACKS_VERSION,
  normalizeKnownTerms,
  normalizeSettings,
  normalizeSites,
  normalizeSubscriptions,
  normalizeUserPacks,
  settingsMigrations,
  sitesMigrations,
  subscriptionsMigrations,
  userPacksMigrations,
  type GlobalSettings,
  type SiteOverrides,
  type StoredPack,
  type Subscription,
} from '../lib/settings';
import { KNOWN_TERMS_KEY, knownTermsItem } from './known-terms';

export const STORAGE_KEYS = {
  settings: 'sync:settings',
  sites: 'sync:sites',
  userPacks: 'local:userPacks',
  subscriptions: 'local:subscriptions',
  /** "I know this": defined in known-terms.ts, which the content script imports without this module. */
  knownTerms: KNOWN_TERMS_KEY,
} as const;

/**
 * The selection the explain command found on a page Termlens does not run on, for the popup it opens
 * to explain it. Session storage: gone when the browser closes, never synced or backed up.
 */
export const explainQueryItem = storage.defineItem<string | null>('session:explainQuery', { fallback: null });

export const settingsItem = storage.defineItem<GlobalSettings>(STORAGE_KEYS.settings, {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
});

/** Per-site overrides keyed by hostname; only sites that differ from the defaults are stored. */
export const sitesItem = storage.defineItem<SiteOverrides>(STORAGE_KEYS.sites, {
  fallback: {},
  version: SITES_VERSION,
  migrations: sitesMigrations,
});

export const userPacksItem = storage.defineItem<StoredPack[]>(STORAGE_KEYS.userPacks, {
  fallback: [],
  version: USER_PACKS_VERSION,
  migrations: userPacksMigrations,
});

export const subscriptionsItem = storage.defineItem<Subscription[]>(STORAGE_KEYS.subscriptions, {
  fallback: [],
  version: SUBSCRIPTIONS_VERSION,
  migrations: subscriptionsMigrations,
});

/** The organization's policy (storage.managed) as last read: null until the first read. */
export const managedPolicyItem = storage.defineItem<Record<string, unknown> | null>('local:managedPolicy', { fallback: null });
/** Managed subscriptions whose first fetch failed: when, and why (retried an hour later). */
export const managedAttemptsItem = storage.defineItem<Record<string, { at: number; error: string }>>('local:managedAttempts', {
  fallback: {},
});

/** Per sense, what its pack's last update changed, until a card has shown it (lib/settings/updates.ts). */
export const termUpdatesItem = storage.defineItem<unknown>('local:termUpdates', { fallback: {} });
/** The log of subscription updates the popup lists, and when the popup last showed it. */
export const packChangesItem = storage.defineItem<unknown>('local:packChanges', { fallback: [] });
export const changesSeenAtItem = storage.defineItem<number>('local:changesSeenAt', { fallback: 0 });

export const readSettings = async (): Promise<GlobalSettings> => normalizeSettings(await settingsItem.getValue());
export const readSites = async (): Promise<SiteOverrides> => normalizeSites(await sitesItem.getValue());
/**
 * The legacy sync key `siteAdapters` holds GitHub Enterprise hosts and diff scanning, which are per-site
 * settings: fold that key into `sites` once and remove it. True when it did.
 */
export async function migrateLegacySiteOptions(now = Date.now()): Promise<boolean> {
  const key = `sync:${LEGACY_SITE_OPTIONS_KEY}` as const;
  const legacy = await storage.getItem<unknown>(key);
  if (legacy === null) return false;
  await sitesItem.setValue(foldLegacySiteOptions(normalizeSites(await sitesItem.getValue()), legacy, now));
  await storage.removeItem(key);
  return true;
}

export const readUserPacks = async (): Promise<StoredPack[]> => normalizeUserPacks(await userPacksItem.getValue());
export const readSubscriptions = async (): Promise<Subscription[]> => normalizeSubscriptions(await subscriptionsItem.getValue());
export const readKnownTerms = async (): Promise<string[]> => normalizeKnownTerms(await knownTermsItem.getValue());
