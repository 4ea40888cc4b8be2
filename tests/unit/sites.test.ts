// Site adapters on saved HTML: which page is which site, and which text each adapter puts in scope.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { generateSmallPage } from '../../bench/pages';
import {
  ARGOCD_RULES,
  argocdAdapter,
  compileRules,
  GITHUB_RULES,
  GRAFANA_RULES,
  createGithubAdapter,
  createSiteDetector,
  detectSite,
  genericAdapter,
  githubAdapter,
  githubPageKind,
  grafanaAdapter,
  isGithubHost,
  normalizeHost,
  parseSiteOptions,
  withExcludeOptions,
  type ExcludeOptions,
  type SiteAdapter,
} from '../../lib/sites';
import { isScanned, proseTextNodes, scopedTextNodes } from './support/scoped-text';

const SNIPPETS = join(import.meta.dirname, '../fixtures/sites');
/** The relevance corpus's saved pages (bench/relevance/ORIGINS.md). */
const CORPUS = join(import.meta.dirname, '../../bench/relevance/pages');

function load(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(SNIPPETS, name), 'utf8'), 'text/html');
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The text nodes the scanner reads under the adapter, whitespace collapsed: one entry per text node. */
function scoped(doc: Document, adapter: SiteAdapter, options: ExcludeOptions = {}): string[] {
  return scopedTextNodes(doc, adapter, options).map((t) => t.data.replace(/\s+/g, ' ').trim());
}

/** The text a first scan with relevance on walks and may highlight: the prose outside the chrome. */
function prose(doc: Document, adapter: SiteAdapter): string[] {
  return proseTextNodes(doc, adapter).map((t) => t.data.replace(/\s+/g, ' ').trim());
}

function loadCorpus(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(CORPUS, `${name}.html`), 'utf8'), 'text/html');
}

/** Every in-scope text node whose text contains `needle`. */
function containing(texts: string[], needle: string): string[] {
  return texts.filter((t) => t.includes(needle));
}

/** The text of every node under elements matching `selector` (what an exclusion must remove). */
function textsUnder(doc: Document, selector: string): string[] {
  return Array.from(doc.querySelectorAll(selector)).flatMap((el) => {
    const out: string[] = [];
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n as Text).data.replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    }
    return out;
  });
}

