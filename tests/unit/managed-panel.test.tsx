// The options page's "Set by your organization" section and the popup's "Allow" prompt.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ManagedPanel } from '../../components/ManagedPanel';
import { PackList } from '../../components/PackList';
import type { ManagedInfo, PackInfo } from '../../lib/protocol';
import { parseManagedPolicy } from '../../lib/settings';

const { policy } = parseManagedPolicy({
  subscriptions: [{ url: 'https://glossary.acme.example/team.yaml', name: 'ACME', refreshHours: 6 }],
  bundledPacks: { off: ['homelab-infra'] },
  sites: ['grafana.acme.example', 'argocd.acme.example'],
  locked: { style: 'underline' },
});
const info: ManagedInfo = {
  active: true,
  policy,
  errors: ['locked.firstOnly: Invalid input: expected boolean, received string'],
  sites: [
    { host: 'grafana.acme.example', origin: 'https://grafana.acme.example/*', granted: false },
    { host: 'argocd.acme.example', origin: 'https://argocd.acme.example/*', granted: true },
  ],
};

describe('ManagedPanel', () => {
  it('lists what the organization sets, and asks only for the sites not yet allowed', () => {
    const onAllow = vi.fn();
    render(<ManagedPanel info={info} onAllow={onAllow} />);
    const section = screen.getByRole('region', { name: 'Set by your organization' });
    expect(within(section).getByRole('link', { name: 'https://glossary.acme.example/team.yaml' })).toBeTruthy();
    expect(section.textContent).toContain('refreshed every 6 h');
    expect(section.textContent).toContain('Off: homelab-infra');
    expect(section.textContent).toContain('Highlight style: underline');
    expect(within(section).getByRole('alert').textContent).toContain('locked.firstOnly');
    const allow = within(section).getAllByRole('button', { name: /^Allow Termlens on / });
    expect(allow.map((b) => b.getAttribute('aria-label'))).toEqual(['Allow Termlens on grafana.acme.example']);
    fireEvent.click(allow[0]!);
    expect(onAllow).toHaveBeenCalledWith('https://grafana.acme.example/*');
  });

  it('in the popup, shows nothing once every site is allowed', () => {
    const { container } = render(
      <ManagedPanel info={{ ...info, sites: info.sites.map((s) => ({ ...s, granted: true })) }} onAllow={() => undefined} pendingOnly />,
    );
    expect(container.textContent).toBe('');
  });

  it('shows nothing without a policy', () => {
    const { container } = render(
      <ManagedPanel info={{ active: false, policy: parseManagedPolicy({}).policy, errors: [], sites: [] }} onAllow={() => undefined} />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('PackList under a policy', () => {
  const pack = (over: Partial<PackInfo>): PackInfo => ({
    id: 'x',
    name: 'X',
    version: '1',
    description: 'd',
    termCount: 1,
    bundled: false,
    enabled: true,
    ...over,
  });
  it('marks managed packs, keeps their switch and Remove out of reach, and shows whom to ask', () => {
    const packs = [
      pack({
        id: 'acme',
        name: 'ACME',
        scope: ['github.com/acme'],
        managed: { enabled: true, subscription: true, scope: true },
        subscription: { url: 'https://glossary.acme.example/team.yaml', packId: 'acme', addedAt: 1, managed: true },
        maintainer: 'platform@acme.example',
        license: 'CC-BY-4.0',
        source: 'https://glossary.acme.example/team.yaml',
      }),
      pack({ id: 'mine', name: 'Mine', source: 'github.com/me/words' }),
    ];
    render(
      <PackList
        packs={packs}
        onEnable={() => undefined}
        onMove={() => undefined}
        onRemove={() => undefined}
        onRefresh={() => undefined}
        onScope={() => undefined}
      />,
    );
    const acme = document.querySelector('[data-pack="acme"]') as HTMLElement;
    expect(acme.textContent).toContain('set by your organization');
    expect((within(acme).getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);
    expect(within(acme).queryByRole('button', { name: 'Remove ACME' })).toBeNull();
    expect(within(acme).getByRole('link', { name: 'platform@acme.example' }).getAttribute('href')).toBe('mailto:platform@acme.example');
    expect(acme.textContent).toContain('License: CC-BY-4.0');
    expect(acme.textContent).toContain('Applies on github.com/acme (set by your organization)');
    expect(within(acme).queryByRole('button', { name: 'Change where ACME applies' })).toBeNull();
    const mine = document.querySelector('[data-pack="mine"]') as HTMLElement;
    expect(within(mine).getByRole('button', { name: 'Remove Mine' })).toBeTruthy();
    expect(within(mine).getByRole('button', { name: 'Change where Mine applies' })).toBeTruthy();
    expect(within(mine).getByRole('link', { name: 'github.com/me/words' }).getAttribute('href')).toBe('https://github.com/me/words');
  });
});

describe('DefaultsPanel under a policy', () => {
  it('shows a locked setting as set by the organization, and does not offer to change it', async () => {
    const { DefaultsPanel } = await import('../../entrypoints/options/panels/DefaultsPanel');
    const { DEFAULT_SETTINGS } = await import('../../lib/settings');
    const setGlobal = vi.fn(async () => undefined);
    render(
      <DefaultsPanel
        settings={{ ...DEFAULT_SETTINGS, style: 'underline' }}
        busy={false}
        setGlobal={setGlobal}
        onError={() => undefined}
        locked={policy.locked}
      />,
    );
    const styles = screen.getByRole('group', { name: /Highlight style/ });
    expect(styles.textContent).toContain('(set by your organization)');
    for (const radio of within(styles).getAllByRole('radio')) expect((radio as HTMLInputElement).disabled).toBe(true);
    // First-only is not locked by this policy: still the user's.
    expect((screen.getByRole('checkbox', { name: /first occurrence/ }) as HTMLInputElement).disabled).toBe(false);
  });
});
