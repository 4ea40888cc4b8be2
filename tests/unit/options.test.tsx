// The options page against the real background logic (glossary service on fakeBrowser, real packs).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/options/App';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { createGlossaryService, type GlossaryService } from '../../utils/glossary-service';
import { listen } from '../../utils/messaging';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/pages');
let bundled: CompiledIndex;
beforeAll(() => {
  bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
});

let service: GlossaryService;
beforeEach(() => {
  fakeBrowser.reset();
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

    fireEvent.click(screen.getByRole('button', { name: `Move ${second!.name} up` }));
    await waitFor(() => expect(packRows()[0]?.getAttribute('data-pack')).toBe(second!.id));
    expect((await service.packInfos()).map((p) => p.id).slice(0, 2)).toEqual([second!.id, first!.id]);
    expect((screen.getByRole('button', { name: `Move ${second!.name} up` }) as HTMLButtonElement).disabled).toBe(true);
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
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length));
    expect(screen.getByText('Removed “Payments team glossary”.')).toBeTruthy();
  });

  it('shows the precise error for a broken pack and changes nothing', async () => {
    render(<App />);
    await waitFor(() => expect(packRows()).toHaveLength(bundled.packs.length));
    const before = await storage();
    fireEvent.change(screen.getByLabelText('Import a file'), { target: { files: [file('import-broken.yaml', 'application/yaml')] } });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['import-broken.yaml:7:17: terms[0].definition: must not be empty']);
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
      fetch: (async () => (typeof body === 'number' ? new Response('', { status: body, statusText: 'Not Found' }) : new Response(body))) as unknown as typeof fetch,
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
    fireEvent.change(screen.getByLabelText('Restore a backup'), { target: { files: [new File([broken], 'backup.json', { type: 'application/json' })] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/backup\.json:\d+:\d+: sites\.github\.com\.enabled: /);
    expect(await storage()).toEqual(before);

    fireEvent.change(screen.getByLabelText('Restore a backup'), { target: { files: [new File([text], 'backup.json', { type: 'application/json' })] } });
    await screen.findByText('Restored backup.json.');
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