describe('detectSite', () => {
  it('recognises github.com by its hostname, whatever the page looks like', () => {
    const doc = load('github-pr-conversation.html');
    expect(detectSite(doc, new URL('https://github.com/acme/platform/pull/4242')).id).toBe('github');
    expect(detectSite(parse('<p>hello</p>'), new URL('https://github.com/')).id).toBe('github');
    expect(detectSite(doc, new URL('https://www.github.com/acme/platform/pull/4242')).id).toBe('github');
  });

  it('does not take a look-alike page for GitHub on another host', () => {
    const doc = load('github-pr-conversation.html');
    expect(detectSite(doc, new URL('https://ghe.example.com/acme/platform/pull/4242')).id).toBe('generic');
    expect(detectSite(doc, new URL('https://github.com.evil.example/acme/platform/pull/4242')).id).toBe('generic');
    expect(detectSite(doc, new URL('https://notgithub.com/acme/platform/pull/4242')).id).toBe('generic');
  });

  it('treats the GitHub Enterprise hosts the user turned on as GitHub', () => {
    const doc = load('github-pr-conversation.html');
    const githubHosts = ['ghe.example.com', '127.0.0.1:4173'];
    expect(detectSite(doc, new URL('https://ghe.example.com/acme/platform/pull/4242'), { githubHosts }).id).toBe('github');
    expect(detectSite(doc, new URL('http://127.0.0.1:4173/github-pr/acme/platform/pull/4242'), { githubHosts }).id).toBe('github');
    // A host entry with a port stands for that port only.
    expect(detectSite(doc, new URL('http://127.0.0.1:9999/github-pr/'), { githubHosts }).id).toBe('generic');
  });

  it('recognises Grafana from the page on any host', () => {
    const doc = load('grafana-dashboard.html');
    for (const url of [
      'https://grafana.example.com/d/abc/kubernetes-pods',
      'http://127.0.0.2:3000/d/abc',
      'https://monitoring.corp/grafana/d/abc',
    ]) {
      expect(detectSite(doc, new URL(url)).id).toBe('grafana');
    }
  });

  it('recognises Grafana from each of its markers alone', () => {
    const url = new URL('https://metrics.example.com/');
    const bodyClass = parse('<html><body class="theme-light app-grafana"><div id="reactRoot"></div></body></html>');
    const bootData = parse(
      '<html><body><div id="reactRoot"></div><script>window.grafanaBootData = {settings:{buildInfo:{version:"11.3.0"}}};</script></body></html>',
    );
    const appRoot = parse('<html><body><div id="reactRoot"><div class="grafana-app"><main>Dashboards</main></div></div></body></html>');
    const enterprise = parse('<html><body class="theme-dark app-enterprise"><div id="reactRoot"></div></body></html>');
    for (const doc of [bodyClass, bootData, appRoot, enterprise]) expect(detectSite(doc, url).id).toBe('grafana');
    // An external script that merely mentions the name, or a #reactRoot alone, is not Grafana.
    const lookalike = parse(
      '<html><body><div id="reactRoot"><div class="app"></div></div><script src="/grafanaBootData.js"></script></body></html>',
    );
    expect(detectSite(lookalike, url).id).toBe('generic');
  });

  it('recognises Argo CD from the page on any host, before and after it renders', () => {
    const details = load('argocd-application.html');
    expect(detectSite(details, new URL('https://argocd.example.com/applications/argocd/my-app')).id).toBe('argocd');
    // The list view of an install under --basehref /argocd/ whose title is no longer "Argo CD".
    const list = load('argocd-applications-list.html');
    expect(detectSite(list, new URL('http://127.0.0.2:8080/argocd/applications')).id).toBe('argocd');
    // index.html as served, before React has rendered anything.
    const shell = parse('<html><head><title>Argo CD</title></head><body><div id="app"></div></body></html>');
    expect(detectSite(shell, new URL('https://cd.example.com/')).id).toBe('argocd');
  });

  it('falls back to the generic adapter for any other page', () => {
    const docs = load('generic-docs.html');
    expect(detectSite(docs, new URL('https://kubernetes.io/docs/concepts/workloads/pods/disruptions/')).id).toBe('generic');
    // "Argo CD" in a title without Argo CD's app root is a page about Argo CD, not Argo CD.
    const blog = parse('<html><head><title>Argo CD in production</title></head><body><article>…</article></body></html>');
    expect(detectSite(blog, new URL('https://blog.example.com/argo-cd')).id).toBe('generic');
  });
});

describe('createSiteDetector (a page over its life)', () => {
  it('re-detects a generic page until an SPA renders its markers, then keeps the site through route changes', () => {
    const doc = parse('<html><head><title>Loading…</title></head><body><div id="app"></div></body></html>');
    let url = new URL('https://cd.example.com/applications');
    const site = createSiteDetector(doc, () => url);
    expect(site.current).toBeNull();
    expect(site.detect().id).toBe('generic');
    // Argo CD's list view renders after first paint (the title never said "Argo CD": a custom one).
    const list = doc.createElement('div');
    list.className = 'applications-list';
    doc.getElementById('app')!.append(list);
    expect(site.detect().id).toBe('argocd');
    expect(site.current?.id).toBe('argocd');
    expect(site.detect().navigationEvents).toEqual(argocdAdapter.navigationEvents);
    // A route change empties #app for a moment: the page is still Argo CD, not generic again.
    list.remove();
    url = new URL('https://cd.example.com/applications/argocd/my-app');
    expect(detectSite(doc, url).id).toBe('generic');
    expect(site.detect().id).toBe('argocd');
  });

  it('binds GitHub Enterprise hosts and diff scanning into the adapter it returns', () => {
    const doc = load('github-pr-files-react.html');
    const url = new URL('https://ghe.example.com/acme/platform/pull/4242/files');
    const cell = doc.querySelector('.blob-code, .diff-text-cell')!;
    expect(createSiteDetector(doc, () => url).detect().id).toBe('generic');
    const plain = createSiteDetector(doc, () => url, { githubHosts: ['ghe.example.com'] }).detect();
    expect(plain.id).toBe('github');
    expect(plain.navigationEvents).toEqual(expect.arrayContaining(['turbo:load', 'turbo:frame-render', 'pjax:end', 'soft-nav:end']));
    expect(plain.exclude(cell)).toBe(true);
    const scanning = createSiteDetector(doc, () => url, { githubHosts: ['ghe.example.com'], exclude: { scanDiffs: true } }).detect();
    expect(scanning.exclude(cell)).toBe(false);
  });
});

