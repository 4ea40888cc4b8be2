// Which site adapter applies to a page. Self-hosted apps are recognised from the page itself; GitHub
// from the hostname (github.com and the GitHub Enterprise hosts the user turned on).
import { argocdAdapter } from './argocd';
import { genericAdapter } from './generic';
import { createGithubAdapter, githubAdapter, isGithubHost } from './github';
import { grafanaAdapter } from './grafana';
import type { SiteAdapter, SiteId } from './types';

export type { ExcludeOptions, SiteAdapter, SiteId } from './types';
export { ARGOCD_RULES, argocdAdapter } from './argocd';
export { genericAdapter } from './generic';
export { GITHUB_RULES, createGithubAdapter, githubAdapter, githubPageKind, isGithubHost, normalizeHost, type GithubPageKind } from './github';
export { GRAFANA_RULES, grafanaAdapter } from './grafana';
export { collectScopedText, isInScope } from './scope';
export { compileRules, type CompiledRules, type RegionRules } from './rules';
export { DEFAULT_SITE_OPTIONS, SITE_OPTIONS_KEY, excludeOptionsFor, hostListed, parseSiteOptions, withExcludeOptions, type SiteAdapterOptions } from './options';

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

const BY_ID: Record<SiteId, SiteAdapter> = {
  github: githubAdapter,
  grafana: grafanaAdapter,
  argocd: argocdAdapter,
  generic: genericAdapter,
};

/** The adapter with this id (github.com-only for "github"), e.g. for a site the user pinned in settings. */
export function adapterById(id: SiteId): SiteAdapter {
  return BY_ID[id];
}
