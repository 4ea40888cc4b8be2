// The real background's settings writes against a storage.sync that enforces the browser's limits:
// 120 writes a minute, 1,800 an hour (Chrome's MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR), and the
// refusals the browser gives in its own words. Quick changes must all land, in few writes; a refused
// write must be said plainly and leave the next change working; sites dropped to fit the synced
// item must be named.
import { resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGlossaryService, type GlossaryService } from '../../entrypoints/background/glossary-service';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';
import { readSites } from '../../utils/storage';

let bundled: CompiledIndex;
beforeAll(() => {
  bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
});

/** Make storage.sync.set refuse as Chrome does past its write limits; returns the times of the writes it took. */
function enforceWriteLimits(): number[] {
  const writes: number[] = [];
  const set = fakeBrowser.storage.sync.set.bind(fakeBrowser.storage.sync);
  vi.spyOn(fakeBrowser.storage.sync, 'set').mockImplementation(async (items) => {
    const t = Date.now();
    if (writes.filter((w) => w > t - 60_000).length >= 120)
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    if (writes.filter((w) => w > t - 3_600_000).length >= 1800)
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
    writes.push(t);
    return set(items);
  });
  return writes;
}

/** The most writes in any 60 s window. */
const busiestMinute = (writes: number[]) => Math.max(0, ...writes.map((t) => writes.filter((w) => w >= t && w < t + 60_000).length));

describe('settings writes within storage.sync limits', () => {
  let service: GlossaryService;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    service = createGlossaryService({ bundled });
  });
  afterEach(() => {
    service.dispose();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('lands 400 quick site changes (one every 25 ms) in few writes, none refused, the last of each kept', async () => {
    const writes = enforceWriteLimits();
    const changes: Array<Promise<unknown>> = [];
    for (let i = 0; i < 400; i++) {
      // 40 sites, each changed ten times; the last change of each is style underline.
      const host = `site-${i % 40}.example.com`;
      changes.push(service.setSiteSettings(host, { style: i >= 360 ? 'underline' : i % 2 ? 'none' : 'underline', firstOnly: i % 3 === 0 }));
      await vi.advanceTimersByTimeAsync(25);
    }
    const settled = Promise.allSettled(changes);
    for (let s = 0; s < 120; s++) await vi.advanceTimersByTimeAsync(1000);
    const results = await settled;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(writes.length).toBeLessThan(60);
    expect(busiestMinute(writes)).toBeLessThanOrEqual(120);
    const sites = await readSites();
    for (let h = 0; h < 40; h++) {
      const last = 360 + h;
      const site = sites[`site-${h}.example.com`];
      expect(site?.style, `site-${h}`).toBe('underline');
      // Only what differs from the global settings is stored.
      expect(site?.firstOnly ?? false, `site-${h}`).toBe(last % 3 === 0);
    }
    // Settings still change after the storm.
    const next = service.handlers().setSettings({ type: 'setSettings', patch: { firstOnly: true } }, {});
    await vi.advanceTimersByTimeAsync(5000);
    expect(await next).toMatchObject({ settings: { firstOnly: true } });
  });

  it('lands changes made one after another, each awaited, at the pace and without a refusal', async () => {
    const writes = enforceWriteLimits();
    const run = (async () => {
      for (let i = 0; i < 100; i++) await service.setSiteSettings(`one-${i}.example.com`, { style: 'underline' });
    })();
    let done = false;
    void run.then(() => (done = true));
    for (let s = 0; s < 600 && !done; s++) await vi.advanceTimersByTimeAsync(1000);
    await run;
    expect(busiestMinute(writes)).toBeLessThanOrEqual(120);
    expect(Object.keys(await readSites())).toHaveLength(100);
  });

  it('answers a change the pace holds back once it is queued, and stores it when its turn comes', async () => {
    const writes = enforceWriteLimits();
    // Ten changes, each awaited: the burst.
    for (let i = 0; i < 10; i++) {
      const done = service.setSiteSettings(`burst-${i}.example.com`, { style: 'underline' });
      await vi.advanceTimersByTimeAsync(50);
      await done;
    }
    expect(writes).toHaveLength(10);
    let answered = false;
    const held = service.setSiteSettings('held.example.com', { style: 'underline' }).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(450);
    expect(answered).toBe(true);
    // The cache has it at once; storage once the pace lets the write go.
    expect(await service.siteSettings('held.example.com')).toMatchObject({ style: 'underline' });
    expect(Object.keys(await readSites())).not.toContain('held.example.com');
    await vi.advanceTimersByTimeAsync(3000);
    await held;
    expect(Object.keys(await readSites())).toContain('held.example.com');
  });

  it('says a refused write in plain words, keeps storage as it was, and takes the next change', async () => {
    const set = fakeBrowser.storage.sync.set.bind(fakeBrowser.storage.sync);
    let refuse = true;
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockImplementation(async (items) => {
      if (refuse) throw new Error('Resource::kQuotaBytesPerItem quota exceeded');
      return set(items);
    });
    const refused = service.setSiteSettings('a.example.com', { style: 'underline' });
    const outcome = expect(refused).rejects.toThrow(/larger than the browser syncs in one item \(8 KB\): it was not saved/);
    await vi.advanceTimersByTimeAsync(100);
    await outcome;
    await expect(refused).rejects.not.toThrow(/kQuota/);
    expect(await readSites()).toEqual({});
    // The refused change is not kept in memory either: what the service answers is what storage holds.
    expect(await service.siteSettings('a.example.com')).toMatchObject({ style: 'background' });
    refuse = false;
    const next = service.setSiteSettings('b.example.com', { firstOnly: true });
    await vi.advanceTimersByTimeAsync(100);
    await next;
    expect(Object.keys(await readSites())).toEqual(['b.example.com']);
  });

  it('names the sites whose settings were dropped to keep the synced item within its quota', async () => {
    const handlers = service.handlers();
    const forgotten: string[] = [];
    for (let i = 0; i < 300; i++) {
      const reply = handlers.setSiteSettings(
        { type: 'setSiteSettings', host: `grafana-${i}.team-${i}.example.com`, patch: { style: 'underline', firstOnly: true } },
        {},
      );
      await vi.advanceTimersByTimeAsync(3000);
      const answer = (await reply) as { forgotten?: string[] };
      forgotten.push(...(answer.forgotten ?? []));
    }
    const kept = Object.keys(await readSites());
    expect(forgotten.length).toBeGreaterThan(0);
    // Every site that is no longer stored was named, oldest first, and none that is.
    expect(forgotten.length + kept.length).toBe(300);
    expect(forgotten[0]).toBe('grafana-0.team-0.example.com');
    for (const host of forgotten) expect(kept).not.toContain(host);
  });
});