describe('GitHub hosts and pages', () => {
  it('normalises host entries the user typed', () => {
    expect(normalizeHost(' https://GHE.Example.com/enterprise/ ')).toBe('ghe.example.com');
    expect(normalizeHost('127.0.0.1:8443')).toBe('127.0.0.1:8443');
    expect(normalizeHost('')).toBe('');
    expect(isGithubHost(new URL('https://ghe.example.com:8443/x'), ['ghe.example.com'])).toBe(true);
    expect(isGithubHost(new URL('https://ghe.example.com/x'), ['https://ghe.example.com/'])).toBe(true);
    expect(isGithubHost(new URL('https://other.example.com/x'), ['', '  '])).toBe(false);
  });

  it('tells pull-request tabs and issues apart, also under a path prefix', () => {
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes/pull/126543'))).toBe('pull-conversation');
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes/pull/126543/commits'))).toBe('pull-commits');
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes/pull/126543/files'))).toBe('pull-files');
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes/pull/126543/changes'))).toBe('pull-files');
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes/issues/125000'))).toBe('issue');
    expect(githubPageKind(new URL('http://127.0.0.1:4173/github-pr/acme/platform/pull/4242/files'))).toBe('pull-files');
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes'))).toBe('other');
    expect(githubPageKind(new URL('https://github.com/kubernetes/kubernetes/pulls'))).toBe('other');
  });

  it('listens to Turbo, pjax and soft navigations', () => {
    expect(githubAdapter.navigationEvents).toEqual(
      expect.arrayContaining(['turbo:load', 'turbo:render', 'pjax:end', 'soft-nav:end', 'popstate']),
    );
    expect(createGithubAdapter(['ghe.example.com']).matches(parse(''), new URL('https://ghe.example.com/'))).toBe(true);
    expect(githubAdapter.matches(parse(''), new URL('https://ghe.example.com/'))).toBe(false);
  });
});

