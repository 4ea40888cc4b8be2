// The content script's runtime registration on the sites the user granted (entrypoints/background/page-support.ts),
// and the page a content script's request is about, taken from its sender rather than its own word.
// fakeBrowser implements neither permissions nor scripting: both are spied on.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import type { GlossaryService } from '../../entrypoints/background/glossary-service';
import { DYNAMIC_SCRIPT_ID, explainInTab, pageHandlers, requestPage, syncContentScripts } from '../../entrypoints/background/page-support';
import { explainQueryItem } from '../../utils/storage';

type Registration = { id: string; matches?: string[]; excludeMatches?: string[] };

let registered: Registration[];
beforeEach(() => {
  fakeBrowser.reset();
  registered = [];
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async () => registered) as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(
    (async (scripts: Registration[]) => void registered.push(...scripts)) as never,
  );
  vi.spyOn(fakeBrowser.scripting, 'updateContentScripts').mockImplementation(
    (async (scripts: Registration[]) => void (registered = scripts)) as never,
  );
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((async () => void (registered = [])) as never);
});

const granted = (origins: string[]) => vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({ origins, permissions: [] } as never);

describe('syncContentScripts', () => {
  it('registers one script for the granted sites, leaving github.com to the manifest', async () => {
    granted(['https://github.com/*', 'https://grafana.example.com/*']);
    expect(await syncContentScripts()).toEqual(['https://grafana.example.com/*']);
    expect(registered).toEqual([
      expect.objectContaining({
        id: DYNAMIC_SCRIPT_ID,
        matches: ['https://grafana.example.com/*'],
        excludeMatches: ['https://github.com/*'],
      }),
    ]);
  });

  it('does not run a second copy on github.com when every site is granted', async () => {
    granted(['https://*/*', 'http://*/*']);
    await syncContentScripts();
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ matches: ['http://*/*', 'https://*/*'], excludeMatches: ['https://github.com/*'] });
  });

  it('updates the registration in place and removes it when nothing is granted any more', async () => {
    granted(['https://a.example/*']);
    await syncContentScripts();
    granted(['https://a.example/*', 'https://b.example/*']);
    await syncContentScripts();
    expect(registered).toEqual([expect.objectContaining({ matches: ['https://a.example/*', 'https://b.example/*'] })]);
    // Nothing changed (the popup's messages re-sync each time): no write.
    await syncContentScripts();
    expect(fakeBrowser.scripting.updateContentScripts).toHaveBeenCalledTimes(1);
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    granted([]);
    expect(await syncContentScripts()).toEqual([]);
    expect(registered).toEqual([]);
  });
});

describe('the explain command', () => {
  const tab = { id: 7, index: 0, highlighted: true, active: true, pinned: false, incognito: false, windowId: 1 } as Parameters<
    typeof explainInTab
  >[0];

  it('asks the page’s content script to explain the selection', async () => {
    const sent = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation((async () => ({ ok: true, value: { shown: true } })) as never);
    const script = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    await explainInTab(tab);
    expect(sent).toHaveBeenCalledWith(7, { type: 'explainSelection' });
    expect(script).not.toHaveBeenCalled();
  });

  it('reads the selection itself when no frame of the page took the command (the focus is in a frame Termlens does not run in)', async () => {
    // Every frame's content script heard it and declined: the browser resolves with no reply.
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => undefined) as never);
    const script = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockImplementation((async () => [{ frameId: 0, result: 'kubelet' }]) as never);
    (fakeBrowser.action as unknown as { openPopup: () => Promise<void> }).openPopup = async () => undefined;
    await explainInTab(tab);
    expect(script).toHaveBeenCalledTimes(1);
    expect(await explainQueryItem.getValue()).toBe('kubelet');
  });

  it('on a page without Termlens, reads the selection once (activeTab) and opens the popup on it', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);
    const script = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockImplementation((async () => [{ frameId: 0, result: 'PodDisruptionBudget' }]) as never);
    const openPopup = vi.fn(async () => undefined);
    (fakeBrowser.action as unknown as { openPopup: typeof openPopup }).openPopup = openPopup;
    await explainInTab(tab);
    expect(script).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7 } }));
    expect(await explainQueryItem.getValue()).toBe('PodDisruptionBudget');
    expect(openPopup).toHaveBeenCalledTimes(1);
  });
});

