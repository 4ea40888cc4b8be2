// The background under an organization's policy, as fakeBrowser's storage.managed holds it (what the
// browser fills from a Chromium policy file or Firefox's policies.json): managed subscriptions are
// stored and cannot be removed, locked settings cannot be changed, and the user's own stay theirs.
import { resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import type { Protocol, RequestType } from '../../lib/protocol';
import { createGlossaryService, type GlossaryService } from '../../entrypoints/background/glossary-service';
import { createPolicySource, readManagedPolicy } from '../../entrypoints/background/managed';
import { listen, send } from '../../utils/messaging';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

let bundled: CompiledIndex;
beforeAll(() => {
  const { packs, errors } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
  expect(errors).toEqual([]);
  bundled = compileIndex(packs);
});

const TEAM_URL = 'https://glossary.acme.example/team.yaml';
const TEAM_YAML = `id: acme-team
name: ACME team
version: "1"
description: Words the ACME platform team uses.
source: github.com/acme/glossary
maintainer: 'Platform team, #platform-docs'
license: CC-BY-4.0
terms:
  - term: Frobnicator
    definition: The service that frobs the widgets.
`;
const MINE_YAML = `id: mine
name: Mine
version: "1"
description: My own words.
terms:
  - term: Widget pool
    definition: Where widgets wait.
`;

const POLICY = {
  subscriptions: [{ url: TEAM_URL, name: 'ACME (managed)', scope: ['github.com/acme'], refreshHours: 6 }],
  bundledPacks: { off: ['homelab-infra'] },
  sites: ['grafana.acme.example'],
  locked: { style: 'underline' },
};

describe('managed policy in the background', () => {
  let service: GlossaryService;
  let fetchMock: ReturnType<typeof vi.fn>;
  let unlisten: () => void = () => undefined;
  const ask = <T extends RequestType>(type: T, request: Protocol[T]['request']) => send(type, request);

  const start = () => {
    unlisten();
    fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      if (String(input) === TEAM_URL) return new Response(TEAM_YAML, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    service = createGlossaryService({
      bundled,
      fetch: fetchMock as unknown as typeof fetch,
      now: () => 1_000_000,
      readPolicy: readManagedPolicy,
    });
    unlisten = listen(service.handlers() as Parameters<typeof listen>[0]);
  };

  beforeEach(async () => {
    fakeBrowser.reset();
    // fakeBrowser has no permissions store: nothing is granted.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => false);
    await fakeBrowser.storage.managed.set(POLICY);
    start();
  });

  it('subscribes to the managed glossary and marks what the organization sets', async () => {
    await service.syncManaged();
    const { packs } = await ask('packs', {});
    const team = packs.find((p) => p.id === 'acme-team');
    expect(team).toMatchObject({
      name: 'ACME (managed)',
      enabled: true,
      scope: ['github.com/acme'],
      managed: { enabled: true, subscription: true, scope: true },
    });
    expect(team).toMatchObject({ maintainer: 'Platform team, #platform-docs', license: 'CC-BY-4.0', source: TEAM_URL });
    expect(packs.find((p) => p.id === 'homelab-infra')).toMatchObject({ enabled: false, managed: { enabled: true } });
    // A second sync does not fetch again: the subscription is stored.
    await service.syncManaged();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const info = await ask('managed', {});
    expect(info.active).toBe(true);
    expect(info.errors).toEqual([]);
    expect(info.sites).toEqual([{ host: 'grafana.acme.example', origin: 'https://grafana.acme.example/*', granted: false }]);
  });

  it('refuses to remove, turn off or rescope what the organization set', async () => {
    await service.syncManaged();
    await expect(ask('removePack', { id: 'acme-team' })).rejects.toThrow(/set by your organization/);
    await expect(ask('setPackEnabled', { id: 'homelab-infra', enabled: true })).rejects.toThrow(/by your organization/);
    await expect(ask('setPackScope', { id: 'acme-team', scope: ['*'] })).rejects.toThrow(/by your organization/);
    await expect(ask('setSettings', { patch: { style: 'none' } })).rejects.toThrow('style: set by your organization');
    await expect(ask('setSiteSettings', { host: 'grafana.acme.example', patch: { enabled: false } })).rejects.toThrow(
      /turned on here by your organization/,
    );
    // The lock holds per site too.
    await expect(ask('setSiteSettings', { host: 'grafana.acme.example', patch: { style: 'none' } })).rejects.toThrow(
      'style: set by your organization',
    );
    expect((await ask('settings', {})).settings.style).toBe('underline');
    expect((await ask('settings', { host: 'github.com' })).site?.style).toBe('underline');
  });

  it('leaves the user own settings and packs alone, and gives them back when the policy goes', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { style: 'none', firstOnly: true, disabledPacks: ['deployment-book'], packOrder: [], refreshHours: 24 },
    });
    service.dispose();
    start();
    await ask('importPack', { source: { kind: 'text', name: 'mine.yaml', text: MINE_YAML }, commit: true });
    await service.syncManaged();
    // A change the user may make is stored without the managed values.
    await ask('setSettings', { patch: { firstOnly: false } });
    await ask('setPackEnabled', { id: 'deployment-book', enabled: true });
    const stored = (
      (await fakeBrowser.storage.sync.get('settings')) as { settings: { style: string; disabledPacks: string[]; packScopes?: unknown } }
    ).settings;
    expect(stored.style).toBe('none');
    expect(stored.disabledPacks).toEqual([]);
    expect(stored.packScopes ?? {}).toEqual({});

    // The admin drops the policy: the managed subscription goes, the user's pack and style stay.
    await fakeBrowser.storage.managed.clear();
    await service.policyChanged();
    const { packs, settings } = await ask('settings', {});
    expect(packs.map((p) => p.id)).toContain('mine');
    expect(packs.map((p) => p.id)).not.toContain('acme-team');
    expect(packs.find((p) => p.id === 'homelab-infra')).toMatchObject({ enabled: true });
    expect(packs.some((p) => p.managed)).toBe(false);
    expect(settings.style).toBe('none');
  });

  it('never replaces a user pack with the same id, and says why', async () => {
    await fakeBrowser.storage.managed.clear();
    service.dispose();
    start();
    await ask('importPack', {
      source: { kind: 'text', name: 'team.yaml', text: TEAM_YAML.replace('Frobnicator', 'My frob') },
      commit: true,
    });
    await fakeBrowser.storage.managed.set(POLICY);
    await service.policyChanged();
    const info = await ask('managed', {});
    expect(info.errors).toEqual([`${TEAM_URL}: its pack id "acme-team" is a pack of yours already; it was left as it is`]);
    const { senses } = await ask('entry', { id: 'acme-team/my-frob' });
    expect(senses[0]?.term).toBe('My frob');
  });

  it('an invalid policy entry is reported and the rest applies', async () => {
    await fakeBrowser.storage.managed.set({ ...POLICY, locked: { style: 'sparkles' } });
    await service.policyChanged();
    const info = await ask('managed', {});
    expect(info.errors).toEqual([expect.stringMatching(/^locked\.style: /)]);
    expect(info.policy.subscriptions).toHaveLength(1);
  });

  it('a glossary that fails to arrive is retried an hour later, or at once when the policy changes', async () => {
    await fakeBrowser.storage.managed.set({ subscriptions: [{ url: 'https://down.acme.example/team.yaml' }] });
    await service.policyChanged();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((await ask('managed', {})).errors).toEqual([
      expect.stringMatching(/^https:\/\/down\.acme\.example\/team\.yaml: could not fetch/),
    ]);
    // A service-worker start within the hour: no new fetch, the error still shows.
    await service.syncManaged();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((await ask('managed', {})).errors).toHaveLength(1);
    await service.policyChanged();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('a policy arriving during a sync gets a sync of its own', async () => {
    await fakeBrowser.storage.managed.clear();
    await service.policyChanged();
    const first = service.syncManaged();
    await fakeBrowser.storage.managed.set(POLICY);
    await Promise.all([first, service.policyChanged()]);
    expect((await ask('packs', {})).packs.map((p) => p.id)).toContain('acme-team');
  });

  it('a managed subscription refreshes on its own period', async () => {
    await service.syncManaged();
    const alarm = await fakeBrowser.alarms.get('termlens:refresh-subscriptions');
    expect(alarm?.periodInMinutes).toBe(6 * 60);
  });
});

describe('the policy as last read', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers from storage at once, and a fresh read that differs is reported', async () => {
    await fakeBrowser.storage.managed.set(POLICY);
    const onChange = vi.fn();
    const source = createPolicySource(onChange);
    // Nothing read yet: no policy until the browser answers.
    expect((await source.current()).policy.locked).toEqual({});
    expect(await source.refresh()).toBe(true);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect((await source.current()).policy.locked).toEqual({ style: 'underline' });
    expect(await source.refresh()).toBe(false);
    // A restarted worker starts from the stored copy.
    expect((await createPolicySource().current()).policy.locked).toEqual({ style: 'underline' });
    await fakeBrowser.storage.managed.clear();
    expect(await source.refresh()).toBe(true);
    expect((await source.current()).policy.locked).toEqual({});
  });
});
