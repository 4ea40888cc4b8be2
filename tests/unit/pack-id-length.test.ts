// Pack ids are kept in the synced settings (pack order, packs turned off, scopes), where an item holds
// 8 KB: a pack file's id has a length limit, reported at its line and column, and an id made from a
// glossary's title is cut to it.
import { describe, expect, it } from 'vitest';
import { importGlossary } from '../../lib/glossary/importers/index';
import { MAX_PACK_ID_LENGTH } from '../../lib/glossary/schema';
import { formatError, parsePack } from '../../lib/glossary/validate';

const pack = (id: string) =>
  `id: ${id}\nname: Team\nversion: "1"\ndescription: Our words.\nterms:\n  - term: Frobnicator\n    definition: The service that frobs.\n`;

describe('pack id length', () => {
  it('accepts an id up to the limit and names the line, column and field past it', () => {
    expect(parsePack(pack('a'.repeat(MAX_PACK_ID_LENGTH)), 'team.yaml').ok).toBe(true);
    const result = parsePack(pack('a'.repeat(3000)), 'team.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatError)).toEqual([`team.yaml:1:5: id: at most ${MAX_PACK_ID_LENGTH} characters`]);
  });

  it('cuts an id made from a long title to the limit, without a trailing hyphen', () => {
    const title = Array.from({ length: 60 }, (_, i) => `Word${i}`).join(' ');
    const result = importGlossary({ kind: 'text', name: 'glossary.md', text: `# ${title}\n\n**Frobnicator**: The service that frobs.\n` });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack.id.length).toBeLessThanOrEqual(MAX_PACK_ID_LENGTH);
    expect(result.pack.id).toMatch(/^word0-word1-.*[a-z0-9]$/);
  });
});
