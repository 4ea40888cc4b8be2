// Readers feeding the glossary back, and learning what changed: the card's "updated" note (once), the
// popup's list of updates since the last visit, "Suggest a fix" and "Suggest for <pack>" links, and
// each pack's home in "More". The background runs for real against fakeBrowser; the network is faked.
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parse as parseYaml } from 'yaml';
import { RecentChangesList } from '../../components/RecentChanges';
import { TermCard } from '../../components/TermCard';
import { diffPacks } from '../../lib/glossary/diff';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { packSchema } from '../../lib/glossary/schema';
import type { Protocol, RequestType } from '../../lib/protocol';
import { changeNote, mergeNotes, recordUpdate, UPDATE_NOTE_TTL_MS } from '../../lib/settings';
import { createGlossaryService } from '../../entrypoints/background/glossary-service';
import { pageHandlers } from '../../entrypoints/background/page-support';
import { listen, send } from '../../utils/messaging';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

const V1 = `id: acme-team
name: ACME team
version: "1"
description: Words the ACME platform team uses.
source: github.com/acme/glossary
maintainer: platform@acme.example
license: CC-BY-4.0
scope: ["*"]
terms:
  - term: Frobnicator
    definition: The service that frobs the widgets.
  - term: Widget pool
    aliases: [WP]
    definition: Where widgets wait.
`;
const V2 = V1.replace('version: "1"', 'version: "2"')
  .replace('The service that frobs the widgets.', 'The service that frobs widgets in batches.')
  .replace('aliases: [WP]', 'aliases: [WP, widget queue]')
  .concat('  - term: Defrobber\n    definition: Undoes a frob.\n');

describe('what an update changed (pure)', () => {
  const pack = (text: string) => packSchema.parse(parseYaml(text));
  it('notes per changed term, keyed by the new version sense ids', () => {
    const [a, b] = [pack(V1), pack(V2)];
    const { notes, change } = recordUpdate(diffPacks(a, b), b, compileIndex([b]).entries, 5);
    expect(notes).toEqual({
      'acme-team/frobnicator': { note: 'updated: definition changed', at: 5 },
      'acme-team/widget-pool': { note: 'updated: aliases changed', at: 5 },
      'acme-team/defrobber': { note: 'new in ACME team', at: 5 },
    });
    expect(change).toEqual({
      packId: 'acme-team',
      packName: 'ACME team',
      version: '2',
      at: 5,
      added: ['Defrobber'],
      removed: [],
      changed: [
        { term: 'Frobnicator', fields: ['definition'] },
        { term: 'Widget pool', fields: ['aliases'] },
      ],
    });
    expect(recordUpdate(diffPacks(a, a), a, compileIndex([a]).entries, 5).change).toBeNull();
  });

  it('names fields for people, and old notes give way', () => {
    expect(changeNote(['definition', 'see', 'avoid'])).toBe('updated: definition, references and words to avoid changed');
    const merged = mergeNotes(
      { 'acme-team/x': { note: 'old', at: 1 }, 'other/y': { note: 'kept', at: 1 }, 'other/z': { note: 'stale', at: 0 } },
      'acme-team',
      { 'acme-team/w': { note: 'new', at: 2 } },
      UPDATE_NOTE_TTL_MS,
    );
    expect(merged).toEqual({ 'other/y': { note: 'kept', at: 1 }, 'acme-team/w': { note: 'new', at: 2 } });
  });
});

