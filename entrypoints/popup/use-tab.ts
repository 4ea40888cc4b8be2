// The tab the popup is about: its host, this site's settings, host access, the terms its content script
// found, and the changes the popup makes there (on/off, site settings, scroll to a term).
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { mergeFrameTerms, TermCursor, type FrameTerms, type TabTerm } from '../../lib/frames';
import type { PackInfo, PageTerm } from '../../lib/protocol';
import type { SitePatch, SiteSettings } from '../../lib/settings';
import { forgottenMessage, siteHost } from '../../lib/settings/resolve';
import type { SiteId } from '../../lib/sites';
import { framesOf, send, sendToTab } from '../../utils/messaging';

export interface Target {
  tabId: number;
  host: string | null;
  /** Match pattern for the host permission, e.g. `https://grafana.example.com/*`. */
  pattern: string | null;
  /** The tab's address (for the packs' scopes). */
  url?: string;
}

/**
 * The tab the popup is about: the active tab, or `?tab=<id>` when the popup is opened as a page
 * (tests, or a pinned popup window).
 */
async function findTarget(): Promise<Target | null> {
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param ? await browser.tabs.get(Number(param)) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return null;
  const host = tab.url ? siteHost(tab.url) : null;
  const pattern = host && tab.url ? `${new URL(tab.url).protocol}//${host}/*` : null;
  return { tabId: tab.id, host, pattern, ...(tab.url ? { url: tab.url } : {}) };
}

/** How often, and how many times, the popup asks a restarting page for its terms. */
const RELOAD_EVERY_MS = 500;
const RELOAD_TRIES = 8;

/** Every site patch but the style restarts the page's session (packs, first-only, a site's own switches). */
const restartsPage = (patch: SitePatch) => Object.keys(patch).some((key) => key !== 'style' && key !== 'enabled');

