// Which site adapter applies to a page. Self-hosted apps are recognised from the page itself; GitHub
// from the hostname (github.com and the GitHub Enterprise hosts the user turned on).
import { argocdAdapter } from './argocd';
import { genericAdapter } from './generic';
import { createGithubAdapter, githubAdapter, isGithubHost } from './github';
import { grafanaAdapter } from './grafana';
import { withExcludeOptions } from './options';
import type { ExcludeOptions, SiteAdapter, SiteId } from './types';

export type { ExcludeOptions, SiteAdapter, SiteId } from './types';
export { ARGOCD_RULES, argocdAdapter } from './argocd';
export { genericAdapter } from './generic';
export { GITHUB_RULES, createGithubAdapter, githubAdapter, githubPageKind, isGithubHost, normalizeHost, type GithubPageKind } from './github';
export { GRAFANA_RULES, grafanaAdapter } from './grafana';
export { compileRules, type CompiledRules, type RegionRules } from './rules';
export { SITE_OPTIONS_KEY, parseSiteOptions, withExcludeOptions, type SiteAdapterOptions } from './options';

/**
 * Which per-site settings each adapter offers, for the popup to show only those that apply:
 * `enterpriseHosts` (the host may be a GitHub Enterprise server), `scanDiffs` (diff code on GitHub).
 */
export const SITE_SETTINGS: Readonly<Record<SiteId, { enterpriseHosts: boolean; scanDiffs: boolean }>> = {
  github: { enterpriseHosts: true, scanDiffs: true },
  generic: { enterpriseHosts: true, scanDiffs: false },
  grafana: { enterpriseHosts: false, scanDiffs: false },
  argocd: { enterpriseHosts: false, scanDiffs: false },
};

export interface DetectOptions {
  /** GitHub Enterprise hosts the user turned on (`ghe.example.com`, or `host:port` for one port only). */
  githubHosts?: readonly string[];
}

/** Page-recognised adapters, most specific first. */
const FROM_PAGE: readonly SiteAdapter[] = [grafanaAdapter, argocdAdapter];

export function detectSite(doc: Document, url: URL, options: DetectOptions = {}): SiteAdapter {
  const hosts = options.githubHosts ?? [];
  if (isGithubHost(url, hosts)) return hosts.length === 0 ? githubAdapter : createGithubAdapter(hosts);
  for (const adapter of FROM_PAGE) if (adapter.matches(doc, url)) return adapter;
  return genericAdapter;
}

export interface SiteDetector {
  /** The page's adapter now: detected on the first call, then again only while it is generic. */
  detect(): SiteAdapter;
  /** The last detection (null before the first). */
  readonly current: SiteAdapter | null;
}

/**
 * A page's adapter over its life. Which site a document is does not change, except from "generic": a
 * self-hosted SPA (Grafana, Argo CD) may render what recognises it after first paint. So the content
 * script calls `detect()` on each (re)scan — the first one and one per in-page navigation — and only a
 * generic page pays for detection again. `exclude` options (diff scanning) are bound into the adapter.
 */
export function createSiteDetector(doc: Document, url: () => URL, options: DetectOptions & { exclude?: ExcludeOptions } = {}): SiteDetector {
  let current: SiteAdapter | null = null;
  return {
    detect() {
      if (current === null || current.id === 'generic') current = withExcludeOptions(detectSite(doc, url(), options), options.exclude ?? {});
      return current;
    },
    get current() {
      return current;
    },
  };
}
