// Settings shapes, their defaults and the zod schemas that guard every value read back from storage
// or from an imported backup file. Pure: no extension APIs, so the content script can use it too.
import { z } from 'zod';
import { packSchema } from '../glossary/schema';
import { SCOPE_ENTRY } from '../glossary/scope';
import { HIGHLIGHT_STYLES, type HighlightStyle } from './styles';

// Extension pages forbid `new Function`, which zod 4 uses to compile validators unless told not to.
z.config({ jitless: true });

export { HIGHLIGHT_STYLES, type HighlightStyle } from './styles';
export const highlightStyleSchema = z.enum(HIGHLIGHT_STYLES);

const packIdList = z.array(z.string().min(1).max(64)).max(200);

/** A scope as the user sets it: a few entries ("*", "github.com/acme", a host, a URL pattern). */
export function scopeSchema() {
  return z
    .array(z.string().trim().max(200).regex(SCOPE_ENTRY, 'a scope entry is "*", a host, "github.com/org[/repo]" or a URL pattern'))
    .max(20);
}

/** Settings that apply everywhere. Synced (storage.sync), so they stay small. */
export const globalSettingsSchema = z.strictObject({
  /** Default highlight style for sites without their own. Background by default: the cheapest style to paint. */
  style: highlightStyleSchema,
  /** Highlight only the first occurrence of each term on a page. */
  firstOnly: z.boolean(),
  /** Packs turned off everywhere (a site may turn one back on). */
  disabledPacks: packIdList,
  /** Preference order: the first pack's sense shows first. Packs missing here follow in their default order. */
  packOrder: packIdList,
  /** How often subscriptions are re-fetched, in hours. */
  refreshHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** The user's scope for a pack (pack id → scope entries), in place of the pack's own (lib/glossary/scope.ts). */
  packScopes: z.record(z.string().min(1).max(64), scopeSchema()).optional(),
  /** Termlens is paused everywhere: pages show no highlights and no cards until the user resumes. */
  paused: z.boolean().default(false),
});
export type GlobalSettings = z.infer<typeof globalSettingsSchema>;

export const DEFAULT_SETTINGS: GlobalSettings = Object.freeze({
  style: 'background',
  firstOnly: false,
  disabledPacks: [],
  packOrder: [],
  refreshHours: 24,
  paused: false,
}) as GlobalSettings;

/** One site's overrides. Only what differs from the global settings is stored (sync quota). */
export const siteOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  style: highlightStyleSchema.optional(),
  firstOnly: z.boolean().optional(),
  /** Packs turned on here although off globally. */
  packsOn: packIdList.optional(),
  /** Packs turned off here although on globally. */
  packsOff: packIdList.optional(),
  /** GitHub pages: scan diff code too (terms in code comments). Off by default. */
  scanDiffs: z.boolean().optional(),
  /**
   * This host is a GitHub Enterprise server: GitHub is recognised by hostname only (any page can copy
   * its markup), so a self-hosted GitHub counts once the user says so. github.com always does.
   */
  githubEnterprise: z.boolean().optional(),
  /** Last change (ms since epoch): the oldest overrides give way first when the synced item nears its quota. */
  t: z.number().optional(),
});
export type SiteOverride = z.infer<typeof siteOverrideSchema>;

/** Hostnames as the browser reports them (`github.com`, `127.0.0.1`, `grafana.example.com`). */
export const hostSchema = z.string().regex(/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/, 'a lowercase hostname');

export const siteOverridesSchema = z.record(hostSchema, siteOverrideSchema);
export type SiteOverrides = z.infer<typeof siteOverridesSchema>;

/** What a site's page actually uses: global settings with the site's overrides applied. */
export interface SiteSettings {
  host: string;
  enabled: boolean;
  style: HighlightStyle;
  firstOnly: boolean;
  /** Active packs on this site, in preference order. */
  packIds: string[];
  /** GitHub: scan diff code too. */
  scanDiffs: boolean;
  /** The host is a GitHub Enterprise server (the GitHub adapter applies). */
  githubEnterprise: boolean;
}

/** The editable part of a site's settings, as the popup sends it. */
export const sitePatchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  style: highlightStyleSchema.optional(),
  firstOnly: z.boolean().optional(),
  scanDiffs: z.boolean().optional(),
  githubEnterprise: z.boolean().optional(),
  /** Turn one pack on or off on this site. */
  pack: z.strictObject({ id: z.string().min(1).max(64), active: z.boolean() }).optional(),
});
export type SitePatch = z.infer<typeof sitePatchSchema>;

/** The global settings the options page changes directly (packs have their own messages). */
// `paused` without its default: a patch that does not name it leaves it as it is.
export const settingsPatchSchema = globalSettingsSchema
  .pick({ style: true, firstOnly: true, refreshHours: true })
  .extend({ paused: z.boolean() })
  .partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

// ---- user packs and subscriptions (storage.local: large) ------------------------------------

export const packOriginSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), name: z.string() }),
  z.strictObject({ kind: z.literal('subscription'), url: z.url({ protocol: /^https?$/ }) }),
]);
export type PackOrigin = z.infer<typeof packOriginSchema>;

export const storedPackSchema = z.strictObject({
  pack: packSchema,
  origin: packOriginSchema,
  /** The importer format it came from (`yaml`, `bold-lines`, `table`…). */
  format: z.string(),
  importedAt: z.number(),
});
export type StoredPack = z.infer<typeof storedPackSchema>;

export const subscriptionSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** The user pack this subscription keeps up to date. */
  packId: z.string(),
  format: z.string().optional(),
  addedAt: z.number(),
  /** Last attempt (success or not). */
  checkedAt: z.number().optional(),
  /** Last time a good version was fetched. */
  updatedAt: z.number().optional(),
  /** Why the last refresh failed; the previous good version stays in use. */
  error: z.string().optional(),
  /** What the last successful refresh changed, as `formatDiff` prints it. */
  lastDiff: z.string().optional(),
  /** The pack name the user gave when subscribing: refreshes keep it rather than the source's title. */
  name: z.string().optional(),
  /** Added by the organization's policy (storage.managed): removed when the policy drops it, not by the user. */
  managed: z.boolean().optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** Dismissed words ("I know this"): pattern keys such as `term:argo cd`. */
export const knownTermsSchema = z.array(z.string().min(1));
