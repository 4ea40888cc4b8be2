// The popup against the real background logic (glossary service on fakeBrowser, real bundled packs).
// The tab's content script is the only stand-in: its side is covered by the e2e tests.
import { resolve } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import type { PageTerm } from '../../lib/protocol';
import type { SiteId } from '../../lib/sites/types';
import { createGlossaryService, type GlossaryService } from '../../entrypoints/background/glossary-service';
import { listen } from '../../utils/messaging';
import { pageHandlers } from '../../entrypoints/background/page-support';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

let bundled: CompiledIndex;
beforeAll(() => {
  bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
});

let service: GlossaryService;
let tabMessages: unknown[];
let pageTerms: PageTerm[] | null;
/** The site adapter the content script reports it detected. */
let detected: SiteId | undefined;

/**
 * A tab the popup is about. fakeBrowser's tabs.query({ currentWindow }) fails after a reset, so the
 * popup is pointed at the tab the way it is when opened as a page: `popup.html?tab=<id>`.
 */
async function openTab(url: string) {
  const tab = await fakeBrowser.tabs.create({ url, active: true });
  history.replaceState(null, '', `/popup.html?tab=${tab.id!}`);
  return tab.id!;
}

beforeEach(() => {
  fakeBrowser.reset();
  service = createGlossaryService({ bundled });
  listen({ ...service.handlers(), ...pageHandlers(service) });
  tabMessages = [];
  pageTerms = [
    { key: 'term:kubelet', text: 'kubelet', count: 3 },
    { key: 'term:PDB', text: 'PDB', count: 1 },
  ];
  detected = undefined;
  // The content script's answers (reply envelope of listenInTab); none when it is not on the page.
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tabId: number, message: { type: string; key?: string }) => {
    tabMessages.push(message);
    if (pageTerms === null) throw new Error('Could not establish connection. Receiving end does not exist.');
    if (message.type === 'pageTerms') return { ok: true, value: { terms: pageTerms, ...(detected ? { site: detected } : {}) } };
    if (message.type === 'scrollToTerm')
      return {
        ok: true,
        value: { found: true, index: tabMessages.filter((m) => (m as { type: string }).type === 'scrollToTerm').length - 1, count: 3 },
      };
    return undefined;
  }) as never);
});

afterEach(() => {
  cleanup();
  service.dispose();
});

/** permissions.contains is not in fakeBrowser: whether the extension may run on the tab's site. */
const hasAccess = (granted: boolean) => vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => granted) as never);
const searchBox = () => screen.getByRole('searchbox', { name: 'Search glossary' });

