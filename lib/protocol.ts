// The one typed message protocol between content scripts, the popup/options pages and the background.
// Each request type maps to its response type. Protocol: answered by the background; TabProtocol:
// answered by the content script in a tab (the popup asks it for the page's terms).
import type { PageRelevance } from './relevance/page-relevance';
import type { IndexEntry, PackMeta } from './glossary/compile';
import type { MatcherTransfer } from './matcher';
import type { SearchHit } from './search';
import type {
  Backup,
  GlobalSettings,
  HighlightStyle,
  ManagedPolicy,
  ManagedSite,
  PackChange,
  PackOrigin,
  SitePatch,
  SiteSettings,
  Subscription,
} from './settings';
import type { SiteId } from './sites/types';

export interface Stats {
  packs: Array<Pick<PackMeta, 'id' | 'name' | 'version' | 'termCount'>>;
  termCount: number;
}

export interface Protocol {
  stats: { request: Record<string, never>; response: Stats };
  /** Senses of a matched key among the packs active on `host`, preferred first; `site` (adapter id) prefers that site's senses. */
  lookup: {
    /** `surface`: the words as selected on the page (for a suggestion's title when no pack knows them). */
    request: { key: string; site?: string; host?: string; url?: string; surface?: string };
    /** `packHomepages`: pack id → homepage, for the card's `see` links. */
    response: { senses: IndexEntry[]; packNames: Record<string, string>; packHomepages?: Record<string, string>; extras?: CardExtras };
  };
  /** The card showed these senses' "updated" notes: they are not shown again. */
  seenUpdates: { request: { ids: string[] }; response: { ok: true } };
}

/** What the card shows besides the senses: whom to ask, where to suggest, what changed. */
export interface CardExtras {
  /** Pack id → where it comes from, whom to ask, its license. */
  packHome?: Record<string, { source?: string; maintainer?: string; license?: string }>;
  /** Sense id → a prefilled new issue on its pack's GitHub repository ("Suggest a fix"). */
  fixUrls?: Record<string, string>;
  /** No pack knows the words: the packs here that take suggestions ("Suggest for <pack>"). */
  suggest?: Array<{ packId: string; packName: string; url: string }>;
  /** Sense id → what its pack's last update changed ("definition changed"), until a card has shown it. */
  updates?: Record<string, string>;
}

export type RequestType = keyof Protocol;

/**
 * The only requests a content script may send (find, look up, load the card). A web page can drive
 * its content script, so settings, packs, imports, backup and reset are for extension pages alone.
 */
export const CONTENT_SCRIPT_REQUESTS = [
  'matcher',
  'matcherChunk',
  'lookup',
  'loadCard',
  'seenUpdates',
] as const satisfies readonly RequestType[];
export type ContentScriptRequest = (typeof CONTENT_SCRIPT_REQUESTS)[number];
export type Message<T extends RequestType = RequestType> = { type: T } & Protocol[T]['request'];
export type Reply<T extends RequestType> = { ok: true; value: Protocol[T]['response'] } | { ok: false; error: string };

// ---- glossary, search, settings and packs (popup and options pages) -------------------------------
// Declared as a second `Protocol` block (interfaces merge) so each feature's messages stay together.

/** A pack as the popup and options list it. */
export interface PackInfo extends Pick<PackMeta, 'id' | 'name' | 'version' | 'description' | 'termCount'> {
  source?: string;
  bundled: boolean;
  /** On globally (a site may still turn it off, or on). */
  enabled: boolean;
  /** Where a user pack came from. */
  origin?: PackOrigin;
  subscription?: Subscription;
  /** Where it applies: the user's scope if they set one, else the pack's own; absent: home unknown. */
  scope?: string[];
  /** The scope is the user's choice (not the pack's). */
  scopeByUser?: boolean;
  /** The pack's own scope, when it states one. */
  packScope?: string[];
  private?: boolean;
  homepage?: string;
  /** Whom to ask about the pack, and its terms' license (the pack's own fields). */
  maintainer?: string;
  license?: string;
  /** What the organization's policy sets for this pack: the user cannot change these. */
  managed?: { enabled?: true; subscription?: true; scope?: true };
}

/** What the organization's policy (storage.managed) sets, for the options page and the popup. */
export interface ManagedInfo {
  /** Anything is managed at all. */
  active: boolean;
  policy: ManagedPolicy;
  /** Policy entries that were dropped as invalid, and managed subscriptions that could not be stored. */
  errors: string[];
  /** Managed sites and whether the browser has granted the host permission yet (asking needs a click). */
  sites: Array<ManagedSite & { granted: boolean }>;
}

export interface Protocol {
  managed: { request: Record<string, never>; response: ManagedInfo };
  /** Subscription updates since the popup last showed them; `markSeen`: it shows them now. */
  changes: { request: { markSeen?: boolean }; response: { changes: PackChange[]; since: number } };
}

/** What an import would add or change, shown before the user commits it. */
export interface ImportPreview {
  pack: Pick<PackMeta, 'id' | 'name' | 'version' | 'termCount'>;
  /** The importer shape that read it (`pack`, `bold`, `table`, `context`…). */
  format: string;
  warnings: string[];
  /** True when it replaces a user pack with the same id; the lists below are then the diff. */
  replaces: boolean;
  added: string[];
  removed: string[];
  changed: string[];
  /** The diff as `formatDiff` prints it (empty for a new pack). */
  diff: string;
}

export type ImportSource =
  { kind: 'text'; name: string; text: string } | { kind: 'files'; name: string; files: Array<{ path: string; text: string }> };
