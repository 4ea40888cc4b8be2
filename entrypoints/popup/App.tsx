// The popup: search every term, the terms found on the current page, and this site's settings.
// Everything goes through the background (send) or the tab's content script (sendToTab); the state
// lives in hooks of its own: the tab (use-tab.ts), the search (use-search.ts), the open entry
// (use-entry.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { EntryView } from '../../components/EntryView';
import { ManagedSection } from '../../components/ManagedPanel';
import { RecentChanges } from '../../components/RecentChanges';
import { PageTerms } from '../../components/PageTerms';
import { PauseSwitch } from '../../components/PauseSwitch';
import { ResultList, optionId } from '../../components/ResultList';
import { SearchBox } from '../../components/SearchBox';
import { ShortcutHint } from '../../components/ShortcutHint';
import { SiteSettingsPanel } from '../../components/SiteSettingsPanel';
import type { Stats } from '../../lib/protocol';
import { send } from '../../utils/messaging';
import { explainQueryItem } from '../../utils/storage';
import { useEntry } from './use-entry';
import { usePause } from './use-pause';
import { useSearch } from './use-search';
import { useTab } from './use-tab';

const LIST_ID = 'search-results';

export function App() {
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);
  useEffect(() => {
    send('stats', {}).then(setStats, fail);
  }, [fail]);

  const tab = useTab(fail, setError);
  const searchRef = useRef<HTMLInputElement>(null);
  // After the entry view unmounts, focus returns to the search box (results and active option kept).
  const { entry, openHit, define, openRelated, back } = useEntry(tab.target?.host, fail, () =>
    requestAnimationFrame(() => searchRef.current?.focus()),
  );
  const search = useSearch(fail, openHit);
  // Opened by the explain command on a page Termlens does not run on: search for the selection, once.
  const changeQuery = useRef(search.changeQuery);
  useEffect(() => {
    changeQuery.current = search.changeQuery;
  });
  useEffect(() => {
    let live = true;
    explainQueryItem
      .getValue()
      .then(async (text) => {
        if (!text || !live) return;
        await explainQueryItem.setValue(null);
        changeQuery.current(text);
      })
      .catch(fail);
    return () => {
      live = false;
    };
  }, [fail]);
  const { target, site } = tab;
  const pause = usePause(fail);

  return (
    <main className="popup">
      <header className="popup-head" hidden={entry !== null}>
        <h1 className="popup-title">Termlens</h1>
        <SearchBox
          ref={searchRef}
          value={search.query}
          onChange={search.changeQuery}
          onKeyDown={search.onKeyDown}
          listId={LIST_ID}
          activeId={search.searching && search.hits.length ? optionId(LIST_ID, search.active) : undefined}
        />
      </header>
      {error && (
        <p className="ui-alert" role="alert">
          {error}
        </p>
      )}
      <div className="popup-body">
        {entry ? (
          <EntryView senses={entry.senses} packNames={entry.packNames} onBack={back} onRelated={(term) => void openRelated(term)} />
        ) : search.searching ? (
          search.hits.length > 0 ? (
            <ResultList
              id={LIST_ID}
              groups={search.groups}
              active={search.active}
              onActivate={search.setActive}
              onChoose={(i, hit) => void search.choose(i, hit)}
            />
          ) : (
            <p className="ui-muted empty" role="status">
              No term matches “{search.query}”.
            </p>
          )
        ) : (
          <>
            <ManagedSection pendingOnly />
            <RecentChanges />
            <PauseSwitch
              paused={pause.paused}
              busy={pause.busy}
              // Resumed: the page scans again, and "On this page" shows what it finds now.
              onChange={(p) => void pause.toggle(p).then((now) => now === false && tab.reloadPageTerms())}
            />
            {/* While paused, this page's terms and this site's settings do not apply: the pause note says why. */}
            {pause.paused ? null : (
              <PageTerms
                terms={tab.pageTerms}
                unavailable={tab.pageUnavailable}
                status={tab.scrollStatus}
                onScroll={(t) => void tab.scrollTo(t)}
                onDefine={(t) => void define(t)}
              />
            )}
            {pause.paused ? null : target?.host && site ? (
              <SiteSettingsPanel
                host={target.host}
                site={site}
                packs={tab.packs}
                access={tab.access}
                busy={tab.busy}
                detected={tab.detected}
                onToggle={(on) => void tab.toggleSite(on)}
                onPatch={(p) => void tab.patchSite(p)}
                url={target.url}
                onScope={tab.setScope}
              />
            ) : target !== undefined ? (
              <section className="panel">
                <h2 className="panel-title">This site</h2>
                <p className="ui-muted">Termlens works on web pages (http and https) only.</p>
              </section>
            ) : null}
          </>
        )}
        {entry === null && <ShortcutHint />}
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
