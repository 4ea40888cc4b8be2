// Every importer shape is declared with a fixture (tests/fixtures/importers/) and a real-world
// example with its origin (tests/fixtures/glossaries/<shape>/ORIGINS.md, or a source of a bundled
// pack in glossary/sources/README.md). Adding a shape without them fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, FORMAT_NAMES } from '../../../lib/glossary/importers/index';
import type { FormatName } from '../../../lib/glossary/importers/types';
import { fixture, fixtureFolder, imported, repoRoot } from './helpers';

/** The fixture each shape is detected from. */
const FIXTURE: Record<FormatName, string> = {
  pack: 'pack.yaml',
  tbx: 'tbx.tbx',
  data: 'data.yaml',
  csv: 'csv.csv',
  folder: 'folder/',
  'docs-site': 'docs-site.txt',
  table: 'table.md',
  html: 'html.md',
  context: 'context.md',
  bold: 'bold.md',
  bullets: 'bullets.md',
  deflist: 'deflist.md',
  sphinx: 'sphinx.rst',
  asciidoc: 'asciidoc.adoc',
  abbr: 'abbr.md',
  headings: 'headings.md',
};

/** Shapes whose real example is a bundled pack's source, named in glossary/sources/README.md. */
const SEED_EXAMPLE: Partial<Record<FormatName, string>> = {
  'docs-site': 'platform-guide.txt',
  bold: 'deployment-book.txt',
  table: 'kubernetes-production-guide.txt',
  context: 'homelab-infra.txt',
};

/**
 * Shapes with no real public example in the repository yet. Each is a gap to close, listed so
 * that it is seen: a shape that gains an example must leave this list.
 */
const NO_REAL_EXAMPLE_YET: FormatName[] = ['pack', 'csv', 'deflist'];

const glossaries = join(repoRoot, 'tests/fixtures/glossaries');

describe('importer shapes conform', () => {
  it.each(FORMAT_NAMES)('%s has a fixture it is detected from and imports', (format) => {
    const name = FIXTURE[format];
    const input = name.endsWith('/') ? fixtureFolder(name.slice(0, -1)) : fixture(name);
    expect(detectFormat(input)).toBe(format);
    expect(imported(input).pack.terms.length).toBeGreaterThanOrEqual(1);
  });

  it.each(FORMAT_NAMES)('%s has a real-world example with its origin, or is listed as a gap', (format) => {
    const dir = join(glossaries, format);
    const seed = SEED_EXAMPLE[format];
    const hasDir = existsSync(join(dir, 'ORIGINS.md'));
    if (NO_REAL_EXAMPLE_YET.includes(format)) {
      expect(hasDir || seed, `${format} has an example now: take it off NO_REAL_EXAMPLE_YET`).toBeFalsy();
      return;
    }
    if (seed) {
      expect(readFileSync(join(repoRoot, 'glossary/sources/README.md'), 'utf8')).toContain(`\`${seed}\``);
      return;
    }
    expect(hasDir, `tests/fixtures/glossaries/${format}/ORIGINS.md`).toBe(true);
    const origins = readFileSync(join(dir, 'ORIGINS.md'), 'utf8');
    const files = readdirSync(dir).filter((f) => f !== 'ORIGINS.md');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      // Each file is named in ORIGINS.md with its repository, commit and license.
      const row = origins.split('\n').find((l) => l.includes(`\`${f}`));
      expect(row, `${f} in ${format}/ORIGINS.md`).toBeDefined();
      expect(row).toMatch(/\| [\w.-]+\/[\w.-]+ \|.*\| [0-9a-f]{40} \| \S/);
    }
  });

  it('every shape is declared here', () => {
    expect(Object.keys(FIXTURE).sort()).toEqual([...FORMAT_NAMES].sort());
  });
});
