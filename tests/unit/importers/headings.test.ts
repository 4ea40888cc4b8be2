import { describe, expect, it } from 'vitest';
import { detectFormat, importGlossary } from '../../../lib/glossary/importers/index';
import { fixture, headwords, imported, termNamed } from './helpers';

describe('headings importer', () => {
  it('reads one heading per term: first paragraph → definition, the rest → details, parent heading → category', () => {
    const { pack, format, warnings } = imported(fixture('headings.md'));
    expect(format).toBe('headings');
    expect(detectFormat(fixture('headings.md'))).toBe('headings');
    expect(pack.name).toBe('Team Glossary');
    expect(pack.description).toBe('Words we use.');
    expect(headwords(pack)).toEqual(['Canary', 'Blue-green deployment', 'PVC']);
    expect(termNamed(pack, 'Canary')).toMatchObject({
      definition: 'Send a small slice of traffic to the new version first.',
      details: 'Roll back automatically when metrics go bad.',
      category: 'Delivery',
      see: ['Chapter 5'],
    });
    const pvc = termNamed(pack, 'PVC');
    expect(pvc.aliases).toEqual(['PersistentVolumeClaim']);
    expect(pvc.category).toBe('Storage');
    // A fenced block stays one block, line breaks kept.
    expect(pvc.details).toBe('```yaml\nkind: PersistentVolumeClaim\n```');
    expect(warnings).toEqual([]);
  });

  it('warns about a heading with no definition and prose under a category heading', () => {
    const { pack, warnings } = imported(fixture('headings-malformed.md'));
    expect(headwords(pack)).toEqual(['Real term', 'Another term']);
    expect(warnings).toEqual([
      'fixtures/headings-malformed.md:3:1: text under the category heading "Delivery" is not a term: skipped',
      'fixtures/headings-malformed.md:7:1: heading "Empty heading" has no definition: skipped',
    ]);
  });

  it('keeps fences whole: a ~~~ block holding ``` lines and a `## heading` line is one code paragraph', () => {
    const text = [
      '# Runbook',
      '',
      '## Restore',
      '',
      'Load a dump into a fresh database.',
      '',
      '~~~md',
      '## not a heading',
      '```sh',
      'psql app < app.sql',
      '~~~',
      '',
      'Check the row counts after.',
      '',
      '## Backup',
      '',
      'Take a dump.',
      '',
      '````',
      '```',
      '## still code',
    ].join('\n');
    const { pack, warnings } = imported({ kind: 'text', name: 'fences.md', text });
    expect(headwords(pack)).toEqual(['Restore', 'Backup']);
    expect(termNamed(pack, 'Restore').details).toBe(
      '~~~md\n## not a heading\n```sh\npsql app < app.sql\n~~~\n\nCheck the row counts after.',
    );
    expect(termNamed(pack, 'Backup').details).toBe('````\n```\n## still code');
    expect(warnings).toEqual(['fences.md:19:1: code fence is never closed: kept the rest of the file as code']);
  });

  it('fails when no heading has a definition', () => {
    const result = importGlossary({ kind: 'text', name: 'bare.md', text: '# T\n\n## A\n\n## B\n' }, { format: 'headings' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/bare\.md: no terms found as headings[\s\S]*bare\.md:3:1: heading "A" has no definition/);
  });
});
