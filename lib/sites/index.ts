// Which site adapter applies to a page, from the registry (registry.ts): a host-recognised site by
// the hostname (github.com and the GitHub Enterprise hosts the user turned on), a self-hosted app from
// the page itself, and every other page by the fallback.
import { withExcludeOptions } from './options';
import { SITES } from './registry';
import type { DetectOptions, ExcludeOptions, SiteAdapter, SiteDefinition } from './types';

export type {
  DetectOptions,
  ExcludeOptions,
  SettingContext,
  SiteAdapter,
  SiteDefinition,
  SiteFlag,
  SiteSettingDefinition,
  TestUrl,
} from './types';
export { SITES, SITE_IDS, offeredSettings, siteById, type OfferedSettings, type SiteId } from './registry';
export { ARGOCD_RULES, argocdAdapter } from './argocd';
export { genericAdapter } from './generic';
export {
  GITHUB_RULES,
  createGithubAdapter,
  githubAdapter,
  githubPageKind,
  isGithubHost,
  normalizeHost,
  type GithubPageKind,
} from './github';
export { GRAFANA_RULES, grafanaAdapter } from './grafana';
export { compileRules, type CompiledRules, type RegionRules } from './rules';
export { SITE_OPTIONS_KEY, parseSiteOptions, withExcludeOptions, type SiteAdapterOptions } from './options';

const RECOGNITION_ORDER = ['host', 'page', 'fallback'] as const;
const BY_RECOGNITION: readonly SiteDefinition[] = RECOGNITION_ORDER.flatMap((kind) => SITES.filter((site) => site.recognisedBy === kind));
const FALLBACK = BY_RECOGNITION[BY_RECOGNITION.length - 1]!.adapter;

export function detectSite(doc: Document, url: URL, options: DetectOptions = {}): SiteAdapter {
  for (const site of BY_RECOGNITION) {
    const adapter = site.withOptions ? site.withOptions(options) : site.adapter;
    if (adapter.matches(doc, url)) return adapter;
  }
  return FALLBACK;
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
export function createSiteDetector(
  doc: Document,
  url: () => URL,
  options: DetectOptions & { exclude?: ExcludeOptions } = {},
): SiteDetector {
  let current: SiteAdapter | null = null;
  return {
    detect() {
      if (current === null || current.id === FALLBACK.id)
        current = withExcludeOptions(detectSite(doc, url(), options), options.exclude ?? {});
      return current;
    },
    get current() {
      return current;
    },
  };
}
