// Shape: HTML `<table>` (a term column and a definition column, found from the header) and `<dl>`
// (`<dt>` headwords, `<dd>` definitions), in an HTML page or inside Markdown (Grafana's glossary is
// a `<table>` in a Markdown file with front matter). Read with a real HTML parser (parse5); code in
// the Markdown is blanked out first, so an example table in a code block is not a glossary.
import type { Nodes } from 'mdast';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { extractSee } from './common';
import { collapseSpace, parseMarkdown } from './markdown';
import { columnsOf } from './table';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (n: Node): n is Element => 'tagName' in n;

function children(n: Node): Node[] {
  if (n.nodeName === 'template') return (n as DefaultTreeAdapterMap['template']).content.childNodes;
  return 'childNodes' in n ? n.childNodes : [];
}

function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

/** An element's content as inline Markdown: links, code and emphasis kept, other tags dropped. */
function inlineOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(n)) return '';
  const inner = () => children(n).map(inlineOf).join('');
  switch (n.tagName) {
    case 'script':
    case 'style':
      return '';
    case 'br':
      return ' ';
    case 'code':
      return `\`${inner()}\``;
    case 'strong':
    case 'b':
      return `**${inner()}**`;
    case 'em':
    case 'i':
      return `_${inner()}_`;
    case 'a': {
      const href = attr(n, 'href') ?? '';
      const text = inner();
      return /^(?:https?:\/\/|\/|\.|#)/i.test(href) && text.trim() ? `[${text}](${href})` : text;
    }
    case 'p':
    case 'div':
    case 'li':
      return ` ${inner()} `;
    default:
      return inner();
  }
}

const text = (n: Node) => collapseSpace(inlineOf(n));

function where(name: string, e: Element): string {
  const loc = e.sourceCodeLocation;
  return loc ? `${name}:${loc.startLine}:${loc.startCol}` : name;
}

/** Every element, in document order, with the nearest heading above it. */
function* walk(root: Node): Generator<Element> {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (isElement(n)) yield n;
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
}

const childElements = (e: Node, ...tags: string[]) => children(e).filter((c): c is Element => isElement(c) && tags.includes(c.tagName));

/** Rows of a table, through thead/tbody/tfoot. */
function rows(table: Element): Element[] {
  const out: Element[] = [];
  for (const c of childElements(table, 'tr', 'thead', 'tbody', 'tfoot')) {
    if (c.tagName === 'tr') out.push(c);
    else out.push(...childElements(c, 'tr'));
  }
  return out;
}

/** Markdown with every code block and code span blanked (offsets kept), so HTML examples in code are not read. */
function withoutCode(source: string): string {
  if (!/<(?:table|dl)\b/i.test(source)) return source;
  const doc = parseMarkdown(source);
  const ranges: Array<[number, number]> = [];
  const stack: Nodes[] = [doc.root];
  while (stack.length) {
    const n = stack.pop() as Nodes;
    if ((n.type === 'code' || n.type === 'inlineCode') && n.position?.start.offset !== undefined && n.position.end.offset !== undefined) ranges.push([n.position.start.offset, n.position.end.offset]);
    else if ('children' in n) stack.push(...(n.children as Nodes[]));
  }
  if (!ranges.length) return doc.source;
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let pos = 0;
  for (const [s, e] of ranges) {
    if (s < pos) continue;
    parts.push(doc.source.slice(pos, s), doc.source.slice(s, e).replace(/[^\n]/g, ' '));
    pos = e;
  }
  parts.push(doc.source.slice(pos));
  return parts.join('');
}

interface Scan {
  entries: RawEntry[];
  warnings: string[];
  title?: string;
  tables: number;
}

