// Start-up and lifecycle: ask the background for this site's matcher, run a page session, follow
// settings and in-page navigation, answer the popup and the keyboard command.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { receiveMatcher } from '../../lib/matcher/transfer';
import type { Matcher, MatcherTransfer } from '../../lib/matcher';
import type { PageSetup } from '../../lib/protocol';
import { siteHost } from '../../lib/settings/resolve';
import { createSiteDetector, type SiteAdapter, type SiteDetector } from '../../lib/sites';
import { listenInTab, send } from '../../utils/messaging';
import { silencedHere, type Silenced } from '../../lib/card/silence';
import { addKnownTerms, knownTermsItem, silencedTermsItem } from '../../utils/known-terms';
import { PageSession } from './session';

/**
 * Storage keys whose change can change what this page shows: some of utils/storage.ts's STORAGE_KEYS
 * (a unit test keeps them in step), not imported from there because that module brings zod along.
 * The terms marked as known are followed through their own item.
 */
export const PAGE_STATE_KEYS = ['sync:settings', 'sync:sites', 'local:userPacks'] as const;

/** Whether a storage.onChanged event (its changes and area) touches PAGE_STATE_KEYS. */
export function touchesPageState(changes: Record<string, unknown>, area: string): boolean {
  return PAGE_STATE_KEYS.some((key) => key.startsWith(`${area}:`) && key.slice(area.length + 1) in changes);
}
const NAVIGATION_SETTLE_MS = 150;

/** The first matcher request, sent as the script starts: it overlaps the page's loading. */
export function requestMatcher(): Promise<PageSetup> {
  const request = send('matcher', { host: siteHost(location.href) ?? location.hostname, url: location.href });
  request.catch(() => undefined);
  return request;
}