describe('the page a request is about', () => {
  const contentScript = (url: string, tabUrl = url) => ({ url, tab: { url: tabUrl } as Browser.tabs.Tab }) as Browser.runtime.MessageSender;

  it("takes the sending document's address over the host and url the request names", () => {
    expect(
      requestPage({ host: 'private.example', url: 'https://private.example/x' }, contentScript('https://github.com/acme/app/pull/1')),
    ).toEqual({ host: 'github.com', url: 'https://github.com/acme/app/pull/1' });
    // The frame's own address, not the tab's top page.
    expect(requestPage({ host: 'github.com' }, contentScript('https://grafana.example.com:3000/d/x', 'https://github.com/'))).toEqual({
      host: 'grafana.example.com',
      url: 'https://grafana.example.com:3000/d/x',
    });
    // A frame without an address of its own (about:blank): the tab's.
    expect(requestPage({ host: 'x.example' }, contentScript('about:blank', 'https://GitHub.com./acme'))).toEqual({
      host: 'github.com',
      url: 'https://GitHub.com./acme',
    });
  });

  it("keeps an extension page's fields: the popup and options ask about a tab", () => {
    const popup = { url: 'chrome-extension://abc/popup.html' } as Browser.runtime.MessageSender;
    expect(requestPage({ host: 'github.com', url: 'https://github.com/acme' }, popup)).toEqual({
      host: 'github.com',
      url: 'https://github.com/acme',
    });
    const optionsTab = {
      url: 'chrome-extension://abc/options.html',
      tab: { url: 'chrome-extension://abc/options.html' },
    } as Browser.runtime.MessageSender;
    expect(requestPage({}, optionsTab)).toEqual({ host: '' });
  });

  it("answers matcher, matcherChunk and lookup for the sender's site, whatever the request says", async () => {
    const site = { enabled: true, style: 'background', firstOnly: false, scanDiffs: false, githubEnterprise: false };
    const glossary = {
      siteSettings: vi.fn(async () => site),
      paused: vi.fn(async () => false),
      pageMatching: vi.fn(async () => ({ patterns: [], relevance: { id: 'r' } })),
      patternsForSite: vi.fn(async () => []),
      sensesFor: vi.fn(async () => []),
      index: vi.fn(async () => ({ packs: [] })),
      activeAt: vi.fn(async () => []),
      cardExtras: vi.fn(async () => ({})),
    } as unknown as GlossaryService;
    const handlers = pageHandlers(glossary);
    const sender = contentScript('https://github.com/acme/app');
    const lie = { host: 'private.example', url: 'https://private.example/secret' };
    await handlers.matcher({ type: 'matcher', ...lie }, sender);
    expect(glossary.siteSettings).toHaveBeenCalledWith('github.com');
    expect(glossary.pageMatching).toHaveBeenCalledWith('github.com', 'https://github.com/acme/app');
    await handlers.lookup({ type: 'lookup', key: 'term:kubelet', site: 'github', ...lie }, sender);
    expect(glossary.sensesFor).toHaveBeenCalledWith('term:kubelet', 'github.com', 'github', 'https://github.com/acme/app');
    await expect(handlers.matcherChunk({ type: 'matcherChunk', host: lie.host, id: 'gone', index: 1 }, sender)).rejects.toThrow(/gone/);
    expect(glossary.patternsForSite).toHaveBeenCalledWith('github.com');
    for (const fn of [glossary.siteSettings, glossary.pageMatching, glossary.sensesFor, glossary.patternsForSite])
      expect(JSON.stringify(vi.mocked(fn).mock.calls)).not.toContain('private.example');
  });
});
