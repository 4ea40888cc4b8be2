// The legacy site-adapter choices (storage.sync, key SITE_OPTIONS_KEY): which hosts are GitHub
// Enterprise (GitHub is recognised by hostname only), and on which hosts diff code is scanned too.
// They are per-site settings (lib/settings: `githubEnterprise`, `scanDiffs`); the legacy key is only
// read to fold it into them (foldLegacySiteOptions). Stored values are read defensively.
import { normalizeHost } from './github';
import type { ExcludeOptions, SiteAdapter } from './types';

/** The legacy `chrome.storage.sync` key (WXT: `sync:siteAdapters`). */
export const SITE_OPTIONS_KEY = 'siteAdapters';

export interface SiteAdapterOptions {
  /** GitHub Enterprise hosts the user turned on (`ghe.example.com`, or `host:port`). */
  githubHosts: string[];
  /** Hosts where GitHub diff code is scanned too (for terms in code comments). */
  scanDiffs: string[];
}

const MAX_HOSTS = 100;

function hostList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out = new Set<string>();
  for (const entry of value) {
    if (typeof entry !== 'string') continue;
    const host = normalizeHost(entry);
    // Hostnames, IPv4, [IPv6], each with an optional port: nothing else is a host.
    if (/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(host)) out.add(host);
    if (out.size >= MAX_HOSTS) break;
  }
  return [...out];
}

/** Whatever storage returned → valid options (invalid entries dropped, never an exception). */
export function parseSiteOptions(raw: unknown): SiteAdapterOptions {
  if (typeof raw !== 'object' || raw === null) return { githubHosts: [], scanDiffs: [] };
  const record = raw as Record<string, unknown>;
  return { githubHosts: hostList(record.githubHosts), scanDiffs: hostList(record.scanDiffs) };
}

/**
 * The adapter with this page's options bound in, so a scanner that calls `exclude(el)` gets them.
 * Precompiles nothing new: it only picks which of the adapter's selector lists applies.
 */
export function withExcludeOptions(adapter: SiteAdapter, options: ExcludeOptions): SiteAdapter {
  if (!options.scanDiffs) return adapter;
  return { ...adapter, exclude: (el) => adapter.exclude(el, options) };
}
