// The site registry: every adapter Termlens knows, as data. Detection, the popup's per-site settings
// and `SiteId` all come from this list, and tests/unit/sites-registry.test.ts checks each entry (its
// file, recognition, settings and Test URLs) and that no UI code names a site id. Adding a site means
// one file in lib/sites and one line here (`npm run new:site -- <id>` writes both).
import { argocdSite } from './argocd';
import { genericSite } from './generic';
import { githubSite } from './github';
import { grafanaSite } from './grafana';
import type { SettingContext, SiteDefinition, SiteSettingDefinition } from './types';

/**
 * In detection order within each kind: host-recognised sites first (the hostname is what the user
 * granted), then page-recognised ones (most specific first), then the fallback.
 */
export const SITES = [githubSite, grafanaSite, argocdSite, genericSite] as const satisfies readonly SiteDefinition[];

export type SiteId = (typeof SITES)[number]['id'];

export const SITE_IDS: readonly SiteId[] = SITES.map((site) => site.id);

export function siteById(id: string): SiteDefinition | undefined {
  return SITES.find((site) => site.id === id);
}

export interface OfferedSettings {
  /** The site's name, as the group's legend. */
  name: string;
  settings: SiteSettingDefinition[];
}

/** The per-site switches the popup shows for its tab, grouped by the site that declares them. */
export function offeredSettings(context: SettingContext): OfferedSettings[] {
  const groups: OfferedSettings[] = [];
  for (const site of SITES as readonly SiteDefinition[]) {
    const settings = site.settings.filter((setting) => setting.offered(context));
    if (settings.length > 0) groups.push({ name: site.name, settings });
  }
  return groups;
}
