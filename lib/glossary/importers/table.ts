// Shape 2: Markdown tables with a term column and a definition column (and an optional reference
// column), under category headings (`##`, or rendered heading lines such as "Workloads¶").
// Captures split rows over lines where a cell was code ("spec vs status |" then "… | ref |"), or
// wrap the last cell to the next line: cells are gathered until the row has all its columns.
// That only works for tables whose lines end with a pipe. In a table written without the closing
// pipe (`Term | Definition`, `| Pod | x`), every line holding a pipe is a row of its own.
import { collapse, extractSee, mdHeading, pos, stripCaptureHeader, toLines, type Line } from './common';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Cells of one table line: leading/trailing pipes dropped, `\|` kept inside a cell. */
export function splitCells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

export interface Columns {
  count: number;
  term: number;
  definition: number;
  ref: number;
  header: string[];
  /** The header line ends with a pipe: a row line without one leaves its last cell open. */
  closed: boolean;
}

/** The line ends with a cell-closing pipe (not an escaped `\|` inside the last cell). */
function endsWithPipe(text: string): boolean {
  return text.endsWith('|') && !text.endsWith('\\|');
}

export function columnsOf(header: string[], closed: boolean): Columns {
  const find = (re: RegExp) => header.findIndex((h) => re.test(h.replace(/[*_`]/g, '')));
  let term = find(/^(term|terms|name|word|headword|concept|acronym|abbreviation|glossary)$/i);
  let definition = find(/defin|meaning|description|explanation|what it (is|means)/i);
  const ref = find(/covered|see|ref|chapter|source|link|where/i);
  if (term < 0) term = 0;
  // Without a definition header, the first column after the term that is not the reference one.
  if (definition < 0 && header.length >= 2) {
    const candidate = header.findIndex((_h, i) => i !== term && i !== ref);
    definition = candidate;
  }
  return { count: header.length, term, definition, ref: ref === term || ref === definition ? -1 : ref, header, closed };
}

function isHeadingLine(text: string): string | undefined {
  const h = mdHeading(text);
  if (h) return h.title;
  if (/¶\s*$/.test(text) && !text.includes('|')) return text.replace(/¶\s*$/, '').trim();
  const bold = /^\*\*([^*]+)\*\*$/.exec(text.trim());
  return bold?.[1]?.trim();
}

function tableCount(lines: Line[]): number {
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    if (SEPARATOR.test(lines[i]?.text ?? '') && (lines[i - 1]?.text ?? '').includes('|')) {
      for (let j = i + 1; j < lines.length && (lines[j]?.text ?? '').includes('|'); j++) rows++;
    }
  }
  return rows;
}

export const tableImporter: Importer = {
  name: 'table',
  describe: 'Markdown tables (`| Term | Definition | Covered in |`) under category headings',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const rows = tableCount(toLines(input.text));
    return rows >= 2 ? rows : 0;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the table shape reads one file, not a folder` };
    const name = input.name;
    const header = stripCaptureHeader(toLines(input.text), name);
    const lines = header.lines;
    const entries: RawEntry[] = [];
    const warnings: string[] = header.warning ? [header.warning] : [];
    let title: string | undefined;
    const intro: string[] = [];
    let category: string | undefined;
    let cols: Columns | undefined;
    let skipTable = false;
    // The row being gathered: its cells and the line it started on.
    let pending: { cells: string[]; line: number; open: boolean } | undefined;

    const flush = () => {
      if (!pending || !cols) {
        pending = undefined;
        return;
      }
      const { cells, line } = pending;
      pending = undefined;
      const where = `${name}:${line}:1`;
      if (cells.length < cols.count) {
        // A row short of its reference cell is still a term; short of a definition it is not.
        if (cells.length <= cols.definition) {
          warnings.push(`${where}: table row has no definition cell (${cells.length} of ${cols.count} cells: "${cells.join(' | ').slice(0, 60)}"): skipped`);
          return;
        }
        warnings.push(`${where}: table row has ${cells.length} of ${cols.count} cells: the missing cells are left empty`);
      } else if (cells.length > cols.count) {
        warnings.push(`${where}: table row has ${cells.length} cells, the header has ${cols.count}: extra cells joined into the last column`);
        const extra = cells.splice(cols.count - 1).join(' | ');
        cells.push(extra);
      }
      const headword = (cells[cols.term] ?? '').trim();
      const rawDef = collapse(cells[cols.definition] ?? '');
      if (!headword) {
        warnings.push(`${where}: table row has an empty term cell: skipped`);
        return;
      }
      if (!rawDef) {
        warnings.push(`${where}: "${headword}" has an empty definition cell: skipped`);
        return;
      }
      const { text: definition, see: chapterSee } = extractSee(rawDef);
      const refCell = cols.ref >= 0 ? (cells[cols.ref] ?? '').trim() : '';
      const see = [...chapterSee, ...splitRefCell(refCell)];
      // Any other columns are kept as details, named by their header.
      const other = cols.header
        .map((h, i) => ({ h, v: (cells[i] ?? '').trim(), i }))
        .filter(({ i, v }) => v && i !== cols?.term && i !== cols?.definition && i !== cols?.ref)
        .map(({ h, v }) => `${h}: ${v}`);
      entries.push({
        headword,
        definition: definition || rawDef,
        where,
        see,
        ...(other.length ? { details: other.join('\n') } : {}),
        ...(category ? { category } : {}),
      });
    };

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as Line;
      const text = line.text.trim();
      const next = lines[i + 1]?.text ?? '';
      if (!text) {
        // A blank line ends a table, a row with it.
        flush();
        if (cols) cols = undefined;
        continue;
      }
      // Header row: the next line is the |---| separator.
      if (text.includes('|') && SEPARATOR.test(next)) {
        flush();
        const headerCells = splitCells(text);
        cols = columnsOf(headerCells, endsWithPipe(text));
        skipTable = false;
        if (cols.definition < 0 || cols.count < 2) {
          warnings.push(`${pos(name, line)}: table has no definition column (header: ${headerCells.join(' | ')}): skipped`);
          skipTable = true;
        }
        i++;
        continue;
      }
      // A rendered heading: marked (#, ¶, bold) or a short line right above a table header.
      const aboveTable = (lines[i + 1]?.text ?? '').includes('|') && SEPARATOR.test(lines[i + 2]?.text ?? '');
      const heading = text.includes('|') ? undefined : (isHeadingLine(text) ?? (aboveTable && text.length <= 80 && !/[.:;,]$/.test(text) ? text : undefined));
      if (heading !== undefined) {
        flush();
        cols = undefined;
        if (!title && entries.length === 0 && category === undefined) title = heading;
        else category = heading;
        continue;
      }
      if (cols && text.includes('|')) {
        if (skipTable) continue;
        const cells = splitCells(text);
        if (!cols.closed) {
          // No closing pipes in this table: the line is a whole row. It stays pending (open) only so
          // that a wrapped line without pipes can still continue its last cell.
          flush();
          pending = { cells, line: line.n, open: true };
          continue;
        }
        // A line starting with a pipe starts a new row, unless the row above left its last cell
        // open and still lacks cells; a full row without its closing pipe is complete.
        if (pending && text.startsWith('|') && (!pending.open || pending.cells.length >= cols.count)) flush();
        if (!pending) pending = { cells: [], line: line.n, open: false };
        // A line that does not start a row continues it; if the previous line left its last cell
        // open (no closing pipe), this line's first cell continues that cell.
        if (pending.open) appendOpen(pending.cells, cells);
        else pending.cells.push(...cells);
        pending.open = !endsWithPipe(text);
        if (pending.cells.length >= cols.count && !pending.open) flush();
        continue;
      }
      if (cols && pending) {
        // A wrapped line without pipes continues the last cell.
        appendOpen(pending.cells, [text]);
        pending.open = true;
        continue;
      }
      // Prose outside tables: the intro, or something we cannot place.
      if (!cols && entries.length === 0 && category === undefined) intro.push(text);
      else if (!cols) warnings.push(`${pos(name, line)}: text outside any table: "${text.slice(0, 60)}": skipped`);
      else warnings.push(`${pos(name, line)}: line in a table that is not a row: "${text.slice(0, 60)}": skipped`);
    }
    flush();
    if (pending) flush();
    return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(intro.length ? { description: collapse(intro.join(' ')) } : {}) };
  },
};

function appendOpen(cells: string[], more: string[]): void {
  if (cells.length === 0) {
    cells.push(...more);
    return;
  }
  const [first = '', ...rest] = more;
  cells[cells.length - 1] = `${cells[cells.length - 1] ?? ''} ${first}`.trim();
  cells.push(...rest);
}

/** "07-delivery/04-gitops-argocd.md", "[Chapter 3](ch3.md), Chapter 5" → separate references. */
function splitRefCell(cell: string): string[] {
  if (!cell) return [];
  return cell
    .split(/\s*(?:<br\s*\/?>|;|,\s+(?=\[|\S+\.md\b|Chapter|https?:))\s*/i)
    .map((r) => {
      const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(r.trim());
      return (link ? link[2] : r)?.replace(/`/g, '').trim() ?? '';
    })
    .filter(Boolean);
}
