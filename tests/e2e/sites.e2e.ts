// Site support in real Chromium with the built extension: the GitHub PR fixture (served from
// 127.0.0.1, which the test marks as a GitHub Enterprise host, as the popup's "This site" does), and the Grafana and
// Argo CD fixtures (served from 127.0.0.2, an arbitrary host the user grants; the adapter is chosen
// from the page). The fixtures are React apps built by fixture-apps.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitePatch } from '../../lib/settings';
import { buildFixtureApps } from './fixture-apps';
import { launchExtension, sendFromPage, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';
import { openPopup, tabIdOf } from './popup-helpers';

const POLL = { timeout: 15_000, interval: 100 };

interface HighlightInfo {
  text: string;
  connected: boolean;
  /** Names of the `regions` the range is inside. */
  regions: string[];
}

/**
 * Every registered Termlens highlight range (both kinds), read in the page's main world: its text,
 * and which of the named regions (CSS selectors) contain it.
 */
function highlights(page: Page, regions: Record<string, string>): Promise<HighlightInfo[]> {
  return page.evaluate((regionMap) => {
    const out: Array<{ text: string; connected: boolean; regions: string[] }> = [];
    for (const name of ['termlens-term', 'termlens-avoid']) {
      const highlight = CSS.highlights.get(name);
      if (!highlight) continue;
      for (const value of highlight) {
        const range = value as AbstractRange;
        const start = range.startContainer;
        let text = '';
        try {
          const live = document.createRange();
          live.setStart(start, range.startOffset);
          live.setEnd(range.endContainer, range.endOffset);
          text = live.toString();
        } catch {
          text = '';
        }
        const el = start.nodeType === 1 ? (start as Element) : start.parentElement;
        out.push({
          text,
          connected: start.isConnected,
          regions: Object.entries(regionMap)
            .filter(([, selector]) => el?.closest(selector))
            .map(([regionName]) => regionName),
        });
      }
    }
    return out;
  }, regions);
}

/** Texts of the highlights inside a region. */
async function textsIn(page: Page, regions: Record<string, string>, region: string): Promise<string[]> {
  return (await highlights(page, regions)).filter((h) => h.regions.includes(region)).map((h) => h.text);
}

/** The centre of the highlighted occurrence of `word` inside `selector`, in viewport coordinates. */
function termPoint(page: Page, selector: string, word: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ([sel, w]) => {
      for (const value of CSS.highlights.get('termlens-term') ?? []) {
        const range = value as AbstractRange;
        if (!range.startContainer.parentElement?.closest(sel)) continue;
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        if (live.toString() !== w) continue;
        const r = live.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    },
    [selector, word] as const,
  );
}

async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
}

/** Measures the content script left (name → details), read in the main world. */
function measures(page: Page, name: string): Promise<Array<{ duration: number; nodes: number; chars: number }>> {
  return page.evaluate(
    (n) =>
      performance.getEntriesByName(n, 'measure').map((m) => {
        const detail = ((m as PerformanceMeasure).detail ?? {}) as { nodes?: number; chars?: number };
        return { duration: m.duration, nodes: detail.nodes ?? 0, chars: detail.chars ?? 0 };
      }),
    name,
  );
}

