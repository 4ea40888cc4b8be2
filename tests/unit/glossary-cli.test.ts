import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePack } from '../../lib/glossary/validate';
import { run } from '../../scripts/glossary-cli';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seeds = resolve(repoRoot, 'glossary/sources');
const fixtures = resolve(repoRoot, 'tests/fixtures/importers');
const tmp = mkdtempSync(join(tmpdir(), 'termlens-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[], cwd = repoRoot) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

const GOOD = 'id: good\nname: Good\nversion: "1"\ndescription: A pack.\nterms:\n  - term: PDB\n    definition: Limits disruptions.\n';
const BROKEN =
  'id: broken\nname: Broken\nversion: "1"\ndescription: A pack.\nterms:\n  - term: PDB\n    definition: Limits disruptions.\n    aliases: [42]\n';

describe('glossary CLI: usage', () => {
  it('prints help with --help and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run glossary -- <command>');
    expect(r.stdout).toContain('import <file|dir>');
  });

  it('prints usage on stderr and exits 2 for an unknown or missing command', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('glossary: unknown command "frobnicate"');
    expect(r.stderr).toContain('Usage:');
    expect((await cli([])).code).toBe(2);
  });
});

describe('glossary CLI: check', () => {
  it('checks glossary/*.yaml by default and prints one OK line per pack', async () => {
    const dir = join(tmp, 'default');
    mkdirSync(join(dir, 'glossary'), { recursive: true });
    writeFileSync(join(dir, 'glossary', 'good.yaml'), GOOD);
    writeFileSync(join(dir, 'glossary', 'notes.txt'), 'not a pack');
    const r = await cli(['check'], dir);
    expect(r).toEqual({ code: 0, stdout: 'glossary/good.yaml: OK — good "Good" v1, 1 term\n', stderr: '' });
  });

  it('prints file:line:col: path: message for a broken pack and exits 1', async () => {
    const dir = join(tmp, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'good.yaml'), GOOD);
    writeFileSync(join(dir, 'bad.yaml'), BROKEN);
    const r = await cli(['check', 'good.yaml', 'bad.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('good.yaml: OK — good "Good" v1, 1 term\n');
    expect(r.stderr).toBe('bad.yaml:8:15: terms[0].aliases[0]: expected string, got number\n');
  });

  it('rejects two packs with the same id, naming both files at their id: keys', async () => {
    const dir = join(tmp, 'same-id');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(
      join(dir, 'b.yaml'),
      `# Copied from a.yaml\nname: Other\nversion: "2"\ndescription: B.\nid: good\nterms:\n  - term: kubelet\n    definition: Node agent.\n`,
    );
    const r = await cli(['check', 'a.yaml', 'b.yaml'], dir);
    expect(r).toEqual({
      code: 1,
      stdout: 'a.yaml: OK — good "Good" v1, 1 term\n',
      stderr: 'b.yaml:5:1: id: duplicate pack id "good" (first at a.yaml:1:1)\n',
    });
  });

  it('reports every broken file, an alias bomb and deep nesting included, each with its line and column', async () => {
    const dir = join(tmp, 'hostile');
    mkdirSync(dir, { recursive: true });
    const names = 'abcdefghij';
    const bomb = [
      'id: bomb',
      `a: &a [${Array(9).fill('"x"').join(',')}]`,
      ...[...names.slice(1)].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${names[i]}`).join(',')}]`),
    ].join('\n');
    writeFileSync(join(dir, 'bomb.yaml'), bomb);
    writeFileSync(join(dir, 'deep.yaml'), `id: deep\nterms: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    writeFileSync(join(dir, 'good.yaml'), GOOD);
    writeFileSync(join(dir, 'bad.yaml'), BROKEN);
    const r = await cli(['check', 'bomb.yaml', 'deep.yaml', 'good.yaml', 'bad.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('good.yaml: OK — good "Good" v1, 1 term\n');
    expect(r.stderr.split('\n')).toEqual([
      'bomb.yaml:3:8: YAML: aliases expand to too many nodes (a pack needs none; at most 100 are read)',
      'deep.yaml:2:72: YAML: nested more than 64 levels deep',
      'bad.yaml:8:15: terms[0].aliases[0]: expected string, got number',
      '',
    ]);
  });

  it('reports a missing file', async () => {
    const r = await cli(['check', 'nope.yaml'], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('nope.yaml:1:1: cannot read: ENOENT\n');
  });
});

describe('glossary CLI: import and diff on the two versions of Appendix A', () => {
  const a3 = join(tmp, 'a3.yaml');
  const a1 = join(tmp, 'a1.yaml');

  it('imports seed 003 and seed 001 into packs that pass check', async () => {
    const r3 = await cli(['import', 'glossary/sources/deployment-book.older.txt', '-o', a3]);
    expect(r3.code).toBe(0);
    expect(r3.stdout).toBe('');
    expect(r3.stderr).toContain('warning: glossary/sources/deployment-book.older.txt:1-53: skipped the capture header');
    expect(r3.stderr).toContain(`${a3}: 62 terms (bold shape, 2 warnings)`);
    const r1 = await cli(['import', join(seeds, 'deployment-book.txt'), '--id', 'deployment-book', '-o', a1]);
    expect(r1.code).toBe(0);
    const text = readFileSync(a1, 'utf8');
    expect(text).toMatch(/^# Imported by `npm run glossary -- import` from .*deployment-book\.txt \(bold shape\)\.\n/);
    expect(text).toContain('\nid: deployment-book\n');
    const check = await cli(['check', a1, a3]);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe(
      `${a1}: OK — deployment-book "Appendix A — Glossary" v1.0.0, 64 terms\n${a3}: OK — appendix-a-glossary "Appendix A — Glossary" v1.0.0, 62 terms\n`,
    );
  });

  it('diffs the two packs: goose and goose_db_version added, AutoMigrate changed', async () => {
    const r = await cli(['diff', a3, a1]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([`--- ${a3}`, `+++ ${a1}`, '+ goose', '+ goose_db_version', '~ AutoMigrate: definition changed']);
    expect(r.stdout).toContain('2 added, 0 removed, 1 changed\n');
  });

  it('diffs Markdown sources directly, importing them on the fly', async () => {
    const r = await cli(['diff', 'glossary/sources/deployment-book.older.txt', 'glossary/sources/deployment-book.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n+ goose\n+ goose_db_version\n~ AutoMigrate: definition changed\n');
  });

  it('prints the import warnings of Markdown inputs, so a term the importer skipped is not just "removed"', async () => {
    const dir = join(tmp, 'diff-warnings');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'old.md'), '# Terms\n\n**Good**: A well-formed entry.\n\n**Orphan**: Had a definition.\n');
    writeFileSync(join(dir, 'new.md'), '# Terms\n\n**Good**: A well-formed entry.\n\n**Orphan**:\n');
    const r = await cli(['diff', 'old.md', 'new.md'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n- Orphan\n');
    expect(r.stderr).toBe('warning: new.md:5:1: "Orphan" has no definition: skipped\n');
  });
});

describe('glossary CLI: import', () => {
  it('rejects an --id, --name or --version the pack schema would reject, naming the option, and writes nothing', async () => {
    const out = join(tmp, 'bad-id.yaml');
    const badId = 'glossary import: --id: lowercase letters, digits and "-" only (got "Team_X")\n';
    // The option is checked as the pack schema would check it, before anything is written.
    expect(await cli(['import', 'tests/fixtures/importers/pack.yaml', '--id', 'Team_X', '-o', out])).toEqual({
      code: 1,
      stdout: '',
      stderr: badId,
    });
    expect(existsSync(out)).toBe(false);
    // From Markdown too: the error names the option, not a line:col of an intermediate form.
    expect(await cli(['import', 'tests/fixtures/importers/bold.md', '--id', 'Team_X'])).toEqual({ code: 1, stdout: '', stderr: badId });
    // An empty value is an error, not ignored.
    expect(await cli(['import', 'tests/fixtures/importers/bold.md', '--name=  '])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'glossary import: --name: must not be empty (got "  ")\n',
    });
    expect(await cli(['import', 'tests/fixtures/importers/bold.md', '--version='])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'glossary import: --version: must not be empty (got "")\n',
    });
  });

  it('imports a folder given as an absolute path with paths relative to its parent: top-level files get no category', async () => {
    const terms = join(tmp, 'nested', 'terms');
    mkdirSync(join(terms, 'net'), { recursive: true });
    writeFileSync(join(terms, 'top.md'), '---\ntitle: Toil\ndescription: Manual, repetitive work.\n---\n');
    writeFileSync(join(terms, 'net', 'cni.md'), '---\ntitle: CNI\ndescription: The network plugin API.\n---\n');
    writeFileSync(join(terms, 'notes.txt'), 'not a term');
    const out = join(tmp, 'abs-folder.yaml');
    const r = await cli(['import', terms, '--id', 'terms', '-o', out]);
    expect(r.code).toBe(0);
    const parsed = parsePack(readFileSync(out, 'utf8'), out);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pack.terms.find((t) => t.term === 'Toil')?.category).toBeUndefined();
    expect(parsed.pack.terms.find((t) => t.term === 'CNI')?.category).toBe('net');
    expect(r.stderr).toContain('warning: terms/notes.txt:1:1: not a Markdown file: skipped\n');
  });

  it('writes YAML to stdout, warnings to stderr', async () => {
    const r = await cli(['import', 'tests/fixtures/importers/bold-malformed.md']);
    expect(r.code).toBe(0);
    const parsed = parsePack(r.stdout, 'stdout.yaml');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.pack.terms.map((t) => t.term)).toEqual(['Good', 'Second good']);
    expect(r.stderr).toContain('warning: tests/fixtures/importers/bold-malformed.md:7:1: "Orphan" has no definition: skipped\n');
  });

  it('imports a folder, and honours --format, --name, --version and --source', async () => {
    const out = join(tmp, 'folder.yaml');
    const r = await cli([
      'import',
      join(fixtures, 'folder'),
      '--format',
      'folder',
      '--name',
      'Net',
      '--version',
      '2.0.0',
      '--source',
      'docs/terms',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    const parsed = parsePack(readFileSync(out, 'utf8'), out);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.pack).toMatchObject({ id: 'net', name: 'Net', version: '2.0.0', source: 'docs/terms' });
      expect(parsed.pack.terms.map((t) => t.term)).toEqual(['Gateway API', 'CNI', 'ingress']);
    }
  });

  it('fails with exit 1 and the shapes tried when the input matches none', async () => {
    const r = await cli(['import', 'tests/fixtures/importers/none.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('tests/fixtures/importers/none.txt matches no glossary shape. Shapes tried:');
    expect(r.stderr).toContain('  - headings: ');
  });

  it('rejects bad options', async () => {
    expect(await cli(['import', 'x.md', '--format', 'wiki'])).toMatchObject({
      code: 1,
      stderr:
        'glossary import: unknown format "wiki": use one of pack, tbx, data, csv, folder, docs-site, table, html, context, bold, bullets, deflist, sphinx, asciidoc, abbr, headings or auto\n',
    });
    expect(await cli(['import', 'x.md', '--bogus'])).toMatchObject({ code: 1, stderr: 'glossary import: unknown option --bogus\n' });
    expect((await cli(['import'])).code).toBe(2);
    expect((await cli(['diff', 'one.yaml'])).code).toBe(2);
  });
});
