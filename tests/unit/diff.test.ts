import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffPacks, formatDiff, plainText } from '../../lib/glossary/diff';
import { importGlossary } from '../../lib/glossary/importers/index';
import type { PackInput } from '../../lib/glossary/schema';

const seedsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../glossary/sources');

function importSeed(file: string): PackInput {
  const result = importGlossary({ kind: 'text', name: file, text: readFileSync(resolve(seedsDir, file), 'utf8') });
  if (!result.ok) throw new Error(result.error);
  return result.pack;
}

const pack = (terms: PackInput['terms']): PackInput => ({ id: 'p', name: 'P', version: '1', description: 'd', terms });

describe('diffPacks', () => {
  it('matches terms by headword and qualifier, case-insensitively', () => {
    const before = pack([
      { term: 'Secret', qualifier: 'Kubernetes', definition: 'A K8s object.' },
      { term: 'kubectl', definition: 'The CLI.' },
      { term: 'Gone', definition: 'Removed later.' },
    ]);
    const after = pack([
      { term: 'secret', qualifier: 'kubernetes', definition: 'A K8s object.' },
      { term: 'Secret', qualifier: 'Vault', definition: 'A Vault entry.' },
      { term: 'kubectl', definition: 'The CLI.', aliases: ['kc'], see: ['Chapter 2'] },
    ]);
    const d = diffPacks(before, after);
    expect(d.added.map((t) => `${t.term}/${t.qualifier}`)).toEqual(['Secret/Vault']);
    expect(d.removed.map((t) => t.term)).toEqual(['Gone']);
    expect(d.changed).toEqual([
      {
        term: 'kubectl',
        fields: [
          { field: 'aliases', before: [], after: ['kc'] },
          { field: 'see', before: [], after: ['Chapter 2'] },
        ],
      },
      {
        term: 'secret (kubernetes)',
        fields: [
          { field: 'term', before: 'Secret', after: 'secret' },
          { field: 'qualifier', before: 'Kubernetes', after: 'kubernetes' },
        ],
      },
    ]);
  });

  it('reports text that differs only in inline Markdown as reformatted, not changed', () => {
    const d = diffPacks(
      pack([{ term: 'envFrom', definition: 'Mounted via envFrom.' }]),
      pack([{ term: 'envFrom', definition: 'Mounted via `envFrom`.' }]),
    );
    expect(d.changed).toEqual([]);
    expect(d.reformatted).toEqual([{ term: 'envFrom', fields: ['definition'] }]);
    expect(plainText('**bold** and _em_ and [a link](https://x)')).toBe('bold and em and a link');
  });

  it('treats list order as no change', () => {
    const d = diffPacks(
      pack([{ term: 'A', definition: 'd', aliases: ['x', 'y'] }]),
      pack([{ term: 'A', definition: 'd', aliases: ['y', 'x'] }]),
    );
    expect(d).toEqual({ added: [], removed: [], changed: [], reformatted: [] });
  });
});

describe('diff of the two versions of Appendix A (seed 003 → seed 001)', () => {
  const d = diffPacks(importSeed('deployment-book.older.txt'), importSeed('deployment-book.txt'));

  it('finds goose and goose_db_version added and AutoMigrate reworded, nothing else changed', () => {
    expect(d.added.map((t) => t.term)).toEqual(['goose', 'goose_db_version']);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([
      {
        term: 'AutoMigrate',
        fields: [
          {
            field: 'definition',
            before: 'GORM function that syncs DB schema to Go structs.',
            after:
              'GORM function that syncs DB schema to Go structs. We used this in production until 2026-04, replaced by goose. Tests still use it via `testutil.SetupTestDB`.',
          },
        ],
      },
    ]);
  });

  it('notes the definitions the rendered page lost backticks in, apart from real changes', () => {
    // 001 is Markdown source; 003 was rendered, so `envFrom`, `honeydue`… lost their code marks.
    expect(d.reformatted).toEqual([
      { term: 'ConfigMap', fields: ['definition'] },
      { term: 'CoreDNS', fields: ['definition'] },
      { term: 'CRD', fields: ['definition'] },
      { term: 'Namespace', fields: ['definition'] },
      { term: 'Pooler', fields: ['definition'] },
    ]);
  });

  it('formats as readable text', () => {
    const text = formatDiff(d);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['+ goose', '+ goose_db_version', '~ AutoMigrate: definition changed']);
    expect(text).toContain('    definition before: GORM function that syncs DB schema to Go structs.\n');
    expect(text).toContain('2 added, 0 removed, 1 changed\n');
    expect(text).toContain(
      '5 terms differ only in Markdown formatting: ConfigMap (definition), CoreDNS (definition), CRD (definition), Namespace (definition), Pooler (definition)\n',
    );
  });
});

describe('formatDiff', () => {
  it('prints removals and an empty diff', () => {
    const d = diffPacks(
      pack([
        { term: 'X', definition: 'd' },
        { term: 'Y', definition: 'd' },
      ]),
      pack([{ term: 'Y', definition: 'd' }]),
    );
    expect(formatDiff(d)).toBe('- X\n0 added, 1 removed, 0 changed\n');
    expect(formatDiff(diffPacks(pack([{ term: 'Y', definition: 'd' }]), pack([{ term: 'Y', definition: 'd' }])))).toBe(
      '0 added, 0 removed, 0 changed\n',
    );
  });
});