describe('site adapters on the fixture apps', () => {
  let browser: ExtensionBrowser;
  let github: FixtureServer;
  let selfHosted: FixtureServer;

  /** Change a site's settings the way the popup's "This site" does: a `setSiteSettings` message from an extension page. */
  async function setSiteSettings(host: string, patch: SitePatch): Promise<void> {
    const extensionPage = await browser.openExtensionPage('popup.html');
    const reply = await sendFromPage(extensionPage, { type: 'setSiteSettings', host, patch });
    await extensionPage.close();
    if (!reply.ok) throw new Error(reply.error);
  }

  const errorsOn = (origin: string) => browser.errors.filter((e) => e.startsWith(origin));

  /** The background registers the content script for a granted origin (permissions.onAdded). */
  async function waitForRegistration(pattern: string): Promise<void> {
    const worker = await browser.serviceWorker();
    const registered = () =>
      worker.evaluate(async () =>
        (
          await (
            globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } } }
          ).chrome.scripting.getRegisteredContentScripts()
        ).flatMap((s) => s.matches ?? []),
      );
    for (let i = 0; !(await registered()).includes(pattern); i++) {
      if (i > 150) throw new Error(`the content script is not registered for ${pattern}: ${JSON.stringify(await registered())}`);
      // The popup talks to the background right after a grant, which re-syncs the registration when
      // permissions.onAdded did not fire (entrypoints/background/page-support.ts): do the same if it is slow to come.
      if (i % 20 === 10) {
        const extensionPage = await browser.openExtensionPage('popup.html');
        await sendFromPage(extensionPage, { type: 'stats' });
        await extensionPage.close();
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  beforeAll(async () => {
    const apps = await buildFixtureApps();
    github = await serveFixtures(apps, '127.0.0.1');
    selfHosted = await serveFixtures(apps, '127.0.0.2');
    browser = await launchExtension();
    // The user marks their GitHub Enterprise host (the fixture server) as such and grants Termlens access to it.
    await setSiteSettings('127.0.0.1', { githubEnterprise: true });
    await browser.grantHost('http://127.0.0.1/*');
    await waitForRegistration('http://127.0.0.1/*');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await github?.close();
    await selfHosted?.close();
  });

  describe('GitHub pull request (127.0.0.1 as a GitHub Enterprise host)', () => {
    /** Where names, SHAs and code live: nothing in them may be highlighted by default. */
    const OFF_LIMITS = {
      usernames: '.author, .user-mention, [data-hovercard-type="user"], .commit-author',
      labels: '.IssueLabel, .js-issue-labels',
      branches: '.commit-ref',
      shas: '.sha, code > a[href*="/commit"]',
      sidebar: '#partial-discussion-sidebar',
      diffCode: '.blob-code, .diff-text-cell, .new-diff-line-number',
      fileTree: '[data-testid="file-tree"], .file-header',
      chrome: '.AppHeader, .footer',
    };
    const REGIONS = {
      ...OFF_LIMITS,
      title: '.js-issue-title',
      description: '[id^="pullrequest-"] .js-comment-body',
      comments: '.js-comment-body, .markdown-body',
      suggestion: '.js-suggested-changes-blob',
      reviewThread: '[data-testid="review-thread"]',
      commitTitles: '.js-commits-list-item .markdown-title',
    };
    const offLimitHits = async (page: Page) => (await highlights(page, REGIONS)).filter((h) => h.regions.some((r) => r in OFF_LIMITS));

    let page: Page;

    beforeAll(async () => {
      page = await browser.context.newPage();
      await page.goto(github.url('/github-pr/acme/platform/pull/4242'));
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    });

    it('highlights terms in the title, description and comments', async () => {
      await expect
        .poll(() => textsIn(page, REGIONS, 'title'), POLL)
        .toEqual(expect.arrayContaining(['PodDisruptionBudget', 'kube-proxy', 'CNPG']));
      await expect
        .poll(() => textsIn(page, REGIONS, 'description'), POLL)
        .toEqual(expect.arrayContaining(['PDB', 'goose_db_version', 'Argo CD', 'Secret']));
      await scrollTo(page, '.js-suggested-changes-blob');
      await expect.poll(() => textsIn(page, REGIONS, 'suggestion'), POLL).toEqual(expect.arrayContaining(['kube-proxy']));
      await expect.poll(() => textsIn(page, REGIONS, 'comments'), POLL).toEqual(expect.arrayContaining(['Ingress auth']));
    });

    it('highlights nothing in diff code, SHAs, usernames, labels, branch names or the sidebar', async () => {
      // The same words are terms (highlighted in prose above); here they are names and code.
      for (const selector of ['.head-ref', '.IssueLabel', '.blob-code', '#partial-discussion-sidebar']) {
        await scrollTo(page, selector);
        await expect.poll(() => page.evaluate(() => CSS.highlights.get('termlens-term')?.size ?? 0), POLL).toBeGreaterThan(0);
        expect(await offLimitHits(page)).toEqual([]);
      }
    });

    it('shows the card for a term in the description on hover', async () => {
      await scrollTo(page, '[id^="pullrequest-"] .js-comment-body');
      const point = () => termPoint(page, '[id^="pullrequest-"] .js-comment-body', 'PodDisruptionBudget');
      await expect.poll(point, POLL).not.toBeNull();
      const at = (await point())!;
      await page.mouse.move(at.x - 30, at.y - 30);
      await page.mouse.move(at.x, at.y, { steps: 3 });
      const card = page.locator('termlens-card');
      await expect.poll(() => card.count(), POLL).toBe(1);
      await expect.poll(() => card.locator('.tl-sense').first().getAttribute('data-sense'), POLL).toBeTruthy();
      await expect
        .poll(() => page.evaluate(() => document.querySelector('termlens-card')?.shadowRoot?.textContent ?? ''), POLL)
        .toContain('PodDisruptionBudget');
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);
    });

    it('keeps highlighting through in-page tab switches, "Load diff" and "Load more…", without a reload', async () => {
      // Files changed: review threads in the React diff view are prose; the code around them is not.
      await page.click('a.tabnav-tab[data-tab="files"]');
      await expect.poll(() => page.url()).toMatch(/\/pull\/4242\/files$/);
      await scrollTo(page, '[data-testid="review-thread"]');
      await expect.poll(() => textsIn(page, REGIONS, 'reviewThread'), POLL).toEqual(expect.arrayContaining(['PDB', 'CNPG']));
      expect(await offLimitHits(page)).toEqual([]);

      // A collapsed large diff: its review thread appears after "Load diff".
      await scrollTo(page, 'button.load-diff');
      await page.click('button.load-diff');
      await scrollTo(page, '[data-file-path="charts/ingress/values.yaml"] [data-testid="review-thread"]');
      await expect
        .poll(
          async () =>
            (await highlights(page, { ...REGIONS, loaded: '[data-file-path="charts/ingress/values.yaml"] [data-testid="review-thread"]' }))
              .filter((h) => h.regions.includes('loaded'))
              .map((h) => h.text),
          POLL,
        )
        .toEqual(expect.arrayContaining(['Ingress auth', 'Secret']));
      expect(await offLimitHits(page)).toEqual([]);

      // Commits: titles are prose, SHAs and authors are not.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click('a.tabnav-tab[data-tab="commits"]');
      await expect
        .poll(() => textsIn(page, REGIONS, 'commitTitles'), POLL)
        .toEqual(expect.arrayContaining(['PodDisruptionBudget', 'goose_db_version', 'Ingress auth']));
      expect(await offLimitHits(page)).toEqual([]);

      // Back (popstate) to the conversation, then "Load more…" brings hidden comments in.
      await page.goBack();
      await page.goBack();
      await expect.poll(() => page.url()).toMatch(/\/pull\/4242$/);
      await expect.poll(() => textsIn(page, REGIONS, 'description'), POLL).toEqual(expect.arrayContaining(['PDB']));
      await scrollTo(page, '.ajax-pagination-btn');
      await page.click('.ajax-pagination-btn');
      await expect.poll(() => page.locator('.timeline-comment').count()).toBe(5);
      await scrollTo(page, '#issuecomment-4242h1');
      await expect
        .poll(
          async () =>
            (await highlights(page, { hidden: '#issuecomment-4242h1 .js-comment-body' }))
              .filter((h) => h.regions.includes('hidden'))
              .map((h) => h.text),
          POLL,
        )
        .toEqual(expect.arrayContaining(['goose_db_version', 'CNPG']));
      expect(await offLimitHits(page)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    });

    it('follows in-page navigation to another pull request', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click('[id^="pullrequest-"] a.issue-link');
      await expect.poll(() => page.url()).toMatch(/\/pull\/4243$/);
      await expect.poll(() => textsIn(page, REGIONS, 'title'), POLL).toEqual(expect.arrayContaining(['Ingress auth', 'Argo CD']));
      // This PR's branch is named "Ingress" and its label "Secret": still names, not terms.
      expect(await offLimitHits(page)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    });

    it('scans diff code once the user turns "Scan diff code" on in the popup, and stops when turned off', async () => {
      await page.click('a.tabnav-tab[data-tab="files"]');
      await scrollTo(page, '.diff-text-cell');
      const popup = await openPopup(browser, await tabIdOf(await browser.serviceWorker(), page));
      // The page reported the GitHub adapter: the GitHub-only option is there; the Enterprise one is not
      // offered on an IP address (no GitHub Enterprise server is reached by one).
      const scan = popup.getByRole('checkbox', { name: /^Scan diff code/ });
      await expect.poll(() => scan.isEnabled(), POLL).toBe(true);
      expect(await popup.getByRole('checkbox', { name: /GitHub Enterprise/ }).count()).toBe(0);
      // A controlled checkbox: it shows the stored value once the background has answered.
      await scan.click();
      await expect.poll(() => scan.isChecked(), POLL).toBe(true);
      await expect.poll(() => textsIn(page, REGIONS, 'diffCode'), POLL).toEqual(expect.arrayContaining(['Argo CD', 'Ingress', 'Secret']));
      await scan.click();
      await expect.poll(() => scan.isChecked(), POLL).toBe(false);
      await expect.poll(async () => (await textsIn(page, REGIONS, 'diffCode')).length, POLL).toBe(0);
      await popup.close();
    });

    it('caused no errors on the page', () => {
      expect(errorsOn(github.origin)).toEqual([]);
    });
  });

  describe('Grafana (any host, recognised from the page)', () => {
    const REGIONS = {
      panelTitle: '[data-testid^="data-testid Panel header"] h2, .panel-title',
      description: '.css-panel-description',
      legend: '[data-testid^="data-testid VizLegend series"]',
      table: '[role="table"]',
      alerts: '.alert-rule-list',
      annotations: '.annotations-list',
      queryEditor: '[data-testid="data-testid Query editor row"], .monaco-editor',
      code: 'pre, code',
    };
    let page: Page;

    it('highlights nothing before the user turns the site on', async () => {
      page = await browser.context.newPage();
      await page.goto(selfHosted.url('/grafana/d/k8s-pods/kubernetes-pods'));
      await expect.poll(() => page.locator('[role="table"] [role="cell"]').count()).toBeGreaterThan(0);
      // No access to 127.0.0.2 yet: no content script, whatever time it is given.
      await page.waitForTimeout(1000);
      expect(await page.evaluate(() => CSS.highlights.get('termlens-term')?.size ?? 0)).toBe(0);
    });

    it('once turned on, detects Grafana from the page and highlights panels, legends and tables, not queries or code', async () => {
      // "Turn on Termlens for 127.0.0.2": the open tab gets the content script without a reload.
      await browser.grantHost('http://127.0.0.2/*');
      await waitForRegistration('http://127.0.0.2/*');
      await expect.poll(() => textsIn(page, REGIONS, 'panelTitle'), POLL).toEqual(expect.arrayContaining(['PodDisruptionBudget', 'Pods']));
      await expect.poll(() => textsIn(page, REGIONS, 'description'), POLL).toEqual(expect.arrayContaining(['kube-proxy', 'PDB']));
      await expect.poll(() => textsIn(page, REGIONS, 'legend'), POLL).toEqual(expect.arrayContaining(['kube-proxy', 'CNPG']));
      await expect.poll(() => textsIn(page, REGIONS, 'table'), POLL).toEqual(expect.arrayContaining(['Ingress auth', 'PDB']));
      await scrollTo(page, '[data-testid="data-testid Query editor row"]');
      await expect.poll(() => textsIn(page, REGIONS, 'alerts'), POLL).toEqual(expect.arrayContaining(['PDB', 'CNPG']));
      // The query editor and the code block hold "PodDisruptionBudget" too; the Grafana adapter (not the
      // generic one, which scans everything) leaves them alone.
      const all = await highlights(page, REGIONS);
      expect(all.filter((h) => h.regions.includes('queryEditor') || h.regions.includes('code'))).toEqual([]);
      // The dashboard was rendered before the grant: the first scan walked its prose regions only, not
      // the top bar, the variables, the chart or the query editor.
      const [first] = await measures(page, 'termlens:scan');
      const pageNodes = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        let count = 0;
        while (walker.nextNode()) count++;
        return count;
      });
      expect(first!.nodes).toBeGreaterThan(0);
      expect(first!.nodes).toBeLessThan(pageNodes * 0.6);
    });

    it('follows the 1 s data refresh with small incremental updates and no errors', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const scans = await measures(page, 'termlens:scan');
      expect(scans.length).toBeGreaterThan(0);
      const fullChars = Math.max(...scans.map((s) => s.chars));
      const before = (await measures(page, 'termlens:update')).length;
      // Five refreshes rewrite values, pod names, statuses and alert states in place.
      await page.waitForTimeout(5_000);
      const updates = (await measures(page, 'termlens:update')).slice(before);
      expect(updates.length).toBeGreaterThan(0);
      // Each update rescans only what changed: a small part of what the full scan read.
      for (const update of updates) expect(update.chars).toBeLessThan(fullChars / 2);
      // Highlights follow the text: every registered range is on text that is still in the page.
      const now = await highlights(page, REGIONS);
      expect(now.length).toBeGreaterThan(0);
      expect(now.filter((h) => !h.connected || h.text === '')).toEqual([]);
      expect(errorsOn(selfHosted.origin)).toEqual([]);
    });
  });

  describe('Argo CD (any host, recognised from the page)', () => {
    const REGIONS = {
      list: '.applications-list',
      kinds: '.application-resource-tree__node-kind',
      names: '.application-resource-tree__node-title',
      status: '.application-status-panel',
      conditions: '.application-conditions',
      events: '.events-list',
      manifest: '.yaml-editor, .monaco-editor',
      logs: '.pod-logs-viewer',
    };
    let page: Page;

    it('highlights the application list', async () => {
      page = await browser.context.newPage();
      await page.goto(selfHosted.url('/argocd/applications'));
      await expect
        .poll(() => textsIn(page, REGIONS, 'list'), POLL)
        .toEqual(expect.arrayContaining(['PodDisruptionBudget', 'CNPG', 'goose_db_version', 'Ingress auth', 'Argo CD', 'App-of-Apps']));
    });

    it('shows the Argo CD sense of a word first on hover (the pack marks it `sites: [argocd]`)', async () => {
      const point = () => termPoint(page, '.applications-list', 'App-of-Apps');
      await expect.poll(point, POLL).not.toBeNull();
      const at = (await point())!;
      await page.mouse.move(at.x - 30, at.y - 30);
      await page.mouse.move(at.x, at.y, { steps: 3 });
      const card = () =>
        page.evaluate(() => {
          const root = document.querySelector('termlens-card')?.shadowRoot;
          return {
            headword: root?.querySelector('.tl-headword')?.textContent ?? '',
            first: root?.querySelector('.tl-sense .tl-definition')?.textContent ?? '',
            others: root?.querySelector('.tl-others')?.textContent ?? '',
          };
        });
      // Elsewhere the general GitOps entry comes first (pack order); on Argo CD the Argo CD one does.
      await expect.poll(async () => (await card()).headword, POLL).toContain('App-of-Apps (Argo CD)');
      expect((await card()).first).toMatch(/^A bootstrap pattern where a single root Argo CD Application/);
      // The other senses wait behind "More".
      await page.locator('termlens-card .tl-more').click();
      await expect.poll(async () => (await card()).others, POLL).toContain('Patterns to manage many Applications');
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);
    });

    it('follows the route change to the details and the resource tree as it grows', async () => {
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      await page.click('[data-app="my-app"]');
      await expect.poll(() => page.url()).toMatch(/\/argocd\/applications\/argocd\/my-app$/);
      // The sync adds nodes for ~3.5 s: kinds appear and get highlighted as they come.
      await expect
        .poll(() => textsIn(page, REGIONS, 'kinds'), POLL)
        .toEqual(
          expect.arrayContaining(['Deployment', 'Service', 'Ingress', 'ReplicaSet', 'Pod', 'PodDisruptionBudget', 'ConfigMap', 'Secret']),
        );
      await expect.poll(() => page.getByTestId('app-sync').textContent(), POLL).toContain('Synced');
      await scrollTo(page, '.events-list');
      await expect
        .poll(() => textsIn(page, REGIONS, 'events'), POLL)
        .toEqual(expect.arrayContaining(['PodDisruptionBudget', 'Secret', 'Ingress']));
      await scrollTo(page, '.pod-logs-viewer');
      await expect.poll(() => textsIn(page, REGIONS, 'conditions'), POLL).toEqual(expect.arrayContaining(['Secret']));
      // The live manifest and the pod logs contain terms too, and stay untouched.
      const all = await highlights(page, REGIONS);
      expect(all.filter((h) => h.regions.includes('manifest') || h.regions.includes('logs'))).toEqual([]);
      expect(all.filter((h) => !h.connected)).toEqual([]);
    });

    it('goes back to the list in-page, with small updates and no errors', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('breadcrumb-applications').click();
      await expect.poll(() => page.url()).toMatch(/\/argocd\/applications$/);
      await expect.poll(() => textsIn(page, REGIONS, 'list'), POLL).toEqual(expect.arrayContaining(['PodDisruptionBudget']));
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      const scans = await measures(page, 'termlens:scan');
      const updates = await measures(page, 'termlens:update');
      expect(scans.length + updates.length).toBeGreaterThan(1);
      expect(errorsOn(selfHosted.origin)).toEqual([]);
    });
  });
});
