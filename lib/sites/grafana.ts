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

/**
 * What a dashboard's authors and its data say, as opposed to Grafana's interface. With relevance on, the
 * first scan walks only these regions; text arriving later anywhere is scanned and filtered the same way.
 * Hooks are Grafana's test ids, ARIA roles and its few unhashed class names, never the `css-…` classes
 * of its CSS-in-JS, which change between builds.
 */
export const GRAFANA_REGIONS = {
  prose: [
    // Panel titles: the `h2` of a panel's section (Grafana 10+), `.panel-title-text` (Grafana ≤ 9).
    '[data-testid^="data-testid Panel header"] h2',
    '.panel-title-text',
    // Next to the title: the description where a panel shows it inline (Grafana 10+ renders
    // `title-items-container`, with or without the `data-testid ` prefix).
    '[data-testid$="title-items-container"]',
    // Markdown written into the dashboard: text panels, and panel descriptions in their tooltip
    // (`.panel-info-content.markdown-html`).
    '.markdown-html',
    // A panel's body, whatever its visualization (Grafana 11.1+, `.panel-content` in Grafana ≤ 9).
    '[data-testid="data-testid panel content"]',
    '.panel-content',
    // The parts of a body that carry a hook in every version: legend entries (a series name, in a
    // button), table headers and cells (react-table, and the data grid of newer tables), alert list items.
    '[data-testid^="data-testid VizLegend series"]',
    '[aria-label^="VizLegend series"]',
    '[role="columnheader"]',
    '[role="cell"]',
    '[role="gridcell"]',
    '.alert-rule-item__name',
    '.alert-rule-item__text',
    // Alerting's rule list: each rule's row (name, state, summary) and its expanded details (annotations).
    '[data-testid="rules-table"] [data-testid="row"]',
    '[data-testid="rules-table"] [data-testid$="expanded-content"]',
    // Row titles. Not the variables' labels: they name a query's dimension ("Cluster", "Node", "Job"),
    // everyday words in a sense of the data source's, not prose about them.
    '[data-testid^="data-testid dashboard-row-title-"]',
    // The dashboard's title: the current page, last in the breadcrumbs (the page has no other heading).
    '[aria-label="Breadcrumbs"] li:last-child',
  ].join(', '),
  // Grafana's own words inside those regions: menus, a panel's "No data" and status, a row's panel count.
  chrome: [
    '[role="menu"]',
    '[role="menubar"]',
    '[role="tablist"]',
    '[data-testid="data-testid Panel data error message"]',
    '[data-testid^="data-testid Panel status"]',
    '.dashboard-row__panel_count',
  ].join(', '),
};

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
  regions: GRAFANA_REGIONS,
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
    { url: 'https://play.grafana.org/explore', shows: 'query field, logs (machine output, outside the prose)' },
  ],
});
