// The background's glossary logic, run for real against fakeBrowser's storage, runtime messaging and
// alarms, with the real bundled packs from glossary/. Only the network (subscriptions) is faked.
import { resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addKnownTerms, knownTermsItem } from '../../utils/known-terms';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import type { Protocol, Reply, RequestType } from '../../lib/protocol';
import {
  createGlossaryService,
  REFRESH_ALARM,
  registerGlossaryEvents,
  type GlossaryService,
} from '../../entrypoints/background/glossary-service';
import { listen, send } from '../../utils/messaging';
import { pageHandlers } from '../../entrypoints/background/page-support';
import { userPacksItem } from '../../utils/storage';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

let bundled: CompiledIndex;
beforeAll(() => {
  const { packs, errors } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
  expect(errors).toEqual([]);
  bundled = compileIndex(packs);
});

const TEAM_MD = `# Team glossary

Words our team uses.

## Platform

**Frobnicator**: The service that frobs the widgets. (Chapter 2)

**Widget pool (WP)**: Where widgets wait before a frob.
`;

const TEAM_MD_V2 = `# Team glossary

Words our team uses.

## Platform

**Frobnicator**: The service that frobs widgets, now in batches. (Chapter 2)

**Widget pool (WP)**: Where widgets wait before a frob.

**Defrobber**: Undoes a frob.
`;

const BROKEN_YAML = `id: broken
name: Broken
version: "1"
description: A pack with a mistake.
terms:
  - term: Thing
    definition: ""
`;

type Route = string | number | (() => Response);

/** A tiny web server for subscriptions: URL → body (or an HTTP status, or a response of its own). */
function fakeFetch(routes: Record<string, Route>) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    const route = routes[url];
    if (route === undefined) throw new TypeError('Failed to fetch');
    if (typeof route === 'function') return route();
    if (typeof route === 'number') return new Response('nope', { status: route, statusText: 'Not Found' });
    return new Response(route, { status: 200 });
  });
}

async function storageSnapshot() {
  return { local: await fakeBrowser.storage.local.get(), sync: await fakeBrowser.storage.sync.get() };
}

/** Deliver a message as the browser would from `sender` (fakeBrowser's sendMessage sends `{}`); undefined when no listener answers. */
async function askAs(sender: Browser.runtime.MessageSender, message: { type: string } & Record<string, unknown>): Promise<unknown> {
  let reply!: (value: unknown) => void;
  const replied = new Promise<unknown>((resolve) => {
    reply = resolve;
  });
  const results: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, sender, reply);
  return results.includes(true) ? replied : undefined;
}

/** What a failed storage write throws when storage.local is full. */
const quotaError = () => new Error('QUOTA_BYTES quota exceeded');

