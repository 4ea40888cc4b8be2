// The options page against the real background logic (glossary service on fakeBrowser, real packs).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/options/App';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { createGlossaryService, type GlossaryService } from '../../entrypoints/background/glossary-service';
import { listen } from '../../utils/messaging';
import { pageHandlers } from '../../entrypoints/background/page-support';
import { addKnownTerms, knownTermsItem, removeKnownTerms } from '../../utils/known-terms';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/pages');
let bundled: CompiledIndex;
beforeAll(() => {
  bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
});

let service: GlossaryService;
beforeEach(() => {
  fakeBrowser.reset();
  // fakeBrowser has no permission events or getAll: the install's own github.com access, unchanging.
  for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
    vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(event, 'removeListener').mockImplementation(() => undefined);
  }
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation((async () => ({
    origins: ['https://github.com/*'],
    permissions: [],
  })) as never);
  service = createGlossaryService({ bundled });
  listen(service.handlers() as Parameters<typeof listen>[0]);
});
afterEach(() => {
  cleanup();
  service.dispose();
});

const file = (name: string, type = 'text/markdown') => new File([readFileSync(resolve(FIXTURES, name), 'utf8')], name, { type });
const packRows = () => within(screen.getByRole('list', { name: 'Packs, preferred first' })).getAllByRole('listitem');
const storage = async () => ({ local: await fakeBrowser.storage.local.get(), sync: await fakeBrowser.storage.sync.get() });

