// GitHub: pull requests (conversation, commits, files changed) and issues, on github.com and on the
// GitHub Enterprise hosts the user turns on.
//
// Test URLs: `githubSite.testUrls` at the end of this file (the rules were written against those pages).
//
// Why this adapter recognises GitHub from the hostname only: nothing on a page proves it is GitHub (any
// page can copy GitHub's class names), while the host is what the user granted. github.com is built in;
// a GitHub Enterprise host counts once the user lists it (settings), which is also how the e2e tests
// serve the PR fixture from 127.0.0.1.
import { compileRules, mergeRules, type RegionRules } from './rules';
import { defineSite, type ExcludeOptions, type SiteAdapter } from './types';

/**
 * Left alone on every GitHub page: names of things people did not write as prose. Scanning them would
 * highlight "Ingress" in a label or "kube-proxy" in a branch name, which is noise.
 */
const ALWAYS_RULES: RegionRules = {
  classes: [
    // The global header (navigation chrome, the repository's and user's names) and the footer.
    'AppHeader',
    'js-header-wrapper',
    'Header',
    'footer',
    // Usernames: timeline and review-comment authors (classic), @mentions in Markdown.
    'author',
    'user-mention',
    'team-mention',
    // Commit SHAs: commit lists and "pushed" events (`.sha`), commit pages, autolinked commits in Markdown.
    'sha',
    'sha-block',
    'commit-sha',
    'commit-id',
    'commit-tease-sha',
    'commit-link',
    // Branch names: "wants to merge into `main` from `fix/kube-proxy`" (classic).
    'commit-ref',
    'head-ref',
    'base-ref',
    'branch-name',
    // Labels, wherever they appear (timeline "added the Ingress label", sidebar, lists).
    'IssueLabel',
    'js-issue-labels',
    // Each file's header in "Files changed" (a path).
    'file-header',
    // Line numbers of both diff views (classic `td.blob-num`, React `td.new-diff-line-number`).
    'blob-num',
    'new-diff-line-number',
  ],
  // Primer React's BranchName renders CSS-module classes (`prc-BranchName-BranchName-jFVxe`).
  classParts: ['BranchName'],
  // The file tree of "Files changed" (classic web component).
  tags: ['file-tree'],
  // The sidebar of PRs and issues: reviewers, assignees, labels, projects, milestone — all names.
  ids: ['partial-discussion-sidebar'],
  attributes: {
    // React views mark every user, org and team link with a hovercard type.
    'data-hovercard-type': ['user', 'organization', 'team'],
    'data-testid': [
      'avatar-link', // avatar links (React comments)
      'issue-body-header-author', // the author of a React issue
      'commit-row-browse-repo', // browse-at-commit (SHA) links of React commit lists
      'issue-labels', // labels of a React issue
      'issue-viewer-metadata-pane', // the React issue sidebar
      'file-tree', // the React file tree
    ],
    'aria-label': ['File Tree Navigation'],
    // The header of a file in the React diff view (the path).
    'data-diff-header-wrapper': true,
  },
  // Syntax-highlighting spans (`span.pl-k`, `span.pl-s`…): most elements of a diff, never excluded.
  plainClassPrefixes: ['pl-'],
  custom: [
    {
      // The short SHA next to each commit of the PR timeline: `<code><a href=".../commits/4f2a9c1…">`.
      selector: 'code > a[href*="/commit"]',
      test: (el) => el.localName === 'a' && el.parentElement?.localName === 'code' && (el.getAttribute('href') ?? '').includes('/commit'),
    },
  ],
};

/**
 * Diff code, excluded unless the user turns diff scanning on. Classic diff table: `td.blob-code` (the
 * `.blob-code-inner` inside it goes with it); React diff view: `td.diff-text-cell` (`.diff-text-inner`
 * inside); React blob view: `.react-code-text`. Suggested changes inside review comments render their
 * lines as `td.blob-code-inner` *without* `.blob-code`, so they stay in scope: a suggestion is text a
 * reviewer wrote.
 */
const DIFF_CODE_RULES: RegionRules = { classes: ['blob-code', 'diff-text-cell', 'react-code-text'] };

const ALWAYS_EXCLUDED = compileRules(ALWAYS_RULES);
const DIFF_CODE = compileRules(DIFF_CODE_RULES);
/** Both at once: one test per element, matched or not (diff cells are a third of a "Files changed" page). */
const ANY_EXCLUDED = compileRules(mergeRules(ALWAYS_RULES, DIFF_CODE_RULES));

/** The compiled rules, for tests and documentation. */
export const GITHUB_RULES = { always: ALWAYS_EXCLUDED, diffCode: DIFF_CODE, any: ANY_EXCLUDED } as const;

/**
 * What people wrote on GitHub: Markdown bodies (descriptions, comments, review comments with their
 * suggested changes, READMEs, wikis), titles of issues, PRs and commits, commit messages, and diff code
 * (walked only when the user turns diff scanning on). Everything else is GitHub's own interface:
 * buttons, menus, dialogs, tooltips, the footer, empty states, "hide comment" forms.
 */