/** `request`: requestMatcher()'s answer, when the caller sent it already. */
export async function startTermlens(ctx: ContentScriptContext, request: Promise<PageSetup> = requestMatcher()): Promise<void> {
  const doc = document;
  // Keyed like the popup and the background key sites ("Example.com." is example.com).
  const host = siteHost(location.href) ?? location.hostname;
  let session: PageSession | null = null;
  let fingerprint = '';
  /** Whether a session has scanned this page load before (a settings change starts a new one). */
  let scanned = false;
  /** Counts matcher loads: a load that a newer start() overtook is dropped. */
  let loads = 0;
  // The first matcher request (already sent) overlaps the known-terms read: both are round trips to the browser.
  // The URL too: a pack scoped to a GitHub org or repo applies only on its pages.
  let firstMatcher: Promise<PageSetup> | null = request;
  // "Not here": keys silenced on this host or GitHub repository join the known ones on this page.
  // Both lists are read at once: each is a round trip to the browser before the first scan.
  let [known, silenced]: [string[], Silenced[]] = await Promise.all([
    knownTermsItem.getValue().catch(() => []),
    silencedTermsItem.getValue().catch(() => []),
  ]);
  const hidden = () => [...known, ...silencedHere(silenced, new URL(location.href))];
  /** Which site the page is (the popup shows GitHub-only options on GitHub pages). */
  let site: SiteDetector | null = null;

  /** The last matcher received, by id: settings changes that keep the packs do not transfer it again. */
  let loaded: { id: string; matcher: Matcher } | null = null;
  const loadMatcher = async (transfer: MatcherTransfer): Promise<Matcher | null> => {
    if (loaded?.id === transfer.id) return loaded.matcher;
    const loadStart = performance.now();
    try {
      // The rest of the matcher comes in chunks, one message and one short task each.
      const { matcher, stats } = await receiveMatcher(transfer, (index) =>
        send('matcherChunk', { host, id: transfer.id, index }).then((r) => r.data),
      );
      // Wall time from the answer to a usable matcher; the detail has the page's own time (work, longest task).
      performance.measure('termlens:load-matcher', { start: loadStart, duration: performance.now() - loadStart, detail: { ...stats } });
      loaded = { id: transfer.id, matcher };
      return matcher;
    } catch (error) {
      console.warn('Termlens: could not load the matcher', error);
      return null;
    }
  };

  /** `navigated`: an in-page navigation; the same packs apply at the new URL, so the session rescans. */
  const start = async (navigated = false) => {
    let setup: PageSetup;
    try {
      const pending = firstMatcher;
      firstMatcher = null;
      setup = await (pending ?? send('matcher', { host, url: location.href }));
      // Start-up milestones for DevTools and the benchmark (navigation → first highlights).
      performance.mark('termlens:matcher-answer');
      // Packs may have changed without changing what matches (a definition edited, packs reordered or
      // turned off): a session that goes on must not show cached senses.
      session?.explainer.resetLookups();
    } catch (error) {
      console.warn('Termlens: no matcher from the background', error);
      return;
    }
    const load = ++loads;
    // The matcher loads while the page is still being parsed (injected at document_start); a restart
    // for a settings change that keeps the same packs reuses the loaded one.
    let matcher: Matcher | null = null;
    if (setup.enabled && setup.matcher) {
      matcher = await loadMatcher(setup.matcher);
      if (!matcher) {
        // The page goes on without highlights; a later start (settings, packs) tries again.
        if (load === loads) fingerprint = '';
        return;
      }
    }
    if (load !== loads || ctx.isInvalid) return;
    // The site adapter, with this site's settings (the popup's "This site": GitHub Enterprise host, diff scanning).
    const excludeOptions = { scanDiffs: setup.scanDiffs };
    const fingerprintOf = (adapter: SiteAdapter) =>
      matcher
        ? `${setup.style}|${setup.firstOnly}|${setup.matcher!.id}|${setup.relevance?.id ?? ''}|${adapter.id}|${excludeOptions.scanDiffs}`
        : 'off';
    // Detected once; a generic page again on each rescan (first scan, each in-page navigation): SPAs such
    // as Grafana and Argo CD may render what recognises them after first paint.
    const detector = createSiteDetector(doc, () => new URL(location.href), {
      githubHosts: setup.githubEnterprise ? [location.hostname] : [],
      exclude: excludeOptions,
    });
    const adapterFor = () => detector.detect();
    const openSession = (adapter: SiteAdapter) =>
      new PageSession({
        doc,
        host,
        setup,
        matcher: matcher!,
        detectAdapter: adapterFor,
        adapter,
        knownTerms: hidden(),
        onKnow: (keys) => void addKnownTerms(keys),
      });

    // The page's first paint usually comes while it is still being parsed. If the matcher is ready
    // before that, the frame's animation callback scans the top of what is parsed (one short slice) so
    // the first paint has highlights; the scan proper starts again from the top at DOMContentLoaded.
    let preview = null as { session: PageSession; fingerprint: string } | null;
    let previewFrame = 0;
    if (matcher && !scanned && doc.readyState === 'loading') {
      previewFrame = requestAnimationFrame(() => {
        if (load !== loads || ctx.isInvalid || doc.readyState !== 'loading' || !doc.body) return;
        const adapter = adapterFor();
        preview = { session: openSession(adapter), fingerprint: fingerprintOf(adapter) };
        preview.session.rescan({ preview: true });
      });
    }

    // Scan once the document is parsed. When the matcher was ready first, the scan starts inside
    // DOMContentLoaded with one short slice, so the first paint after parsing has highlights.
    const inParse = await domParsed(doc);
    const resumed = performance.now();
    cancelAnimationFrame(previewFrame);
    performance.mark('termlens:dom-ready');
    if (load !== loads || ctx.isInvalid) {
      preview?.session.stop();
      return;
    }
    const adapter = adapterFor();
    const next = fingerprintOf(adapter);
    // The preview goes on as the page's session if nothing it was made with changed (a Grafana page may
    // have been generic while half parsed).
    const adopted = preview?.fingerprint === next ? preview.session : null;
    if (preview && !adopted) preview.session.stop();
    if (next === fingerprint) {
      if (navigated) {
        session?.rescan();
        listenForNavigation();
      }
      return;
    }
    fingerprint = next;
    session?.stop();
    session = null;
    if (!matcher) return;
    site = detector;
    session = adopted ?? openSession(adapter);
    // The page's first scan starts without reading layout (the page may not have been laid out yet):
    // reading a box would force its first layout in our task.
    session.rescan({ early: inParse || !scanned });
    scanned = true;
    // What this start-up added to the page's DOMContentLoaded task (the benchmark's longest task counts it).
    if (inParse) performance.measure('termlens:in-dom-content-loaded', { start: resumed, duration: performance.now() - resumed });
    listenForNavigation();
  };

  ctx.onInvalidated(() => {
    session?.stop();
    session = null;
  });

  // Settings, sites or packs changed (popup, options, another tab): re-ask, restart only if it differs.
  // Timers through ctx: they must not fire into a context the extension's reload or update invalidated.
  let settingsTimer: number | undefined;
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (!touchesPageState(changes, area)) return;
    clearTimeout(settingsTimer);
    settingsTimer = ctx.setTimeout(() => void start(), 100);
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  const unwatchKnown = knownTermsItem.watch((value) => {
    known = value ?? [];
    session?.setKnownTerms(hidden());
  });
  ctx.onInvalidated(unwatchKnown);
  const unwatchSilenced = silencedTermsItem.watch((value) => {
    silenced = value ?? [];
    session?.setKnownTerms(hidden());
  });
  ctx.onInvalidated(unwatchSilenced);

  // In-page navigation (history API, GitHub's Turbo, the adapter's own events): rescan once it settles.
  let navTimer: number | undefined;
  let lastUrl = location.href;
  const onNavigate = () => {
    session?.explainer.hide();
    clearTimeout(navTimer);
    navTimer = ctx.setTimeout(() => {
      if (location.href === lastUrl && !navigationEventPending) return;
      lastUrl = location.href;
      navigationEventPending = false;
      // Another repository may have other packs (scopes): ask again; the same ones rescan.
      void start(true);
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
  // A page restored from the back/forward cache: the browser reset its tab's toolbar icon, and the
  // settings may have changed meanwhile. Asking again sets both; the same settings change nothing.
  ctx.addEventListener(window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) void start();
  });
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

  const removeTabListener = listenInTab(
    {
      pageTerms: () => ({ terms: session?.pageTerms() ?? [], ...(session && site?.current ? { site: site.current.id } : {}) }),
      scrollToTerm: ({ key }) => session?.scrollToTerm(key) ?? { found: false, index: -1, count: 0 },
      explainSelection: async () => ({ shown: (await session?.explainer.explainSelection()) ?? false }),
    },
    (type) => type === 'explainSelection' && !holdsFocus(doc),
  );
  ctx.onInvalidated(removeTabListener);

  await start();
}

/**
 * Whether the keyboard command (sent to every frame of the tab) is this frame's to answer: the frame
 * whose document has the focus itself. The top frame also answers when no frame has it, and leaves it
 * to a child frame that holds it.
 */
function holdsFocus(doc: Document): boolean {
  const active = doc.activeElement;
  const inChildFrame = active instanceof HTMLIFrameElement || active?.localName === 'frame';
  if (window === window.top) return !(doc.hasFocus() && inChildFrame);
  return doc.hasFocus() && !inChildFrame;
}

/**
 * The DOM is parsed. True when that happened just now: the caller resumes inside the DOMContentLoaded
 * dispatch (before the page's own listeners and its first layout) and must keep its work short there.
 */
function domParsed(doc: Document): Promise<boolean> {
  if (doc.readyState !== 'loading') return Promise.resolve(false);
  return new Promise((done) => doc.addEventListener('DOMContentLoaded', () => done(true), { once: true }));
}
