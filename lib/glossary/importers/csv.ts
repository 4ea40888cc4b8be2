// Shape: spreadsheet exports, CSV or TSV, with a header row. Columns are found from the header:
// term, definition, aliases (synonyms, abbreviation), category, see (link, url, source) and notes;
// any other column is kept in the details under its header. Read with Papa Parse.
import Papa from 'papaparse';
import { lineColAt, lineStarts } from './lines';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const TERM = /^(?:terms?|name|word|headword|concept|entry|keyword|phrase|acronym|abbreviation|glossary|source term|english|en|en-us)$/i;
const DEFINITION = /defin|meaning|description|explanation|gloss$|^desc$|^def$/i;
const ALIASES = /^(?:aliases|alias|synonyms?|aka|also known as|variants?|other names|abbreviations?|acronyms?|expansion|full name)$/i;
const CATEGORY = /^(?:category|categories|domain|subject|topic|area|section|group|type|tags?)$/i;
const SEE = /^(?:see|see also|link|links|url|href|source|reference|references|more)$/i;
const NOTES = /^(?:notes?|comments?|usage|usage notes?|remarks?|context|examples?)$/i;

interface Cols {
  term: number;
  definition: number;
  aliases: number[];
  category: number;
  see: number[];
  notes: number[];
}

function columns(header: string[]): Cols | undefined {
  const h = header.map((x) => x.trim().replace(/^\uFEFF/, ''));
  const find = (re: RegExp, not: number[] = []) => h.findIndex((x, i) => re.test(x) && !not.includes(i));
  const term = find(TERM);
  if (term < 0) return undefined;
  const definition = find(DEFINITION, [term]);
  if (definition < 0) return undefined;
  const all = (re: RegExp) => h.map((x, i) => (re.test(x) && i !== term && i !== definition ? i : -1)).filter((i) => i >= 0);
  return { term, definition, aliases: all(ALIASES), category: find(CATEGORY, [term, definition]), see: all(SEE), notes: all(NOTES) };
}

function delimiterOf(input: { name: string; text: string }): string | undefined {
  if (/\.tsv$/i.test(input.name)) return '\t';
  const first = input.text.slice(0, input.text.indexOf('\n') >>> 0).replace(/^\uFEFF/, '');
  if (first.includes('\t')) return '\t';
  if (/\.csv$/i.test(input.name) || first.includes(',')) return first.split(';').length > first.split(',').length ? ';' : ',';
  return undefined;
}

/** "a; b", "a | b", or "a, b" when every item is a short name. */
function split(s: string): string[] {
  let items = s.split(/[;|]/).map((x) => x.trim()).filter(Boolean);
  if (items.length === 1 && s.includes(',')) {
    const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (parts.every((p) => p.split(' ').length <= 4)) items = parts;
  }
  return items;
}

function read(input: { name: string; text: string }): { entries: RawEntry[]; warnings: string[]; header?: string[]; cols?: Cols } {
  const delimiter = delimiterOf(input);
  if (!delimiter) return { entries: [], warnings: [] };
  const text = input.text.replace(/^\uFEFF/, '');
  const starts = lineStarts(text);
  const rows: Array<{ cells: string[]; offset: number }> = [];
  let offset = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (r) => {
      rows.push({ cells: r.data, offset });
      offset = r.meta.cursor;
    },
  });
  // Skip comment lines above the header ("#Version: …").
  let h = 0;
  while (h < rows.length && (rows[h]?.cells[0] ?? '').startsWith('#')) h++;
  const header = rows[h]?.cells ?? [];
  const cols = columns(header);
  const warnings: string[] = [];
  if (!cols) return { entries: [], warnings, header };
  const entries: RawEntry[] = [];
  for (const row of rows.slice(h + 1)) {
    const { line } = lineColAt(starts, row.offset + (text.slice(row.offset, row.offset + 2).startsWith('\n') ? 1 : 0));
    const where = `${input.name}:${line}:1`;
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const headword = cell(cols.term);
    const definition = cell(cols.definition).replace(/\s+/g, ' ');
    if (!headword && !definition) continue;
    if (!headword) {
      warnings.push(`${where}: row has an empty ${header[cols.term]} cell: skipped`);
      continue;
    }
    if (!definition) {
      warnings.push(`${where}: "${headword}" has an empty ${header[cols.definition]} cell: skipped`);
      continue;
    }
    const used = new Set([cols.term, cols.definition, cols.category, ...cols.aliases, ...cols.see, ...cols.notes]);
    const other = header.map((name, i) => ({ name, v: cell(i), i })).filter(({ i, v }) => v && !used.has(i));
    entries.push({
      headword,
      definition,
      where,
      aliases: cols.aliases.flatMap((i) => split(cell(i))),
      see: cols.see.flatMap((i) => split(cell(i))),
      notes: cols.notes.map(cell).filter(Boolean),
      ...(cell(cols.category) ? { category: cell(cols.category) } : {}),
      ...(other.length ? { details: other.map(({ name, v }) => `${name.trim()}: ${v}`).join('\n') } : {}),
    });
  }
  return { entries, warnings, header, cols };
}

export const csvImporter: Importer = {
  name: 'csv',
  describe: 'CSV or TSV with a header row naming a term column and a definition column',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const named = /\.(?:csv|tsv)$/i.test(input.name);
    if (!named && !/^[^\n]*(?:term|name|word|concept)[^\n]*[,\t;][^\n]*(?:defin|descr|meaning)/i.test(input.text.slice(0, 2000))) return 0;
    const n = read(input).entries.length;
    return n >= 1 ? n + (named ? 1000 : 0) : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text' || !/\.(?:csv|tsv)$/i.test(input.name)) return undefined;
    const r = read(input);
    return { score: 100, missing: `a spreadsheet, but its header (${(r.header ?? []).join(', ')}) names no term column (term, name, word, concept) and definition column (definition, description, meaning)` };
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the csv shape reads one file, not a folder` };
    const r = read(input);
    return { ok: true, entries: r.entries, warnings: r.warnings };
  },
};
