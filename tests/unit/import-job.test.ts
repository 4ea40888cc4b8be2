// The import Worker's protocol (lib/glossary/import-job.ts): the client and host wired to each other
// as the Worker and the background are, a channel that ends mid-import, and the service's import
// through a Worker that dies: nothing is stored, and the message says why.
import { resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import {
  createJobClient,
  createJobHost,
  inProcessChannel,
  type JobChannel,
  type JobReply,
  type JobRequest,
  watchedChannel,
} from '../../lib/glossary/import-job';
import { createGlossaryService } from '../../entrypoints/background/glossary-service';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

const TEAM_MD = `# Team glossary

## Platform

**Frobnicator**: The service that frobs the widgets. (Chapter 2)

**Widget pool (WP)**: Where widgets wait before a frob.
`;
const TEAM_MD_V2 = TEAM_MD.replace('frobs the widgets', 'frobs widgets in batches') + '\n**Defrobber**: Undoes a frob.\n';
const BROKEN_YAML = `id: broken
name: Broken
version: "1"
description: A pack with a mistake.
terms:
  - term: Thing
    definition: ""
`;

const text = (name: string, body: string) => ({ kind: 'text' as const, name, text: body });

/** A channel as a Worker's: each message goes through a structured clone, as postMessage does. */
function clonedChannel(): JobChannel & { posted: JobRequest[]; end(why: string): void } {
  const host = createJobHost();
  const posted: JobRequest[] = [];
  let reply: (r: JobReply) => void = () => undefined;
  let gone: (why: string) => void = () => undefined;
  return {
    posted,
    post: (m) => {
      posted.push(m);
      setTimeout(() => {
        const r = host(structuredClone(m));
        if (r) reply(structuredClone(r));
      }, 0);
    },
    listen: (onReply, onGone) => {
      reply = onReply;
      gone = onGone;
    },
    close: () => undefined,
    end: (why) => gone(why),
  };
}

describe('the import job protocol', () => {
  it('reads a file, then diffs the stored pack against the one the Worker holds, which crosses once', async () => {
    const channel = clonedChannel();
    const client = createJobClient(async () => channel);
    const first = await client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] });
    expect(first.imported.ok).toBe(true);
    if (!first.imported.ok) return;
    const second = await client.import({ source: text('team.md', TEAM_MD_V2), options: {}, reservedIds: [] });
    if (!second.imported.ok) throw new Error('second import failed');
    const comparison = await second.compare(first.imported.pack, 1_000);
    expect(comparison).toMatchObject({ same: false, added: ['Defrobber'], removed: [], changed: ['Frobnicator'] });
    expect(comparison.diff).toContain('Defrobber');
    expect(comparison.update?.change).toMatchObject({ packId: 'team-glossary', added: ['Defrobber'] });
    expect((await first.compare(first.imported.pack)).same).toBe(true);
    // The compare requests carry the stored pack only.
    const compares = channel.posted.filter((m) => m.kind === 'compare');
    expect(compares).toHaveLength(2);
    expect(compares.every((m) => !('request' in m))).toBe(true);
    second.release();
    await new Promise((r) => setTimeout(r, 5));
    await expect(second.compare(first.imported.pack)).rejects.toThrow(/not held/);
    expect(client.pending()).toBe(0);
  });

  it('gives the errors of a file that does not validate, with file:line:col, and holds nothing', async () => {
    const channel = clonedChannel();
    const client = createJobClient(async () => channel);
    const job = await client.import({ source: text('broken.yaml', BROKEN_YAML), options: {}, reservedIds: [] });
    expect(job.imported.ok).toBe(false);
    if (job.imported.ok) return;
    expect(job.imported.errors[0]).toMatch(/^broken\.yaml:7:\d+: /);
  });

  it('refuses a bundled pack id', async () => {
    const client = createJobClient(async () => inProcessChannel());
    const job = await client.import({ source: text('team.md', TEAM_MD), options: { id: 'homelab-infra' }, reservedIds: ['homelab-infra'] });
    expect(job.imported).toEqual({ ok: false, errors: [expect.stringContaining('belongs to a bundled pack')] });
  });

  it('fails the requests of a channel that ends, and opens a new one for the next import', async () => {
    const silent: JobChannel & { end(why: string): void } = {
      post: () => undefined,
      listen: (_reply, onGone) => {
        silent.end = onGone;
      },
      close: () => undefined,
      end: () => undefined,
    };
    let opened = 0;
    const client = createJobClient(async () => (++opened === 1 ? silent : inProcessChannel()));
    const stuck = client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(client.pending()).toBe(1);
    silent.end('the import worker stopped');
    await expect(stuck).rejects.toThrow('the import worker stopped');
    expect(client.pending()).toBe(0);
    const next = await client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] });
    expect(next.imported.ok).toBe(true);
    expect(opened).toBe(2);
  });

  it('an import read by a Worker that has since stopped diffs and releases nowhere else', async () => {
    const channels: Array<ReturnType<typeof clonedChannel>> = [];
    const client = createJobClient(async () => {
      channels.push(clonedChannel());
      return channels.at(-1)!;
    });
    const job = await client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] });
    if (!job.imported.ok) throw new Error('import failed');
    channels[0]!.end('the import worker stopped');
    await expect(job.compare(job.imported.pack)).rejects.toThrow('the import worker stopped');
    job.release();
    expect(channels).toHaveLength(1);
    // The next import starts a Worker of its own.
    expect((await client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] })).imported.ok).toBe(true);
    expect(channels).toHaveLength(2);
    expect(channels[1]!.posted.map((m) => m.kind)).toEqual(['import']);
  });

  it('a channel that cannot be opened fails the import, and the next one tries again', async () => {
    let opened = 0;
    const client = createJobClient(async () => {
      if (++opened === 1) throw new Error('the import worker did not start');
      return inProcessChannel();
    });
    await expect(client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] })).rejects.toThrow('did not start');
    expect((await client.import({ source: text('team.md', TEAM_MD), options: {}, reservedIds: [] })).imported.ok).toBe(true);
  });
});

