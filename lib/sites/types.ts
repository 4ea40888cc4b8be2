// The contract every site adapter fulfils. Adapters are pure data + cheap predicates: no extension
// APIs, no React. The content script asks `detectSite` which one applies, scans `roots(doc)` and skips
// every element for which `exclude` says so (with all its descendants). Each adapter file also exports
// its `SiteDefinition` (registry.ts lists them): the id, how the site is recognised, the settings the
// popup offers for it and the pages its rules were written against.
import type { SiteSettings } from '../settings/types';
import type { SiteId } from './registry';

import type { RegionTest } from '../relevance/evidence';

export type { SiteId } from './registry';

export interface ExcludeOptions {
  /** Per-site option (GitHub): scan diff code too, for terms in code comments. Off by default. */
  scanDiffs?: boolean;
}

export interface DetectOptions {
  /** GitHub Enterprise hosts the user turned on (`ghe.example.com`, or `host:port` for one port only). */
  githubHosts?: readonly string[];
}

export interface SiteAdapter {
  /** The id of the `SiteDefinition` this adapter belongs to. */
  id: SiteId;
  /**
   * Does this page belong to the site? From the page itself for self-hosted apps (Grafana, Argo CD), from
   * the hostname for GitHub (github.com plus the GitHub Enterprise hosts the user turned on).
   */
  matches(doc: Document, url: URL): boolean;
  /**
   * What people wrote, as opposed to the site's interface: matches outside `prose` or inside `chrome`
   * are not highlighted (checked once per matched block, lib/relevance/evidence.ts). With relevance on,
   * a full scan walks only the outermost `prose` elements; text added or changed later is scanned
   * wherever it is and filtered the same way. `chrome` then only has to name the interface that sits
   * inside the prose (a panel's menu, a row's buttons).
   */
  regions?: RegionTest;
  /** Elements whose text should be scanned. */
  roots(doc: Document): Element[];
  /**
   * True when `el` must be skipped with all its descendants. Called by the scanner for every element it
   * walks, so it is a few set lookups on the element's classes and attributes (see rules.ts).
   */
  exclude(el: Element, options?: ExcludeOptions): boolean;
  /** The site id packs name in a term's `sites` to make that sense the preferred one here. */
  preferredSite: string;
  /** Events (on `document` or `window`) after which the site has navigated in-page: rescan. */
  navigationEvents: string[];
}

/** The per-site switches a site may offer: the boolean fields of `SiteSettings` beyond on/off and first-only. */
export type SiteFlag = Exclude<
  { [K in keyof SiteSettings]: SiteSettings[K] extends boolean ? K : never }[keyof SiteSettings],
  'enabled' | 'firstOnly'
>;

/** What the popup knows about its tab when it decides which site settings to show. */
export interface SettingContext {
  /** The tab's hostname (`github.com`, `grafana.example.com`). */
  host: string;
  /** The id of the adapter the tab's content script detected, when it runs there. */
  detected: string | undefined;
  /** The site's current settings. */
  settings: SiteSettings;
}

export interface SiteSettingDefinition {
  key: SiteFlag;
  /** The checkbox's label. */
  label: string;
  /** A muted note after the label. */
  hint?: string;
  /** Whether the popup offers the setting for this tab. */
  offered(context: SettingContext): boolean;
}

export interface TestUrl {
  url: string;
  /** What the page shows that the adapter's rules are about. */
  shows: string;
}

export interface SiteDefinition<Id extends string = string> {
  id: Id;
  /** The site's name, as the popup titles its settings. */
  name: string;
  /**
   * How a page is recognised: `host` from the URL's hostname alone, `page` from the document (self-hosted
   * apps on any hostname), `fallback` for the one adapter that takes every other page.
   */
  recognisedBy: 'host' | 'page' | 'fallback';
  /** The adapter, as detection returns it for this site without options. */
  adapter: SiteAdapter;
  /** The adapter for a page under the user's detection options (GitHub Enterprise hosts). Defaults to `adapter`. */
  withOptions?(options: DetectOptions): SiteAdapter;
  /** Switches the popup offers on this site's pages (empty: none beyond the common ones). */
  settings: readonly SiteSettingDefinition[];
  /** Real public pages the rules were written against, to re-check when the site's markup changes. */
  testUrls: readonly TestUrl[];
}

/** Keeps the literal id type, so `SiteId` can be derived from the registry. */
export function defineSite<const Id extends string>(definition: SiteDefinition<Id>): SiteDefinition<Id> {
  return definition;
}
