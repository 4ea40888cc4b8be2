// Grafana (self-hosted, any hostname): dashboards, panels, alerting, Explore.
//
// Test URLs: `grafanaSite.testUrls` at the end of this file (the rules were written against those pages).
//
// Recognised from the page, never from the hostname (Grafana runs on any host): the server-rendered
// index.html sets `<body class="… app-grafana">` (or `app-enterprise`), mounts React on `#reactRoot`
// (whose app wrapper is `div.grafana-app`) and inlines `window.grafanaBootData = {…}` in a script. The
// content script lives in an isolated world and cannot read `window.grafanaBootData` itself, but it can
// read the script's text.
import { compileRules } from './rules';
import { defineSite, type SiteAdapter } from './types';

const EXCLUDED = compileRules({
  classes: [
    // Monaco editors: query editors in code mode, the dashboard JSON model, alert rule queries.
    'monaco-editor',
    // A query row of the panel editor in Grafana ≤ 9.
    'query-editor-row',
    // Slate-based query fields of Grafana ≤ 9 (Prometheus, Loki, Elasticsearch).
    'slate-query-field',
    // The panel inspector's JSON view.
    'json-formatter-row',
  ],
  // Code blocks in text panels and the panel inspector's query view.
  tags: ['pre', 'code'],
  attributes: {
    // A query row of the panel editor / Explore / alert rule form (query builders and raw queries):
    // PromQL and LogQL are code even when a term appears in a label matcher.
    'data-testid': ['data-testid Query editor row'],
    'aria-label': ['Query editor row'],
    'data-slate-editor': true,
  },
  // Grafana's CodeEditor wrapper (around Monaco, also rendered before Monaco has loaded).
  attributePrefixes: { 'data-testid': ['data-testid Code editor'] },
});

/** The compiled rules, for tests and documentation. */
export const GRAFANA_RULES = EXCLUDED;

function hasBootData(doc: Document): boolean {
  for (const script of Array.from(doc.scripts)) {
    // Inline scripts only: the boot data is written into index.html by the server.
    if (!script.src && script.textContent?.includes('grafanaBootData')) return true;
  }
  return false;
}

export function isGrafana(doc: Document): boolean {
  const body = doc.body;
  if (body?.classList.contains('app-grafana')) return true;
  if (hasBootData(doc)) return true;
  const reactRoot = doc.getElementById('reactRoot');
  return reactRoot !== null && (body?.classList.contains('app-enterprise') === true || reactRoot.querySelector('.grafana-app') !== null);
}

export const grafanaAdapter: SiteAdapter = {
  id: 'grafana',
  matches: (doc) => isGrafana(doc),
  // The body, not #reactRoot: tooltips, drawers (panel inspector) and modals are portalled outside it.
  roots: (doc) => (doc.body ? [doc.body] : []),
  // Panel titles, descriptions, text panels, legends (their entries are buttons), table cells and alert
  // rules are the team's words; the top bar, navigation, tabs and menus are Grafana's.
  regions: {
    chrome: [
      'nav',
      '[role="navigation"]',
      '[role="banner"]',
      '[role="menu"]',
      '[role="menubar"]',
      '[role="tablist"]',
      '[aria-label="Breadcrumbs"]',
      '[data-testid="data-testid top-bar"]',
      '[data-testid="data-testid dashboard controls"]',
      '[class*="NavToolbar"]',
      '[class*="MegaMenu"]',
    ].join(', '),
  },
  exclude: (el) => EXCLUDED.test(el),
  preferredSite: 'grafana',
  // Grafana's router pushes history entries without an event; back/forward fire popstate. DOM changes
  // after a push are picked up by the scanner's MutationObserver.
  navigationEvents: ['popstate'],
};

export const grafanaSite = defineSite({
  id: 'grafana',
  name: 'Grafana',
  recognisedBy: 'page',
  adapter: grafanaAdapter,
  settings: [],
  testUrls: [
    { url: 'https://play.grafana.org/d/000000012/grafana-play-home', shows: 'dashboard: panel headers, text panels' },
    { url: 'https://play.grafana.org/d/k8s_views_global/kubernetes-views-global', shows: 'time series legends, table panels, stat panels' },
    { url: 'https://play.grafana.org/d/000000012/grafana-play-home?editPanel=2', shows: 'panel editor: query editor rows, Monaco' },
    { url: 'https://play.grafana.org/alerting/list', shows: 'alert rule names and annotations' },
    { url: 'https://play.grafana.org/explore', shows: 'query field, logs' },
  ],
});
