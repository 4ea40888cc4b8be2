// `npx tsx bench/relevance/views.ts`: builds the corpus's Grafana and Argo CD views. No saved copy of
// either app's rendered DOM is public, so each view is real content (a published dashboard's panels; the
// resources CloudNativePG creates for a Cluster, as its documentation lists them) in markup modelled on
// the app's own (class names, test ids and nesting of Grafana 11 and Argo CD 2.x, as in the site
// adapters' fixtures), with the app's real chrome: menus, buttons, time picker, footers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageFile, RELEVANCE_DIR } from './candidates';
import { renderMarkdown } from './transplant';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Panel {
  type: string;
  title?: string;
  description?: string;
  content?: string;
  panels?: Panel[];
}

function grafanaPanel(p: Panel, id: number): string {
  if (p.type === 'row') {
    return `<div class="react-grid-item"><div class="dashboard-row" data-testid="data-testid dashboard-row-container-${esc(p.title ?? '')}"><button class="dashboard-row__title pointer" data-testid="data-testid dashboard-row-title-${esc(p.title ?? '')}" aria-expanded="true"><span class="dashboard-row__toggle-target">${esc(p.title ?? '')}</span><span class="dashboard-row__panel_count">(${p.panels?.length ?? 0} panels)</span></button></div></div>\n${(p.panels ?? []).map((c, i) => grafanaPanel(c, id * 100 + i)).join('\n')}`;
  }
  const title = p.title ?? '';
  const header = `<div class="css-panel-header"><h2 id="panel-title-${id}" class="css-panel-title" title="${esc(title)}">${esc(title)}</h2>${p.description ? `<div data-testid="data-testid title-items-container"><span class="css-description-tooltip" aria-label="Panel description">${esc(p.description)}</span></div>` : ''}<div class="css-panel-menu"><button aria-label="Menu for panel with title ${esc(title)}" title="Menu" class="css-menu-button"></button></div></div>`;
  const body =
    p.type === 'text'
      ? `<div class="markdown-html">${p.content ? renderMarkdown(p.content) : ''}</div>`
      : p.type === 'table'
        ? '<div role="table" class="css-table"><div class="css-no-data">No data</div></div>'
        : '<div class="css-panel-no-data"><span>No data</span></div>';
  return `<div class="react-grid-item"><section class="css-panel" data-testid="data-testid Panel header ${esc(title)}" aria-labelledby="panel-title-${id}">${header}<div class="css-panel-content">${body}</div></section></div>`;
}

