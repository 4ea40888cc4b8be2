// A fresh clone with nothing beside it must pass `npm test`: no test, script or config may read
// outside the repository (the bundled packs' sources live in glossary/sources/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.output', '.wxt', '.git']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(?:[cm]?[jt]sx?|json|sh)$/.test(name) || name === 'run') out.push(path);
  }
  return out;
}

describe('the repository is self-contained', () => {
  it('no test, script or config reads ../shared or another path beside the clone', () => {
    const offenders = files(root)
      .filter((path) => !path.endsWith('self-contained.test.ts') && !path.endsWith('package-lock.json'))
      .filter((path) => /\.\.\/shared\b|\/work\/shared/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });

  it('keeps the sources of the bundled packs', () => {
    const sources = readdirSync(join(root, 'glossary/sources')).filter((f) => f.endsWith('.txt'));
    expect(sources.sort()).toEqual([
      'deployment-book.older.txt',
      'deployment-book.txt',
      'homelab-infra.txt',
      'kubernetes-production-guide.txt',
      'platform-guide.txt',
    ]);
  });
});
