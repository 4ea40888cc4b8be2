import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { formatError } from '../../lib/glossary/validate';
import { glossaryIndexPlugin } from '../../scripts/glossary-vite-plugin';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

// Call the plugin's hooks the way Vite does, with a minimal plugin context.
function loadIndex(dir: string) {
  const plugin = glossaryIndexPlugin({ dir });
  const resolveId = plugin.resolveId as (id: string) => string | undefined;
  const load = plugin.load as (this: unknown, id: string) => string | undefined;
  const context = {
    addWatchFile: vi.fn(),
    error(message: string): never {
      throw new Error(message);
    },
  };
  const id = resolveId('virtual:termlens/bundled-index');
  if (!id) throw new Error('virtual module not resolved');
  return { code: load.call(context, id), context };
}

function packDir(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'termlens-packs-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('build-time glossary compilation', () => {
  it('compiles every pack in the folder into the bundled index', () => {
    const dir = packDir({
      'a.yaml': 'id: a\nname: A\nversion: "1"\ndescription: d\nterms:\n  - term: etcd\n    definition: A store.\n',
      'b.yml': 'id: b\nname: B\nversion: "1"\ndescription: d\nterms:\n  - term: etcd\n    definition: Another sense.\n',
      'notes.md': '# not a pack',
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { code, context } = loadIndex(dir);
    const index = JSON.parse(JSON.parse(code!.replace(/^export default JSON\.parse\(/, '').replace(/\);$/, '')));
    expect(index.packs.map((p: { id: string }) => p.id)).toEqual(['a', 'b']);
    expect(index.entries.map((e: { id: string }) => e.id)).toEqual(['a/etcd', 'b/etcd']);
    expect(context.addWatchFile).toHaveBeenCalledTimes(2);
  });

  it('fails the build on a broken pack with file:line:col and the field', () => {
    const dir = packDir({
      'broken.yaml': 'id: x\nname: X\nversion: "1"\ndescription: d\nterms:\n  - term: etcd\n    aliases: [1]\n    definition: A store.\n',
    });
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadIndex(dir)).toThrow(/broken\.yaml:7:15: terms\[0\]\.aliases\[0\]: expected string, got number/);
    expect(printed).toHaveBeenCalled();
  });

  it('fails the build on two packs with the same id, naming both files at their id: keys', () => {
    const dir = packDir({
      'a.yaml': 'id: x\nname: A\nversion: "1"\ndescription: d\nterms:\n  - term: etcd\n    definition: A store.\n',
      'b.yaml':
        '# A copy of a.yaml\nname: B\nid: x\nversion: "1"\ndescription: d\nterms:\n  - term: kubelet\n    definition: Node agent.\n',
    });
    const { packs, errors } = loadPackFiles(packFiles(dir), dir);
    expect(errors.map(formatError)).toEqual(['b.yaml:3:1: id: duplicate pack id "x" (first at a.yaml:1:1)']);
    expect(packs.map((p) => p.name)).toEqual(['A']);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadIndex(dir)).toThrow(/b\.yaml:3:1: id: duplicate pack id "x" \(first at \S*a\.yaml:1:1\)/);
    expect(printed).toHaveBeenCalled();
  });
});