describe('options: packs', () => {
  it('lists the bundled packs with counts and versions, turns one off and reorders them', async () => {
    render(<App />);
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length));
    const [first, second] = bundled.packs;
    expect(packRows()[0]?.textContent).toContain(`${first!.termCount} terms · version ${first!.version} · bundled`);

    fireEvent.click(within(packRows()[0]!).getByRole('checkbox'));
    await waitFor(() => expect((within(packRows()[0]!).getByRole('checkbox') as HTMLInputElement).checked).toBe(false));
    expect((await service.siteSettings('github.com')).packIds).not.toContain(first!.id);

    const move = screen.getByRole('button', { name: `Move ${second!.name} up` });
    move.focus();
    fireEvent.click(move);
    await waitFor(() => expect(packRows()[0]?.getAttribute('data-pack')).toBe(second!.id));
    // The keyboard user stays where they were, on the button they pressed.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: `Move ${second!.name} down` }).getAttribute('aria-disabled')).toBe('false'),
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Move ${second!.name} up` }));
    expect((await service.packInfos()).map((p) => p.id).slice(0, 2)).toEqual([second!.id, first!.id]);
    // At the top its "up" is off, but stays focusable: focus does not drop to the page.
    const up = screen.getByRole('button', { name: `Move ${second!.name} up` });
    expect(up.getAttribute('aria-disabled')).toBe('true');
    expect(up.hasAttribute('disabled')).toBe(false);
    // Bundled packs can be turned off, not removed.
    expect(screen.queryByRole('button', { name: /^Remove / })).toBeNull();
  });

  it('previews a Markdown glossary, imports it, and removes it again', async () => {
    render(<App />);
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length));
    const before = await storage();
    fireEvent.change(screen.getByLabelText('Import a file'), { target: { files: [file('import-team-glossary.md')] } });
    const preview = await screen.findByRole('region', { name: 'Import preview' });
    expect(preview.textContent).toContain('Payments team glossary');
    expect(preview.textContent).toContain('Frobnicator, Settlement window, Ledger drift');
    // Nothing is stored by a preview.
    expect(await storage()).toEqual(before);

    fireEvent.click(within(preview).getByRole('button', { name: 'Import 3 terms' }));
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length + 1));
    const row = packRows().at(-1)!;
    expect(row.textContent).toContain('3 terms · version 1.0.0 · imported from import-team-glossary.md');
    expect((await service.search('ledger drift')).hits[0]?.term).toBe('Ledger drift');

    fireEvent.click(within(row).getByRole('button', { name: 'Remove Payments team glossary' }));
    // One more click to confirm; "Keep" changes nothing.
    const confirm = within(row).getByRole('group', { name: 'Remove Payments team glossary?' });
    expect(confirm.textContent).toContain('Remove its 3 terms?');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep' }));
    expect(packRows()).toHaveLength(bundled.packs.length + 1);
    fireEvent.click(within(row).getByRole('button', { name: 'Remove Payments team glossary' }));
    fireEvent.click(
      within(within(row).getByRole('group', { name: 'Remove Payments team glossary?' })).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length));
    expect(screen.getByText('Removed “Payments team glossary”.')).toBeTruthy();
  });

  it('shows the precise error for a broken pack and changes nothing', async () => {
    render(<App />);
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length));
    const before = await storage();
    fireEvent.change(screen.getByLabelText('Import a file'), { target: { files: [file('import-broken.yaml', 'application/yaml')] } });
    const alert = await screen.findByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['import-broken.yaml:7:17: terms[0].definition: must not be empty']);
    expect(screen.queryByRole('region', { name: 'Import preview' })).toBeNull();
    expect(await storage()).toEqual(before);
  });
});

describe('options: subscriptions', () => {
  it('previews a URL, subscribes, and shows why a refresh failed while keeping the pack', async () => {
    const url = 'https://raw.example.com/payments/GLOSSARY.md';
    let body: string | number = readFileSync(resolve(FIXTURES, 'import-team-glossary.md'), 'utf8');
    service.dispose();
    service = createGlossaryService({
      bundled,
      fetch: (async () =>
        typeof body === 'number'
          ? new Response('', { status: body, statusText: 'Not Found' })
          : new Response(body)) as unknown as typeof fetch,
    });
    fakeBrowser.runtime.onMessage.removeAllListeners();
    listen(service.handlers() as Parameters<typeof listen>[0]);

    render(<App />);
    fireEvent.change(screen.getByLabelText('Subscribe to a URL'), { target: { value: url } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByRole('region', { name: 'Import preview' });
    fireEvent.click(within(preview).getByRole('button', { name: 'Subscribe (3 terms)' }));
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length + 1));
    const row = () => packRows().at(-1)!;
    expect(within(row()).getByRole('link', { name: url })).toBeTruthy();

    body = 404;
    fireEvent.click(within(row()).getByRole('button', { name: 'Refresh Payments team glossary now' }));
    await waitFor(() => expect(within(row()).getByRole('alert').textContent).toContain(`${url}: HTTP 404 Not Found`));
    expect(row().textContent).toContain('3 terms');
  });
});

describe('options: a glossary server without CORS', () => {
  it('asks for access to read it, and the site is not turned on for highlighting by that', async () => {
    const url = 'https://docs.internal.example/GLOSSARY.md';
    let allowed = false;
    service.dispose();
    service = createGlossaryService({
      bundled,
      fetch: (async () => {
        if (!allowed) throw new TypeError('Failed to fetch');
        return new Response(readFileSync(resolve(FIXTURES, 'import-team-glossary.md'), 'utf8'));
      }) as unknown as typeof fetch,
    });
    fakeBrowser.runtime.onMessage.removeAllListeners();
    listen(service.handlers() as Parameters<typeof listen>[0]);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async () => (allowed = true)) as never);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => allowed) as never);

    render(<App />);
    fireEvent.change(screen.getByLabelText('Subscribe to a URL'), { target: { value: url } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Allow Termlens to read https://docs.internal.example' }));
    await screen.findByRole('region', { name: 'Import preview' });
    expect(request).toHaveBeenCalledWith({ origins: ['https://docs.internal.example/*'] });
    expect((await service.siteSettings('docs.internal.example')).enabled).toBe(false);
    // Other sites keep their defaults.
    expect((await service.siteSettings('grafana.example.com')).enabled).toBe(true);
  });
});

describe('options: backup and reset', () => {
  it('exports a backup file and restores it; an invalid one changes nothing', async () => {
    await service.setSiteSettings('github.com', { enabled: false });
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:backup';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export…' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const text = await saved[0]!.text();
    expect(JSON.parse(text)).toMatchObject({ format: 'termlens-backup', sites: { 'github.com': { enabled: false } } });

    await service.setSiteSettings('github.com', { enabled: true });
    const broken = text.replace('"enabled": false', '"enabled": "no"');
    const before = await storage();
    fireEvent.change(screen.getByLabelText('Restore a backup'), {
      target: { files: [new File([broken], 'backup.json', { type: 'application/json' })] },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/backup\.json:\d+:\d+: sites\.github\.com\.enabled: /);
    expect(await storage()).toEqual(before);

    fireEvent.change(screen.getByLabelText('Restore a backup'), {
      target: { files: [new File([text], 'backup.json', { type: 'application/json' })] },
    });
    // Confirmed first, with what changes; the state before it is kept.
    expect((await screen.findByRole('alertdialog', { name: 'Restore backup.json?' })).textContent).toContain('Your packs stay as they are');
    fireEvent.click(screen.getByRole('button', { name: 'Restore backup.json' }));
    await screen.findByText(/^Restored backup\.json\./);
    expect(screen.getByRole('button', { name: 'Restore it' })).toBeTruthy();
    expect((await service.siteSettings('github.com')).enabled).toBe(false);
  });

  it('resets settings after a confirmation, keeping user packs unless asked', async () => {
    await service.setSiteSettings('github.com', { style: 'none' });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to defaults…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset now' }));
    await screen.findByText('Settings are back to defaults; your packs are kept.');
    expect((await service.siteSettings('github.com')).style).toBe('background');
  });
});

describe('options: terms marked as known', () => {
  // The names come from the background's `lookup`, which the page-support handlers answer.
  beforeEach(() => {
    listen(pageHandlers(service) as Parameters<typeof listen>[0]);
  });
  const section = () => screen.getByRole('region', { name: 'Terms you marked as known' });
  const knownRows = () => within(section()).queryAllByRole('listitem');
  const names = () => knownRows().map((li) => li.querySelector('.known-name')?.textContent);
  const stored = async () => (await fakeBrowser.storage.local.get('knownTerms')).knownTerms as string[] | undefined;

  it('lists the stored terms by name, a headword and its aliases as one row, unknown keys as they are', async () => {
    // What "I know this" stores on HPA: the matched key, the headword and its alias; then kubelet, an
    // avoided word, and a key no enabled pack defines.
    await knownTermsItem.setValue([
      'term:hpa',
      'term:horizontalpodautoscaler',
      'term:kubelet',
      'avoid:wrapper',
      'term:gone from the packs',
    ]);
    render(<App />);
    await waitFor(() => expect(names()).toEqual(['HPA', 'kubelet', 'term:gone from the packs', 'wrapper']));
    expect(knownRows()[0]!.textContent).toContain('also “HorizontalPodAutoscaler”');
    expect(knownRows()[3]!.textContent).toContain('avoided word: say Factory module');
    expect(within(section()).getByRole('heading', { level: 2 }).textContent).toBe('Terms you marked as known');
    expect(within(section()).getAllByRole('button', { name: /^Show again: / })).toHaveLength(4);
    expect(within(section()).getByRole('button', { name: 'Show all again' })).toBeTruthy();
  });

  it('"Show again" removes exactly that term from storage and from the list', async () => {
    await knownTermsItem.setValue(['term:kubelet', 'term:hpa', 'term:horizontalpodautoscaler', 'term:pdb']);
    render(<App />);
    await waitFor(() => expect(names()).toEqual(['HPA', 'kubelet', 'PDB']));

    fireEvent.click(within(section()).getByRole('button', { name: 'Show again: HPA' }));
    await waitFor(() => expect(names()).toEqual(['kubelet', 'PDB']));
    expect(await stored()).toEqual(['term:kubelet', 'term:pdb']);
    expect(screen.getByRole('status').textContent).toBe('“HPA” is highlighted again.');
    // The button went with its row: focus stays in the section, on its heading.
    expect(document.activeElement).toBe(within(section()).getByRole('heading', { level: 2 }));

    fireEvent.click(within(section()).getByRole('button', { name: 'Show again: PDB' }));
    await waitFor(() => expect(names()).toEqual(['kubelet']));
    expect(await stored()).toEqual(['term:kubelet']);
    // One left: no "Show all again".
    expect(within(section()).queryByRole('button', { name: 'Show all again' })).toBeNull();
  });

  it('"Show all again" empties the list', async () => {
    await knownTermsItem.setValue(['term:kubelet', 'term:pdb', 'term:gone from the packs']);
    render(<App />);
    await waitFor(() => expect(knownRows()).toHaveLength(3));
    fireEvent.click(within(section()).getByRole('button', { name: 'Show all again' }));
    await within(section()).findByText('No terms are marked as known: every term is highlighted.');
    expect(knownRows()).toHaveLength(0);
    expect(await stored()).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('3 terms are highlighted again.');
  });

  it('follows changes made elsewhere (a page\'s "I know this", another options tab)', async () => {
    render(<App />);
    await within(section()).findByText('No terms are marked as known: every term is highlighted.');

    await addKnownTerms(['term:kubelet']);
    await waitFor(() => expect(names()).toEqual(['kubelet']));
    await addKnownTerms(['term:PDB']);
    await waitFor(() => expect(names()).toEqual(['kubelet', 'PDB']));

    await knownTermsItem.setValue([]);
    await within(section()).findByText('No terms are marked as known: every term is highlighted.');
  });
});

describe('known terms storage', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('adds lower-cased keys once and removes them again; changes in quick succession all count', async () => {
    await Promise.all([addKnownTerms(['term:Kubelet']), addKnownTerms(['term:pdb', 'term:kubelet']), addKnownTerms(['avoid:wrapper'])]);
    expect(await knownTermsItem.getValue()).toEqual(['term:kubelet', 'term:pdb', 'avoid:wrapper']);
    await Promise.all([
      removeKnownTerms(['term:PDB']),
      addKnownTerms(['term:hpa']),
      removeKnownTerms(['avoid:wrapper', 'term:not stored']),
    ]);
    expect(await knownTermsItem.getValue()).toEqual(['term:kubelet', 'term:hpa']);
  });

  it('addKnownTerms never rejects: a storage failure is logged (the page calls it without waiting)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(knownTermsItem, 'setValue').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    // Nothing was added: an Undo has nothing to take back.
    await expect(addKnownTerms(['term:kubelet'])).resolves.toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      'Termlens: could not save the terms marked as known',
      expect.objectContaining({ message: 'QUOTA_BYTES quota exceeded' }),
    );
    // The next change is not held up by the failed one.
    await addKnownTerms(['term:pdb']);
    expect(await knownTermsItem.getValue()).toEqual(['term:pdb']);
  });

  it('removeKnownTerms rejects on a storage failure, for the options page to show it', async () => {
    await addKnownTerms(['term:kubelet']);
    vi.spyOn(knownTermsItem, 'getValue').mockRejectedValueOnce(new Error('storage is gone'));
    await expect(removeKnownTerms(['term:kubelet'])).rejects.toThrow('storage is gone');
    expect(await knownTermsItem.getValue()).toEqual(['term:kubelet']);
  });
});

describe('options: sites you turned on', () => {
  it('lists the granted sites but github.com, turns one off, and removes its access', async () => {
    let origins = ['https://github.com/*', 'https://grafana.acme.dev/*', 'https://argocd.acme.dev/*'];
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation((async () => ({ origins, permissions: [] })) as never);
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation((async (p: { origins: string[] }) => {
      origins = origins.filter((o) => !p.origins.includes(o));
      return true;
    }) as never);
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Sites you turned on' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((li) => li.querySelector('.known-name')?.textContent),
      ).toEqual(['argocd.acme.dev', 'grafana.acme.dev']),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Turn off on grafana.acme.dev' }));
    await screen.findByRole('button', { name: 'Turn on on grafana.acme.dev' });
    expect((await service.siteSettings('grafana.acme.dev')).enabled).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Remove access to argocd.acme.dev' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove access to argocd.acme.dev' })).toBeNull());
    expect(remove).toHaveBeenCalledWith({ origins: ['https://argocd.acme.dev/*'] });
    expect(screen.getByRole('status').textContent).toBe('Termlens no longer has access to argocd.acme.dev.');
  });
});

describe('options: storage', () => {
  it('says how much Termlens keeps in this browser', async () => {
    render(<App />);
    const use = await screen.findByTestId('storage-use');
    expect(use.textContent).toMatch(
      /^In this browser: \d+ (bytes|KB|MB) of packs and lists \(no fixed limit\), and \d+ (bytes|KB) of synced settings of the 102 KB the browser allows\.$/,
    );
  });
});