export function useTab(fail: (e: unknown) => void, setError: (message: string | null) => void) {
  /** undefined while looking, null when the popup has no tab. */
  const [target, setTarget] = useState<Target | null | undefined>(undefined);
  const [site, setSite] = useState<SiteSettings | null>(null);
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const [access, setAccess] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pageTerms, setPageTerms] = useState<TabTerm[] | null>(null);
  const cursor = useRef(new TermCursor());
  /** The site adapter the tab's content script detected (GitHub, Grafana…), when it runs there. */
  const [detected, setDetected] = useState<SiteId | undefined>();
  const [pageUnavailable, setPageUnavailable] = useState<string | undefined>();
  const [scrollStatus, setScrollStatus] = useState<string | undefined>();

  /** Resolves to whether the page answered with any term. */
  const loadPageTerms = useCallback(async (t: Target): Promise<boolean> => {
    try {
      // The top frame answers for the page (its site); the other frames add their terms, and one that
      // does not answer (no content script there, or gone) adds nothing.
      const [top, ...others] = await framesOf(t.tabId);
      const [{ terms, site }, ...rest] = await Promise.all([
        sendToTab(t.tabId, 'pageTerms', {}, top),
        ...others.map((frameId) => sendToTab(t.tabId, 'pageTerms', {}, frameId).catch(() => null)),
      ]);
      const frames: FrameTerms[] = [{ frameId: top!, terms }];
      rest.forEach((r, i) => {
        if (r) frames.push({ frameId: others[i]!, terms: r.terms });
      });
      cursor.current = new TermCursor();
      const merged = mergeFrameTerms(frames);
      setPageTerms(merged);
      setDetected(site);
      setPageUnavailable(undefined);
      return merged.length > 0;
    } catch (e) {
      setPageTerms(null);
      setDetected(undefined);
      const message = e instanceof Error ? e.message : String(e);
      // No content script in the tab (the browser found no receiver) is the usual case; anything else
      // is the content script failing to answer, and the user should see why.
      const absent = /receiving end does not exist|could not establish connection|no answer from the page/i.test(message);
      setPageUnavailable(
        !t.host
          ? 'Termlens does not run on this kind of page.'
          : absent
            ? 'Termlens is not running on this page.'
            : `Termlens could not read this page: ${message}`,
      );
      return false;
    }
  }, []);

  useEffect(() => {
    findTarget().then(async (t) => {
      setTarget(t);
      // Asked even without a site: it also has the background warm up its search index.
      const [settings, granted] = await Promise.all([
        send('settings', t?.host ? { host: t.host } : {}),
        t?.pattern ? browser.permissions.contains({ origins: [t.pattern] }) : Promise.resolve(false),
      ]);
      setSite(settings.site ?? null);
      setPacks(settings.packs);
      setAccess(granted);
      if (t) await loadPageTerms(t);
    }, fail);
  }, [fail, loadPageTerms]);

  /**
   * The content script follows the stored settings by itself and scans again: ask it until it has found
   * something, for a few seconds (a slow machine, a large page), since a page without terms says so at once.
   */
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const open = useRef(true);
  const reloadPageTerms = useCallback(() => {
    if (!target) return;
    let tries = 0;
    const ask = async () => {
      if (!open.current) return;
      const found = await loadPageTerms(target);
      if (!found && open.current && ++tries < RELOAD_TRIES) reloadTimer.current = setTimeout(() => void ask(), RELOAD_EVERY_MS);
    };
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void ask(), RELOAD_EVERY_MS);
  }, [target, loadPageTerms]);
  // A closed popup asks nothing more.
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
      clearTimeout(reloadTimer.current);
    };
  }, []);

  const toggleSite = async (on: boolean) => {
    if (!target?.host || !site) return;
    setBusy(true);
    try {
      if (on && !access) {
        // Must be the first await after the click: the browser only shows its prompt during a user gesture.
        const granted = target.pattern ? await browser.permissions.request({ origins: [target.pattern] }) : false;
        if (!granted) {
          setError(`Access to ${target.host} was not granted.`);
          return;
        }
        setAccess(true);
      }
      const { site: next, forgotten } = await send('setSiteSettings', { host: target.host, patch: { enabled: on } });
      setSite(next);
      setError(forgottenMessage(forgotten ?? []));
      if (on) reloadPageTerms();
      else {
        setPageTerms(null);
        setPageUnavailable('Termlens is off on this site.');
      }
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const patchSite = async (patch: SitePatch) => {
    if (!target?.host) return;
    try {
      const { site: next, forgotten } = await send('setSiteSettings', { host: target.host, patch });
      setSite(next);
      // Keeping this site's settings made room by dropping older sites': the user is told which.
      if (forgotten?.length) setError(forgottenMessage(forgotten));
      // The page restarts with the new settings (a GitHub Enterprise host is detected as GitHub then).
      if (restartsPage(patch)) setTimeout(() => void loadPageTerms(target), 400);
    } catch (e) {
      fail(e);
    }
  };

  const scrollTo = async (chosen: PageTerm) => {
    if (!target) return;
    const term = pageTerms?.find((t) => t.key === chosen.key) ?? { ...chosen, frames: [{ frameId: 0, count: chosen.count }] };
    const frameId = cursor.current.frameFor(term) ?? 0;
    try {
      const r = await sendToTab(target.tabId, 'scrollToTerm', { key: term.key }, frameId);
      const at = cursor.current.answered(term, frameId, r.index, r.count);
      setScrollStatus(r.found ? `${term.text}: ${at.index + 1} of ${at.count}` : `${term.text} is no longer on the page`);
    } catch (e) {
      fail(e);
    }
  };

  /** Change a pack's scope (the popup applies a pack on this repository or host). */
  const setScope = (id: string, scope: string[]) => void send('setPackScope', { id, scope }).then((r) => setPacks(r.packs), fail);

  return {
    target,
    site,
    packs,
    access,
    busy,
    detected,
    pageTerms,
    pageUnavailable,
    scrollStatus,
    toggleSite,
    patchSite,
    scrollTo,
    setScope,
    reloadPageTerms,
  };
}
