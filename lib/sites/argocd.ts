// Argo CD (self-hosted, any hostname): application list, application details, resource tree.
//
// Test URLs: `argocdSite.testUrls` at the end of this file (the rules were written against those pages).
//
// Recognised from the page, never from the hostname: Argo CD's index.html has `<title>Argo CD</title>`
// and mounts the UI on `#app`; once rendered, its views use BEM classes no other app uses
// (`applications-list`, `application-details`, `application-resource-tree`). A `--basehref` (e.g.
// /argocd/) only prefixes the paths.
import { compileRules } from './rules';
import { defineSite, type SiteAdapter } from './types';

const EXCLUDED = compileRules({
  classes: [
    // Monaco: live/desired manifests and the YAML editor of applications and projects.
    'monaco-editor',
    'yaml-editor',
    // Pod logs and the pod terminal (machine output, potentially huge and constantly streaming).
    'pod-logs-viewer',
    'xterm',
    // The manifest diff (react-diff-view): code and line numbers.
    'diff-code',
    'diff-gutter',
  ],
});

/** The compiled rules, for tests and documentation. */
export const ARGOCD_RULES = EXCLUDED;

/**
 * What the cluster and the team say, as opposed to Argo CD's interface: application names and their
 * fields, resource kinds and names, statuses and their messages, conditions, events, summaries. With
 * relevance on, the first scan walks only these regions; text arriving later anywhere (a tree that
 * grows, a route change) is scanned and filtered the same way. Argo CD's BEM class names are stable
 * across 2.x.
 */
export const ARGOCD_REGIONS = {
  prose: [
    // The application list: a tile or table row per application (name, project, status, source, description).
    '.applications-list__entry',
    // Application details: health and sync status with their messages.
    '.application-status-panel__item-value',
    '.application-status-panel__item-name',
    // The resource tree: each node's kind and name.
    '.application-resource-tree__node-kind',
    '.application-resource-tree__node-title',
    // Conditions, and the kind and name heading a resource's panel.
    '.application-conditions',
    '.resource-details__header',
    // The rows of every list Argo CD shows: events, resources, sync results, history, projects,
    // repositories. Their header row is the interface.
    '.argo-table-list__row',
    // Every summary panel: an application's, a resource's, an operation's.
    '.white-box__details',
  ].join(', '),
  // The interface, also where it sits inside those regions: field labels ("Project:", "NAMESPACE"), buttons, menus.
  chrome: [
    '.sidebar',
    '.top-bar',
    '.page__top-bar',
    '.flex-top-bar',
    '.argo-dropdown__content',
    '.tabs__nav',
    '.filters-group',
    '.applications-list__filters',
    '.argo-table-list__head',
    '.applications-list__info .columns.small-3',
    '.white-box__details-row > .columns.small-3',
    'button',
    '[role="menu"]',
    '[role="navigation"]',
  ].join(', '),
};

const RENDERED_VIEWS = '#app .applications-list, #app .applications-tiles, #app .application-details, #app .application-resource-tree';

export function isArgoCd(doc: Document): boolean {
  if (/(^|\W)Argo CD(\W|$)/.test(doc.title) && doc.getElementById('app') !== null) return true;
  return doc.querySelector(RENDERED_VIEWS) !== null;
}

export const argocdAdapter: SiteAdapter = {
  id: 'argocd',
  matches: (doc) => isArgoCd(doc),
  // The body: sliding panels, tooltips and pop-ups are rendered next to #app.
  roots: (doc) => (doc.body ? [doc.body] : []),
  regions: ARGOCD_REGIONS,
  exclude: (el) => EXCLUDED.test(el),
  // Packs mark senses with `sites: [argocd]` ("Application", "Sync", "Project" as Argo CD means them).
  preferredSite: 'argocd',
  // Argo CD's router (react-router on the history API) pushes without an event; back/forward fire popstate.
  navigationEvents: ['popstate'],
};

export const argocdSite = defineSite({
  id: 'argocd',
  name: 'Argo CD',
  recognisedBy: 'page',
  adapter: argocdAdapter,
  settings: [],
  testUrls: [
    { url: 'https://cd.apps.argoproj.io/applications', shows: 'application tiles and list rows' },
    { url: 'https://cd.apps.argoproj.io/applications/argocd/guestbook', shows: 'details: status panel, resource tree' },
    {
      url: 'https://cd.apps.argoproj.io/applications/argocd/guestbook?resource=&node=apps%2FDeployment%2Fdefault%2Fguestbook-ui%2F0&tab=events',
      shows: 'resource panel: events, live manifest in Monaco',
    },
    { url: 'https://cd.apps.argoproj.io/applications/argocd/guestbook?conditions=true', shows: 'application conditions' },
    { url: 'https://cd.apps.argoproj.io/settings/projects', shows: 'projects' },
  ],
});
