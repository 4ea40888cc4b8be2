// The preview card: a short card first (definition, aliases, one guidance line, related terms,
// category), the rest behind "More (n)", `see` paths as links only with a pack homepage, and the
// "I know this" / "Not here" actions each leaving an Undo where the user clicked.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seeTarget } from '../../components/CardSense';
import { TermCard } from '../../components/TermCard';
import type { IndexEntry } from '../../lib/glossary/compile';
import { silenceScope, silencedHere } from '../../lib/card/silence';

function entry(partial: Partial<IndexEntry> & Pick<IndexEntry, 'id' | 'packId' | 'term' | 'definition'>): IndexEntry {
  return { aliases: [], see: [], avoid: [], related: [], notes: [], sites: [], caseSensitive: false, match: 'word', ...partial };
}

const cnpg = entry({
  id: 'platform/cnpg',
  packId: 'platform',
  term: 'CNPG',
  aliases: ['CloudNativePG'],
  category: 'Databases',
  definition: 'The Postgres operator.',
  details: 'Runs one primary and replicas.',
  avoid: ['pg operator'],
  notes: ['Avoid: “pg operator”.', 'Backups go to S3.'],
  see: ['07-data/01-cnpg.md', 'Chapter 8'],
  related: ['PVC', 'Postgres'],
});
const other = entry({ id: 'homelab/cnpg', packId: 'homelab', term: 'CNPG', definition: 'The homelab database.' });
const packNames = { platform: 'Platform guide', homelab: 'Homelab' };

afterEach(cleanup);

describe('the preview card', () => {
  it('shows the preview and keeps notes, references and other senses behind More', () => {
    render(<TermCard senses={[cnpg, other]} packNames={packNames} packHomepages={{ platform: 'https://example.org/guide/' }} />);
    expect(document.querySelector('.tl-pack')!.textContent).toBe('Platform guide · Databases');
    expect(screen.getByText('CloudNativePG')).toBeTruthy();
    expect(screen.queryByText('Backups go to S3.')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Other senses' })).toBeNull();
    // details, one note (the "Avoid" note repeats the guidance line), two references, one other sense.
    const more = screen.getByRole('button', { name: 'More (5)' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getByText('Backups go to S3.')).toBeTruthy();
    expect(document.body.textContent!.match(/Avoid/g)).toHaveLength(1);
    expect(screen.getByRole('link', { name: '07-data/01-cnpg.md' }).getAttribute('href')).toBe(
      'https://example.org/guide/07-data/01-cnpg.md',
    );
    expect(screen.getByRole('region', { name: 'Other senses' })).toBeTruthy();
  });

  it('hides see paths when the pack has no homepage, keeps prose references', () => {
    expect(seeTarget('07-data/01-cnpg.md', undefined)).toBeNull();
    expect(seeTarget('Chapter 8', undefined)).toEqual({ text: 'Chapter 8' });
    render(<TermCard senses={[cnpg]} packNames={packNames} expanded />);
    expect(document.querySelector('.tl-see')!.textContent).toBe('See: Chapter 8');
  });

  it('links related terms and shows the reason', () => {
    const onRelated = vi.fn();
    render(<TermCard senses={[cnpg]} packNames={packNames} onRelated={onRelated} reason="Defined in Platform guide for this repository" />);
    fireEvent.click(screen.getByRole('button', { name: 'PVC' }));
    expect(onRelated).toHaveBeenCalledWith('PVC');
    expect(document.querySelector('.tl-reason')!.textContent).toBe('Defined in Platform guide for this repository');
  });

  it('offers Undo after "Not here" and "I know this"', () => {
    const undo = vi.fn();
    const onNotHere = vi.fn(() => undo);
    render(
      <TermCard senses={[cnpg]} packNames={packNames} onNotHere={onNotHere} onKnow={vi.fn(() => undo)} hereLabel="github.com/acme/infra" />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Not here' }));
    expect(onNotHere).toHaveBeenCalledOnce();
    expect(screen.getByRole('status').textContent).toContain('Not highlighted on github.com/acme/infra.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'I know this' })).toBeTruthy();
  });
});

describe('Not here scopes', () => {
  it('is the repository on GitHub repository pages, the host elsewhere', () => {
    expect(silenceScope(new URL('https://github.com/Acme/Infra/pull/3/files'))).toBe('github.com/acme/infra');
    expect(silenceScope(new URL('https://github.com/settings/profile'))).toBe('github.com');
    expect(silenceScope(new URL('https://grafana.example.com/d/abc'))).toBe('grafana.example.com');
    const entries = [
      { key: 'term:cnpg', scope: 'github.com/acme/infra' },
      { key: 'term:pvc', scope: 'grafana.example.com' },
    ];
    expect(silencedHere(entries, new URL('https://github.com/acme/infra/pull/1'))).toEqual(['term:cnpg']);
    expect(silencedHere(entries, new URL('https://github.com/acme/other'))).toEqual([]);
    expect(silencedHere(entries, new URL('https://grafana.example.com/'))).toEqual(['term:pvc']);
  });
});

describe('the options list of terms silenced on one site', () => {
  it('lists each term with its place and shows it again there', async () => {
    const { SilencedList } = await import('../../components/SilencedList');
    const { addSilenced, silencedTermsItem } = await import('../../utils/known-terms');
    await addSilenced(['term:CNPG'], 'github.com/acme/infra');
    render(<SilencedList onError={vi.fn()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show again on github.com/acme/infra: cnpg' }));
    await vi.waitFor(async () => expect(await silencedTermsItem.getValue()).toEqual([]));
  });
});
