// Shared by the importer tests: fixture and seed files, and the "does it validate" check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { emitPack } from '../../../lib/glossary/emit';
import { importGlossary, type ImportOptions } from '../../../lib/glossary/importers/index';
import type { ImportInput } from '../../../lib/glossary/importers/types';
import { packSchema, type PackInput, type TermInput } from '../../../lib/glossary/schema';
import { formatError, parsePack } from '../../../lib/glossary/validate';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const fixturesDir = resolve(repoRoot, 'tests/fixtures/importers');
/** The source glossaries the bundled packs are imported from (glossary/sources/). */
export const seedsDir = resolve(repoRoot, 'glossary/sources');

export const SEEDS = {
  platformGuide: 'platform-guide.txt',
  appendixA: 'deployment-book.txt',
  appendixB: 'kubernetes-production-guide.txt',
  appendixAOld: 'deployment-book.older.txt',
  homelabContext: 'homelab-infra.txt',
} as const;

export function fixture(name: string): ImportInput {
  return { kind: 'text', name: `fixtures/${name}`, text: readFileSync(join(fixturesDir, name), 'utf8') };
}

export function fixtureFolder(name: string): ImportInput {
  const root = join(fixturesDir, name);
  const files: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push({ path: relative(fixturesDir, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return { kind: 'files', name, files };
}

export function seed(file: string): ImportInput {
  return { kind: 'text', name: file, text: readFileSync(join(seedsDir, file), 'utf8') };
}

/** Import and insist on success; the pack must validate through the schema and as emitted YAML. */
export function imported(input: ImportInput, options: ImportOptions = {}) {
  const result = importGlossary(input, options);
  if (!result.ok) throw new Error(result.error);
  expectValid(result.pack);
  return result;
}

export function expectValid(pack: PackInput): void {
  expect(packSchema.safeParse(pack).success).toBe(true);
  const reparsed = parsePack(emitPack(pack), 'emitted.yaml');
  if (!reparsed.ok) throw new Error(reparsed.errors.map(formatError).join('\n'));
}

export function termNamed(pack: PackInput, term: string, qualifier?: string): TermInput {
  const found = pack.terms.filter((t) => t.term === term && t.qualifier === qualifier);
  expect(
    found.map((t) => t.term),
    `${term}${qualifier ? ` (${qualifier})` : ''}`,
  ).toHaveLength(1);
  return found[0] as TermInput;
}

export const headwords = (pack: PackInput) => pack.terms.map((t) => t.term);