describe('GitHub regions: pull request conversation', () => {
  const doc = load('github-pr-conversation.html');
  const texts = scoped(doc, githubAdapter);

  it('scans the title, the description, comments, review comments and suggested changes', () => {
    expect(texts).toContain('Add a PodDisruptionBudget for kube-proxy and CNPG Pods');
    expect(texts).toContain('This adds a PodDisruptionBudget (PDB) so that a node drain never takes down every kube-proxy Pod at once.');
    // Inline code inside a comment is prose for our purpose ("goose_db_version" is a glossary term).
    expect(texts).toContain('goose_db_version');
    expect(texts).toContain('; Argo CD syncs the Secret and the Ingress auth settings.');
    expect(texts).toContain('Should this PDB also cover the CNPG Pods behind the Ingress?');
    expect(texts).toContain('maxUnavailable: 1 # suggested: one kube-proxy Pod at a time');
    // Commit titles in the timeline are prose too.
    expect(texts).toContain('Select kube-proxy Pods in the PDB');
  });

  it('leaves out usernames, @mentions, labels, branch names, SHAs and the sidebar', () => {
    for (const name of ['argo-cd-bot', 'kube-proxy', '@kube-proxy', 'Ingress', 'PDB', 'main', '4f2a9c1', 'Secret rotation']) {
      expect(texts, name).not.toContain(name);
    }
    expect(containing(texts, 'Reviewers')).toEqual([]);
  });

  it('leaves out the diff hunk quoted in a review thread, the header and the footer', () => {
    expect(texts).not.toContain('PodDisruptionBudget');
    expect(containing(texts, 'hunk quoted in the thread')).toEqual([]);
    expect(containing(texts, 'Pull requests about Ingress')).toEqual([]);
    expect(containing(texts, 'Secret scanning')).toEqual([]);
  });

  it('turns the quoted diff hunk on with scanDiffs, and nothing else', () => {
    const withDiffs = scoped(doc, githubAdapter, { scanDiffs: true });
    expect(withDiffs).toContain('PodDisruptionBudget');
    expect(containing(withDiffs, 'hunk quoted in the thread')).toHaveLength(1);
    expect(withDiffs.filter((t) => !texts.includes(t))).toEqual(['kind', ':', 'PodDisruptionBudget', '# hunk quoted in the thread']);
    for (const name of ['argo-cd-bot', '@kube-proxy', 'Ingress', 'PDB', '4f2a9c1']) expect(withDiffs, name).not.toContain(name);
  });

  it('keeps every excluded region free of in-scope text', () => {
    const excluded = new Set(
      textsUnder(
        doc,
        '.author, .user-mention, .IssueLabel, .commit-ref, #partial-discussion-sidebar, .blob-code, .blob-num, .AppHeader, .footer, code > a',
      ),
    );
    expect(excluded.size).toBeGreaterThan(8);
    for (const text of texts) expect(excluded.has(text), text).toBe(false);
  });
});

describe('GitHub regions: files changed', () => {
  it('classic diff table: review comments in, code, line numbers, file header and tree out', () => {
    const doc = load('github-pr-files-classic.html');
    const texts = scoped(doc, githubAdapter);
    expect(texts).toContain('Argo CD will prune the old PDB when this Secret changes; CNPG Pods are not selected.');
    expect(texts).not.toContain('PodDisruptionBudget');
    expect(containing(texts, 'Ingress')).toEqual([]);
    expect(containing(texts, 'kube-proxy')).toEqual([]);
    expect(containing(texts, 'pdb.yaml')).toEqual([]);
    expect(texts).not.toContain('argo-cd-bot');
    expect(texts).not.toContain('4f2a9c1');

    const withDiffs = scoped(doc, githubAdapter, { scanDiffs: true });
    expect(withDiffs).toContain('PodDisruptionBudget');
    expect(withDiffs).toContain('# Keeps one kube-proxy Pod per node during a drain (Ingress traffic)');
    expect(withDiffs).toContain('@@ -0,0 +1,12 @@ PodDisruptionBudget for kube-proxy');
    // The tree, the file path and the users stay out even then.
    expect(containing(withDiffs, 'pdb.yaml')).toEqual([]);
    expect(withDiffs).not.toContain('kube-proxy');
    expect(withDiffs).not.toContain('argo-cd-bot');
  });

  it('React diff view: review thread in; code cells, hunk, line numbers, branch names and tree out', () => {
    const doc = load('github-pr-files-react.html');
    const texts = scoped(doc, githubAdapter);
    expect(texts).toContain('Add a PodDisruptionBudget for kube-proxy and CNPG Pods');
    expect(texts).toContain('Should the PDB also cover CNPG Pods? Argo CD syncs this Secret last.');
    expect(texts).toContain('commented');
    for (const out of ['PodDisruptionBudget', 'kube-proxy', 'main', 'argo-cd-bot', '1', '2', '3']) expect(texts, out).not.toContain(out);
    expect(containing(texts, 'Ingress auth tier')).toEqual([]);
    expect(containing(texts, 'Secret rotation')).toEqual([]);
    expect(containing(texts, 'pdb.yaml')).toEqual([]);

    const withDiffs = scoped(doc, githubAdapter, { scanDiffs: true });
    expect(withDiffs).toContain('# Selects the kube-proxy Pods; the Ingress auth tier is separate');
    expect(withDiffs).toContain('# old Secret rotation');
    expect(withDiffs).not.toContain('kube-proxy');
    expect(withDiffs).not.toContain('1');
  });

  it('keeps a suggested change in scope: its lines are blob-code-inner cells, not diff code', () => {
    const doc = load('github-pr-conversation.html');
    const suggestion = doc.querySelector('.js-suggested-changes-blob td.blob-code-addition')!;
    expect(githubAdapter.exclude(suggestion)).toBe(false);
    expect(isScanned(suggestion.firstChild!, githubAdapter)).toBe(true);
    expect(githubAdapter.exclude(doc.querySelector('.diff-table td.blob-code')!)).toBe(true);
  });
});

