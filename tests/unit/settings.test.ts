import { describe, expect, it } from 'vitest';
import {
  forgottenMessage,
  forgottenSites,
  BACKUP_FORMAT,
  DEFAULT_SETTINGS,
  SITES_BUDGET,
  activePacks,
  applySitePatch,
  byteSize,
  compactOverride,
  fitBudget,
  foldLegacySiteOptions,
  makeBackup,
  migrate,
  movePack,
  normalizeSettings,
  normalizeSites,
  normalizeSubscriptions,
  orderPacks,
  parseBackup,
  recompactSites,
  resolveSiteSettings,
  siteHost,
  type GlobalSettings,
  type SiteOverrides,
  type StoredPack,
} from '../../lib/settings';

const packs = ['deployment-book', 'homelab-infra', 'kubernetes-production-guide', 'platform-guide'];
const settings = (over: Partial<GlobalSettings> = {}): GlobalSettings => ({
  ...DEFAULT_SETTINGS,
  disabledPacks: [],
  packOrder: [],
  ...over,
});

const userPack: StoredPack = {
  pack: {
    id: 'team',
    name: 'Team',
    version: '1',
    description: 'Our words.',
    language: 'en',
    terms: [{ term: 'Widget', aliases: [], definition: 'A thing.', see: [], avoid: [], related: [], notes: [], sites: [], match: 'word' }],
  },
  origin: { kind: 'file', name: 'team.md' },
  format: 'bold',
  importedAt: 1,
};

