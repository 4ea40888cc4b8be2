// The popup: search every term, the terms found on the current page, and this site's settings.
// Everything goes through the background (send) or the tab's content script (sendToTab).
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { EntryView } from '../../components/EntryView';
import { PageTerms } from '../../components/PageTerms';
import { ResultList, groupHits, optionId } from '../../components/ResultList';
import { SearchBox } from '../../components/SearchBox';
import { SiteSettingsPanel } from '../../components/SiteSettingsPanel';
import type { IndexEntry } from '../../lib/glossary/compile';
import type { PackInfo, PageTerm, Stats } from '../../lib/protocol';
import type { SearchHit } from '../../lib/search';
import type { SitePatch, SiteSettings } from '../../lib/settings';
import { siteHost } from '../../lib/settings/resolve';
import type { SiteId } from '../../lib/sites/types';
import { send, sendToTab } from '../../utils/messaging';

const LIST_ID = 'search-results';

interface Target {
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

interface Entry {
  senses: IndexEntry[];
  packNames: Record<string, string>;
}

export function App() {
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [target, setTarget] = useState<Target | null | undefined>(undefined);
  const [site, setSite] = useState<SiteSettings | null>(null);
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const [access, setAccess] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pageTerms, setPageTerms] = useState<PageTerm[] | null>(null);
  /** The site adapter the tab's content script detected (GitHub, Grafana…), when it runs there. */
  const [detected, setDetected] = useState<SiteId | undefined>();
  const [pageUnavailable, setPageUnavailable] = useState<string | undefined>();
  const [scrollStatus, setScrollStatus] = useState<string | undefined>();

  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [entry, setEntry] = useState<Entry | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const searchSeq = useRef(0);

  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);

  const loadPageTerms = useCallback(async (t: Target) => {
    try {
      const { terms, site } = await sendToTab(t.tabId, 'pageTerms', {});
      setPageTerms(terms);
      setDetected(site);
      setPageUnavailable(undefined);
    } catch (e) {
      setPageTerms(null);
      setDetected(undefined);
      const message = e instanceof Error ? e.message : String(e);
      // No content script in the tab (the browser found no receiver) is the usual case; anything else
      // is the content script failing to answer, and the user should see why.
      const absent = /receiving end does not exist|could not establish connection|no answer from the page/i.test(message);
      setPageUnavailable(!t.host ? 'Termlens does not run on this kind of page.' : absent ? 'Termlens is not running on this page.' : `Termlens could not read this page: ${message}`);
    }
  }, []);

  useEffect(() => {
    send('stats', {}).then(setStats, fail);
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

  // Search as the user types; a late answer to an older query is dropped.
  const changeQuery = (next: string) => {
    setQuery(next);
    const seq = ++searchSeq.current;
    if (!next.trim()) {
      setHits([]);
      return;
    }
    send('search', { query: next, limit: 30 }).then(({ hits }) => {
      if (seq !== searchSeq.current) return;
      setHits(hits);
      setActive(0);
    }, fail);
  };

  const groups = groupHits(hits, query);
  const openHit = async (index: number, chosen?: SearchHit) => {
    const hit = chosen ?? groups[index]?.hits[0];
    if (!hit) return;
    setActive(index);
    try {
      setEntry(await send('entry', { id: hit.id, ...(target?.host ? { host: target.host } : {}) }));
    } catch (e) {
      fail(e);
    }
  };

  const back = () => {
    setEntry(null);
    // After the entry view unmounts, focus returns to the search box (results and active option kept).
    requestAnimationFrame(() => searchRef.current?.focus());
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && groups.length > 0) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, groups.length - 1));
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && hits.length > 0) {
      e.preventDefault();
      void openHit(active);
    } else if (e.key === 'Escape' && query) {
      // First Esc clears the search; the next one is the browser's (closes the popup).
      e.preventDefault();
      changeQuery('');
    }
  };

  // Esc leaves the entry from wherever focus is in the popup (the document, not one element, listens).
  const backRef = useRef(back);
  useEffect(() => {
    backRef.current = back;
  });
  const inEntry = entry !== null;
  useEffect(() => {
    if (!inEntry) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      backRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [inEntry]);

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
      const { site: next } = await send('setSiteSettings', { host: target.host, patch: { enabled: on } });
      setSite(next);
      setError(null);
      // The content script follows the stored setting; ask it again once it has (re)scanned.
      if (on) setTimeout(() => void loadPageTerms(target), 600);
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
      const { site: next } = await send('setSiteSettings', { host: target.host, patch });
      setSite(next);
      // The page restarts with the new settings (a GitHub Enterprise host is detected as GitHub then).
      if (patch.pack || patch.firstOnly !== undefined || patch.scanDiffs !== undefined || patch.githubEnterprise !== undefined) setTimeout(() => void loadPageTerms(target), 400);
    } catch (e) {
      fail(e);
    }
  };

  const scrollTo = async (term: PageTerm) => {
    if (!target) return;
    try {
      const r = await sendToTab(target.tabId, 'scrollToTerm', { key: term.key });
      setScrollStatus(r.found ? `${term.text}: ${r.index + 1} of ${r.count}` : `${term.text} is no longer on the page`);
    } catch (e) {
      fail(e);
    }
  };

  const define = async (term: PageTerm) => {
    try {
      const { senses, packNames } = await send('lookup', { key: term.key, ...(target?.host ? { host: target.host } : {}) });
      setEntry({ senses, packNames });
    } catch (e) {
      fail(e);
    }
  };

  // A related term names a headword: its senses by key, lower case first (acronyms keep their case).
  const openRelated = async (term: string) => {
    try {
      const host = target?.host ? { host: target.host } : {};
      let found = await send('lookup', { key: `term:${term.toLowerCase()}`, ...host });
      if (found.senses.length === 0) found = await send('lookup', { key: `term:${term}`, ...host });
      if (found.senses.length > 0) setEntry({ senses: found.senses, packNames: found.packNames });
    } catch (e) {
      fail(e);
    }
  };

  const searching = query.trim() !== '';
  return (
    <main className="popup">
      <header className="popup-head" hidden={entry !== null}>
        <h1 className="popup-title">Termlens</h1>
        <SearchBox ref={searchRef} value={query} onChange={changeQuery} onKeyDown={onSearchKey} listId={LIST_ID} activeId={searching && hits.length ? optionId(LIST_ID, active) : undefined} />
      </header>
      {error && (
        <p className="ui-alert" role="alert">
          {error}
        </p>
      )}
      <div className="popup-body">
      {entry ? (
        <EntryView senses={entry.senses} packNames={entry.packNames} onBack={back} onRelated={(term) => void openRelated(term)} />
      ) : searching ? (
        hits.length > 0 ? (
          <ResultList id={LIST_ID} groups={groups} active={active} onActivate={setActive} onChoose={(i, hit) => void openHit(i, hit)} />
        ) : (
          <p className="ui-muted empty" role="status">
            No term matches “{query}”.
          </p>
        )
      ) : (
        <>
          <PageTerms terms={pageTerms} unavailable={pageUnavailable} status={scrollStatus} onScroll={(t) => void scrollTo(t)} onDefine={(t) => void define(t)} />
          {target?.host && site ? (
            <SiteSettingsPanel host={target.host} site={site} packs={packs} access={access} busy={busy} detected={detected} onToggle={(on) => void toggleSite(on)} onPatch={(p) => void patchSite(p)} url={target.url} onScope={(id, scope) => void send('setPackScope', { id, scope }).then((r) => setPacks(r.packs), fail)} />
          ) : target !== undefined ? (
            <section className="panel">
              <h2 className="panel-title">This site</h2>
              <p className="ui-muted">Termlens works on web pages (http and https) only.</p>
            </section>
          ) : null}
        </>
      )}
      </div>
      <footer className="popup-foot" hidden={entry !== null}>
        {stats && (
          <span data-testid="stats" className="ui-muted">
            {stats.termCount} terms in {stats.packs.length} packs
          </span>
        )}
        <button type="button" className="ui-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Packs &amp; options
        </button>
      </footer>
    </main>
  );
}