describe('GitHub regions: issue (React view)', () => {
  const doc = load('github-issue-react.html');
  const texts = scoped(doc, githubAdapter);

  it('scans the title, body and comments', () => {
    expect(texts).toContain('kube-proxy Pods evicted despite the PDB');
    expect(texts).toContain('During the upgrade every kube-proxy Pod was evicted although a PodDisruptionBudget exists.');
    expect(texts).toContain('The CNPG operator manages its own PDB; only the Ingress controller Pods need one here.');
  });

  it('leaves out the author, commenters, assignees and labels', () => {
    for (const out of ['Secret', 'argo-cd-bot', 'kube-proxy', 'Ingress', 'Assignees', 'Labels']) expect(texts, out).not.toContain(out);
  });
});

describe('Grafana regions', () => {
  const doc = load('grafana-dashboard.html');
  const texts = scoped(doc, grafanaAdapter);

  it('scans panel titles, descriptions, legends, table headers and cells, alert rules and annotations', () => {
    for (const text of [
      'Pods ready by node',
      'Ready kube-proxy Pods per node; a drain must respect the PDB.',
      'kube-proxy',
      'Ingress controller',
      'PodDisruptionBudget status',
      'PDB',
      'Allowed disruptions',
      'CNPG cluster',
      'If the Ingress auth tier is down, check the Secret first.',
      'Alert rules (legacy panel)',
      'PDB blocks node drain',
      'Firing for 5m: Argo CD sync is paused',
      'Deployed Ingress auth v2',
    ]) {
      expect(texts, text).toContain(text);
    }
  });

  it('leaves query editors, Monaco and code blocks alone', () => {
    expect(containing(texts, 'kube_poddisruptionbudget')).toEqual([]);
    expect(containing(texts, 'PodDisruptionBudget in a code block')).toEqual([]);
    expect(containing(texts, 'Prometheus')).toEqual([]);
    expect(containing(texts, 'grafanaBootData')).toEqual([]);
  });

  it('ignores the GitHub-only diff option', () => {
    expect(scoped(doc, grafanaAdapter, { scanDiffs: true })).toEqual(texts);
  });
});

