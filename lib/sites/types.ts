// The contract every site adapter fulfils. Adapters are pure data + cheap predicates: no extension
// APIs, no React. The content script asks `detectSite` which one applies, scans `roots(doc)` and skips
// every element for which `exclude` says so (with all its descendants).

import type { RegionTest } from '../relevance/evidence';

export type SiteId = 'github' | 'grafana' | 'argocd' | 'generic';

export interface ExcludeOptions {
  /** Per-site option (GitHub): scan diff code too, for terms in code comments. Off by default. */
  scanDiffs?: boolean;
}

export interface SiteAdapter {
  id: SiteId;
  /**
   * Does this page belong to the site? From the page itself for self-hosted apps (Grafana, Argo CD), from
   * the hostname for GitHub (github.com plus the GitHub Enterprise hosts the user turned on).
   */
  matches(doc: Document, url: URL): boolean;
  /**
   * What people wrote, as opposed to the site's interface: matches outside `prose` or inside `chrome`
   * are not highlighted (checked once per matched block, lib/relevance/evidence.ts).
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