describe('glossary service', () => {
  let service: GlossaryService;
  let routes: Record<string, Route>;
  let now: number;

  const start = () => {
    const s = createGlossaryService({ bundled, fetch: fakeFetch(routes) as unknown as typeof fetch, now: () => now });
    listen(s.handlers() as Parameters<typeof listen>[0]);
    return s;
  };
  const ask = <T extends RequestType>(type: T, request: Protocol[T]['request']) => send(type, request);

  beforeEach(() => {
    fakeBrowser.reset();
    routes = {};
    now = 1_000_000;
    service = start();
  });

  describe('search through the message protocol', () => {
    it('finds kubelet first for the typo "kubeltt"', async () => {
      const { hits } = await ask('search', { query: 'kubeltt' });
      expect(hits[0]?.term).toBe('kubelet');
    });

    it('leaves out packs turned off globally', async () => {
      const before = await ask('search', { query: 'kubelet' });
      const packsWithKubelet = new Set(before.hits.filter((h) => h.term === 'kubelet').map((h) => h.packId));
      expect(packsWithKubelet.size).toBeGreaterThan(0);
      for (const id of packsWithKubelet) await ask('setPackEnabled', { id, enabled: false });
      const after = await ask('search', { query: 'kubelet' });
      expect(after.hits.filter((h) => h.term === 'kubelet')).toEqual([]);
    });

    it('opens an entry with the other senses of its headword', async () => {
      const { hits } = await ask('search', { query: 'HPA' });
      const hpa = hits.filter((h) => h.term === 'HPA');
      expect(hpa.length).toBeGreaterThan(1);
      const { senses, packNames } = await ask('entry', { id: hpa[1]!.id });
      expect(senses[0]?.id).toBe(hpa[1]!.id);
      expect(senses.map((s) => s.id)).toContain(hpa[0]!.id);
      expect(packNames[senses[0]!.packId]).toBe(hpa[1]!.packName);
    });
  });

  describe('per-site settings', () => {
    it('turns a site off and keeps the choice in synced storage', async () => {
      const { site } = await ask('setSiteSettings', { host: 'github.com', patch: { enabled: false } });
      expect(site.enabled).toBe(false);
      const { sites } = (await fakeBrowser.storage.sync.get('sites')) as { sites: Record<string, unknown> };
      expect(sites).toEqual({ 'github.com': { enabled: false, t: now } });
      // Other sites are unaffected.
      expect((await ask('settings', { host: 'grafana.example.com' })).site?.enabled).toBe(true);
    });

    it('gives a site only the patterns of the packs active there', async () => {
      const all = await service.patternsForSite('github.com');
      const homelab = bundled.entries.find((e) => e.packId === 'homelab-infra' && e.term === 'Ingress auth')!;
      expect(all.some((p) => p.text === homelab.term)).toBe(true);
      await ask('setSiteSettings', { host: 'github.com', patch: { pack: { id: 'homelab-infra', active: false } } });
      const fewer = await service.patternsForSite('github.com');
      expect(fewer.some((p) => p.text === homelab.term)).toBe(false);
      expect(fewer.length).toBeLessThan(all.length);
      expect((await service.patternsForSite('example.org')).length).toBe(all.length);
    });

    it('applies a pack where its scope says: avoid words only inside it, the team’s senses first there', async () => {
      const avoidIn = async (url: string) =>
        (await service.pageMatching('github.com', url)).patterns.filter((p) => p.kind === 'avoid').map((p) => p.text);
      // The homelab pack's home is unknown: its terms apply, its avoid words flag nowhere.
      expect(await avoidIn('https://github.com/facebook/react/pull/1')).toEqual([]);
      expect(
        (await service.patternsForSite('github.com', 'https://github.com/facebook/react/pull/1')).some((p) => p.text === 'Ingress auth'),
      ).toBe(true);
      const { packs } = await ask('setPackScope', { id: 'homelab-infra', scope: ['github.com/acme/homelab'] });
      expect(packs.find((p) => p.id === 'homelab-infra')).toMatchObject({ scope: ['github.com/acme/homelab'], scopeByUser: true });
      // Outside its scope a scoped pack does not apply at all; inside, its house rules flag.
      const outside = await service.pageMatching('github.com', 'https://github.com/facebook/react/pull/1');
      expect(outside.patterns.some((p) => p.packIds.includes('homelab-infra'))).toBe(false);
      expect(await avoidIn('https://github.com/acme/homelab/pull/7')).toEqual(expect.arrayContaining(['app', 'user']));
      // Inside, "Service" is the team's own word: no evidence needed, and its sense comes first.
      const inside = await service.pageMatching('github.com', 'https://github.com/acme/homelab/pull/7');
      const service_ = inside.patterns.findIndex((p) => p.key === 'term:service');
      expect(inside.relevance.flags[service_]! & 2).toBe(2);
      expect((await service.sensesFor('term:service', 'github.com', undefined, 'https://github.com/acme/homelab/pull/7'))[0]?.packId).toBe(
        'homelab-infra',
      );
      expect(inside.relevance.id).not.toBe(outside.relevance.id);
      // Given back its own (none): flags nowhere again.
      await ask('setPackScope', { id: 'homelab-infra', scope: null });
      expect(await avoidIn('https://github.com/acme/homelab/pull/7')).toEqual([]);
      expect(await ask('setPackScope', { id: 'homelab-infra', scope: ['not a scope'] }).catch((e: Error) => e.message)).toMatch(/scope/);
    });

    it('keeps a private pack off every page outside its scope', async () => {
      await ask('importPack', {
        source: {
          kind: 'text',
          name: 'secret.yaml',
          text: 'id: secret-team\nname: Secret team\nversion: "1"\ndescription: d\nprivate: true\nterms:\n  - term: Zorblax\n    definition: Our codename.\n',
        },
        commit: true,
      });
      const has = async (url: string) => (await service.patternsForSite('github.com', url)).some((p) => p.text === 'Zorblax');
      expect(await has('https://github.com/acme/payments')).toBe(false);
      await ask('setPackScope', { id: 'secret-team', scope: ['github.com/acme'] });
      expect(await has('https://github.com/acme/payments')).toBe(true);
      expect(await has('https://github.com/other/repo')).toBe(false);
    });

    it('orders senses by the preferred pack', async () => {
      const key = 'term:hpa';
      const first = (await service.sensesFor(key, 'github.com')).map((s) => s.packId);
      expect(first.length).toBeGreaterThan(1);
      const last = first[first.length - 1]!;
      const { packs } = await ask('packs', {});
      for (let i = packs.findIndex((p) => p.id === last); i > 0; i--) await ask('movePack', { id: last, delta: -1 });
      expect((await ask('packs', {})).packs[0]?.id).toBe(last);
      expect((await service.sensesFor(key, 'github.com'))[0]?.packId).toBe(last);
    });

    it('prefers the sense a pack declares for the detected site (bundled: App-of-Apps on Argo CD)', async () => {
      const key = 'term:app-of-apps';
      const headwords = async (site?: string) =>
        (await service.sensesFor(key, 'cd.example.com', site)).map((s) => `${s.term}${s.qualifier ? ` (${s.qualifier})` : ''}`);
      // Elsewhere the pack's order decides: the general entry of the GitOps section comes first.
      expect(await headwords()).toEqual(['App-of-Apps', 'App-of-Apps (Argo CD)']);
      expect(await headwords('github')).toEqual(['App-of-Apps', 'App-of-Apps (Argo CD)']);
      // On Argo CD, the entry marked `sites: [argocd]` comes first; the lookup a page sends does the same.
      expect(await headwords('argocd')).toEqual(['App-of-Apps (Argo CD)', 'App-of-Apps']);
      const { senses } = await pageHandlers(service).lookup({ type: 'lookup', key, site: 'argocd', host: 'cd.example.com' }, {});
      expect(senses[0]?.sites).toEqual(['argocd']);
    });

    it('gives the page its GitHub options ("Treat as GitHub Enterprise", "Scan diff code") with its matcher', async () => {
      const page = pageHandlers(service);
      const setup = () => page.matcher({ type: 'matcher', host: 'ghe.example.com' }, {});
      expect(await setup()).toMatchObject({ enabled: true, githubEnterprise: false, scanDiffs: false });
      await ask('setSiteSettings', { host: 'ghe.example.com', patch: { githubEnterprise: true, scanDiffs: true } });
      expect(await setup()).toMatchObject({ enabled: true, githubEnterprise: true, scanDiffs: true });
      expect((await page.matcher({ type: 'matcher', host: 'github.com' }, {})).scanDiffs).toBe(false);
      await ask('setSiteSettings', { host: 'ghe.example.com', patch: { scanDiffs: false } });
      expect(await setup()).toMatchObject({ githubEnterprise: true, scanDiffs: false });
    });

    it('folds the legacy siteAdapters key into the per-site settings once, and removes it', async () => {
      await fakeBrowser.storage.sync.set({
        siteAdapters: { githubHosts: ['127.0.0.1:8443'], scanDiffs: ['127.0.0.1:8443'] },
        sites: { '127.0.0.1': { style: 'underline', t: 1 } },
      });
      const fresh = start();
      expect(await fresh.siteSettings('127.0.0.1')).toMatchObject({ style: 'underline', githubEnterprise: true, scanDiffs: true });
      // Version records (`sites$`) aside.
      const stored = Object.fromEntries(Object.entries(await fakeBrowser.storage.sync.get()).filter(([k]) => !k.endsWith('$')));
      expect(stored).toEqual({
        sites: { '127.0.0.1': { style: 'underline', githubEnterprise: true, scanDiffs: true, t: 1 } },
      });
      fresh.dispose();
    });

    it('refuses malformed changes from any extension context, storing nothing', async () => {
      await expect(ask('setSiteSettings', { host: 'github.com', patch: { style: 'sparkles' } as never })).rejects.toThrow(
        /invalid site settings \(style\)/,
      );
      await expect(ask('setSiteSettings', { host: 'Not A Host', patch: { enabled: false } })).rejects.toThrow(/invalid host/);
      await expect(ask('setSettings', { patch: { refreshHours: 0 } })).rejects.toThrow(/invalid settings \(refreshHours\)/);
      expect(await storageSnapshot()).toEqual({ local: {}, sync: {} });
    });

    it('survives a service-worker restart: a new instance reads the same state', async () => {
      await ask('setSiteSettings', { host: 'github.com', patch: { style: 'underline', firstOnly: true } });
      service.dispose();
      const again = createGlossaryService({ bundled });
      expect(await again.siteSettings('github.com')).toMatchObject({ style: 'underline', firstOnly: true, enabled: true });
    });
  });

  describe('importing packs', () => {
    it('previews a Markdown glossary without storing it, then commits it', async () => {
      const before = await storageSnapshot();
      const preview = await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: false });
      expect(preview).toMatchObject({
        ok: true,
        committed: false,
        preview: { pack: { id: 'team-glossary', termCount: 2 }, format: 'bold', replaces: false, added: ['Frobnicator', 'Widget pool'] },
      });
      expect(await storageSnapshot()).toEqual(before);

      const committed = await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      expect(committed).toMatchObject({ ok: true, committed: true });
      const { packs } = await ask('packs', {});
      expect(packs.at(-1)).toMatchObject({
        id: 'team-glossary',
        bundled: false,
        enabled: true,
        termCount: 2,
        origin: { kind: 'file', name: 'team.md' },
      });
      expect((await ask('search', { query: 'frobnicatr' })).hits[0]?.term).toBe('Frobnicator');
      expect((await service.patternsForSite('github.com')).map((p) => p.text)).toEqual(
        expect.arrayContaining(['Frobnicator', 'Widget pool', 'WP']),
      );
      expect((await service.sensesFor('term:wp', 'github.com')).map((s) => s.term)).toEqual(['Widget pool']);
    });

    it('shows the diff when an import replaces a user pack', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      const result = await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD_V2 }, commit: false });
      expect(result).toMatchObject({ ok: true, preview: { replaces: true, added: ['Defrobber'], removed: [], changed: ['Frobnicator'] } });
      if (result.ok) expect(result.preview.diff).toContain('+ Defrobber');
    });

    it('rejects a broken pack with file:line:col and changes nothing', async () => {
      await ask('setSiteSettings', { host: 'github.com', patch: { style: 'none' } });
      const before = await storageSnapshot();
      const result = await ask('importPack', { source: { kind: 'text', name: 'broken.yaml', text: BROKEN_YAML }, commit: true });
      expect(result).toEqual({ ok: false, errors: ['broken.yaml:7:17: terms[0].definition: must not be empty'] });
      expect(await storageSnapshot()).toEqual(before);
    });

    it('refuses a pack that takes a bundled pack id', async () => {
      const id = bundled.packs[0]!.id;
      const result = await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, options: { id }, commit: true });
      expect(result).toEqual({ ok: false, errors: [`team.md: the pack id "${id}" belongs to a bundled pack: give this one another id`] });
    });

    it('removes a user pack, never a bundled one', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      await ask('setPackEnabled', { id: 'team-glossary', enabled: false });
      const { packs } = await ask('removePack', { id: 'team-glossary' });
      expect(packs.map((p) => p.id)).not.toContain('team-glossary');
      expect((await ask('settings', {})).settings.disabledPacks).toEqual([]);
      await expect(ask('removePack', { id: bundled.packs[0]!.id })).rejects.toThrow(/bundled pack/);
    });

    it('rebuilds the merged index lazily after a restart', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      service.dispose();
      const again = createGlossaryService({ bundled });
      expect((await again.search('Frobnicator')).hits[0]?.packId).toBe('team-glossary');
      expect((await again.index()).entries.length).toBe(bundled.entries.length + 2);
    });
  });

  describe('subscriptions', () => {
    const URL_ = 'https://raw.example.com/team/glossary.md';

    it('subscribes, schedules a refresh, and records what a refresh changed', async () => {
      routes[URL_] = TEAM_MD;
      const sub = await ask('subscribe', { url: URL_, commit: true });
      expect(sub).toMatchObject({ ok: true, committed: true, preview: { pack: { id: 'team-glossary' } } });
      expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 24 * 60 });
      let info = (await ask('packs', {})).packs.find((p) => p.id === 'team-glossary');
      expect(info).toMatchObject({ origin: { kind: 'subscription', url: URL_ }, subscription: { url: URL_, updatedAt: now } });

      now += 1000;
      routes[URL_] = TEAM_MD_V2;
      const refreshed = await ask('refreshSubscription', { packId: 'team-glossary' });
      expect(refreshed).toMatchObject({ ok: true, changed: true, subscription: { updatedAt: now, checkedAt: now } });
      expect(refreshed.subscription.lastDiff).toMatch(/\+ Defrobber[\s\S]*~ Frobnicator: definition changed/);
      info = (await ask('packs', {})).packs.find((p) => p.id === 'team-glossary');
      expect(info?.termCount).toBe(3);
    });

    it('stores a refresh that changes only what the diff does not show (an alias’s letter case)', async () => {
      routes[URL_] = TEAM_MD;
      await ask('subscribe', { url: URL_, commit: true });
      now += 1000;
      routes[URL_] = TEAM_MD.replace('(WP)', '(wp)');
      const refreshed = await ask('refreshSubscription', { packId: 'team-glossary' });
      expect(refreshed).toMatchObject({
        ok: true,
        changed: true,
        subscription: { updatedAt: now, lastDiff: 'Changed in letter case, ids or the pack details only.' },
      });
      const stored = (await service.index()).entries.find((e) => e.term === 'Widget pool');
      expect(stored?.aliases).toEqual(['wp']);
      // The same file again: nothing to store.
      expect(await ask('refreshSubscription', { packId: 'team-glossary' })).toMatchObject({ ok: true, changed: false });
    });

    it('stores nothing when the file changed between the preview and the commit', async () => {
      routes[URL_] = TEAM_MD;
      const seen = await ask('subscribe', { url: URL_, commit: false });
      if (!seen.ok) throw new Error(seen.errors.join('; '));
      const before = await fakeBrowser.storage.local.get();
      routes[URL_] = TEAM_MD_V2;
      expect(await ask('subscribe', { url: URL_, commit: true, previewed: seen.preview })).toEqual({
        ok: false,
        errors: [`${URL_}: the file changed since the preview; nothing was stored. Preview it again.`],
      });
      expect(await fakeBrowser.storage.local.get()).toEqual(before);
      // Unchanged since the preview: stored.
      const again = await ask('subscribe', { url: URL_, commit: false });
      if (!again.ok) throw new Error(again.errors.join('; '));
      expect(await ask('subscribe', { url: URL_, commit: true, previewed: again.preview })).toMatchObject({ ok: true, committed: true });
    });

    it('keeps the last good version when a refresh fails or is invalid, and says why', async () => {
      routes[URL_] = TEAM_MD;
      await ask('subscribe', { url: URL_, commit: true });
      const good = (await service.index()).entries.filter((e) => e.packId === 'team-glossary');

      routes[URL_] = 404;
      const missing = await ask('refreshSubscription', { packId: 'team-glossary' });
      expect(missing).toMatchObject({ ok: false, changed: false, subscription: { error: `${URL_}: HTTP 404 Not Found` } });

      routes[URL_] = 'just some prose, no glossary here\n';
      const invalid = await ask('refreshSubscription', { packId: 'team-glossary' });
      expect(invalid.ok).toBe(false);
      expect(invalid.subscription.error).toMatch(/matches no glossary shape/);

      expect((await service.index()).entries.filter((e) => e.packId === 'team-glossary')).toEqual(good);
      routes[URL_] = TEAM_MD;
      const back = await ask('refreshSubscription', { packId: 'team-glossary' });
      expect(back).toMatchObject({ ok: true, changed: false });
      expect(back.subscription.error).toBeUndefined();
    });

    it('reports a fetch that fails at subscribe time without storing anything', async () => {
      const before = await storageSnapshot();
      expect(await ask('subscribe', { url: 'https://nowhere.example/g.md', commit: true })).toEqual({
        ok: false,
        errors: ['https://nowhere.example/g.md: could not fetch (Failed to fetch)'],
      });
      expect(await ask('subscribe', { url: 'ftp://x/y', commit: true })).toEqual({
        ok: false,
        errors: ['ftp://x/y: only http(s) URLs can be subscribed to'],
      });
      expect(await storageSnapshot()).toEqual(before);
    });

    it('stops reading a body at the size limit, refuses what is not text, and stores nothing', async () => {
      const before = await storageSnapshot();
      let pulled = 0;
      // An endless body, with no length declared: reading it whole would never end.
      routes[URL_] = () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              pulled++;
              controller.enqueue(new TextEncoder().encode('**Term**: definition.\n\n'.repeat(4000)));
            },
          }),
          { status: 200, headers: { 'content-type': 'text/markdown' } },
        );
      const endless = await ask('subscribe', { url: URL_, commit: true });
      expect(endless).toEqual({
        ok: false,
        errors: [`${URL_} is larger than 2.0 MB, the most Termlens reads as a glossary. Nothing was stored.`],
      });
      expect(pulled).toBeLessThan(40);
      routes[URL_] = () => new Response('x', { status: 200, headers: { 'content-length': '50000000', 'content-type': 'text/plain' } });
      expect(await ask('subscribe', { url: URL_, commit: true })).toEqual({
        ok: false,
        errors: [`${URL_} is larger than 2.0 MB, the most Termlens reads as a glossary (it is 50.0 MB). Nothing was stored.`],
      });
      routes[URL_] = () =>
        new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { status: 200, headers: { 'content-type': 'image/png' } });
      expect(await ask('subscribe', { url: URL_, commit: true })).toEqual({
        ok: false,
        errors: [`${URL_}: the server sent image/png, not a text file: not a glossary`],
      });
      expect(await storageSnapshot()).toEqual(before);
    });

    it('refuses a file import over the same limit', async () => {
      const before = await storageSnapshot();
      const text = '**Term**: definition.\n\n'.repeat(100_000);
      expect(await ask('importPack', { source: { kind: 'text', name: 'big.md', text }, commit: true })).toEqual({
        ok: false,
        errors: ['big.md is larger than 2.0 MB, the most Termlens reads as a glossary (it is 2.3 MB). Nothing was stored.'],
      });
      expect(await storageSnapshot()).toEqual(before);
    });

    it('refreshes due subscriptions when the alarm fires', async () => {
      routes[URL_] = TEAM_MD;
      await ask('subscribe', { url: URL_, commit: true });
      registerGlossaryEvents(service);
      routes[URL_] = TEAM_MD_V2;
      now += 25 * 3_600_000;
      await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: now, periodInMinutes: 24 * 60 } as Parameters<
        typeof fakeBrowser.alarms.onAlarm.trigger
      >[0]);
      await vi.waitFor(async () => expect((await ask('packs', {})).packs.find((p) => p.id === 'team-glossary')?.termCount).toBe(3));
    });

    it('keeps the name the user gave a subscribed pack when a refresh changes the pack', async () => {
      routes[URL_] = TEAM_MD;
      const sub = await ask('subscribe', { url: URL_, options: { name: 'Our words' }, commit: true });
      if (!sub.ok) throw new Error(sub.errors.join('\n'));
      const id = sub.preview.pack.id;
      expect((await ask('packs', {})).packs.find((p) => p.id === id)?.name).toBe('Our words');

      now += 1000;
      routes[URL_] = TEAM_MD_V2;
      expect(await ask('refreshSubscription', { packId: id })).toMatchObject({
        ok: true,
        changed: true,
        subscription: { name: 'Our words' },
      });
      expect((await ask('packs', {})).packs.find((p) => p.id === id)).toMatchObject({ name: 'Our words', termCount: 3 });
    });

    it('refreshes the other due subscriptions when one fails, and records why on it', async () => {
      const OTHER = 'https://raw.example.com/ops/glossary.md';
      routes[URL_] = TEAM_MD;
      routes[OTHER] = TEAM_MD;
      await ask('subscribe', { url: URL_, commit: true });
      await ask('subscribe', { url: OTHER, options: { id: 'ops-glossary' }, commit: true });
      routes[URL_] = TEAM_MD_V2;
      routes[OTHER] = TEAM_MD_V2;
      now += 25 * 3_600_000;
      // The first subscription's new version does not fit in storage.local; the second one does.
      vi.spyOn(userPacksItem, 'setValue').mockRejectedValueOnce(quotaError());

      expect(await service.refreshDue()).toBe(2);
      const { packs } = await ask('packs', {});
      expect(packs.find((p) => p.id === 'team-glossary')).toMatchObject({
        termCount: 2,
        subscription: {
          checkedAt: now,
          error: 'The browser has no room left for Termlens’s packs. Remove a pack you no longer use, then try again. Nothing was changed.',
        },
      });
      const ops = packs.find((p) => p.id === 'ops-glossary');
      expect(ops).toMatchObject({ termCount: 3, subscription: { checkedAt: now, updatedAt: now } });
      expect(ops?.subscription?.error).toBeUndefined();
    });

    it('drops the alarm when the last subscription goes', async () => {
      routes[URL_] = TEAM_MD;
      await ask('subscribe', { url: URL_, commit: true });
      await ask('removePack', { id: 'team-glossary' });
      expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeUndefined();
    });
  });

  describe('backup, restore and reset', () => {
    it('exports everything and imports it back after a full reset', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      await ask('setSiteSettings', { host: 'github.com', patch: { enabled: false } });
      await ask('setSettings', { patch: { style: 'underline' } });
      const { backup } = await ask('exportAll', {});
      const text = JSON.stringify(backup);

      await ask('reset', { packs: true });
      expect((await ask('packs', {})).packs.map((p) => p.id)).toEqual(bundled.packs.map((p) => p.id));
      expect((await ask('settings', { host: 'github.com' })).site?.enabled).toBe(true);

      expect(await ask('importAll', { text, file: 'termlens-backup.json' })).toEqual({ ok: true });
      expect((await ask('settings', { host: 'github.com' })).site).toMatchObject({ enabled: false, style: 'underline' });
      expect((await ask('search', { query: 'Frobnicator' })).hits[0]?.packId).toBe('team-glossary');
    });

    it('rejects an invalid backup and changes nothing', async () => {
      await ask('setSiteSettings', { host: 'github.com', patch: { enabled: false } });
      const { backup } = await ask('exportAll', {});
      const broken = JSON.stringify({ ...backup, settings: { ...backup.settings, style: 'sparkles' } }, null, 2);
      const before = await storageSnapshot();
      const result = await ask('importAll', { text: broken, file: 'b.json' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatch(/^b\.json:\d+:\d+: settings\.style: /);
      expect(await storageSnapshot()).toEqual(before);
    });

    it('restores all or nothing: a write that fails puts back what the earlier ones replaced', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      await ask('setSiteSettings', { host: 'github.com', patch: { enabled: false } });
      await ask('setSettings', { patch: { style: 'underline' } });
      const { backup } = await ask('exportAll', {});
      // The state the restore would replace: other settings, another site, no user pack.
      await ask('reset', { packs: true });
      await ask('setSettings', { patch: { firstOnly: true } });
      await ask('setSiteSettings', { host: 'grafana.example.com', patch: { style: 'none' } });
      const before = await storageSnapshot();

      // Settings and sites are written first; the third write (user packs) fails.
      const setPacks = vi.spyOn(userPacksItem, 'setValue').mockRejectedValueOnce(quotaError());
      const result = await ask('importAll', { text: JSON.stringify(backup), file: 'b.json' });
      expect(setPacks).toHaveBeenCalled();
      expect(result).toEqual({ ok: false, errors: ['b.json: could not be stored (QUOTA_BYTES quota exceeded); nothing was changed'] });
      expect(await storageSnapshot()).toEqual(before);
      expect((await ask('settings', { host: 'github.com' })).site).toMatchObject({ enabled: true, style: 'background', firstOnly: true });
      expect((await ask('settings', { host: 'grafana.example.com' })).site?.style).toBe('none');
      expect((await ask('packs', {})).packs.map((p) => p.id)).not.toContain('team-glossary');

      // Once the storage has room again, the same file restores.
      expect(await ask('importAll', { text: JSON.stringify(backup), file: 'b.json' })).toEqual({ ok: true });
      expect((await ask('settings', { host: 'github.com' })).site).toMatchObject({ enabled: false, style: 'underline' });
    });

    it('backs up the "I know this" list and restores it; a backup from before it keeps the current list', async () => {
      await addKnownTerms(['term:kubelet', 'term:Argo CD']);
      const { backup } = await ask('exportAll', {});
      expect(backup.knownTerms).toEqual(['term:kubelet', 'term:argo cd']);

      await ask('reset', { packs: true });
      expect(await ask('importAll', { text: JSON.stringify(backup), file: 'b.json' })).toEqual({ ok: true });
      expect(await knownTermsItem.getValue()).toEqual(['term:kubelet', 'term:argo cd']);

      const { knownTerms: _, ...older } = backup;
      await knownTermsItem.setValue(['term:hpa']);
      expect(await ask('importAll', { text: JSON.stringify(older), file: 'old.json' })).toEqual({ ok: true });
      expect(await knownTermsItem.getValue()).toEqual(['term:hpa']);

      const broken = await ask('importAll', { text: JSON.stringify({ ...backup, knownTerms: ['term:hpa', 3] }, null, 2), file: 'b.json' });
      expect(broken.ok).toBe(false);
      if (!broken.ok) expect(broken.errors[0]).toMatch(/^b\.json:\d+:\d+: knownTerms\[1\]: /);
      expect(await knownTermsItem.getValue()).toEqual(['term:hpa']);
    });

    it('clears the "I know this" list on reset, with or without the packs', async () => {
      await addKnownTerms(['term:kubelet']);
      await ask('reset', {});
      expect(await knownTermsItem.getValue()).toEqual([]);
      await addKnownTerms(['term:hpa']);
      await ask('reset', { packs: true });
      expect(await knownTermsItem.getValue()).toEqual([]);
    });

    it('resets settings but keeps user packs unless asked', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      await ask('setSettings', { patch: { firstOnly: true } });
      const { settings, packs } = await ask('reset', {});
      expect(settings.firstOnly).toBe(false);
      expect(packs.map((p) => p.id)).toContain('team-glossary');
    });
  });

  describe('who may ask what', () => {
    // Only the tab's id matters here.
    const TAB = { id: 7 } as Browser.tabs.Tab;
    /** A content script on a web page: a web page can drive it, so it gets the page's requests only. */
    const PAGE: Browser.runtime.MessageSender = {
      id: fakeBrowser.runtime.id,
      tab: TAB,
      frameId: 0,
      url: 'https://github.com/org/repo/pull/1',
    };
    /** The options page opened in a tab: an extension page, whatever tab it is in. */
    const OPTIONS: Browser.runtime.MessageSender = {
      id: fakeBrowser.runtime.id,
      tab: { ...TAB, id: 8 },
      url: fakeBrowser.runtime.getURL('/options.html'),
    };

    beforeEach(() => {
      // The background's own wiring: the service's handlers and the page's.
      fakeBrowser.runtime.onMessage.removeAllListeners();
      listen({ ...service.handlers(), ...pageHandlers(service) });
    });

    it('refuses settings, packs, backup and reset to a content script, changing nothing', async () => {
      await ask('importPack', { source: { kind: 'text', name: 'team.md', text: TEAM_MD }, commit: true });
      await ask('setSettings', { patch: { firstOnly: true } });
      const { backup } = await ask('exportAll', {});
      const before = await storageSnapshot();
      const requests = [
        { type: 'reset', packs: true },
        { type: 'setSettings', patch: { style: 'none' } },
        { type: 'setSiteSettings', host: 'github.com', patch: { enabled: false } },
        { type: 'importAll', text: JSON.stringify({ ...backup, userPacks: [], subscriptions: [] }), file: 'b.json' },
        { type: 'removePack', id: 'team-glossary' },
        { type: 'exportAll' },
      ];
      for (const message of requests) {
        expect(await askAs(PAGE, message)).toEqual({
          ok: false,
          error: `"${message.type}" can only be asked from the extension's own pages, not from a web page`,
        });
      }
      // A page's frame without a tab (a sidebar) is still a page.
      expect(await askAs({ url: 'https://evil.example/' }, { type: 'reset', packs: true })).toMatchObject({ ok: false });
      expect(await storageSnapshot()).toEqual(before);
      expect((await ask('packs', {})).packs.map((p) => p.id)).toContain('team-glossary');
    });

    it("answers a content script's matcher and look-ups", async () => {
      const setup = await askAs(PAGE, { type: 'matcher', host: 'github.com' });
      expect(setup).toMatchObject({ ok: true, value: { enabled: true, matcher: { id: expect.any(String) } } });
      const found = (await askAs(PAGE, { type: 'lookup', key: 'term:kubelet', host: 'github.com' })) as Reply<'lookup'>;
      expect(found.ok).toBe(true);
      if (found.ok) expect(found.value.senses[0]?.term).toBe('kubelet');
    });

    it('lets the extension pages ask anything, even the options page in a tab', async () => {
      await ask('setSettings', { patch: { firstOnly: true } });
      expect(await askAs(OPTIONS, { type: 'reset' })).toMatchObject({ ok: true, value: { settings: { firstOnly: false } } });
      expect(await askAs(OPTIONS, { type: 'setSettings', patch: { style: 'none' } })).toMatchObject({
        ok: true,
        value: { settings: { style: 'none' } },
      });
    });

    it('answers only its own message types, not inherited names like toString', async () => {
      for (const type of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
        expect(await askAs(OPTIONS, { type })).toBeUndefined();
        expect(await askAs(PAGE, { type })).toBeUndefined();
      }
      await expect(send('toString' as RequestType, {} as never)).rejects.toThrow('no answer from the background to "toString"');
    });
  });
});
