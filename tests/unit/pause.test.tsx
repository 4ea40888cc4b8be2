// The global pause: the popup's switch, the stored setting, what a page's content script is told, and
// the toolbar icon. Background logic is real (glossary service on fakeBrowser, bundled packs).
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { createGlossaryService, type GlossaryService } from '../../entrypoints/background/glossary-service';
import { pageHandlers } from '../../entrypoints/background/page-support';
import { registerActionIcon } from '../../entrypoints/background/action-icon';
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../lib/settings';
import { normalizeSettings } from '../../lib/settings/migrations';
import { listen } from '../../utils/messaging';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

let bundled: CompiledIndex;
beforeAll(() => {
  bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
});

let service: GlossaryService;
let setIcon: ReturnType<typeof vi.fn>;
let setBadgeText: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  service = createGlossaryService({ bundled });
  listen({ ...service.handlers(), ...pageHandlers(service) });
  setIcon = vi.spyOn(fakeBrowser.action, 'setIcon').mockResolvedValue(undefined as never) as never;
  setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined as never) as never;
  vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue(undefined as never);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tabId: number, message: { type: string }) =>
    message.type === 'pageTerms'
      ? { ok: true, value: { terms: [{ key: 'term:kubelet', text: 'kubelet', count: 2 }] } }
      : undefined) as never);
});
afterEach(() => {
  cleanup();
  service.dispose();
});

const page = () => pageHandlers(service);
const fromTab = (tabId: number) => ({ tab: { id: tabId }, frameId: 0 }) as never;

describe('the paused setting', () => {
  it('is off by default and kept through normalisation', () => {
    expect(DEFAULT_SETTINGS.paused).toBe(false);
    expect(normalizeSettings({}).paused).toBe(false);
    expect(normalizeSettings({ paused: true }).paused).toBe(true);
    expect(normalizeSettings({ paused: 'yes' }).paused).toBe(false);
  });
});

describe('content scripts while paused', () => {
  it('get no matcher, as on a site turned off, and get it back on resume', async () => {
    const before = await page().matcher({ type: 'matcher', host: 'github.com', url: 'https://github.com/o/r' }, fromTab(3));
    expect(before.enabled).toBe(true);
    expect(before.matcher).not.toBeNull();
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: true } }, {});
    const paused = await page().matcher({ type: 'matcher', host: 'github.com', url: 'https://github.com/o/r' }, fromTab(3));
    expect(paused).toMatchObject({ enabled: false, matcher: null });
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: false } }, {});
    const resumed = await page().matcher({ type: 'matcher', host: 'github.com', url: 'https://github.com/o/r' }, fromTab(3));
    expect(resumed.enabled).toBe(true);
    expect(resumed.matcher?.id).toBe(before.matcher?.id);
  });

  it("set their tab's icon: greyed with the badge while paused, greyed where the site is off", async () => {
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: true } }, {});
    await page().matcher({ type: 'matcher', host: 'github.com' }, fromTab(5));
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenCalledWith({ text: 'off', tabId: 5 }));
    expect(setIcon).toHaveBeenLastCalledWith({ tabId: 5, path: expect.objectContaining({ 16: 'icon-off/16.png' }) });
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: false } }, {});
    await service.handlers().setSiteSettings({ type: 'setSiteSettings', host: 'github.com', patch: { enabled: false } }, {});
    await page().matcher({ type: 'matcher', host: 'github.com' }, fromTab(5));
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenLastCalledWith({ text: '', tabId: 5 }));
    expect(setIcon).toHaveBeenLastCalledWith({ tabId: 5, path: expect.objectContaining({ 16: 'icon-off/16.png' }) });
  });

  it('leave the icon of frames other than the top one alone', async () => {
    await page().matcher({ type: 'matcher', host: 'github.com' }, { tab: { id: 5 }, frameId: 2 } as never);
    expect(setIcon).not.toHaveBeenCalled();
  });
});

describe('every tab default', () => {
  it('follows the stored pause', async () => {
    registerActionIcon();
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenCalledWith({ text: '' }));
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: true } }, {});
    await vi.waitFor(() => expect(setBadgeText).toHaveBeenLastCalledWith({ text: 'off' }));
    expect(setIcon).toHaveBeenLastCalledWith({ path: expect.objectContaining({ 128: 'icon-off/128.png' }) });
  });
});

describe('popup "Pause Termlens everywhere"', () => {
  it('pauses and resumes, storing the choice, and hides the site settings while paused', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://github.com/org/repo', active: true });
    history.replaceState(null, '', `/popup.html?tab=${tab.id!}`);
    render(<App />);
    const pause = await screen.findByRole('switch', { name: 'Pause Termlens everywhere' });
    await waitFor(() => expect(pause.getAttribute('aria-checked')).toBe('false'));
    expect(await screen.findByRole('switch', { name: /^Termlens is on on github\.com$/ })).toBeTruthy();
    fireEvent.click(pause);
    await waitFor(() => expect(pause.getAttribute('aria-checked')).toBe('true'));
    expect(await fakeBrowser.storage.sync.get('settings')).toMatchObject({ settings: { paused: true } });
    expect(screen.getByRole('status').textContent).toMatch(/no highlights or cards on any site/);
    expect(screen.queryByRole('switch', { name: /on github\.com$/ })).toBeNull();
    fireEvent.click(pause);
    await waitFor(() => expect(pause.getAttribute('aria-checked')).toBe('false'));
    expect(await service.paused()).toBe(false);
    expect(await screen.findByRole('switch', { name: /^Termlens is on on github\.com$/ })).toBeTruthy();
  });

  it('shows what the page found after a resume, not what it had while paused', async () => {
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: true } }, {});
    // A paused page has no terms; once resumed it scans again and answers with what it found.
    let found: Array<{ key: string; text: string; count: number }> = [];
    vi.mocked(fakeBrowser.tabs.sendMessage).mockImplementation((async (_tabId: number, message: { type: string }) =>
      message.type === 'pageTerms' ? { ok: true, value: { terms: found } } : undefined) as never);
    const tab = await fakeBrowser.tabs.create({ url: 'https://github.com/org/repo', active: true });
    history.replaceState(null, '', `/popup.html?tab=${tab.id!}`);
    render(<App />);
    const pause = await screen.findByRole('switch', { name: 'Pause Termlens everywhere' });
    await waitFor(() => expect(pause.getAttribute('aria-checked')).toBe('true'));
    found = [{ key: 'term:kubelet', text: 'kubelet', count: 2 }];
    fireEvent.click(pause);
    await waitFor(() => expect(pause.getAttribute('aria-checked')).toBe('false'));
    const list = await screen.findByRole('list', { name: 'Terms on this page' }, { timeout: 3000 });
    expect(list.textContent).toContain('kubelet');
  });
});

describe('other settings changes', () => {
  it('leave the pause as it is', async () => {
    await service.handlers().setSettings({ type: 'setSettings', patch: { paused: true } }, {});
    await service.handlers().setSettings({ type: 'setSettings', patch: { style: 'underline' } }, {});
    expect(await service.paused()).toBe(true);
    expect(settingsPatchSchema.parse({ style: 'underline' })).toEqual({ style: 'underline' });
  });
});
