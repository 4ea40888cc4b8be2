// `npm run glossary -- <command>`: check packs, import Markdown glossaries into packs, diff packs.
// The logic lives in lib/glossary (pure); this file does the file access and the printing.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffPacks, formatDiff } from '../lib/glossary/diff';
import { emitPack } from '../lib/glossary/emit';
import { FORMAT_NAMES, importGlossary, type FormatName, type ImportInput, type SourceFile } from '../lib/glossary/importers/index';
import { packSchema, type PackInput } from '../lib/glossary/schema';
import { formatError, parsePack } from '../lib/glossary/validate';
import { packIdClaims } from './load-packs';

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
}

const USAGE = `Usage: npm run glossary -- <command> [options]

Commands:
  check [files…]             Validate packs (default: glossary/*.yaml). Exit 1 on any error.
  import <file|dir> [options] Convert a Markdown glossary (or a folder of Markdown files) into a pack.
      --format <name>|auto     Shape of the input (default auto): ${FORMAT_NAMES.join(', ')}
      --id <id>                Pack id (default: from the title)
      --name <name>            Pack name (default: the glossary's title)
      --version <version>      Pack version (default 1.0.0)
      --source <url|path>      Where the glossary came from
      -o, --out <file.yaml>    Write the pack here (default: stdout)
  diff <old> <new>           Terms added, removed and changed between two packs (YAML packs or
                             importable Markdown).
  --help                     This text.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? io.stdout : io.stderr)(USAGE);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'import':
        return importCommand(rest, io);
      case 'diff':
        return diff(rest, io);
      default:
        io.stderr(`glossary: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    io.stderr(`glossary ${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

/** A path as the user wrote it: absolute stays absolute, relative is relative to cwd. */
function display(io: CliIo, file: string): string {
  if (isAbsolute(file)) return file;
  return relative(io.cwd, resolve(io.cwd, file)) || file;
}

function check(args: string[], io: CliIo): number {
  if (args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  let files = args.filter((a) => !a.startsWith('-'));
  if (files.length === 0) {
    const dir = resolve(io.cwd, 'glossary');
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join('glossary', f));
    if (files.length === 0) {
      io.stderr('glossary check: no packs in glossary/\n');
      return 1;
    }
  }
  let failed = 0;
  // The build compiles all packs together, so an id used by two files is an error here too.
  const claim = packIdClaims();
  for (const file of files) {
    const shown = display(io, file);
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      io.stderr(`${shown}:1:1: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      failed++;
      continue;
    }
    const result = parsePack(text, shown);
    const duplicate = result.ok ? claim(shown, text, result.pack) : undefined;
    if (duplicate) {
      failed++;
      io.stderr(`${formatError(duplicate)}\n`);
    } else if (result.ok) {
      const p = result.pack;
      io.stdout(`${shown}: OK — ${p.id} "${p.name}" v${p.version}, ${p.terms.length} term${p.terms.length === 1 ? '' : 's'}\n`);
    } else {
      failed++;
      for (const e of result.errors) io.stderr(`${formatError(e)}\n`);
    }
  }
  return failed ? 1 : 0;
}

interface ImportArgs {
  path?: string;
  format: FormatName | 'auto';
  id?: string;
  name?: string;
  version?: string;
  source?: string;
  out?: string;
}

function parseImportArgs(args: string[]): ImportArgs {
  const out: ImportArgs = { format: 'auto' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('-')) throw new Error(`${a} needs a value`);
      return v;
    };
    const eq = /^(--[a-z]+)=(.*)$/.exec(a);
    const flag = eq ? eq[1] : a;
    const val = eq ? () => eq[2] ?? '' : value;
    switch (flag) {
      case '--format': {
        const f = val();
        if (f !== 'auto' && !(FORMAT_NAMES as readonly string[]).includes(f))
          throw new Error(`unknown format "${f}": use one of ${FORMAT_NAMES.join(', ')} or auto`);
        out.format = f as FormatName | 'auto';
        break;
      }
      case '--id':
        out.id = val();
        break;
      case '--name':
        out.name = val();
        break;
      case '--version':
        out.version = val();
        break;
      case '--source':
        out.source = val();
        break;
      case '-o':
      case '--out':
        out.out = val();
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (out.path) throw new Error(`one input at a time (got "${out.path}" and "${a}")`);
        out.path = a;
    }
  }
  return out;
}