export interface ImportOptions {
  format?: string;
  id?: string;
  name?: string;
}
/** Expected failures (a broken file, a 404) are answers, not exceptions: `errors` are `file:line:col: …` lines. */
export type ImportResult = { ok: true; preview: ImportPreview; committed: boolean } | { ok: false; errors: string[] };

export interface Protocol {
  /** Fuzzy search over the globally enabled packs; `ms` is the time the search itself took. */
  search: { request: { query: string; limit?: number }; response: { hits: SearchHit[]; ms: number } };
  /** One entry by id, followed by the other senses of the same headword; pack names for the card. */
  entry: { request: { id: string; host?: string }; response: { senses: IndexEntry[]; packNames: Record<string, string> } };
  /** Settings for the popup/options; `site` when a host is given. */
  settings: { request: { host?: string }; response: { settings: GlobalSettings; site?: SiteSettings; packs: PackInfo[] } };
  /** Change one site's settings; open pages of that site follow at once (they watch the stored settings). */
  /** `forgotten`: the sites whose own settings were dropped to keep the synced item within its quota, oldest first. */
  setSiteSettings: { request: { host: string; patch: SitePatch }; response: { site: SiteSettings; forgotten?: string[] } };
  setSettings: {
    request: { patch: Partial<Pick<GlobalSettings, 'style' | 'firstOnly' | 'refreshHours' | 'paused'>> };
    response: { settings: GlobalSettings };
  };
  packs: { request: Record<string, never>; response: { packs: PackInfo[] } };
  setPackEnabled: { request: { id: string; enabled: boolean }; response: { packs: PackInfo[] } };
  /** The user's scope for a pack; `scope: null` gives it back the pack's own. */
  setPackScope: { request: { id: string; scope: string[] | null }; response: { packs: PackInfo[] } };
  movePack: { request: { id: string; delta: -1 | 1 }; response: { packs: PackInfo[] } };
  /** Preview (commit: false) or store (commit: true) a pack from a file. */
  importPack: { request: { source: ImportSource; options?: ImportOptions; commit: boolean }; response: ImportResult };
  removePack: { request: { id: string }; response: { packs: PackInfo[] } };
  /** Fetch a glossary URL, preview it, and with commit: true store it and refresh it on a schedule. */
  /** `previewed`: the preview the user saw; a commit whose fetch reads differently stores nothing. */
  subscribe: { request: { url: string; options?: ImportOptions; commit: boolean; previewed?: ImportPreview }; response: ImportResult };
  /** Re-fetch now. A failed or invalid fetch keeps the last good version; the subscription says why. */
  refreshSubscription: { request: { packId: string }; response: { ok: boolean; subscription: Subscription; changed: boolean } };
  exportAll: { request: Record<string, never>; response: { backup: Backup } };
  /** Restore a backup file: all or nothing. `forgotten`: its sites that did not fit the synced item, oldest first. */
  importAll: { request: { text: string; file: string }; response: { ok: true; forgotten?: string[] } | { ok: false; errors: string[] } };
  /** Settings, site choices and dismissed words back to defaults; with `packs`, user packs and subscriptions go too. */
  reset: { request: { packs?: boolean }; response: { settings: GlobalSettings; packs: PackInfo[] } };
}

// ---- the content script's own requests (find, highlight and explain) -----------------------------

/** What a content script needs to run on a page: only the matcher for the packs active there, no definitions. */
export interface PageSetup {
  enabled: boolean;
  style: HighlightStyle;
  firstOnly: boolean;
  /** GitHub: scan diff code too (the site's "Scan diff code"). */
  scanDiffs: boolean;
  /** The user marked this host as a GitHub Enterprise server: the GitHub adapter applies. */
  githubEnterprise: boolean;
  /** The matcher's header and first chunk (see lib/matcher/transfer.ts); null when the site is off or no pack is active there. */
  matcher: MatcherTransfer | null;
  /**
   * Per matcher pattern, what relevance needs (lib/relevance/page-relevance.ts); `id` changes when the
   * packs active at this URL or their scopes do. Absent with no matcher.
   */
  relevance?: PageRelevance & { id: string };
}

export interface Protocol {
  /** `url`: the page's address, for the packs' scopes (a GitHub org or repo, a URL pattern). */
  matcher: { request: { host: string; url?: string }; response: PageSetup };
  /** Chunk `index` (≥ 1) of the matcher `id` a `matcher` answer announced: one message per chunk keeps each page task short. */
  matcherChunk: { request: { host: string; id: string; index: number }; response: { data: string } };
  /** Put the card's code (React + the card) into the asking tab's content-script world, on first use. */
  loadCard: { request: Record<string, never>; response: { loaded: boolean } };
}

// ---- messages to a tab's content script (browser.tabs.sendMessage) -------------------------------

export interface PageTerm {
  /** The matcher key (`term:kubelet`), what `scrollToTerm` and `lookup` take. */
  key: string;
  /** The text as first found on the page. */
  text: string;
  count: number;
}

export interface TabProtocol {
  /** The terms found on the page, most frequent first, and the site adapter the page was detected as. */
  pageTerms: { request: Record<string, never>; response: { terms: PageTerm[]; site?: SiteId } };
  /** Scroll to the next occurrence of a term (cycling) and flash it. */
  scrollToTerm: {
    request: { key: string };
    response: { found: boolean; /** 0-based occurrence scrolled to. */ index: number; count: number };
  };
  /** The keyboard command: explain the selection (or the term at the caret) in the card, focused. */
  explainSelection: { request: Record<string, never>; response: { shown: boolean } };
}
export type TabRequestType = keyof TabProtocol;
export type TabMessage<T extends TabRequestType = TabRequestType> = { type: T } & TabProtocol[T]['request'];
