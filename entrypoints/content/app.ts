// Start-up and lifecycle: ask the background for this site's matcher, run a page session, follow
// settings and in-page navigation, answer the popup and the keyboard command.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { receiveMatcher } from '../../lib/matcher/transfer';
import type { PageSetup } from '../../lib/protocol';
import { createSiteDetector, type SiteDetector } from '../../lib/sites';
import { listenInTab, send } from '../../utils/messaging';
import { addKnownTerms, knownTermsItem } from './known-terms';
import { PageSession } from './session';

/** Storage keys whose change can change what this page shows (see utils/storage.ts STORAGE_KEYS). */
const WATCHED = { sync: ['settings', 'sites'], local: ['userPacks'] } as Record<string, string[]>;
const NAVIGATION_SETTLE_MS = 150;

export async function startTermlens(ctx: ContentScriptContext): Promise<void> {
  const doc = document;
  const host = location.hostname;
  let session: PageSession | null = null;
  let fingerprint = '';
  /** Counts matcher loads: a load that a newer start() overtook is dropped. */
  let loads = 0;
  // The first matcher request goes out with the known-terms read: both are round trips to the browser.
  let firstMatcher: Promise<PageSetup> | null = send('matcher', { host });
  firstMatcher.catch(() => undefined);
  let known: string[] = await knownTermsItem.getValue().catch(() => []);
  /** Which site the page is (the popup shows GitHub-only options on GitHub pages). */
  let site: SiteDetector | null = null;

  const start = async () => {
    let setup: PageSetup;
    try {
      const pending = firstMatcher;
      firstMatcher = null;
      setup = await (pending ?? send('matcher', { host }));
      // Start-up milestones for DevTools and the benchmark (navigation → first highlights).
      performance.mark('termlens:matcher-answer');
    } catch (error) {
      console.warn('Termlens: no matcher from the background', error);
      return;
    }
    // Injected at document_start: scan once the document is parsed.
    await domReady(doc);
    performance.mark('termlens:dom-ready');
    // The site adapter, with this site's settings (the popup's "This site": GitHub Enterprise host, diff scanning).
    const excludeOptions = { scanDiffs: setup.scanDiffs };
    // Detected once; a generic page again on each rescan (first scan, each in-page navigation): SPAs such
    // as Grafana and Argo CD may render what recognises them after first paint.
    const detector = createSiteDetector(doc, () => new URL(location.href), { githubHosts: setup.githubEnterprise ? [location.hostname] : [], exclude: excludeOptions });
    const adapterFor = () => detector.detect();
    const adapter = adapterFor();
    if (ctx.isInvalid) return;
    const next = setup.enabled && setup.matcher ? `${setup.style}|${setup.firstOnly}|${setup.matcher.id}|${adapter.id}|${excludeOptions.scanDiffs}` : 'off';
    if (next === fingerprint) return;
    fingerprint = next;
    const load = ++loads;
    session?.stop();
    session = null;
    if (!setup.enabled || !setup.matcher) return;
    const loadStart = performance.now();
    const id = setup.matcher.id;
    let received: Awaited<ReturnType<typeof receiveMatcher>>;
    try {
      // The rest of the matcher comes in chunks, one message and one short task each.
      received = await receiveMatcher(setup.matcher, (index) => send('matcherChunk', { host, id, index }).then((r) => r.data));
    } catch (error) {
      // The page goes on without highlights; a later start (settings, packs) tries again.
      if (load === loads) fingerprint = '';
      console.warn('Termlens: could not load the matcher', error);
      return;
    }
    if (load !== loads || ctx.isInvalid) return;
    const { matcher, stats } = received;
    // Wall time from the answer to a usable matcher; the detail has the page's own time (work, longest task).
    performance.measure('termlens:load-matcher', { start: loadStart, duration: performance.now() - loadStart, detail: { ...stats } });
    site = detector;
    session = new PageSession({
      doc,
      host,
      setup,
      matcher,
      detectAdapter: adapterFor,
      knownTerms: known,
      onKnow: (keys) => void addKnownTerms(keys),
    });
    session.rescan();
    listenForNavigation();
  };

  ctx.onInvalidated(() => {
    session?.stop();
    session = null;
  });

  // Settings, sites or packs changed (popup, options, another tab): re-ask, restart only if it differs.
  let settingsTimer: ReturnType<typeof setTimeout> | undefined;
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (!WATCHED[area]?.some((k) => k in changes)) return;
    clearTimeout(settingsTimer);
    settingsTimer = setTimeout(() => void start(), 100);
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  const unwatchKnown = knownTermsItem.watch((value) => {
    known = value ?? [];
    session?.setKnownTerms(known);
  });
  ctx.onInvalidated(unwatchKnown);

  // In-page navigation (history API, GitHub's Turbo, the adapter's own events): rescan once it settles.
  let navTimer: ReturnType<typeof setTimeout> | undefined;
  let lastUrl = location.href;
  const onNavigate = () => {
    session?.explainer.hide();
    clearTimeout(navTimer);
    navTimer = setTimeout(() => {
      if (location.href === lastUrl && !navigationEventPending) return;
      lastUrl = location.href;
      navigationEventPending = false;
      session?.rescan();
      // A rescan may have recognised the site (a generic page that turned out to be Grafana): its events too.
      listenForNavigation();
    }, NAVIGATION_SETTLE_MS);
  };
  let navigationEventPending = false;
  const onNavigationEvent = (event: Event) => {
    // Listeners stay once added: only the current adapter's events count.
    if (!session?.navigationEvents.includes(event.type)) return;
    navigationEventPending = true;
    onNavigate();
  };
  ctx.addEventListener(window, 'wxt:locationchange', onNavigate);
  ctx.addEventListener(window, 'popstate', onNavigate);
  // Plus the detected adapter's own events (GitHub: Turbo, pjax, soft navigation), added as adapters are detected.
  const listening = new Set<string>(['popstate']);
  function listenForNavigation(): void {
    for (const type of session?.navigationEvents ?? []) {
      if (listening.has(type)) continue;
      listening.add(type);
      ctx.addEventListener(window, type as 'popstate', onNavigationEvent);
    }
  }

  const removeTabListener = listenInTab({
    pageTerms: () => ({ terms: session?.pageTerms() ?? [], ...(session && site?.current ? { site: site.current.id } : {}) }),
    scrollToTerm: ({ key }) => session?.scrollToTerm(key) ?? { found: false, index: -1, count: 0 },
    explainSelection: async () => ({ shown: (await session?.explainer.explainSelection()) ?? false }),
  });
  ctx.onInvalidated(removeTabListener);

  await start();
}

/** The DOM is parsed; resumes in a task of its own, never inside the page's DOMContentLoaded dispatch. */
function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((done) => doc.addEventListener('DOMContentLoaded', () => setTimeout(done, 0), { once: true }));
}