describe('a watched channel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const options = { idleMs: 30_000, silentMs: 120_000, keepAliveMs: 20_000 };
  const request = { source: text('team.md', TEAM_MD), options: {}, reservedIds: [] };

  it('closes once idle, never while a pack is held, and keeps the background awake while a request waits', async () => {
    const keepAlive = vi.fn();
    const inner = clonedChannel();
    let closed = 0;
    inner.close = () => closed++;
    let opened = 0;
    const client = createJobClient(async () => {
      opened++;
      return watchedChannel(opened === 1 ? inner : clonedChannel(), { ...options, keepAlive });
    });
    const importing = client.import(request);
    await vi.advanceTimersByTimeAsync(0);
    const job = await importing;
    // Held between the import and its release: the Worker must keep the pack for the diff.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(closed).toBe(0);
    if (!job.imported.ok) throw new Error('import failed');
    const comparing = job.compare(job.imported.pack);
    await vi.advanceTimersByTimeAsync(0);
    expect((await comparing).same).toBe(true);
    job.release();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(closed).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(closed).toBe(1);
    expect(keepAlive).not.toHaveBeenCalled();
    // The next import opens another channel.
    const next = client.import(request);
    await vi.advanceTimersByTimeAsync(0);
    expect((await next).imported.ok).toBe(true);
    expect(opened).toBe(2);
  });

  it('takes a Worker silent with work for dead, calling keepAlive until then', async () => {
    const keepAlive = vi.fn();
    const silent: JobChannel = { post: () => undefined, listen: () => undefined, close: vi.fn() };
    const client = createJobClient(async () => watchedChannel(silent, { ...options, keepAlive }));
    const stuck = client.import(request);
    const failed = expect(stuck).rejects.toThrow('the import worker stopped answering');
    await vi.advanceTimersByTimeAsync(120_000);
    await failed;
    expect(keepAlive).toHaveBeenCalledTimes(5);
    expect(silent.close).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(keepAlive).toHaveBeenCalledTimes(5);
  });
});

describe('an import whose Worker dies', () => {
  let bundled: CompiledIndex;
  beforeAll(() => {
    bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
  });
  beforeEach(() => fakeBrowser.reset());

  it('stores nothing, whether it dies reading the file or diffing it, and says so', async () => {
    let channel = clonedChannel();
    let dieOn: JobRequest['kind'] | null = null;
    const service = createGlossaryService({
      bundled,
      importChannel: async () => {
        channel = clonedChannel();
        const post = channel.post;
        channel.post = (m) => (m.kind === dieOn ? setTimeout(() => channel.end('the import worker stopped'), 0) : post(m));
        return channel;
      },
    });
    const handlers = service.handlers();
    const committed = await handlers.importPack({ type: 'importPack', source: text('team.md', TEAM_MD), commit: true }, {});
    expect(committed).toMatchObject({ ok: true, committed: true });
    const before = await fakeBrowser.storage.local.get();

    dieOn = 'import';
    const read = await handlers.importPack({ type: 'importPack', source: text('team.md', TEAM_MD_V2), commit: true }, {});
    expect(read).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^team\.md: could not be read \(the import worker stopped\)\. Nothing was stored/)],
    });
    expect(await fakeBrowser.storage.local.get()).toEqual(before);

    dieOn = 'compare';
    const diffed = await handlers.importPack({ type: 'importPack', source: text('team.md', TEAM_MD_V2), commit: true }, {});
    expect(diffed).toEqual({ ok: false, errors: [expect.stringContaining('the import worker stopped')] });
    expect(await fakeBrowser.storage.local.get()).toEqual(before);

    dieOn = null;
    const again = await handlers.importPack({ type: 'importPack', source: text('team.md', TEAM_MD_V2), commit: true }, {});
    expect(again).toMatchObject({ ok: true, committed: true, preview: { replaces: true, added: ['Defrobber'], changed: ['Frobnicator'] } });
    service.dispose();
  });

  it('a subscription refresh keeps the last good pack and records why', async () => {
    let body = TEAM_MD;
    let dieOn: JobRequest['kind'] | null = null;
    const service = createGlossaryService({
      bundled,
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/markdown' } }),
      importChannel: async () => {
        const channel = clonedChannel();
        const post = channel.post;
        channel.post = (m) => (m.kind === dieOn ? setTimeout(() => channel.end('the import worker stopped'), 0) : post(m));
        return channel;
      },
    });
    const handlers = service.handlers();
    const url = 'https://example.com/team.md';
    expect(await handlers.subscribe({ type: 'subscribe', url, commit: true }, {})).toMatchObject({ ok: true, committed: true });
    const packsBefore = (await fakeBrowser.storage.local.get('userPacks')).userPacks;

    body = TEAM_MD_V2;
    for (const kind of ['import', 'compare'] as const) {
      dieOn = kind;
      const refreshed = await handlers.refreshSubscription({ type: 'refreshSubscription', packId: 'team-glossary' }, {});
      expect(refreshed).toMatchObject({
        ok: false,
        changed: false,
        subscription: { error: expect.stringContaining('the import worker stopped') },
      });
      expect((await fakeBrowser.storage.local.get('userPacks')).userPacks).toEqual(packsBefore);
    }
    dieOn = null;
    expect(await handlers.refreshSubscription({ type: 'refreshSubscription', packId: 'team-glossary' }, {})).toMatchObject({
      ok: true,
      changed: true,
    });
    service.dispose();
  });
});