describe('Argo CD regions', () => {
  const doc = load('argocd-application.html');
  const texts = scoped(doc, argocdAdapter);

  it('scans status, resource tree kinds and names, conditions and events', () => {
    for (const text of [
      'Progressing',
      'OutOfSync',
      'Sync OK',
      'Project platform',
      'Deployment',
      'kube-proxy',
      'PodDisruptionBudget',
      'kube-proxy-pdb',
      'Secret',
      'ingress-auth',
      'SyncError',
      'Failed to sync the Ingress: the PDB admission webhook denied the request',
      'Scaled up replica set kube-proxy-7d9f to 2 Pods',
    ]) {
      expect(texts, text).toContain(text);
    }
  });

  it('leaves the live manifest editor and pod logs alone', () => {
    expect(containing(texts, 'live manifest')).toEqual([]);
    expect(containing(texts, 'log line from the container')).toEqual([]);
  });

  it('scans the application list', () => {
    const list = scoped(load('argocd-applications-list.html'), argocdAdapter);
    expect(list).toEqual(expect.arrayContaining(['my-app', 'platform', 'Healthy Synced', 'kube-proxy with its PodDisruptionBudget']));
  });

  it('prefers the senses packs declare for Argo CD', () => {
    expect(argocdAdapter.preferredSite).toBe('argocd');
    expect(grafanaAdapter.preferredSite).toBe('grafana');
    expect(githubAdapter.preferredSite).toBe('github');
  });
});

describe('Grafana prose regions', () => {
  describe('the saved CloudNativePG dashboard', () => {
    const doc = loadCorpus('grafana-cnpg-dashboard');
    const texts = prose(doc, grafanaAdapter);

    it('holds the dashboard title, panel titles, descriptions and row titles', () => {
      for (const text of [
        'CloudNativePG',
        'Last archived WAL',
        'Ready Operator Pods',
        'Volume Space Usage: PGDATA and WAL',
        'Elapsed time since the last successful base backup.',
        "The operator reconcile errors don't distinguish between database cluster or namespaces.",
        'Operator',
        'Write Ahead Log',
      ]) {
        expect(texts, text).toContain(text);
      }
    });

    it('leaves out the navigation, breadcrumbs, search, variables, time picker, buttons and "No data"', () => {
      for (const text of [
        'Home',
        'Dashboards',
        'Bookmarks',
        'Explore',
        'Alerting',
        'ctrl+k',
        'Help',
        "What's new",
        'Operator Namespace',
        'All',
        'Last 6 hours',
        'Refresh',
        'Edit',
        'Share',
        'No data',
        '(10 panels)',
      ]) {
        expect(texts, text).not.toContain(text);
      }
    });

    it('walks a small part of the page', () => {
      expect(texts.length).toBeLessThan(scoped(doc, grafanaAdapter).length / 2);
    });
  });

  it('holds legends, tables, text panels, alert rules and legacy panels of the saved snippet, not queries or code', () => {
    const doc = load('grafana-dashboard.html');
    const texts = prose(doc, grafanaAdapter);
    for (const text of [
      'Kubernetes / Pods',
      'Pods ready by node',
      'Ready kube-proxy Pods per node; a drain must respect the PDB.',
      'kube-proxy',
      'Ingress controller',
      'PDB',
      'CNPG cluster',
      'If the Ingress auth tier is down, check the Secret first.',
      'Alert rules (legacy panel)',
      'PDB blocks node drain',
      'Firing for 5m: Argo CD sync is paused',
      'Deployed Ingress auth v2',
    ]) {
      expect(texts, text).toContain(text);
    }
    // "kube-system" is also a table cell: the variable's value is checked by its element.
    for (const text of ['Home', 'namespace', 'Prometheus']) expect(texts, text).not.toContain(text);
    expect(proseTextNodes(doc, grafanaAdapter).some((t) => t.parentElement?.classList.contains('css-variable-value'))).toBe(false);
    expect(containing(texts, 'PodDisruptionBudget in a code block')).toEqual([]);
    expect(containing(texts, 'kube_poddisruptionbudget')).toEqual([]);
  });
});

