// Import a glossary written in Markdown (or already a pack) into a pack: detect the shape, parse it
// into raw entries, split headwords into term/aliases/qualifier, resolve duplicates so the pack
// validates, and say (as warnings naming file:line) everything that needs a human look.
import { parseDocument } from 'yaml';
import { emitPack } from '../emit';
import { dedupe, headwordBase, splitHeadword } from '../headword';
import { MAX_PACK_ID_LENGTH, slugify, type PackInput, type TermInput } from '../schema';
import { scopeFromSourceUrl } from '../scope';
import { formatError, parsePack } from '../validate';
import { boldImporter } from './bold';
import { abbrImporter } from './abbr';
import { asciidocImporter } from './asciidoc';
import { bulletsImporter } from './bullets';
import { csvImporter } from './csv';
import { dataImporter } from './data';
import { deflistImporter } from './deflist';
import { htmlImporter } from './html';
import { sphinxImporter } from './sphinx';
import { tbxImporter } from './tbx';
import { contextImporter } from './context';
import { docsSiteImporter } from './docs-site';
import { folderImporter } from './folder';
import { headingsImporter } from './headings';
import { tableImporter } from './table';
import { FORMAT_NAMES, type FormatName, type Importer, type ImportInput, type ParsedGlossary, type RawEntry } from './types';

export { FORMAT_NAMES, type FormatName, type ImportInput, type RawEntry, type SourceFile } from './types';

export interface ImportOptions {
  format?: FormatName | 'auto';
  id?: string;
  name?: string;
  version?: string;
  source?: string;
  /** Where the pack applies; by default a CONTEXT.md from a GitHub repo applies to that repo. */
  scope?: string[];
}

export type ImportResult = { ok: true; pack: PackInput; format: FormatName; warnings: string[] } | { ok: false; error: string };

function looksLikePack(text: string): boolean {
  try {
    // Cheap guard first: Markdown is often valid YAML (a string), never a mapping with `terms`.
    if (!/^terms\s*:|"terms"\s*:/m.test(text)) return false;
    const doc = parseDocument(text);
    // A pack with YAML errors is still meant as a pack: parsePack will report them by line.
    if (doc.errors.length) return /^terms\s*:/m.test(text) && /^(?:id|name)\s*:/m.test(text);
    const data: unknown = doc.toJS();
    return !!data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { terms?: unknown }).terms);
  } catch {
    return false;
  }
}

const packImporter: Importer = {
  name: 'pack',
  describe: 'YAML or JSON that is already a pack (`id`, `name`, … `terms:`)',
  detect: (input) => (input.kind === 'text' && looksLikePack(input.text) ? 1000 : 0),
  // Packs do not go through raw entries: see importPack.
  parse: (input) => ({ ok: false, error: `${input.name}: internal: packs are imported by importPack` }),
};

/** In order of preference when two shapes score the same. */
const IMPORTERS: Record<FormatName, Importer> = {
  pack: packImporter,
  tbx: tbxImporter,
  data: dataImporter,
  csv: csvImporter,
  html: htmlImporter,
  deflist: deflistImporter,
  sphinx: sphinxImporter,
  asciidoc: asciidocImporter,
  abbr: abbrImporter,
  folder: folderImporter,
  'docs-site': docsSiteImporter,
  table: tableImporter,
  context: contextImporter,
  bold: boldImporter,
  bullets: bulletsImporter,
  headings: headingsImporter,
};

/** How well the input matches each shape, best first; shapes that do not match at all are left out. */
export function detectFormats(input: ImportInput): Array<{ format: FormatName; score: number }> {
  return FORMAT_NAMES.map((format, order) => ({ format, order, score: IMPORTERS[format].detect(input) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ format, score }) => ({ format, score }));
}

/** The shape the input most looks like, or undefined when it matches none. */
export function detectFormat(input: ImportInput): FormatName | undefined {
  return detectFormats(input)[0]?.format;
}

function shapesTried(): string {
  return FORMAT_NAMES.map((f) => `  - ${f}: ${IMPORTERS[f].describe}`).join('\n');
}