describe('in the background', () => {
  let bundled: CompiledIndex;
  let body = V1;
  const URL_ = 'https://glossary.acme.example/team.yaml';
  const ask = <T extends RequestType>(type: T, request: Protocol[T]['request']) => send(type, request);
  beforeAll(() => {
    bundled = compileIndex(loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary'))).packs);
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    body = V1;
    const fetchImpl = vi.fn(async () => new Response(body, { status: 200 }));
    const service = createGlossaryService({ bundled, fetch: fetchImpl as unknown as typeof fetch, now: () => 1_000 });
    listen({ ...service.handlers(), ...pageHandlers(service) } as Parameters<typeof listen>[0]);
    expect(await ask('subscribe', { url: URL_, commit: true })).toMatchObject({ ok: true, committed: true });
  });

  it('a refresh leaves a note on each changed term, shown once, and a log entry for the popup', async () => {
    expect((await ask('changes', {})).changes).toEqual([]);
    body = V2;
    expect(await ask('refreshSubscription', { packId: 'acme-team' })).toMatchObject({ ok: true, changed: true });
    const first = await ask('lookup', { key: 'term:frobnicator', host: 'github.com', url: 'https://github.com/acme/api/pull/1' });
    expect(first.extras?.updates).toEqual({ 'acme-team/frobnicator': 'updated: definition changed' });
    await ask('seenUpdates', { ids: ['acme-team/frobnicator'] });
    const again = await ask('lookup', { key: 'term:frobnicator', host: 'github.com', url: 'https://github.com/acme/api/pull/1' });
    expect(again.extras?.updates).toBeUndefined();
    // The other changed term keeps its note until its own card shows.
    expect((await ask('lookup', { key: 'term:wp', host: 'github.com' })).extras?.updates).toEqual({
      'acme-team/widget-pool': 'updated: aliases changed',
    });

    const seen = await ask('changes', { markSeen: true });
    expect(seen.changes).toHaveLength(1);
    expect(seen.changes[0]).toMatchObject({ packName: 'ACME team', version: '2', added: ['Defrobber'] });
    expect((await ask('changes', {})).changes).toEqual([]);
  });

  it('lookups carry the pack home, a fix link, and suggestions for unknown words', async () => {
    const found = await ask('lookup', { key: 'term:frobnicator', host: 'github.com', url: 'https://github.com/acme/api/pull/1' });
    expect(found.extras?.packHome).toEqual({ 'acme-team': { source: URL_, maintainer: 'platform@acme.example', license: 'CC-BY-4.0' } });
    // A subscription's source is its URL: not a GitHub repository, so no suggestion links.
    expect(found.extras?.fixUrls).toBeUndefined();

    const text = V1.replace(/^source: .*$/m, 'source: https://github.com/acme/glossary/blob/main/team.yaml');
    expect(
      await ask('importPack', {
        source: { kind: 'text', name: 'team.yaml', text: text.replace('id: acme-team', 'id: acme-file') },
        commit: true,
      }),
    ).toMatchObject({ ok: true });
    const fixed = await ask('lookup', { key: 'term:frobnicator', host: 'github.com', url: 'https://github.com/acme/api/pull/1' });
    const fix = fixed.extras?.fixUrls?.['acme-file/frobnicator'];
    expect(fix).toMatch(/^https:\/\/github\.com\/acme\/glossary\/issues\/new\?/);
    expect(new URL(fix!).searchParams.get('body')).toContain('Seen on: https://github.com/acme/api/pull/1');

    const unknown = await ask('lookup', {
      key: 'term:frob budget',
      host: 'github.com',
      url: 'https://github.com/acme/api/pull/1',
      surface: 'frob budget',
    });
    expect(unknown.senses).toEqual([]);
    expect(unknown.extras?.suggest?.map((s) => s.packName)).toEqual(['ACME team']);
    expect(new URL(unknown.extras!.suggest![0]!.url).searchParams.get('title')).toBe('Glossary: add “frob budget”');
  });
});

describe('on the card', () => {
  afterEach(cleanup);
  const sense = {
    id: 'acme/frob',
    packId: 'acme',
    term: 'Frobnicator',
    definition: 'Frobs.',
    aliases: [],
    see: [],
    avoid: [],
    related: [],
    notes: [],
    sites: [],
    caseSensitive: false,
    match: 'word' as const,
  };

  it('says once what an update changed, and shows the pack home and "Suggest a fix" in More', () => {
    render(
      <TermCard
        senses={[sense]}
        packNames={{ acme: 'ACME' }}
        extras={{
          updates: { 'acme/frob': 'updated: definition changed' },
          packHome: { acme: { source: 'github.com/acme/glossary', maintainer: '#platform', license: 'MIT' } },
          fixUrls: { 'acme/frob': 'https://github.com/acme/glossary/issues/new?title=x' },
        }}
      />,
    );
    expect(screen.getByRole('note').textContent).toBe('updated: definition changed');
    expect(screen.queryByRole('link', { name: 'Suggest a fix' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'More (2)' }));
    expect(screen.getByRole('link', { name: 'Suggest a fix' }).getAttribute('href')).toBe(
      'https://github.com/acme/glossary/issues/new?title=x',
    );
    expect(screen.getByRole('link', { name: 'github.com/acme/glossary' }).getAttribute('href')).toBe('https://github.com/acme/glossary');
    expect(document.querySelector('.tl-home')?.textContent).toBe('Source: github.com/acme/glossary · Maintainer: #platform · License: MIT');
  });

  it('the popup lists what changed since the last visit', () => {
    render(
      <RecentChangesList
        changes={[
          {
            packId: 'acme',
            packName: 'ACME',
            version: '2',
            at: 0,
            added: ['Defrobber'],
            removed: ['Old word'],
            changed: [{ term: 'Frobnicator', fields: ['definition', 'see'] }],
          },
        ]}
      />,
    );
    const list = screen.getByRole('region', { name: 'Updated since your last visit' });
    expect(list.textContent).toContain('ACME (version 2)');
    expect(list.textContent).toContain('New: Defrobber');
    expect(list.textContent).toContain('Frobnicator: definition, references changed');
    expect(list.textContent).toContain('Removed: Old word');
  });

  it('offers "Suggest for <pack>" when no pack knows the words', () => {
    render(
      <TermCard
        senses={[]}
        packNames={{}}
        surface="blast radius"
        extras={{ suggest: [{ packId: 'acme', packName: 'ACME', url: 'https://github.com/acme/glossary/issues/new?title=y' }] }}
      />,
    );
    expect(screen.getByText('No entry for “blast radius” in the enabled packs.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Suggest for ACME' }).getAttribute('target')).toBe('_blank');
  });
});
