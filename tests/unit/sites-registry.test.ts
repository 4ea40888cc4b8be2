// The site registry's conformance test: every adapter in lib/sites is declared as data (its id, how it
// is recognised, its settings, the real pages its rules were written against) and registered, and no UI
// code names a site id, so adding a site is one adapter file plus one registry line and nothing hidden.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSiteSettings } from '../../lib/settings';
import { SITES, detectSite, offeredSettings, type SiteDefinition } from '../../lib/sites';

const root = resolve(import.meta.dirname, '../..');
const SITES_DIR = join(root, 'lib/sites');
const FIXTURES = join(root, 'tests/fixtures/sites');
/** The files of lib/sites that are the registry's machinery, not adapters. */
const MACHINERY = new Set(['index.ts', 'registry.ts', 'types.ts', 'rules.ts', 'options.ts']);
/** Where UI code lives: the popup, the options page and the shared components (the card included). */
const UI_DIRS = ['components', 'entrypoints/popup', 'entrypoints/options'];

const modules = import.meta.glob('../../lib/sites/*.ts', { eager: true }) as Record<string, Record<string, unknown>>;
const registered = SITES as readonly SiteDefinition[];
const ids = registered.map((site) => site.id);

function isDefinition(value: unknown): value is SiteDefinition {
  return typeof value === 'object' && value !== null && 'id' in value && 'recognisedBy' in value && 'adapter' in value;
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function fixtures(): { name: string; doc: Document }[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.html'))
    .map((name) => ({ name, doc: parse(readFileSync(join(FIXTURES, name), 'utf8')) }));
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(?:ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

/** Each place `source` names a site id as a string literal or a property (`'grafana'`, `SETTINGS.generic`). */
function namedSiteIds(source: string, siteIds: readonly string[]): string[] {
  const alternatives = siteIds.map((id) => id.replace(/[-]/g, '\\-')).join('|');
  const literal = new RegExp(`(['"\`])(${alternatives})\\1`, 'g');
  const property = new RegExp(`[A-Za-z_$)\\]]\\.(${alternatives})\\b(?![.\\w-])`, 'g');
  return [...source.matchAll(literal), ...source.matchAll(property)].map((m) => m[0]);
}

describe('the site registry', () => {
  it('registers every adapter file of lib/sites, each under its own file name', () => {
    const adapterFiles = readdirSync(SITES_DIR).filter((name) => name.endsWith('.ts') && !MACHINERY.has(name));
    for (const file of adapterFiles) {
      const exported = Object.values(modules[`../../lib/sites/${file}`] ?? {}).filter(isDefinition);
      expect(
        exported.map((site) => site.id),
        `lib/sites/${file} exports one defineSite({...})`,
      ).toEqual([basename(file, '.ts')]);
      expect(registered, `lib/sites/${file}'s definition is in SITES (lib/sites/registry.ts)`).toContain(exported[0]);
    }
    expect(ids.toSorted()).toEqual(adapterFiles.map((file) => basename(file, '.ts')).toSorted());
  });

  it.each(registered.map((site) => [site.id, site] as const))('%s declares its id, name, recognition and adapter', (id, site) => {
    expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(ids.filter((other) => other === id)).toHaveLength(1);
    expect(site.name.trim()).not.toBe('');
    expect(['host', 'page', 'fallback']).toContain(site.recognisedBy);
    expect(site.adapter.id, 'the adapter carries its definition id').toBe(id);
    expect(site.adapter.preferredSite).toBe(id);
    expect(site.adapter.navigationEvents.length).toBeGreaterThan(0);
  });

  it('has exactly one fallback, which recognises any page', () => {
    const fallbacks = registered.filter((site) => site.recognisedBy === 'fallback');
    expect(fallbacks.map((site) => site.id)).toHaveLength(1);
    expect(detectSite(parse('<p>hello</p>'), new URL('https://example.test/')).id).toBe(fallbacks[0]!.id);
  });

  it.each(registered.map((site) => [site.id, site] as const))('%s lists the real pages its rules were written against', (id, site) => {
    expect(site.testUrls.length, `${id}: at least one Test URL`).toBeGreaterThan(0);
    const urls = site.testUrls.map((test) => test.url);
    expect(new Set(urls).size, `${id}: Test URLs are distinct`).toBe(urls.length);
    for (const test of site.testUrls) {
      expect(new URL(test.url).protocol, test.url).toBe('https:');
      expect(test.shows.trim(), `${test.url}: what the page shows`).not.toBe('');
    }
  });

  it.each(registered.filter((site) => site.recognisedBy === 'host').map((site) => [site.id, site] as const))(
    '%s (recognised by host) is detected at each of its Test URLs whatever the page holds',
    (id, site) => {
      for (const { url } of site.testUrls) expect(detectSite(parse('<p>hello</p>'), new URL(url)).id, url).toBe(id);
    },
  );

  it.each(registered.filter((site) => site.recognisedBy !== 'fallback').map((site) => [site.id, site] as const))(
    '%s has a saved page in tests/fixtures/sites/ and recognises no other site’s',
    (id, site) => {
      const all = fixtures();
      const own = all.filter((f) => f.name.startsWith(`${id}-`));
      expect(
        own.map((f) => f.name),
        `tests/fixtures/sites/${id}-*.html`,
      ).not.toEqual([]);
      // A page-recognised site is recognised from the page wherever it is served.
      const where = site.recognisedBy === 'host' ? new URL(site.testUrls[0]!.url) : new URL('https://self-hosted.example.test/');
      for (const f of own) expect(detectSite(f.doc, where).id, f.name).toBe(id);
      if (site.recognisedBy === 'page') {
        for (const f of all.filter((other) => !other.name.startsWith(`${id}-`)))
          expect(site.adapter.matches(f.doc, where), f.name).toBe(false);
      }
    },
  );

  it.each(registered.filter((site) => site.recognisedBy !== 'fallback').map((site) => [site.id, site] as const))(
    '%s names its prose (what a first scan with relevance on walks), found on each of its saved pages',
    (id, site) => {
      const { prose, chrome, code } = site.adapter.regions ?? {};
      expect(prose, `${id}: regions.prose`).toBeTruthy();
      for (const selector of [prose, chrome, code])
        if (selector) expect(() => parse('<p></p>').querySelector(selector), selector).not.toThrow();
      for (const f of fixtures().filter((other) => other.name.startsWith(`${id}-`)))
        expect(f.doc.querySelector(prose!), `${f.name} has prose under ${id}'s regions`).not.toBeNull();
    },
  );

  it('declares every per-site switch of the settings exactly once, with a label', () => {
    const settings = resolveSiteSettings(DEFAULT_SETTINGS, {}, 'example.test', []);
    const flags = Object.entries(settings)
      .filter(([key, value]) => typeof value === 'boolean' && key !== 'enabled' && key !== 'firstOnly')
      .map(([key]) => key);
    const declared = registered.flatMap((site) => site.settings.map((setting) => setting.key));
    expect(declared.toSorted()).toEqual(flags.toSorted());
    for (const setting of registered.flatMap((site) => site.settings)) {
      expect(setting.label.trim(), setting.key).not.toBe('');
      expect(typeof setting.offered({ host: 'example.test', detected: undefined, settings }), setting.key).toBe('boolean');
    }
  });

  it('offers a site’s switches only where its adapter may apply', () => {
    const settings = resolveSiteSettings(DEFAULT_SETTINGS, {}, 'example.test', []);
    for (const site of registered.filter((s) => s.recognisedBy === 'page')) {
      const groups = offeredSettings({ host: 'apps.example.test', detected: site.id, settings });
      // Only the detected site's own switches (a page-recognised app is not another site as well).
      expect(
        groups.map((g) => g.name).filter((name) => name !== site.name),
        site.id,
      ).toEqual([]);
    }
  });
});

describe('UI code', () => {
  it('names no site id: what a site offers comes from its definition', () => {
    const offenders = UI_DIRS.flatMap((dir) => sourceFiles(join(root, dir))).flatMap((path) =>
      namedSiteIds(readFileSync(path, 'utf8'), ids).map((hit) => `${relative(root, path)}: ${hit}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the check finds a site id named in code', () => {
    expect(namedSiteIds(`if (detected !== 'grafana' && detected !== "argocd") show(SITE_SETTINGS.generic);`, ids)).toEqual([
      "'grafana'",
      '"argocd"',
      'S.generic',
    ]);
    expect(namedSiteIds(`const host = 'www.github.com'; // github.com`, ids)).toEqual([]);
  });
});