const HEADING = /^h[1-6]$/;
/** A Markdown heading line, for categories when the HTML sits inside Markdown. */
const MD_HEADING = /^(#{1,6})[ \t]+(.+)$/;

function scan(input: { name: string; text: string }): Scan {
  const name = input.name;
  const source = withoutCode(input.text.replace(/^\uFEFF/, ''));
  const out: Scan = { entries: [], warnings: [], tables: 0 };
  if (!/<(?:table|dl)\b/i.test(source)) return out;
  // Markdown headings by offset, for the category of a table that follows one.
  const mdHeadings: Array<{ offset: number; title: string; level: number }> = [];
  let offset = 0;
  for (const line of source.split('\n')) {
    const m = MD_HEADING.exec(line.trimEnd());
    if (m) mdHeadings.push({ offset, level: (m[1] ?? '#').length, title: (m[2] ?? '').replace(/[ \t]#+$/, '').trim() });
    offset += line.length + 1;
  }
  const doc = parse(source, { sourceCodeLocationInfo: true });
  let htmlHeading: { offset: number; title: string } | undefined;
  const categoryAt = (e: Element): string | undefined => {
    const at = e.sourceCodeLocation?.startOffset ?? 0;
    let md: { offset: number; title: string; level: number } | undefined;
    for (const h of mdHeadings) if (h.offset < at && h.level > 1) md = h;
    const best = [md, htmlHeading].filter((h): h is { offset: number; title: string } => !!h && h.offset < at).sort((a, b) => b.offset - a.offset)[0];
    return best?.title;
  };
  const title = mdHeadings.find((h) => h.level === 1)?.title;
  if (title) out.title = title;
  for (const e of walk(doc)) {
    if (HEADING.test(e.tagName)) {
      const t = text(e);
      if (e.tagName === 'h1' && !out.title) out.title = t;
      else if (t) htmlHeading = { offset: e.sourceCodeLocation?.startOffset ?? 0, title: t };
      continue;
    }
    if (e.tagName === 'table') readTable(e, name, categoryAt(e), out);
    else if (e.tagName === 'dl') readList(e, name, categoryAt(e), out);
  }
  return out;
}

function readTable(table: Element, name: string, category: string | undefined, out: Scan): void {
  const rs = rows(table);
  const head = rs[0];
  if (!head || rs.length < 2) return;
  let headerCells = childElements(head, 'th', 'td').map(text);
  let body = rs.slice(1);
  // A table without a header row (no <th>, a long second cell): every row is a term, then its definition.
  if (childElements(head, 'th').length === 0 && !/^(?:terms?|name|word|concept|acronym|abbreviation)$/i.test(headerCells[0] ?? '') && (headerCells[1] ?? '').length > 30) {
    headerCells = headerCells.map((_c, i) => (i === 0 ? 'Term' : i === 1 ? 'Definition' : `Column ${i + 1}`));
    body = rs;
  }
  const cols = columnsOf(headerCells, true);
  if (cols.definition < 0 || cols.count < 2) {
    out.warnings.push(`${where(name, table)}: table has no definition column (header: ${headerCells.join(' | ')}): skipped`);
    return;
  }
  out.tables++;
  for (const row of body) {
    const cells = childElements(row, 'td', 'th');
    const values = cells.map(text);
    const at = where(name, row);
    const headword = values[cols.term] ?? '';
    const definition = values[cols.definition] ?? '';
    if (!headword) {
      out.warnings.push(`${at}: table row has an empty term cell: skipped`);
      continue;
    }
    if (!definition) {
      out.warnings.push(`${at}: "${headword}" has an empty definition cell: skipped`);
      continue;
    }
    const { text: def, see } = extractSee(definition);
    const ref = cols.ref >= 0 ? values[cols.ref] : undefined;
    const other = headerCells.map((h, i) => ({ h, v: values[i] ?? '', i })).filter(({ i, v }) => v && i !== cols.term && i !== cols.definition && i !== cols.ref);
    out.entries.push({
      headword,
      definition: def || definition,
      where: at,
      see: [...see, ...(ref ? [ref] : [])],
      ...(other.length ? { details: other.map(({ h, v }) => `${h}: ${v}`).join('\n') } : {}),
      ...(category ? { category } : {}),
    });
  }
}

function readList(dl: Element, name: string, category: string | undefined, out: Scan): void {
  // `<div>` groups are allowed around each dt/dd pair.
  const items = childElements(dl, 'dt', 'dd', 'div').flatMap((c) => (c.tagName === 'div' ? childElements(c, 'dt', 'dd') : [c]));
  let heads: Element[] = [];
  let defs: string[] = [];
  const flush = () => {
    const first = heads[0];
    if (first) {
      const headword = text(first);
      const [definition = '', ...details] = defs;
      if (!headword) out.warnings.push(`${where(name, first)}: <dt> is empty: skipped`);
      else if (!definition) out.warnings.push(`${where(name, first)}: "${headword}" has no <dd> definition: skipped`);
      else {
        const { text: def, see } = extractSee(definition);
        out.entries.push({
          headword,
          definition: def || definition,
          where: where(name, first),
          see,
          aliases: heads.slice(1).map(text).filter(Boolean),
          ...(details.length ? { details: details.join('\n\n') } : {}),
          ...(category ? { category } : {}),
        });
      }
    }
    heads = [];
    defs = [];
  };
  for (const item of items) {
    if (item.tagName === 'dt') {
      if (defs.length) flush();
      heads.push(item);
    } else {
      const t = text(item);
      if (t) defs.push(t);
    }
  }
  flush();
}

export const htmlImporter: Importer = {
  name: 'html',
  describe: 'HTML `<table>` with a term and a definition column, or `<dl>` (`<dt>` term, `<dd>` definition), in HTML or inside Markdown',
  detect(input: ImportInput): number {
    if (input.kind !== 'text' || !/<(?:table|dl)\b/i.test(input.text)) return 0;
    const n = scan(input).entries.length;
    return n >= 2 ? n : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text' || !/<(?:table|dl)\b/i.test(input.text)) return undefined;
    const s = scan(input);
    return { score: 1, missing: s.warnings[0] ?? 'an HTML <table> or <dl>, but fewer than two rows with a term and a definition' };
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the html shape reads one file, not a folder` };
    const s = scan(input);
    return { ok: true, entries: s.entries, warnings: s.warnings, ...(s.title ? { title: s.title } : {}) };
  },
};