/**
 * The options that become pack fields, checked against the pack schema before anything is read: a
 * pack passes them through unchecked, and Markdown would report them at a line of its internal YAML.
 */
const PACK_OPTIONS = { id: '--id', name: '--name', version: '--version', source: '--source' } as const;

function checkPackOptions(opts: ImportArgs): void {
  for (const [field, flag] of Object.entries(PACK_OPTIONS) as Array<[keyof typeof PACK_OPTIONS, string]>) {
    const value = opts[field];
    if (value === undefined) continue;
    const parsed = packSchema.shape[field].safeParse(value);
    if (!parsed.success) throw new Error(`${flag}: ${parsed.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(value)})`);
    // What the schema keeps (trimmed), so the imported pack holds what `check` will read.
    if (typeof parsed.data === 'string') opts[field] = parsed.data;
  }
}

/**
 * A folder: every Markdown file under it, paths relative to the folder's parent ("terms/net/cni.md")
 * however the folder was given: the folder importer reads sub-folders as categories, and the
 * folder's own name must not become one.
 */
function readFolder(dir: string): SourceFile[] {
  const parent = dirname(dir);
  const files: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push({ path: relative(parent, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return files;
}

function readInput(path: string, io: CliIo): ImportInput {
  const full = resolve(io.cwd, path);
  const shown = display(io, path);
  if (statSync(full).isDirectory()) return { kind: 'files', name: shown, files: readFolder(full) };
  return { kind: 'text', name: shown, text: readFileSync(full, 'utf8') };
}

function importCommand(args: string[], io: CliIo): number {
  if (args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  const opts = parseImportArgs(args);
  if (!opts.path) {
    io.stderr(`glossary import: give a file or a folder\n\n${USAGE}`);
    return 2;
  }
  checkPackOptions(opts);
  const input = readInput(opts.path, io);
  const result = importGlossary(input, {
    format: opts.format,
    ...(opts.id ? { id: opts.id } : {}),
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.version ? { version: opts.version } : {}),
    ...(opts.source ? { source: opts.source } : {}),
  });
  if (!result.ok) {
    io.stderr(`${result.error}\n`);
    return 1;
  }
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
  const yaml = emitPack(result.pack, {
    header: ` Imported by \`npm run glossary -- import\` from ${input.name} (${result.format} shape).`,
  });
  if (opts.out) {
    writeFileSync(resolve(io.cwd, opts.out), yaml);
    io.stderr(
      `${display(io, opts.out)}: ${result.pack.terms.length} terms (${result.format} shape, ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})\n`,
    );
  } else io.stdout(yaml);
  return 0;
}

/** A pack file, or Markdown imported on the fly. */
function loadForDiff(path: string, io: CliIo): PackInput {
  const input = readInput(path, io);
  if (input.kind === 'text' && /\.(?:ya?ml|json)$/i.test(path)) {
    const parsed = parsePack(input.text, input.name);
    if (!parsed.ok) throw new Error(`\n${parsed.errors.map(formatError).join('\n')}`);
    return parsed.pack;
  }
  const result = importGlossary(input);
  if (!result.ok) throw new Error(result.error);
  // The warnings explain terms the importer skipped, which the diff would otherwise show as removed.
  // They start with the file they are about; for a folder that path is relative to the folder's
  // parent, so name the input too when it is not already there (a diff has two of them).
  for (const w of result.warnings) io.stderr(`warning: ${w.startsWith(input.name) ? '' : `${input.name}: `}${w}\n`);
  return result.pack;
}

function diff(args: string[], io: CliIo): number {
  const files = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help')) {
    io.stdout(USAGE);
    return 0;
  }
  if (files.length !== 2) {
    io.stderr(`glossary diff: give two packs: <old> <new>\n\n${USAGE}`);
    return 2;
  }
  const [oldPath = '', newPath = ''] = files;
  const result = diffPacks(loadForDiff(oldPath, io), loadForDiff(newPath, io));
  io.stdout(`--- ${display(io, oldPath)}\n+++ ${display(io, newPath)}\n${formatDiff(result)}`);
  return 0;
}

// Run when executed as a script (tsx scripts/glossary-cli.ts …), not when imported by tests.
const invoked = process.argv[1] ? pathToFileURL(resolve(process.argv[1])).href : '';
if (import.meta.url === invoked) {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
  });
}
