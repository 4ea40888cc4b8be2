// Start-up and lifecycle: ask the background for this site's matcher, run a page session, follow
// settings and in-page navigation, answer the popup and the keyboard command.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { loadMatcher } from '../../lib/matcher';
import type { PageSetup } from '../../lib/protocol';
import { detectSite, excludeOptionsFor, parseSiteOptions, SITE_OPTIONS_KEY, withExcludeOptions } from '../../lib/sites';
import { listenInTab, send } from '../../utils/messaging';
import { addKnownTerms, knownTermsItem } from './known-terms';
import { PageSession } from './session';

/** Storage keys whose change can change what this page shows (see utils/storage.ts STORAGE_KEYS). */
const WATCHED = { sync: ['settings', 'sites', SITE_OPTIONS_KEY], local: ['userPacks'] } as Record<string, string[]>;
const NAVIGATION_SETTLE_MS = 150;

export async function startTermlens(ctx: ContentScriptContext): Promise<void> {
  const doc = document;
  const host = location.hostname;
  let session: PageSession | null = null;
  let fingerprint = '';
  let known: string[] = await knownTermsItem.getValue().catch(() => []);

  const start = async () => {
    let setup: PageSetup;
    try {
      setup = await send('matcher', { host });
    } catch (error) {
      console.warn('Termlens: no matcher from the background', error);
      return;
    }
    // The site adapter, with the user's site options (GitHub Enterprise hosts, diff scanning; lib/sites/options.ts).
    const url = new URL(location.href);
    const stored = await browser.storage.sync.get(SITE_OPTIONS_KEY).catch(() => ({}) as Record<string, unknown>);
    const siteOptions = parseSiteOptions(stored[SITE_OPTIONS_KEY]);
    const excludeOptions = excludeOptionsFor(siteOptions, url);
    // Re-detected on every rescan (in-page navigation; SPAs such as Grafana boot after the first scan).
    const adapterFor = () => {
      const at = new URL(location.href);
      return withExcludeOptions(detectSite(doc, at, { githubHosts: siteOptions.githubHosts }), excludeOptionsFor(siteOptions, at));
    };
    const adapter = adapterFor();
    if (ctx.isInvalid) return;
    const next = setup.enabled && setup.matcher ? `${setup.style}|${setup.firstOnly}|${setup.matcher.keys.length}|${setup.matcher.keys}|${setup.matcher.nodes}|${adapter.id}|${excludeOptions.scanDiffs}` : 'off';
    if (next === fingerprint) return;
    fingerprint = next;
    session?.stop();
    session = null;
    if (!setup.enabled || !setup.matcher) return;
    session = new PageSession({
      doc,
      host,
      setup,
      matcher: loadMatcher(setup.matcher),
      detectAdapter: adapterFor,
      knownTerms: known,
      onKnow: (keys) => void addKnownTerms(keys),
    });
    session.rescan();
    for (const type of session.navigationEvents) {
      if (!listening.has(type)) {
        listening.add(type);
        ctx.addEventListener(window, type, onNavigationEvent);
      }
    }
  };
  const listening = new Set<string>(['popstate']);

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
    }, NAVIGATION_SETTLE_MS);
  };
  let navigationEventPending = false;
  const onNavigationEvent = () => {
    navigationEventPending = true;
    onNavigate();
  };
  ctx.addEventListener(window, 'wxt:locationchange', onNavigate);
  ctx.addEventListener(window, 'popstate', onNavigate);
  // Plus each site's own events (GitHub's Turbo and soft navigation), added as sessions start.
  for (const type of ['turbo:load', 'turbo:render']) {
    listening.add(type);
    ctx.addEventListener(window, type, onNavigationEvent);
  }

  const removeTabListener = listenInTab({
    pageTerms: () => ({ terms: session?.pageTerms() ?? [] }),
    scrollToTerm: ({ key }) => session?.scrollToTerm(key) ?? { found: false, index: -1, count: 0 },
    explainSelection: async () => ({ shown: (await session?.explainer.explainSelection()) ?? false }),
  });
  ctx.onInvalidated(removeTabListener);

  await start();
}