export function grafanaView(): string {
  const src = JSON.parse(readFileSync(join(RELEVANCE_DIR, 'sources/grafana-cnpg-dashboard.json'), 'utf8')) as {
    title: string;
    variables: Array<{ name: string; label?: string }>;
    panels: Panel[];
  };
  const nav = ['Home', 'Bookmarks', 'Starred', 'Dashboards', 'Explore', 'Drilldown', 'Alerting', 'Connections', 'Administration'];
  const vars = src.variables
    .map(
      (v) =>
        `<div class="css-variable"><label for="var-${esc(v.name)}" data-testid="data-testid Dashboard template variables submenu Label ${esc(v.label ?? v.name)}">${esc(v.label ?? v.name)}</label><div class="css-variable-value" data-testid="data-testid Dashboard template variables Variable Value DropDown value link text All">All</div></div>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${esc(src.title)} - Dashboards - Grafana</title>
<base href="/">
</head>
<body class="theme-dark app-grafana">
<div class="preloader"><div class="preloader__enter"><div class="preloader__logo"></div></div></div>
<div id="reactRoot">
<div class="grafana-app">
  <header data-testid="data-testid top-bar" class="css-topbar">
    <button aria-label="Open menu" class="css-mega-menu-toggle"></button>
    <nav aria-label="Breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/dashboards">Dashboards</a></li><li><span>${esc(src.title)}</span></li></ol></nav>
    <div class="css-search"><input placeholder="Search or jump to..." aria-label="Search or jump to..."><kbd>ctrl+k</kbd></div>
    <div class="css-topbar-actions"><button aria-label="Help">Help</button><button aria-label="News">What's new</button><button aria-label="Profile">admin</button></div>
  </header>
  <div data-testid="data-testid navigation mega-menu" class="css-mega-menu"><ul>${nav.map((n) => `<li><a class="css-nav-item" href="/${n.toLowerCase()}">${n}</a></li>`).join('')}</ul></div>
  <main class="css-page">
    <div data-testid="data-testid dashboard controls" class="css-controls">
      ${vars}
      <div class="css-time-picker"><button aria-label="Time range picker" data-testid="data-testid TimePicker Open Button"><span>Last 6 hours</span></button><button aria-label="Refresh dashboard">Refresh</button></div>
      <div class="css-dashboard-actions"><button>Edit</button><button>Export</button><button>Share</button></div>
    </div>
    <div class="react-grid-layout">
${src.panels.map((p, i) => grafanaPanel(p, i + 1)).join('\n')}
    </div>
  </main>
</div>
</div>
</body>
</html>
`;
}

interface Resource {
  kind: string;
  name: string;
  health?: string;
  events?: Array<{ reason: string; message: string }>;
}

export function argocdView(): string {
  // The resources the CloudNativePG operator creates for a three-instance Cluster named cluster-example
  // (its "Architecture" and "Services" documentation), as Argo CD's resource tree lists them.
  const resources: Resource[] = [
    { kind: 'Cluster', name: 'cluster-example', health: 'Healthy' },
    { kind: 'Pod', name: 'cluster-example-1', health: 'Healthy' },
    { kind: 'Pod', name: 'cluster-example-2', health: 'Healthy' },
    { kind: 'Pod', name: 'cluster-example-3', health: 'Progressing' },
    { kind: 'PersistentVolumeClaim', name: 'cluster-example-1', health: 'Healthy' },
    { kind: 'PersistentVolumeClaim', name: 'cluster-example-2', health: 'Healthy' },
    { kind: 'PersistentVolumeClaim', name: 'cluster-example-3', health: 'Healthy' },
    { kind: 'Service', name: 'cluster-example-rw', health: 'Healthy' },
    { kind: 'Service', name: 'cluster-example-ro', health: 'Healthy' },
    { kind: 'Service', name: 'cluster-example-r', health: 'Healthy' },
    { kind: 'Secret', name: 'cluster-example-app' },
    { kind: 'Secret', name: 'cluster-example-ca' },
    { kind: 'Secret', name: 'cluster-example-replication' },
    { kind: 'Secret', name: 'cluster-example-server' },
    { kind: 'PodDisruptionBudget', name: 'cluster-example-primary' },
    { kind: 'PodDisruptionBudget', name: 'cluster-example' },
    { kind: 'ServiceAccount', name: 'cluster-example' },
    { kind: 'Role', name: 'cluster-example' },
    { kind: 'RoleBinding', name: 'cluster-example' },
  ];
  const node = (r: Resource) =>
    `<div class="application-resource-tree__node" title="Kind: ${r.kind}&#10;Namespace: default&#10;Name: ${r.name}"><div class="application-resource-tree__node__top-part"><div class="application-resource-tree__node-kind-icon"><i class="icon"></i><br><div class="application-resource-tree__node-kind">${r.kind}</div></div><div class="application-resource-tree__node-content"><span class="application-resource-tree__node-title application-resource-tree__direction-left">${r.name}</span>${r.health ? `<span class="application-resource-tree__node-status-icon"><i title="${r.health}" class="fa fa-heart"></i></span>` : ''}</div><div class="application-resource-tree__node-labels"><span class="application-resource-tree__node-label">2 days</span></div></div></div>`;
  const events = [
    { reason: 'Scheduled', message: 'Successfully assigned default/cluster-example-3 to worker-2' },
    { reason: 'Pulling', message: 'Pulling image "ghcr.io/cloudnative-pg/cloudnative-pg:1.24.1"' },
    { reason: 'Created', message: 'Created container bootstrap-controller' },
    { reason: 'Started', message: 'Started container bootstrap-controller' },
    { reason: 'Pulled', message: 'Container image "ghcr.io/cloudnative-pg/postgresql:16.4" already present on machine' },
    { reason: 'Created', message: 'Created container postgres' },
    { reason: 'Started', message: 'Started container postgres' },
    { reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 500' },
  ];
  const buttons = ['DETAILS', 'DIFF', 'SYNC', 'SYNC STATUS', 'HISTORY AND ROLLBACK', 'DELETE', 'REFRESH'];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>cnpg-cluster - Argo CD</title>
<base href="/">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<div id="app">
<div class="cd-layout">
  <div class="sidebar">
    <div class="sidebar__logo"><span class="sidebar__version">v2.13.1+af54ef8</span></div>
    <div class="sidebar__nav-item">Applications</div>
    <div class="sidebar__nav-item">Settings</div>
    <div class="sidebar__nav-item">User Info</div>
    <div class="sidebar__nav-item">Documentation</div>
  </div>
  <div class="page">
    <div class="top-bar">
      <div class="top-bar__breadcrumbs"><a href="/applications">Applications</a> / <span>cnpg-cluster</span></div>
      <div class="top-bar__title">cnpg-cluster</div>
      <div class="top-bar__tools">${buttons.map((b) => `<button class="argo-button argo-button--base">${b}</button>`).join('')}</div>
      <div class="top-bar__right-side"><input class="argo-field" placeholder="Search resources"><span>Log out</span></div>
    </div>
    <div class="application-details">
      <div class="application-status-panel row">
        <div class="application-status-panel__item columns small-2"><label>APP HEALTH</label><div class="application-status-panel__item-value"><i class="fa fa-heart utils-health-status-icon"></i>&nbsp;Progressing</div></div>
        <div class="application-status-panel__item columns small-2"><label>SYNC STATUS</label><div class="application-status-panel__item-value"><i class="fa fa-check-circle"></i>&nbsp;Synced</div><div class="application-status-panel__item-name">To HEAD (9d1c3be)</div></div>
        <div class="application-status-panel__item columns small-2"><label>LAST SYNC</label><div class="application-status-panel__item-value">Sync OK</div><div class="application-status-panel__item-name">Succeeded 2 days ago (Thu Dec 03 2026 09:12:41 GMT+0000)</div></div>
      </div>
      <div class="application-details__tree"><div class="application-resource-tree">
${resources.map(node).join('\n')}
      </div></div>
      <div class="sliding-panel sliding-panel--is-shown"><div class="sliding-panel__body"><div class="resource-details">
        <div class="resource-details__header"><div class="resource-details__kind">Pod</div><h1>cluster-example-3</h1><button class="argo-button argo-button--base">DELETE</button><button class="argo-button argo-button--base">LOGS</button></div>
        <div class="tabs"><div class="tabs__nav"><a class="tabs__nav-item">SUMMARY</a><a class="tabs__nav-item tabs__nav-item--selected">EVENTS</a><a class="tabs__nav-item">LOGS</a><a class="tabs__nav-item">LIVE MANIFEST</a></div></div>
        <div class="events-list argo-table-list">
          <div class="argo-table-list__head"><div class="row"><div class="columns small-2">REASON</div><div class="columns small-8">MESSAGE</div><div class="columns small-2">COUNT</div></div></div>
${events.map((e) => `          <div class="argo-table-list__row"><div class="row"><div class="columns small-2">${e.reason}</div><div class="columns small-8">${esc(e.message)}</div><div class="columns small-2">1</div></div></div>`).join('\n')}
        </div>
      </div></div></div>
    </div>
  </div>
</div>
</div>
</body>
</html>
`;
}

writeFileSync(pageFile('grafana-cnpg-dashboard'), grafanaView());
writeFileSync(pageFile('argocd-cnpg-application'), argocdView());
console.log('wrote grafana-cnpg-dashboard, argocd-cnpg-application');