/** The shape the input comes closest to, and what it lacks, when it matches none. */
function closest(input: ImportInput): string {
  const near = FORMAT_NAMES.map((f) => ({ f, miss: IMPORTERS[f].nearMiss?.(input) }))
    .filter((x): x is { f: FormatName; miss: { score: number; missing: string } } => !!x.miss)
    .sort((a, b) => b.miss.score - a.miss.score)[0];
  return near ? `\nClosest shape: ${near.f}: ${near.miss.missing}` : '';
}

/**
 * An importer's parse, with what it throws (YAML aliases that expand without end, nesting deeper than
 * the stack) turned into that shape's failure: the import fails with a message, nothing else.
 */
function safeParse(format: FormatName, input: ImportInput): ReturnType<Importer['parse']> {
  try {
    return IMPORTERS[format].parse(input);
  } catch (err) {
    const why = err instanceof ReferenceError ? 'its YAML aliases expand to too many nodes' : err instanceof RangeError ? 'it is nested too deeply' : String(err);
    return { ok: false, error: `${input.name}: cannot be read as ${format}: ${why}` };
  }
}

/** Binary data read as text: NUL characters, or many control or undecodable ones, near the start. */
function notText(input: { name: string; text: string }): string | null {
  const head = input.text.slice(0, 8192);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) {
      odd = head.length;
      break;
    }
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) odd++;
  }
  if (odd === 0 || odd < head.length / 100) return null;
  return `${input.name} is not a text file (it holds binary data). Termlens reads glossaries written as text: Markdown, YAML, JSON, CSV or TSV, TBX, HTML, reStructuredText or AsciiDoc.`;
}

