import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { everydayWordsPlugin, glossaryIndexPlugin } from './scripts/glossary-vite-plugin';
import { highlightRulesPlugin } from './scripts/highlight-rules-plugin';
import { zodEvalProbePlugin } from './scripts/zod-eval-probe-plugin';

// Least privilege: github.com is the only required host; every other site is asked for at runtime.
// TERMLENS_GLOSSARY_DIR builds with another folder of packs (a team's own bundle, or a test's).
// TERMLENS_GECKO_ID builds Firefox under another add-on id (a policy test's build, apart from the others).
// TERMLENS_BENCH=1 (`npm run bench`'s builds) adds the benchmark's timing hook to the content script.
// TERMLENS_TEST=1 (`npm run test:e2e`'s builds) opens the card's shadow root for the tests to read;
// every other build keeps it closed to the page.
// MV3 for every browser: Firefox then runs the same manifest as Chrome (optional_host_permissions,
// action) and a non-persistent background that the browser stops and restarts, as Chrome's service
// worker is. `--mv2` still builds an MV2 package (optional hosts in optional_permissions).
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifestVersion: 3,
  // `wxt zip -b firefox` also packs the sources addons.mozilla.org asks for: what rebuilds the package
  // (README, Firefox), without the tests and benchmarks.
  zip: { excludeSources: ['tests/**', 'bench/**'] },
  outDir: process.env.TERMLENS_OUT_DIR ?? '.output',
  vite: ({ browser }) => ({
    // The Markdown parser's entity decoder has a "browser" build that decodes through
    // document.createElement; the background is a service worker without a document, and the
    // module would throw on load and leave the background deaf. Its plain build is a lookup table.
    resolve: {
      alias: {
        // Node's resolution picks the package's "default" export: the plain build.
        'decode-named-character-reference': createRequire(import.meta.url).resolve('decode-named-character-reference'),
        // scripts/shims/fault.ts says why.
        fault: fileURLToPath(new URL('./scripts/shims/fault.ts', import.meta.url)),
      },
    },
    define: {
      __TERMLENS_BENCH__: JSON.stringify(process.env.TERMLENS_BENCH === '1'),
      __TERMLENS_TEST__: JSON.stringify(process.env.TERMLENS_TEST === '1'),
    },
    // The ::highlight() rules differ per browser (scripts/highlight-rules-plugin.ts).
    plugins: [
      glossaryIndexPlugin({ dir: process.env.TERMLENS_GLOSSARY_DIR ?? 'glossary' }),
      everydayWordsPlugin(),
      highlightRulesPlugin({ browser }),
      zodEvalProbePlugin(),
    ],
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Termlens',
    description: "Your team's glossary on the pages where you read jargon: GitHub, Grafana, Argo CD.",
    // unlimitedStorage: the user's packs live in storage.local, whose default 10 MB holds only a few
    // large glossaries; the browser shows no prompt for it. offscreen (Chromium, no prompt either): the
    // service worker cannot start a Worker, and imports are read in one (entrypoints/offscreen/);
    // Firefox's background page starts it itself.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'activeTab', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['https://github.com/*'],
    // The toolbar icon (public/icon/ and public/icon-off/, made by scripts/make-icons.ts; WXT lists the
    // coloured ones as `icons`). Every tab starts greyed: a content script that runs and is on colours
    // its own tab (lib/action-icon.ts), so a page Termlens does not run on never looks active.
    action: {
      default_icon: { 16: 'icon-off/16.png', 32: 'icon-off/32.png', 48: 'icon-off/48.png' },
      default_title: 'Termlens does not run on this page',
    },
    // Firefox MV2 has no optional_host_permissions: the same patterns go in optional_permissions.
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_permissions: ['http://*/*', 'https://*/*'] }),
    commands: {
      'explain-selection': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: 'Explain the selected term',
      },
    },
    // What an organization may set through enterprise policy (storage.managed); Firefox reads the
    // same values from policies.json without a schema in the manifest.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? // 140: the first Firefox with the CSS Custom Highlight API and data_collection_permissions (142 on Android).
        {
          browser_specific_settings: {
            gecko: {
              id: process.env.TERMLENS_GECKO_ID ?? 'termlens@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // 105: the first Chrome with the CSS Custom Highlight API, which every highlight depends on.
        { minimum_chrome_version: '105' }),
  }),
});