describe('popup search', () => {
  it('starts in the search box, lists results, moves with arrows, opens with Enter and goes back with Esc', async () => {
    hasAccess(true);
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    expect(document.activeElement).toBe(searchBox());

    fireEvent.change(searchBox(), { target: { value: 'kubeltt' } });
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    const options = within(list).getAllByRole('option');
    expect(options[0]?.querySelector('.result-term')?.textContent).toBe('kubelet');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(options[0]?.id);

    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(within(list).getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(searchBox(), { key: 'ArrowUp' });
    expect(within(list).getAllByRole('option')[0]?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    const entry = await screen.findByRole('region', { name: 'kubelet' });
    expect(within(entry).getAllByRole('heading', { level: 2 })[0]?.textContent).toBe('kubelet');
    // Both packs that define kubelet are in the entry, the chosen one first.
    expect(entry.querySelectorAll('.tl-sense').length).toBe(2);
    expect(screen.queryByRole('listbox')).toBeNull();

    fireEvent.keyDown(entry, { key: 'Escape' });
    await screen.findByRole('listbox', { name: 'Search results' });
    expect((searchBox() as HTMLInputElement).value).toBe('kubeltt');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('clears the search with Esc and says when nothing matches', async () => {
    hasAccess(true);
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    fireEvent.change(searchBox(), { target: { value: 'zzqxj' } });
    expect(await screen.findByText('No term matches “zzqxj”.')).toBeTruthy();
    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect((searchBox() as HTMLInputElement).value).toBe('');
    expect(await screen.findByRole('region', { name: 'On this page' })).toBeTruthy();
  });
});

describe('popup "On this page"', () => {
  it('lists the terms the content script found, scrolls to one, and defines one', async () => {
    hasAccess(true);
    const tabId = await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Terms on this page' });
    expect(
      within(list)
        .getAllByTestId('page-term-count')
        .map((c) => c.textContent),
    ).toEqual(['3', '1']);

    fireEvent.click(within(list).getByRole('button', { name: /^kubelet, 3 on the page/ }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('kubelet: 1 of 3'));
    expect(fakeBrowser.tabs.sendMessage).toHaveBeenCalledWith(tabId, { type: 'scrollToTerm', key: 'term:kubelet' }, { frameId: 0 });

    fireEvent.click(within(list).getByRole('button', { name: 'Define PDB' }));
    const entry = await screen.findByRole('region', { name: /PDB|PodDisruptionBudget/ });
    expect(entry.textContent).toContain('PodDisruptionBudget');
  });

  it('adds up the terms of every frame Termlens runs in, and walks a term into the frame that holds the rest', async () => {
    hasAccess(true);
    const tabId = await openTab('https://github.com/org/repo/pull/1');
    // The tab's frames Termlens may read (scripting.executeScript answers once per frame), and what
    // each frame's content script found; frame 8 has no content script.
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async () => [
      { frameId: 0, result: true },
      { frameId: 5, result: true },
      { frameId: 8, result: true },
    ]) as never);
    const inFrame: Record<number, Array<{ key: string; text: string; count: number }>> = {
      0: [{ key: 'term:kubelet', text: 'kubelet', count: 2 }],
      5: [
        { key: 'term:PDB', text: 'PDB', count: 4 },
        { key: 'term:kubelet', text: 'kubelet', count: 1 },
      ],
    };
    const scrolled = new Map<number, number>();
    vi.mocked(fakeBrowser.tabs.sendMessage).mockImplementation((async (
      _tab: number,
      message: { type: string; key?: string },
      options?: { frameId?: number },
    ) => {
      const frameId = options?.frameId ?? 0;
      const terms = inFrame[frameId];
      if (!terms) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (message.type === 'pageTerms') return { ok: true, value: { terms } };
      if (message.type === 'scrollToTerm') {
        const count = terms.find((t) => t.key === message.key)?.count ?? 0;
        const index = ((scrolled.get(frameId) ?? -1) + 1) % count;
        scrolled.set(frameId, index);
        return { ok: true, value: { found: true, index, count } };
      }
      return undefined;
    }) as never);
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Terms on this page' });
    expect(
      within(list)
        .getAllByRole('button', { name: /on the page/ })
        .map((b) => b.getAttribute('aria-label') ?? b.textContent),
    ).toEqual([expect.stringMatching(/^PDB, 4 on the page/), expect.stringMatching(/^kubelet, 3 on the page/)]);

    const kubelet = () => fireEvent.click(within(list).getByRole('button', { name: /^kubelet, 3 on the page/ }));
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      kubelet();
      await waitFor(() => expect(screen.getByRole('status').textContent).toBe(`kubelet: ${(i % 3) + 1} of 3`));
      statuses.push(screen.getByRole('status').textContent!);
    }
    const scrollFrames = vi
      .mocked(fakeBrowser.tabs.sendMessage)
      .mock.calls.filter(([, m]) => (m as { type: string }).type === 'scrollToTerm')
      .map(([tab, , options]) => [tab, (options as { frameId: number }).frameId]);
    expect(scrollFrames).toEqual([
      [tabId, 0],
      [tabId, 0],
      [tabId, 5],
      [tabId, 0],
    ]);
  });

  it('says so when no content script answers', async () => {
    hasAccess(false);
    pageTerms = null;
    await openTab('https://grafana.example.com/d/abc');
    render(<App />);
    expect(await screen.findByText('Termlens is not running on this page.')).toBeTruthy();
  });

  it('shows the content script’s error when it is there but fails to answer', async () => {
    hasAccess(true);
    vi.mocked(fakeBrowser.tabs.sendMessage).mockResolvedValue({ ok: false, error: 'the session is restarting' } as never);
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    expect(await screen.findByText('Termlens could not read this page: the session is restarting')).toBeTruthy();
    expect(screen.queryByText('Termlens is not running on this page.')).toBeNull();
  });
});

describe('popup "This site"', () => {
  it('turns the site off and on, storing the choice for the page to follow', async () => {
    hasAccess(true);
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    const toggle = await screen.findByRole('switch', { name: /^Termlens is o(n|ff) on github\.com$/ });
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect((await service.siteSettings('github.com')).enabled).toBe(false);
    expect(await fakeBrowser.storage.sync.get('sites')).toMatchObject({ sites: { 'github.com': { enabled: false } } });
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect((await service.siteSettings('github.com')).enabled).toBe(true);
  });

  it('asks for host access when the site has none, and stores nothing when refused', async () => {
    hasAccess(false);
    // The user refuses the browser's prompt once, then allows it.
    const answers = [false, true];
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async () => answers.shift()) as never);
    await openTab('https://grafana.example.com/d/abc');
    render(<App />);
    const toggle = await screen.findByRole('switch', { name: /^Termlens is o(n|ff) on grafana\.example\.com$/ });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByText('Turning it on asks your browser for access to grafana.example.com.')).toBeTruthy();

    fireEvent.click(toggle);
    expect(await screen.findByText('Access to grafana.example.com was not granted.')).toBeTruthy();
    expect(request).toHaveBeenCalledWith({ origins: ['https://grafana.example.com/*'] });
    expect(await fakeBrowser.storage.sync.get('sites')).toEqual({});

    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('changes the highlight style, first-occurrence-only and the packs active on this site', async () => {
    hasAccess(true);
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    await screen.findByRole('switch', { name: /^Termlens is o(n|ff) on github\.com$/ });
    fireEvent.click(await screen.findByRole('radio', { name: 'Underline' }));
    await waitFor(async () => expect((await service.siteSettings('github.com')).style).toBe('underline'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'First occurrence only' }));
    await waitFor(async () => expect((await service.siteSettings('github.com')).firstOnly).toBe(true));
    const pack = bundled.packs[1]!;
    fireEvent.click(screen.getByRole('checkbox', { name: new RegExp(`^${pack.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }));
    await waitFor(async () => expect((await service.siteSettings('github.com')).packIds).not.toContain(pack.id));
    expect((await service.siteSettings('gitlab.com')).packIds).toContain(pack.id);
    await act(async () => {});
  });

  it('offers "Scan diff code" on GitHub pages, not "Treat as GitHub Enterprise" on github.com', async () => {
    hasAccess(true);
    detected = 'github';
    await openTab('https://github.com/org/repo/pull/1/files');
    render(<App />);
    const scan = await screen.findByRole('checkbox', { name: /^Scan diff code/ });
    expect(screen.queryByRole('checkbox', { name: 'Treat as GitHub Enterprise' })).toBeNull();
    expect((scan as HTMLInputElement).checked).toBe(false);
    fireEvent.click(scan);
    await waitFor(async () => expect((await service.siteSettings('github.com')).scanDiffs).toBe(true));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: /^Scan diff code/ }) as HTMLInputElement).checked).toBe(true));
    // Per host: another GitHub Enterprise host keeps the default.
    expect((await service.siteSettings('ghe.example.com')).scanDiffs).toBe(false);
    await act(async () => {});
  });

  it('offers "Treat as GitHub Enterprise" on another host, then "Scan diff code" once it is GitHub', async () => {
    hasAccess(true);
    await openTab('https://ghe.example.com/acme/platform/pull/7');
    render(<App />);
    const enterprise = await screen.findByRole('checkbox', { name: 'Treat as GitHub Enterprise' });
    await waitFor(() => expect(tabMessages).toContainEqual({ type: 'pageTerms' }));
    expect(screen.queryByRole('checkbox', { name: /^Scan diff code/ })).toBeNull();
    // The content script restarts with the GitHub adapter after the change.
    detected = 'github';
    fireEvent.click(enterprise);
    await waitFor(async () => expect((await service.siteSettings('ghe.example.com')).githubEnterprise).toBe(true));
    fireEvent.click(await screen.findByRole('checkbox', { name: /^Scan diff code/ }));
    await waitFor(async () =>
      expect(await service.siteSettings('ghe.example.com')).toMatchObject({ githubEnterprise: true, scanDiffs: true }),
    );
    expect((await service.siteSettings('github.com')).scanDiffs).toBe(false);
    await act(async () => {});
  });

  it('offers no GitHub options on a page detected as Grafana or Argo CD', async () => {
    hasAccess(true);
    for (const site of ['grafana', 'argocd'] as const) {
      detected = site;
      await openTab(`https://${site}.example.com/`);
      render(<App />);
      await screen.findByRole('switch', { name: new RegExp(`^Termlens is o(n|ff) on ${site}\\.example\\.com$`) });
      await waitFor(() => expect(tabMessages).toContainEqual({ type: 'pageTerms' }));
      await act(async () => {});
      expect(screen.queryByRole('checkbox', { name: 'Treat as GitHub Enterprise' })).toBeNull();
      expect(screen.queryByRole('checkbox', { name: /^Scan diff code/ })).toBeNull();
      expect(screen.queryByRole('group', { name: 'GitHub' })).toBeNull();
      cleanup();
      tabMessages = [];
    }
  });
});

describe('popup: packs active here and their scopes', () => {
  it('says which packs apply on this repository and applies one here in a click', async () => {
    hasAccess(true);
    await openTab('https://github.com/acme/homelab/pull/3');
    render(<App />);
    const packs = await screen.findByRole('group', { name: 'Packs active here' });
    await waitFor(() => expect(packs.textContent).toContain('terms only: home unknown'));
    expect(packs.textContent).toContain('applies here (*)');
    fireEvent.click(within(packs).getByRole('button', { name: /^Apply Homelab infrastructure .* on github\.com\/acme\/homelab$/ }));
    await waitFor(() => expect(packs.textContent).toContain('applies here (github.com/acme/homelab)'));
    const inside = await service.pageMatching('github.com', 'https://github.com/acme/homelab/pull/3');
    expect(inside.patterns.some((p) => p.kind === 'avoid' && p.packIds.includes('homelab-infra'))).toBe(true);
  });
});

describe('popup: the explain-selection shortcut', () => {
  it('names the shortcut the browser reports, and opens the browser’s shortcut settings to change it', async () => {
    hasAccess(true);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: 'explain-selection', shortcut: 'Alt+Shift+G', description: 'Explain the selected term' },
    ]) as never);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    const hint = await screen.findByText(/Select a word and press/);
    expect(hint.textContent).toBe('Select a word and press Alt+Shift+G to explain it. Change');
    fireEvent.click(within(hint).getByRole('button', { name: 'Change' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' }));
  });

  it('says when the user removed the shortcut', async () => {
    hasAccess(true);
    vi.spyOn(fakeBrowser.commands, 'getAll').mockImplementation((async () => [
      { name: 'explain-selection', shortcut: '', description: '' },
    ]) as never);
    await openTab('https://github.com/org/repo/pull/1');
    render(<App />);
    expect((await screen.findByText(/No shortcut explains a selection/)).textContent).toBe('No shortcut explains a selection. Set one');
  });
});

describe('popup opened by the explain command', () => {
  it('searches for the selection the command read, once', async () => {
    hasAccess(false);
    const { explainQueryItem } = await import('../../utils/storage');
    await explainQueryItem.setValue('kubelet');
    await openTab('https://grafana.example.com/d/abc');
    render(<App />);
    await waitFor(() => expect((searchBox() as HTMLInputElement).value).toBe('kubelet'));
    const list = await screen.findByRole('listbox', { name: 'Search results' });
    expect(within(list).getAllByRole('option')[0]?.querySelector('.result-term')?.textContent).toBe('kubelet');
    expect(await explainQueryItem.getValue()).toBeNull();
  });
});