describe('Argo CD prose regions', () => {
  describe('the saved CloudNativePG application', () => {
    const doc = loadCorpus('argocd-cnpg-application');
    const texts = prose(doc, argocdAdapter);

    it('holds statuses and their messages, resource kinds and names, the resource panel heading and events', () => {
      for (const text of [
        'Progressing',
        'Synced',
        'Sync OK',
        'Succeeded 2 days ago (Thu Dec 03 2026 09:12:41 GMT+0000)',
        'PodDisruptionBudget',
        'PersistentVolumeClaim',
        'cluster-example-rw',
        'Pod',
        'cluster-example-3',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 500',
      ]) {
        expect(texts, text).toContain(text);
      }
    });

    it('leaves out the sidebar, top bar, buttons, field labels, tabs, table headers and node ages', () => {
      for (const text of [
        'v2.13.1+af54ef8',
        'Applications',
        'User Info',
        'HISTORY AND ROLLBACK',
        'SYNC',
        'Log out',
        'APP HEALTH',
        'SYNC STATUS',
        'DELETE',
        'LOGS',
        'EVENTS',
        'REASON',
        'MESSAGE',
        '2 days',
      ]) {
        expect(texts, text).not.toContain(text);
      }
    });

    it('walks a small part of the page', () => {
      expect(texts.length).toBeLessThan(scoped(doc, argocdAdapter).length * 0.8);
    });
  });

  it('holds conditions and events of the saved snippet, not the live manifest or pod logs', () => {
    const texts = prose(load('argocd-application.html'), argocdAdapter);
    for (const text of [
      'OutOfSync',
      'Project platform',
      'kube-proxy-pdb',
      'SyncError',
      'Failed to sync the Ingress: the PDB admission webhook denied the request',
      'Scaled up replica set kube-proxy-7d9f to 2 Pods',
    ]) {
      expect(texts, text).toContain(text);
    }
    expect(containing(texts, 'live manifest')).toEqual([]);
    expect(containing(texts, 'log line from the container')).toEqual([]);
  });

  it('holds each application of the list with its fields, not their labels', () => {
    const texts = prose(load('argocd-applications-list.html'), argocdAdapter);
    expect(texts).toEqual(expect.arrayContaining(['my-app', 'platform', 'Healthy Synced', 'kube-proxy with its PodDisruptionBudget']));
    for (const text of ['Applications', 'Project:', 'Status:', 'Description:']) expect(texts, text).not.toContain(text);
  });
});

describe('generic adapter', () => {
  it('scans the whole body, code included', () => {
    const doc = load('generic-docs.html');
    const texts = scoped(doc, genericAdapter);
    expect(texts).toContain(
      'A PodDisruptionBudget (PDB) limits the number of Pods of a replicated application that are down simultaneously.',
    );
    expect(texts).toContain('kubectl get pdb # PodDisruptionBudget in code');
    expect(texts).toContain('Written by the Ingress team');
    expect(texts).toContain('Documentation');
  });
});

describe('nodes added after the first scan (the update path)', () => {
  it('follows the adapter from any node up to the document', () => {
    const doc = load('github-pr-conversation.html');
    const label = doc.querySelector('.IssueLabel span')!.firstChild!;
    const description = doc.querySelector('.js-comment-body p')!.firstChild!;
    const diffCode = doc.querySelector('.blob-code .pl-s')!.firstChild!;
    expect(isScanned(label, githubAdapter)).toBe(false);
    expect(isScanned(description, githubAdapter)).toBe(true);
    expect(isScanned(diffCode, githubAdapter)).toBe(false);
    expect(isScanned(diffCode, githubAdapter, { scanDiffs: true })).toBe(true);
    // Not in the page (a detached node): not scanned.
    expect(isScanned(doc.createTextNode('PDB'), githubAdapter)).toBe(false);
  });
});

