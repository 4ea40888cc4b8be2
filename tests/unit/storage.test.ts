// The storage items: which area each lives in, versions recorded for future migrations, normalized
// reads, change notifications, and the sync quota under heavy use (through the real service).
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileIndex } from '../../lib/glossary/compile';
import { DEFAULT_SETTINGS, SYNC_ITEM_QUOTA, byteSize } from '../../lib/settings';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

// Each test imports utils/storage afresh: WXT runs an item's migrations when the item is defined.
async function freshStorage() {
  vi.resetModules();
  return import('../../utils/storage');
}

describe('storage items', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('keeps settings and sites in sync storage, packs and subscriptions in local storage', async () => {
    const s = await freshStorage();
    await s.settingsItem.setValue({ ...DEFAULT_SETTINGS, style: 'underline' });
    await s.sitesItem.setValue({ 'github.com': { enabled: false } });
    await s.userPacksItem.setValue([]);
    await s.subscriptionsItem.setValue([]);
    expect(
      Object.keys(await fakeBrowser.storage.sync.get())
        .filter((k) => !k.endsWith('$'))
        .sort(),
    ).toEqual(['settings', 'sites']);
    expect(
      Object.keys(await fakeBrowser.storage.local.get())
        .filter((k) => !k.endsWith('$'))
        .sort(),
    ).toEqual(['subscriptions', 'userPacks']);
  });

  it('records each item’s version next to it, so later migrations know where to start', async () => {
    const s = await freshStorage();
    await s.settingsItem.setValue({ ...DEFAULT_SETTINGS });
    await s.userPacksItem.setValue([]);
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: 1 } });
    expect(await fakeBrowser.storage.local.get('userPacks$')).toEqual({ userPacks$: { v: 1 } });
  });

  it('reads defaults when nothing is stored, and repairs what it can of a bad value', async () => {
    await fakeBrowser.storage.sync.set({ sites: { 'github.com': { enabled: false }, 'Not A Host!': { enabled: false } } });
    const s = await freshStorage();
    expect(await s.readSettings()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.sync.set({ settings: { style: 'sparkles', firstOnly: true } });
    expect(await s.readSettings()).toEqual({ ...DEFAULT_SETTINGS, firstOnly: true });
    expect(await s.readSites()).toEqual({ 'github.com': { enabled: false } });
    await fakeBrowser.storage.local.set({ userPacks: [{ nope: 1 }], subscriptions: 'x' });
    expect(await s.readUserPacks()).toEqual([]);
    expect(await s.readSubscriptions()).toEqual([]);
  });

  it('tells content scripts when settings, sites or packs change, not for subscriptions or known terms', async () => {
    const { PAGE_STATE_KEYS, touchesPageState } = await import('../../entrypoints/content/app');
    const s = await freshStorage();
    expect([...PAGE_STATE_KEYS].sort()).toEqual([s.STORAGE_KEYS.settings, s.STORAGE_KEYS.sites, s.STORAGE_KEYS.userPacks].sort());
    let touched = false;
    const listener = (changes: Record<string, unknown>, area: string) => void (touched ||= touchesPageState(changes, area));
    fakeBrowser.storage.onChanged.addListener(listener);
    const touches = async (write: () => Promise<unknown>) => {
      touched = false;
      await write();
      return touched;
    };
    expect(await touches(() => s.sitesItem.setValue({ 'github.com': { enabled: false } }))).toBe(true);
    expect(await touches(() => s.settingsItem.setValue({ ...DEFAULT_SETTINGS, firstOnly: true }))).toBe(true);
    expect(await touches(() => s.userPacksItem.setValue([]))).toBe(true);
    expect(await touches(() => s.subscriptionsItem.setValue([]))).toBe(false);
    expect(
      await touches(() => fakeBrowser.storage.local.set({ [s.STORAGE_KEYS.knownTerms.slice('local:'.length)]: ['term:kubelet'] })),
    ).toBe(false);
    fakeBrowser.storage.onChanged.removeListener(listener);
  });

  it('stays within the sync quotas however many sites the user configures', async () => {
    const { createGlossaryService } = await import('../../entrypoints/background/glossary-service');
    const s = await freshStorage();
    const { packs } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
    // Unpaced: this is about the sizes stored; the pace has its own tests (sync-writes).
    const service = createGlossaryService({ bundled: compileIndex(packs), syncWrites: { refillMs: 0 } });
    for (let i = 0; i < 300; i++) {
      await service.setSiteSettings(`grafana-${i}.team-${i}.example.com`, {
        style: 'underline',
        firstOnly: true,
        pack: { id: packs[i % packs.length]!.id, active: false },
      });
    }
    const sync = await fakeBrowser.storage.sync.get();
    for (const [key, value] of Object.entries(sync)) expect(key.length + byteSize(value), key).toBeLessThanOrEqual(SYNC_ITEM_QUOTA);
    expect(byteSize(sync)).toBeLessThan(100 * 1024);
    // The most recent sites are kept.
    expect(await service.siteSettings('grafana-299.team-299.example.com')).toMatchObject({ style: 'underline', firstOnly: true });
    expect(Object.keys(await s.readSites()).length).toBeGreaterThan(20);
    service.dispose();
  });
});
