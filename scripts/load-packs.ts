// Node side of the pack pipeline: read pack files from disk and validate them through the shared schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePack, type PackError } from '../lib/glossary/validate';
import type { Pack } from '../lib/glossary/schema';

export function packFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export function loadPackFiles(files: readonly string[], cwd = process.cwd()): { packs: Pack[]; errors: PackError[] } {
  const packs: Pack[] = [];
  const errors: PackError[] = [];
  for (const file of files) {
    const result = parsePack(readFileSync(file, 'utf8'), relative(cwd, file) || file);
    if (result.ok) packs.push(result.pack);
    else errors.push(...result.errors);
  }
  return { packs, errors };
}