describe('siteHost', () => {
  it('keys sites by lowercase hostname without port', () => {
    expect(siteHost('https://GitHub.com/org/repo/pull/1')).toBe('github.com');
    expect(siteHost('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(siteHost('https://grafana.example.com./d/abc')).toBe('grafana.example.com');
  });
  it('has no site for browser pages and files', () => {
    expect(siteHost('chrome://extensions')).toBeNull();
    expect(siteHost('file:///tmp/a.html')).toBeNull();
    expect(siteHost('not a url')).toBeNull();
  });
});

describe('pack order and active packs', () => {
  it('puts the preferred packs first and keeps the rest in default order', () => {
    expect(orderPacks(packs, ['platform-guide', 'gone', 'homelab-infra'])).toEqual([
      'platform-guide',
      'homelab-infra',
      'deployment-book',
      'kubernetes-production-guide',
    ]);
  });
  it('moves a pack up or down, stopping at the ends', () => {
    expect(movePack(packs, [], 'homelab-infra', -1)).toEqual([
      'homelab-infra',
      'deployment-book',
      'kubernetes-production-guide',
      'platform-guide',
    ]);
    expect(movePack(packs, [], 'deployment-book', -1)).toEqual(packs);
    expect(movePack(packs, [], 'platform-guide', 1)).toEqual(packs);
  });
  it('applies global disables, then the site turns packs on or off', () => {
    const g = settings({ disabledPacks: ['homelab-infra'] });
    expect(activePacks(g, undefined, packs)).toEqual(['deployment-book', 'kubernetes-production-guide', 'platform-guide']);
    expect(activePacks(g, { packsOn: ['homelab-infra'], packsOff: ['platform-guide'] }, packs)).toEqual([
      'deployment-book',
      'homelab-infra',
      'kubernetes-production-guide',
    ]);
  });
});

describe('resolveSiteSettings', () => {
  it('uses the global defaults for a site without overrides', () => {
    expect(resolveSiteSettings(settings(), {}, 'github.com', packs)).toEqual({
      host: 'github.com',
      enabled: true,
      style: 'background',
      firstOnly: false,
      packIds: packs,
      scanDiffs: false,
      githubEnterprise: false,
    });
  });
  it('applies a site override', () => {
    const sites: SiteOverrides = { 'grafana.example.com': { enabled: false, style: 'underline', firstOnly: true } };
    expect(resolveSiteSettings(settings(), sites, 'grafana.example.com', packs)).toMatchObject({
      enabled: false,
      style: 'underline',
      firstOnly: true,
    });
    expect(resolveSiteSettings(settings(), sites, 'github.com', packs)).toMatchObject({ enabled: true, style: 'background' });
  });
});

describe('applySitePatch', () => {
  it('stores only what differs from the defaults, and forgets a site back at defaults', () => {
    let sites = applySitePatch(settings(), {}, 'github.com', { enabled: false }, 10);
    expect(sites).toEqual({ 'github.com': { enabled: false, t: 10 } });
    sites = applySitePatch(settings(), sites, 'github.com', { style: 'background' }, 11);
    expect(sites['github.com']).toEqual({ enabled: false, t: 11 });
    sites = applySitePatch(settings(), sites, 'github.com', { enabled: true }, 12);
    expect(sites).toEqual({});
  });
  it('records a pack turned off on one site, and drops it when turned back on', () => {
    let sites = applySitePatch(settings(), {}, 'argo.example.com', { pack: { id: 'homelab-infra', active: false } }, 1);
    expect(sites['argo.example.com']?.packsOff).toEqual(['homelab-infra']);
    expect(resolveSiteSettings(settings(), sites, 'argo.example.com', packs).packIds).not.toContain('homelab-infra');
    sites = applySitePatch(settings(), sites, 'argo.example.com', { pack: { id: 'homelab-infra', active: true } }, 2);
    expect(sites).toEqual({});
  });
  it('turns a globally disabled pack on for one site only', () => {
    const g = settings({ disabledPacks: ['homelab-infra'] });
    const sites = applySitePatch(g, {}, 'argo.example.com', { pack: { id: 'homelab-infra', active: true } }, 1);
    expect(resolveSiteSettings(g, sites, 'argo.example.com', packs).packIds).toContain('homelab-infra');
    expect(resolveSiteSettings(g, sites, 'github.com', packs).packIds).not.toContain('homelab-infra');
  });
  it('stores "scan diff code" and "GitHub Enterprise" per host while on, and forgets them when off', () => {
    let sites = applySitePatch(settings(), {}, 'ghe.example.com', { githubEnterprise: true }, 1);
    sites = applySitePatch(settings(), sites, 'ghe.example.com', { scanDiffs: true }, 2);
    expect(sites).toEqual({ 'ghe.example.com': { githubEnterprise: true, scanDiffs: true, t: 2 } });
    expect(resolveSiteSettings(settings(), sites, 'ghe.example.com', packs)).toMatchObject({ githubEnterprise: true, scanDiffs: true });
    // Another host keeps the defaults.
    expect(resolveSiteSettings(settings(), sites, 'github.com', packs)).toMatchObject({ githubEnterprise: false, scanDiffs: false });
    // Survives a global change's re-compaction.
    expect(recompactSites(settings({ style: 'underline' }), sites)).toEqual(sites);
    sites = applySitePatch(settings(), sites, 'ghe.example.com', { scanDiffs: false }, 3);
    expect(sites).toEqual({ 'ghe.example.com': { githubEnterprise: true, t: 3 } });
    sites = applySitePatch(settings(), sites, 'ghe.example.com', { githubEnterprise: false }, 4);
    expect(sites).toEqual({});
  });
  it('re-compacts sites when a global change makes an override redundant', () => {
    const sites: SiteOverrides = { 'a.example': { packsOff: ['homelab-infra'], t: 1 } };
    expect(recompactSites(settings({ disabledPacks: ['homelab-infra'] }), sites)).toEqual({});
    expect(compactOverride(settings({ style: 'underline' }), { style: 'underline' })).toBeNull();
  });
});

describe('sync quota', () => {
  it('keeps the sites item under budget, forgetting the least recently changed sites first', () => {
    let sites: SiteOverrides = {};
    for (let i = 0; i < 400; i++) sites = applySitePatch(settings(), sites, `host-${i}.example.com`, { style: 'underline' }, i);
    expect(byteSize(sites)).toBeLessThanOrEqual(SITES_BUDGET);
    expect(sites['host-399.example.com']).toBeDefined();
    expect(sites['host-0.example.com']).toBeUndefined();
  });
  it('forgets turned-off sites last and never the site just edited', () => {
    const sites: SiteOverrides = {
      'off.example': { enabled: false, t: 0 },
      'old.example': { style: 'underline', t: 1 },
      'new.example': { style: 'none', t: 2 },
    };
    const fitted = fitBudget(sites, byteSize(sites) - 10, 'old.example');
    expect(Object.keys(fitted).sort()).toEqual(['off.example', 'old.example']);
  });
  it('keeps GitHub Enterprise hosts longer than other sites', () => {
    const sites: SiteOverrides = {
      'ghe.example': { githubEnterprise: true, t: 0 },
      'old.example': { style: 'underline', t: 1 },
    };
    expect(Object.keys(fitBudget(sites, byteSize(sites) - 10))).toEqual(['ghe.example']);
  });
});

describe('normalizing stored values', () => {
  it('keeps the valid fields of stored settings and defaults the rest', () => {
    expect(normalizeSettings({ style: 'underline', firstOnly: 'yes', packOrder: ['a'], extra: 1 })).toEqual({
      ...DEFAULT_SETTINGS,
      style: 'underline',
      packOrder: ['a'],
    });
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
  it('drops malformed site entries only', () => {
    expect(
      normalizeSites({ 'github.com': { enabled: false }, 'BAD HOST': { enabled: false }, 'x.example': { style: 'sparkles' } }),
    ).toEqual({ 'github.com': { enabled: false } });
  });
  it('drops malformed subscriptions', () => {
    const good = { url: 'https://example.com/g.md', packId: 'g', addedAt: 1 };
    expect(normalizeSubscriptions([good, { url: 'ftp://x', packId: 'y', addedAt: 1 }, 3])).toEqual([good]);
  });
  it('folds the legacy siteAdapters key into per-site settings', () => {
    const existing: SiteOverrides = { '127.0.0.1': { style: 'underline', t: 5 }, 'github.com': { enabled: false, t: 6 } };
    const legacy = {
      githubHosts: ['https://GHE.example.com/', '127.0.0.1:8443', 'not a host!'],
      scanDiffs: ['github.com', '127.0.0.1:8443'],
    };
    expect(foldLegacySiteOptions(existing, legacy, 100)).toEqual({
      'ghe.example.com': { githubEnterprise: true, t: 100 },
      // Sites are keyed by hostname: the port goes, what the user set there stays.
      '127.0.0.1': { style: 'underline', githubEnterprise: true, scanDiffs: true, t: 5 },
      'github.com': { enabled: false, scanDiffs: true, t: 6 },
    });
    expect(foldLegacySiteOptions(existing, 'garbage', 100)).toEqual(existing);
    // What the fold writes reads back through the normal path.
    expect(normalizeSites(foldLegacySiteOptions({}, legacy, 1))).toEqual(foldLegacySiteOptions({}, legacy, 1));
  });
  it('runs migrations in order and refuses a newer version', () => {
    const steps = { 2: (v: unknown) => ({ ...(v as object), two: true }), 3: (v: unknown) => ({ ...(v as object), three: true }) };
    expect(migrate({ one: true }, 1, 3, steps)).toEqual({ one: true, two: true, three: true });
    expect(() => migrate({}, 4, 3, steps)).toThrow(/newer version/);
  });
});

describe('backup files', () => {
  const parts = {
    settings: settings({ style: 'underline' }),
    sites: { 'github.com': { enabled: false } },
    userPacks: [userPack],
    subscriptions: [],
  };

  it('round-trips everything through JSON', () => {
    const backup = makeBackup(parts, new Date('2025-01-02T03:04:05Z'));
    expect(backup.format).toBe(BACKUP_FORMAT);
    const parsed = parseBackup(JSON.stringify(backup, null, 2), 'termlens.json');
    expect(parsed).toEqual({ ok: true, backup });
  });

  it('says what is wrong with file:line:col and the field', () => {
    const backup = makeBackup(parts, new Date(0));
    const text = JSON.stringify(backup, null, 2).replace('"definition": "A thing."', '"definition": ""');
    const parsed = parseBackup(text, 'termlens.json');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const line = text.split('\n').findIndex((l) => l.includes('"definition": ""')) + 1;
    expect(parsed.errors).toEqual([
      expect.stringMatching(
        new RegExp(`^termlens\\.json:${line}:\\d+: userPacks\\[0\\]\\.pack\\.terms\\[0\\]\\.definition: must not be empty$`),
      ),
    ]);
  });

  it('refuses other JSON, broken JSON and user packs that take a bundled id', () => {
    expect(parseBackup('{"a":1}', 'x.json')).toEqual({ ok: false, errors: [expect.stringContaining('not a Termlens backup')] });
    expect(parseBackup('{', 'x.json')).toEqual({ ok: false, errors: [expect.stringContaining('x.json: not a JSON file')] });
    const text = JSON.stringify(makeBackup(parts, new Date(0)));
    const parsed = parseBackup(text, 'x.json', ['team']);
    expect(parsed).toEqual({ ok: false, errors: [expect.stringMatching(/userPacks\[0\]\.pack\.id: "team" is a bundled pack's id/)] });
  });

  it('refuses a subscription whose pack is missing and a backup from a newer version', () => {
    const orphan = makeBackup({ ...parts, subscriptions: [{ url: 'https://example.com/g.md', packId: 'nope', addedAt: 1 }] }, new Date(0));
    expect(parseBackup(JSON.stringify(orphan), 'x.json')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/subscriptions\[0\]\.packId: no user pack "nope"/)],
    });
    const newer = { ...makeBackup(parts, new Date(0)), version: 99 };
    expect(parseBackup(JSON.stringify(newer), 'x.json')).toEqual({ ok: false, errors: [expect.stringMatching(/newer version/)] });
  });
});

describe('forgotten sites', () => {
  it('names the sites a change dropped, oldest change first, not the one just changed or set back to defaults', () => {
    const before = {
      'a.example': { style: 'none' as const, t: 3 },
      'b.example': { firstOnly: true, t: 1 },
      'c.example': { enabled: false, t: 2 },
    };
    const after = { 'c.example': { enabled: false, t: 2 } };
    expect(forgottenSites(before, after, 'a.example')).toEqual(['b.example']);
    expect(forgottenSites(before, after)).toEqual(['b.example', 'a.example']);
  });

  it('says it in plain words, with at most three names', () => {
    expect(forgottenMessage([])).toBeNull();
    expect(forgottenMessage(['old.example'])).toMatch(/dropped those of the site changed longest ago \(old\.example\)\. It follows/);
    const many = forgottenMessage(['a', 'b', 'c', 'd', 'e']);
    expect(many).toMatch(/the 5 sites changed longest ago \(a, b, c and 2 more\)\. They follow/);
  });
});
