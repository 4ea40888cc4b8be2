// Node side of the pack pipeline: read pack files from disk and validate them through the shared schema.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateInPack, parsePack, type PackError } from '../lib/glossary/validate';
import type { Pack } from '../lib/glossary/schema';

export function packFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Pack ids must be unique across files (compileIndex cannot say where two collide). Feed it each
 * valid pack in order: a later pack that reuses an id gets an error at its `id:` key naming the first.
 */
export function packIdClaims(): (file: string, text: string, pack: Pack) => PackError | undefined {
  const first = new Map<string, string>();
  return (file, text, pack) => {
    const { line, col } = locateInPack(text, ['id'], true);
    const where = first.get(pack.id);
    if (where !== undefined) return { file, line, col, path: 'id', message: `duplicate pack id "${pack.id}" (first at ${where})` };
    first.set(pack.id, `${file}:${line}:${col}`);
    return undefined;
  };
}

export function loadPackFiles(files: readonly string[], cwd = process.cwd()): { packs: Pack[]; errors: PackError[] } {
  const packs: Pack[] = [];
  const errors: PackError[] = [];
  const claim = packIdClaims();
  for (const file of files) {
    const shown = relative(cwd, file) || file;
    const text = readFileSync(file, 'utf8');
    const result = parsePack(text, shown);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const duplicate = claim(shown, text, result.pack);
    if (duplicate) errors.push(duplicate);
    else packs.push(result.pack);
  }
  return { packs, errors };
}