/** A file named .json (or text that opens like a JSON object) that does not parse: where and why. */
function jsonError(input: { name: string; text: string }): string | null {
  const text = input.text;
  if (!/\.json$/i.test(input.name) && !/^\s*\{\s*"/.test(text)) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    const why = message.replace(/\s*(?:in JSON )?at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return `${input.name}:${before.length}:${before[before.length - 1]!.length + 1}: JSON error: ${why}`;
  }
}

/** Shapes a glossary of a single entry is read as, when no shape's detector is sure of so little. */
const SINGLE_ENTRY_SHAPES: readonly FormatName[] = ['bold', 'bullets', 'deflist', 'headings', 'abbr', 'asciidoc', 'sphinx'];

/** A one-term glossary: the first of the text shapes that reads exactly one entry from it. */
function singleEntry(input: ImportInput, options: ImportOptions): ImportResult | null {
  for (const shape of SINGLE_ENTRY_SHAPES) {
    const parsed = safeParse(shape, input);
    if (!parsed.ok || parsed.entries.length !== 1) continue;
    const built = buildPack(input, parsed, { ...options, ...defaultScope(shape, options) });
    if (!built.ok) continue;
    return { ok: true, pack: built.pack, format: shape, warnings: [...parsed.warnings, ...built.warnings] };
  }
  return null;
}

export function importGlossary(input: ImportInput, options: ImportOptions = {}): ImportResult {
  const format = options.format ?? 'auto';
  if (format !== 'auto' && !FORMAT_NAMES.includes(format)) {
    return { ok: false, error: `unknown format "${String(format)}": use one of ${FORMAT_NAMES.join(', ')} or auto` };
  }
  const unreadable = input.kind === 'text' ? notText(input) ?? jsonError(input) : null;
  if (unreadable) return { ok: false, error: unreadable };
  const candidates: FormatName[] = format === 'auto' ? detectFormats(input).map((d) => d.format) : [format];
  if (candidates.length === 0) {
    const single = singleEntry(input, options);
    if (single) return single;
    return { ok: false, error: `${input.name} matches no glossary shape. Shapes tried:\n${shapesTried()}${closest(input)}` };
  }
  const failures: string[] = [];
  for (const candidate of candidates) {
    if (candidate === 'pack') {
      // A file that parses as a pack is one: report its errors rather than read it as Markdown.
      return importPack(input, options);
    }
    const parsed = safeParse(candidate, input);
    if (!parsed.ok) {
      if (format !== 'auto') return parsed;
      failures.push(parsed.error);
      continue;
    }
    if (parsed.entries.length === 0) {
      const why = `${input.name}: no terms found as ${candidate} (${IMPORTERS[candidate].describe})${parsed.warnings.length ? `:\n${parsed.warnings.map((w) => `  ${w}`).join('\n')}` : ''}`;
      if (format !== 'auto') return { ok: false, error: why };
      failures.push(why);
      continue;
    }
    const built = buildPack(input, parsed, { ...options, ...defaultScope(candidate, options) });
    if (!built.ok) return built;
    const warnings = [...parsed.warnings, ...built.warnings];
    if (candidate !== candidates[0]) warnings.unshift(`${input.name}: read as ${candidate}: the likelier shape ${candidates[0]} found no terms`);
    return { ok: true, pack: built.pack, format: candidate, warnings };
  }
  return { ok: false, error: `${input.name} matches no glossary shape. Shapes tried:\n${shapesTried()}\n${failures.join('\n')}` };
}

/**
 * A domain-language file (CONTEXT.md) belongs to the repository it lives in: fetched from
 * github.com/org/repo, it applies there. Other glossaries describe a field, not a repo: no scope.
 */
function defaultScope(format: FormatName, options: ImportOptions): { scope?: string[] } {
  if (options.scope) return { scope: options.scope };
  if (format !== 'context' || !options.source) return {};
  const scope = scopeFromSourceUrl(options.source);
  return scope ? { scope } : {};
}

function importPack(input: ImportInput, options: ImportOptions): ImportResult {
  if (input.kind !== 'text') return { ok: false, error: `${input.name}: the pack shape reads one YAML or JSON file, not a folder` };
  const result = parsePack(input.text, input.name);
  if (!result.ok) return { ok: false, error: result.errors.map(formatError).join('\n') };
  const pack: PackInput = {
    ...result.pack,
    ...(options.id ? { id: options.id } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.version ? { version: options.version } : {}),
    ...(options.source ? { source: options.source } : {}),
  };
  return { ok: true, pack, format: 'pack', warnings: [] };
}

function packId(s: string): string {
  const id = slugify(s).replace(/[._]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return id.slice(0, MAX_PACK_ID_LENGTH).replace(/-$/, '') || 'glossary';
}

function baseName(path: string): string {
  return (path.split(/[\\/]/).filter(Boolean).pop() ?? path).replace(/\.[^.]+$/, '');
}

/** Counts of every name a headword is known by, to tell context parentheticals from aliases. */
function nameCounts(entries: RawEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) for (const n of namesOf(e)) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

function namesOf(e: RawEntry): string[] {
  const base = headwordBase(e.headword);
  return dedupe([base, ...base.split(/\s+\/\s+/)]).map((n) => n.toLowerCase());
}

const CROSS_REFERENCE = /^see\b[^.]{0,80}\.?$/i;

const LIST_FIELDS = ['aliases', 'see', 'avoid', 'related', 'notes'] as const;

/**
 * Merge a second definition of a term into the first, losing nothing: its definition and details
 * go to the details, its lists are added without duplicates. Returns what was merged, for the warning.
 */
function mergeInto(first: TermInput, second: TermInput, where: string): string {
  const under = second.category && second.category !== first.category ? ` under ${second.category}` : '';
  first.details = [first.details, `Also defined at ${where}${under}: ${second.definition}`, second.details].filter(Boolean).join('\n\n');
  const said = [`its definition${second.details ? ' and details' : ''} as details`];
  for (const field of LIST_FIELDS) {
    const had = first[field] ?? [];
    const known = new Set([...had, ...(field === 'aliases' ? [first.term] : [])].map((x) => x.trim().toLowerCase()));
    const added = dedupe(second[field] ?? []).filter((x) => !known.has(x.toLowerCase()));
    if (!added.length) continue;
    first[field] = [...had, ...added];
    said.push(`${field} ${added.map((x) => `"${x}"`).join(', ')}`);
  }
  return said.join('; ');
}

type Built = { ok: true; pack: PackInput; warnings: string[] } | { ok: false; error: string };

function buildPack(input: ImportInput, parsed: ParsedGlossary, options: ImportOptions): Built {
  const warnings: string[] = [];
  const counts = nameCounts(parsed.entries);
  const terms: Array<TermInput & { where: string }> = [];
  const byKey = new Map<string, TermInput & { where: string }>();
  const keyOf = (t: { term: string; qualifier?: string }) => (t.qualifier ? `${t.term} (${t.qualifier})` : t.term).trim().toLowerCase();

  for (const e of parsed.entries) {
    const own = new Set(namesOf(e));
    const others = { has: (w: string) => (counts.get(w.toLowerCase()) ?? 0) > (own.has(w.toLowerCase()) ? 1 : 0) };
    const split = splitHeadword(e.headword, { otherHeadwords: others });
    const term: TermInput & { where: string } = {
      term: split.term,
      aliases: dedupe([...split.aliases, ...(e.aliases ?? [])]).filter((a) => a.toLowerCase() !== split.term.toLowerCase()),
      definition: e.definition.trim(),
      where: e.where,
    };
    const qualifier = e.qualifier ?? split.qualifier;
    if (qualifier) term.qualifier = qualifier;
    if (e.details?.trim()) term.details = e.details.trim();
    if (e.category?.trim()) term.category = e.category.trim();
    // References written in the entry first, then the target of a link on the headword.
    term.see = dedupe([...(e.see ?? []), ...(split.see ?? [])]);
    term.avoid = dedupe(e.avoid ?? []);
    term.related = dedupe(e.related ?? []);
    term.notes = dedupe(e.notes ?? []);

    let key = keyOf(term);
    const first = byKey.get(key);
    if (first) {
      // "VXLAN: See Docker/Swarm section." under another heading: a pointer, not a second sense.
      if (CROSS_REFERENCE.test(term.definition)) {
        first.notes = dedupe([...(first.notes ?? []), `Also listed${term.category ? ` under ${term.category}` : ''}: ${term.definition}`]);
        warnings.push(`${e.where}: "${e.headword}" again, as a cross-reference ("${term.definition}"): kept as a note on the entry at ${first.where}`);
        continue;
      }
      // The same headword filed under another section: keep both senses, qualified by section.
      if (term.category && term.category !== first.category) {
        term.qualifier = term.qualifier ? `${term.qualifier}, ${term.category}` : term.category;
        key = keyOf(term);
      }
      const still = byKey.get(key);
      if (still) {
        const merged = mergeInto(still, term, e.where);
        warnings.push(`${e.where}: "${e.headword}" is defined twice (first at ${still.where}): merged into the first: ${merged}`);
        continue;
      }
      warnings.push(`${e.where}: "${e.headword}" is also defined at ${first.where}: qualified this one as "${term.term} (${term.qualifier})": check by hand`);
    }
    byKey.set(key, term);
    terms.push(term);
  }

  // Aliases: never another term's headword, never an alias an earlier term already has.
  const aliasOwner = new Map<string, string>();
  for (const t of terms) {
    const kept: string[] = [];
    for (const alias of t.aliases ?? []) {
      const key = alias.toLowerCase();
      const headOwner = byKey.get(key);
      if (headOwner && headOwner !== t) {
        warnings.push(`${t.where}: alias "${alias}" of "${t.term}" is the headword of the term at ${headOwner.where}: dropped`);
        continue;
      }
      const owner = aliasOwner.get(key);
      if (owner !== undefined) {
        warnings.push(`${t.where}: alias "${alias}" of "${t.term}" is already an alias of the term at ${owner}: dropped`);
        continue;
      }
      aliasOwner.set(key, t.where);
      kept.push(alias);
    }
    t.aliases = kept;
  }

  if (terms.length === 0) return { ok: false, error: `${input.name}: no terms left after removing duplicates` };
  const title = options.name ?? parsed.title ?? baseName(input.name);
  const pack: PackInput = {
    id: options.id ?? packId(options.name ?? parsed.title ?? baseName(input.name)),
    name: title,
    version: options.version ?? '1.0.0',
    description: parsed.description ?? `Imported from ${baseName(input.name)}.`,
    ...(options.source ? { source: options.source } : {}),
    ...(options.scope ? { scope: options.scope } : {}),
    terms: terms.map(({ where: _where, ...t }) => t),
  };
  // The guarantee: what we return validates exactly as `glossary check` will read it.
  const check = parsePack(emitPack(pack), input.name);
  if (!check.ok) return { ok: false, error: `${input.name}: the imported pack does not validate:\n${check.errors.map(formatError).join('\n')}` };
  return { ok: true, pack, warnings };
}
