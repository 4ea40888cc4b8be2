// The organization's policy (storage.managed): parsed entry by entry, applied over the user's own
// settings, and taken back out again before anything is stored.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  effectiveSettings,
  effectiveSites,
  isEmptyPolicy,
  normalizeSite,
  ownSettings,
  ownSites,
  parseManagedPolicy,
  type GlobalSettings,
} from '../../lib/settings';

const POLICY = {
  subscriptions: [
    {
      url: 'https://raw.githubusercontent.com/acme/glossary/main/platform.yaml',
      name: 'ACME platform',
      scope: ['github.com/acme'],
      refreshHours: 6,
    },
    { url: 'https://docs.acme.example/glossary.md' },
  ],
  bundledPacks: { on: ['kubernetes'], off: ['postgres'] },
  sites: ['grafana.acme.example', 'http://argocd.internal/', 'Grafana.Acme.Example'],
  locked: { style: 'underline', refreshHours: 12 },
};

describe('parseManagedPolicy', () => {
  it('reads a whole policy', () => {
    const { policy, errors } = parseManagedPolicy(POLICY);
    expect(errors).toEqual([]);
    expect(policy.subscriptions.map((s) => s.url)).toEqual([
      'https://raw.githubusercontent.com/acme/glossary/main/platform.yaml',
      'https://docs.acme.example/glossary.md',
    ]);
    expect(policy.subscriptions[0]).toMatchObject({ name: 'ACME platform', scope: ['github.com/acme'], refreshHours: 6 });
    expect(policy.bundledPacks).toEqual({ on: ['kubernetes'], off: ['postgres'] });
    // Hosts are lowercased and deduplicated; http only where the policy says so.
    expect(policy.sites).toEqual([
      { host: 'grafana.acme.example', origin: 'https://grafana.acme.example/*' },
      { host: 'argocd.internal', origin: 'http://argocd.internal/*' },
    ]);
    expect(policy.locked).toEqual({ style: 'underline', refreshHours: 12 });
  });

  it('no policy (Chromium answers {}) is an empty one', () => {
    for (const raw of [undefined, null, {}]) {
      const { policy, errors } = parseManagedPolicy(raw);
      expect(errors).toEqual([]);
      expect(isEmptyPolicy(policy)).toBe(true);
    }
  });

  it('drops each bad entry with an error naming it, and keeps the rest', () => {
    const { policy, errors } = parseManagedPolicy({
      subscriptions: [
        { url: 'ftp://x.example/g.yaml' },
        { url: 'https://ok.example/g.yaml', refreshHours: 0 },
        { url: 'https://ok.example/h.yaml' },
        { url: 'https://ok.example/h.yaml' },
      ],
      sites: ['grafana.acme.example', 'not a host', 42],
      bundledPacks: { on: ['Kubernetes'], off: ['kubernetes', 'argo'], extra: [] },
      locked: { style: 'sparkles', firstOnly: true, packOrder: [] },
      theme: 'dark',
    });
    expect(policy.subscriptions.map((s) => s.url)).toEqual(['https://ok.example/h.yaml']);
    expect(policy.sites.map((s) => s.host)).toEqual(['grafana.acme.example']);
    expect(policy.bundledPacks).toEqual({ on: [], off: ['kubernetes', 'argo'] });
    expect(policy.locked).toEqual({ firstOnly: true });
    expect(errors).toEqual(
      expect.arrayContaining([
        'theme: not a Termlens policy (known: subscriptions, bundledPacks, sites, locked)',
        expect.stringMatching(/^subscriptions\[0\]\.url: /),
        expect.stringMatching(/^subscriptions\[1\]\.refreshHours: /),
        'subscriptions[3].url: https://ok.example/h.yaml is listed twice',
        'sites[1]: "not a host" is not a hostname or an http(s) address',
        'sites[2]: 42 is not a hostname or an http(s) address',
        expect.stringMatching(/^bundledPacks\.on\[0\]: /),
        'bundledPacks.extra: only "on" and "off" lists',
        expect.stringMatching(/^locked\.style: /),
        'locked.packOrder: not a setting that can be locked (style, firstOnly, refreshHours)',
      ]),
    );
    expect(errors).toHaveLength(10);
  });

  it('a policy that is not an object says so', () => {
    expect(parseManagedPolicy('on').errors).toEqual(['the policy must be an object']);
    expect(parseManagedPolicy({ subscriptions: 'https://x.example' }).errors).toEqual(['subscriptions: must be a list']);
  });

  it('normalizeSite refuses other schemes', () => {
    expect(normalizeSite('file:///etc/passwd')).toBeNull();
    expect(normalizeSite('https://grafana.acme.example:3000/d/abc')).toEqual({
      host: 'grafana.acme.example',
      origin: 'https://grafana.acme.example/*',
    });
  });
});

describe('managed values over the user own', () => {
  const { policy } = parseManagedPolicy(POLICY);
  const packIds = { 'https://raw.githubusercontent.com/acme/glossary/main/platform.yaml': 'acme-platform' };
  const own: GlobalSettings = {
    ...DEFAULT_SETTINGS,
    style: 'none',
    firstOnly: true,
    refreshHours: 48,
    disabledPacks: ['kubernetes', 'acme-platform', 'mine'],
    packScopes: { 'acme-platform': ['*'], mine: ['github.com/me'] },
  };

  it('effectiveSettings puts the organization values over the user ones', () => {
    const eff = effectiveSettings(own, policy, packIds);
    expect(eff.style).toBe('underline');
    expect(eff.refreshHours).toBe(12);
    expect(eff.firstOnly).toBe(true);
    expect(new Set(eff.disabledPacks)).toEqual(new Set(['mine', 'postgres']));
    expect(eff.packScopes).toEqual({ 'acme-platform': ['github.com/acme'], mine: ['github.com/me'] });
  });

  it('ownSettings stores a change without the managed values, so the user keeps theirs', () => {
    const eff = effectiveSettings(own, policy, packIds);
    // The user turns their own pack back on and another bundled one off, from the settings in effect.
    const next: GlobalSettings = {
      ...eff,
      disabledPacks: [...eff.disabledPacks.filter((id) => id !== 'mine'), 'argo'],
      packScopes: { ...eff.packScopes, mine: ['*'] },
    };
    const stored = ownSettings(next, own, policy, packIds);
    expect(stored.style).toBe('none');
    expect(stored.refreshHours).toBe(48);
    expect(new Set(stored.disabledPacks)).toEqual(new Set(['argo', 'kubernetes', 'acme-platform']));
    expect(stored.packScopes).toEqual({ 'acme-platform': ['*'], mine: ['*'] });
    // Without a policy, the user's stored values are what applies.
    expect(effectiveSettings(stored, parseManagedPolicy({}).policy, {})).toEqual(stored);
  });

  it('a managed site cannot be off, and the user own choice is kept in storage', () => {
    const sites = { 'grafana.acme.example': { enabled: false, style: 'none' as const }, 'other.example': { enabled: false } };
    const eff = effectiveSites(sites, policy);
    // The style is locked: no site keeps its own in effect, and storage keeps the user's.
    expect(eff['grafana.acme.example']).toEqual({});
    expect(eff['other.example']).toEqual({ enabled: false });
    const next = { ...eff, 'grafana.acme.example': { firstOnly: true } };
    expect(ownSites(next, sites, policy)['grafana.acme.example']).toEqual({ firstOnly: true, style: 'none', enabled: false });
  });
});
