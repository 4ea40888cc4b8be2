// `npm run new:site -- <id> [--host]`: a new site adapter, registered. Writes lib/sites/<id>.ts (an
// adapter that recognises nothing yet, no Test URLs) and adds it to SITES in lib/sites/registry.ts,
// just before the fallback. The conformance test (tests/unit/sites-registry.test.ts) then fails until
// the adapter is filled in: Test URLs, a saved page in tests/fixtures/sites/<id>-*.html, recognition.
// docs/adding-a-site-adapter.md walks through the rest.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const id = args.find((arg) => !arg.startsWith('--'));
const byHost = args.includes('--host');

function fail(message: string): never {
  console.error(`new:site: ${message}`);
  process.exit(1);
}

if (!id || !/^[a-z][a-z0-9-]*$/.test(id))
  fail('usage: npm run new:site -- <id> [--host]   (id: lowercase letters, digits, dashes, e.g. "gitlab")');
const file = join(root, 'lib/sites', `${id}.ts`);
if (existsSync(file)) fail(`lib/sites/${id}.ts exists already`);

const camel = id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const name = id.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());
const recognise = byHost
  ? `/** The site's own hostnames (a host-recognised site: the hostname is what the user granted). */
const HOSTS = new Set<string>([]);

export const ${camel}Adapter: SiteAdapter = {
  id: '${id}',
  matches: (_doc, url) => HOSTS.has(url.hostname.toLowerCase()),`
  : `/** Something only this app's pages have (a body class, a root element, an inline boot script). */
export function is${camel[0]!.toUpperCase()}${camel.slice(1)}(doc: Document): boolean {
  return doc.querySelector('[data-replace-with-what-recognises-${id}]') !== null;
}

export const ${camel}Adapter: SiteAdapter = {
  id: '${id}',
  matches: (doc) => is${camel[0]!.toUpperCase()}${camel.slice(1)}(doc),`;

writeFileSync(
  file,
  `// ${name}: which pages, and what on them is prose.
//
// Test URLs: \`${camel}Site.testUrls\` at the end of this file (the rules were written against those pages).
import { compileRules } from './rules';
import { defineSite, type SiteAdapter } from './types';

/** Regions left alone: code, names, machine output (see rules.ts for what a rule may name). */
const EXCLUDED = compileRules({ classes: [] });

${recognise}
  roots: (doc) => (doc.body ? [doc.body] : []),
  // What people wrote, against the site's interface: no highlight inside \`chrome\` (or outside \`prose\`).
  regions: { chrome: 'nav, [role="navigation"], [role="banner"], [role="menu"], [role="tablist"]' },
  exclude: (el) => EXCLUDED.test(el),
  // Packs name this id in a term's \`sites\` to prefer that sense here.
  preferredSite: '${id}',
  // In-page navigations after which the page is rescanned (history API routers fire popstate).
  navigationEvents: ['popstate'],
};

export const ${camel}Site = defineSite({
  id: '${id}',
  name: '${name}',
  recognisedBy: '${byHost ? 'host' : 'page'}',
  adapter: ${camel}Adapter,
  settings: [],
  testUrls: [],
});
`,
);

const registryPath = join(root, 'lib/sites/registry.ts');
let registry = readFileSync(registryPath, 'utf8');
const imports = [...registry.matchAll(/^import \{ \w+Site \} from '\.\/[\w-]+';\n/gm)];
const lastImport = imports[imports.length - 1];
const list = /export const SITES = \[([^\]]*)\]/.exec(registry);
if (!lastImport || !list) fail('lib/sites/registry.ts has changed shape: add the import and the SITES entry by hand');
const at = lastImport.index + lastImport[0].length;
registry = `${registry.slice(0, at)}import { ${camel}Site } from './${id}';\n${registry.slice(at)}`;
registry = registry.replace(/export const SITES = \[([^\]]*)\]/, (_, entries: string) => {
  const names = entries
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  names.splice(Math.max(0, names.length - 1), 0, `${camel}Site`);
  return `export const SITES = [${names.join(', ')}]`;
});
writeFileSync(registryPath, registry);

console.log(`Wrote lib/sites/${id}.ts and registered ${camel}Site in lib/sites/registry.ts. Next:
  1. Save a page of the site, trimmed, as tests/fixtures/sites/${id}-<screen>.html (record its origin in that folder's README).
  2. Fill in testUrls (real public pages) and ${byHost ? 'HOSTS' : 'what recognises the page'}, then the EXCLUDED rules.
  3. npx vitest run tests/unit/sites-registry.test.ts tests/unit/sites.test.ts
See docs/adding-a-site-adapter.md.`);