describe('stored site options', () => {
  it('reads whatever storage holds into valid host lists', () => {
    expect(parseSiteOptions(undefined)).toEqual({ githubHosts: [], scanDiffs: [] });
    expect(parseSiteOptions('nonsense')).toEqual({ githubHosts: [], scanDiffs: [] });
    expect(
      parseSiteOptions({
        githubHosts: ['https://GHE.example.com/', '127.0.0.1:8443', 42, '', 'not a host!', 'ghe.example.com'],
        scanDiffs: 'github.com',
      }),
    ).toEqual({ githubHosts: ['ghe.example.com', '127.0.0.1:8443'], scanDiffs: [] });
  });

  it('binds the options into the adapter the scanner calls with one argument', () => {
    const doc = load('github-pr-files-react.html');
    const cell = doc.querySelector('td.diff-text-cell[data-line-number="1"]')!;
    expect(githubAdapter.exclude(cell)).toBe(true);
    expect(withExcludeOptions(githubAdapter, { scanDiffs: true }).exclude(cell)).toBe(false);
    expect(withExcludeOptions(githubAdapter, { scanDiffs: false })).toBe(githubAdapter);
    // Everything else about the adapter stays the same.
    expect(withExcludeOptions(githubAdapter, { scanDiffs: true }).navigationEvents).toBe(githubAdapter.navigationEvents);
  });
});

describe('compiled region rules', () => {
  const docs = [
    ...readdirSync(SNIPPETS)
      .filter((f) => f.endsWith('.html'))
      .map((f) => ({ name: f, doc: load(f) })),
    { name: 'generated PR page', doc: parse(generateSmallPage(['PodDisruptionBudget', 'PDB', 'Secret'], 5)) },
  ];
  const ruleSets = {
    'GitHub always': GITHUB_RULES.always,
    'GitHub diff code': GITHUB_RULES.diffCode,
    'GitHub any': GITHUB_RULES.any,
    Grafana: GRAFANA_RULES,
    'Argo CD': ARGOCD_RULES,
  };

  it('agree with Element.matches on their own selector list, on every element of every saved page', () => {
    for (const [ruleName, rules] of Object.entries(ruleSets)) {
      let matched = 0;
      for (const { name, doc } of docs) {
        for (const el of Array.from(doc.querySelectorAll('*'))) {
          const expected = el.matches(rules.selector);
          if (expected) matched++;
          if (rules.test(el) !== expected)
            throw new Error(
              `${ruleName} on ${name}: <${el.localName} class="${el.getAttribute('class')}"> test=${!expected} matches=${expected}`,
            );
        }
      }
      // Every rule set finds something on the saved pages (they are written to exercise it).
      expect(matched, ruleName).toBeGreaterThan(0);
    }
  });

  it('compile every kind of simple selector', () => {
    const rules = compileRules({
      classes: ['a'],
      tags: ['file-tree'],
      ids: ['side'],
      attributes: { 'data-x': ['say hi'], 'data-flag': true },
      attributePrefixes: { 'data-testid': ['data-testid Code'] },
      classParts: ['BranchName'],
      custom: [{ selector: 'code > a', test: (el) => el.localName === 'a' && el.parentElement?.localName === 'code' }],
    });
    expect(rules.selector).toBe(
      '.a,file-tree,#side,[data-x="say hi"],[data-flag],[data-testid^="data-testid Code"],[class*="BranchName"],code > a',
    );
    // Quotes in values are escaped in the selector.
    expect(compileRules({ attributes: { title: ['a "b"'] } }).selector).toBe('[title="a \\"b\\""]');
    const doc = parse(`<body>
      <p id="t1" class="b a"></p><file-tree id="t2"></file-tree><div id="side"></div><i id="t4" data-x="say hi"></i>
      <i id="t5" data-flag=""></i><i id="t6" data-testid="data-testid Code editor container"></i><i id="t7" class="prc-BranchName-BranchName-x"></i>
      <code><a id="t8" href="#"></a></code>
      <p id="n1" class="ab"></p><i id="n2" data-x="say"></i><i id="n3" data-testid="Code editor"></i><a id="n4" href="#"></a></body>`);
    for (const el of Array.from(doc.querySelectorAll('[id^="t"], #side'))) expect(rules.test(el), el.id).toBe(true);
    for (const el of Array.from(doc.querySelectorAll('[id^="n"]'))) expect(rules.test(el), el.id).toBe(false);
    for (const el of Array.from(doc.querySelectorAll('*'))) expect(rules.test(el), el.id).toBe(el.matches(rules.selector));
  });
});