export const GITHUB_REGIONS = {
  prose: [
    '.markdown-body',
    '.comment-body',
    '.js-issue-title',
    '.markdown-title',
    '[data-testid="issue-title"]',
    '[class*="PageHeader-Title"]',
    '.commit-title',
    '.commit-desc',
    '.commit-message',
    '.blob-code-inner',
    '.diff-text-inner',
    '.react-code-text',
  ].join(', '),
  chrome: [
    'button',
    '[role="tooltip"]',
    'tool-tip',
    '[role="menu"]',
    'details-menu',
    '.dropdown-menu',
    '[role="dialog"]',
    '.blankslate',
    '.footer',
  ].join(', '),
  // A diff's lines are code: field names and chosen names in them stay plain.
  code: ['.blob-code-inner', '.diff-text-inner', '.react-code-text'].join(', '),
};

/** GitHub's in-page navigations: Turbo (classic pages), pjax (older GHE), soft-nav (React routes), history. */
const NAVIGATION_EVENTS = ['turbo:load', 'turbo:render', 'turbo:frame-render', 'pjax:end', 'soft-nav:end', 'popstate'];

/** "GHE.example.com", "https://ghe.example.com/", "127.0.0.1:8443" → the host part, lowercased. */
export function normalizeHost(entry: string): string {
  const trimmed = entry.trim().toLowerCase();
  const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  return withoutScheme.split(/[/?#]/)[0] ?? '';
}

/** github.com, or one of the user's GitHub Enterprise hosts (an entry with a port matches that port only). */
export function isGithubHost(url: URL, extraHosts: readonly string[] = []): boolean {
  const hostname = url.hostname.toLowerCase();
  if (hostname === 'github.com' || hostname === 'www.github.com') return true;
  const host = url.host.toLowerCase();
  return extraHosts.some((entry) => {
    const wanted = normalizeHost(entry);
    if (!wanted) return false;
    return wanted.includes(':') && !wanted.startsWith('[') ? wanted === host : wanted === hostname || wanted === host;
  });
}

export type GithubPageKind = 'pull-conversation' | 'pull-commits' | 'pull-files' | 'issue' | 'other';

/**
 * Which GitHub screen a URL is. Not anchored at the start of the path: GitHub Enterprise may sit under a
 * path prefix, and so do the fixtures.
 */
export function githubPageKind(url: URL): GithubPageKind {
  const path = url.pathname;
  const pull = /\/pull\/\d+(?:\/([a-z-]+))?/.exec(path);
  if (pull) {
    const tab = pull[1];
    if (tab === 'files' || tab === 'changes') return 'pull-files';
    if (tab === 'commits' || tab === 'commit') return 'pull-commits';
    return 'pull-conversation';
  }
  if (/\/issues\/\d+(?:\/|$)/.test(path)) return 'issue';
  return 'other';
}

export function createGithubAdapter(extraHosts: readonly string[] = []): SiteAdapter {
  const hosts = [...extraHosts];
  return {
    id: 'github',
    matches: (_doc, url) => isGithubHost(url, hosts),
    // The whole body: Turbo swaps the body on navigation and hovercards/dialogs are portalled into it,
    // so any narrower root would go stale. The chrome around the content is excluded instead.
    roots: (doc) => (doc.body ? [doc.body] : []),
    regions: GITHUB_REGIONS,
    exclude: (el: Element, options?: ExcludeOptions): boolean => (options?.scanDiffs ? ALWAYS_EXCLUDED.test(el) : ANY_EXCLUDED.test(el)),
    preferredSite: 'github',
    navigationEvents: NAVIGATION_EVENTS,
  };
}

/** github.com only; `detectSite` builds one with the user's Enterprise hosts. */
export const githubAdapter: SiteAdapter = createGithubAdapter();

/** github.com itself: the adapter always applies there, so there is nothing to turn on. */
const isGithubCom = (host: string) => host === 'github.com' || host === 'www.github.com';
/** A GitHub Enterprise server has a name: not an IP address or localhost. */
const isLocalOrIp = (host: string) => host === 'localhost' || /^\d+(?:\.\d+){3}$|^\[/.test(host);

export const githubSite = defineSite({
  id: 'github',
  name: 'GitHub',
  recognisedBy: 'host',
  adapter: githubAdapter,
  withOptions: ({ githubHosts = [] }) => (githubHosts.length === 0 ? githubAdapter : createGithubAdapter(githubHosts)),
  settings: [
    {
      key: 'githubEnterprise',
      label: 'Treat as GitHub Enterprise',
      // Any named host may be a GitHub Enterprise server, unless its page was recognised as another app.
      offered: ({ host, detected }) =>
        !isGithubCom(host) && !isLocalOrIp(host) && (detected === undefined || detected === 'github' || detected === 'generic'),
    },
    {
      key: 'scanDiffs',
      label: 'Scan diff code',
      hint: '(terms in code comments)',
      offered: ({ host, detected, settings }) => detected === 'github' || isGithubCom(host) || settings.githubEnterprise,
    },
  ],
  testUrls: [
    { url: 'https://github.com/kubernetes/kubernetes/pull/126543', shows: 'conversation: title, description, timeline, labels, branches' },
    { url: 'https://github.com/kubernetes/kubernetes/pull/126543/commits', shows: 'commit list: titles are prose, SHAs are not' },
    {
      url: 'https://github.com/kubernetes/kubernetes/pull/126543/files',
      shows: 'files changed: React diff view, review threads, file tree',
    },
    { url: 'https://github.com/argoproj/argo-cd/pull/20186/files', shows: 'review comments with suggested changes' },
    { url: 'https://github.com/refined-github/sandbox/pull/10', shows: 'classic diff table, outdated review threads' },
    { url: 'https://github.com/kubernetes/kubernetes/issues/125000', shows: 'React issue view: title, body, comments, labels' },
  ],
});
