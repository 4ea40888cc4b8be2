// Shape 3: one heading per term — `## Term` / `### Term` followed by the definition paragraph(s).
// The first paragraph is the definition, the rest are details; a heading that has sub-headings is a
// category, and a lone `#` heading at the top is the glossary's title.
import { collapse, dropPipeOnly, extractSee, fenceReader, mdHeading, stripCaptureHeader, toLines, type Line, unclosedFenceWarning } from './common';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

interface Block {
  level: number;
  title: string;
  line: number;
  paragraphs: string[];
}

/** Split the document into heading blocks, each with its paragraphs (fenced code kept whole). */
function blocks(lines: Line[]): { before: string[]; blocks: Block[]; unclosedFence?: number } {
  const out: Block[] = [];
  const before: string[] = [];
  let cur: Block | undefined;
  let para: string[] = [];
  const add = (text: string) => {
    if (cur) cur.paragraphs.push(text);
    else before.push(text);
  };
  const flush = () => {
    if (para.length) add(collapse(para.join(' ')));
    para = [];
  };
  // A fenced block is one paragraph, line breaks kept; headings inside it are code.
  const keepCode = (block: Line[]) => {
    flush();
    add(block.map((l) => l.text).join('\n'));
  };
  const fences = fenceReader<Line>(keepCode);
  for (const l of lines) {
    if (fences.take(l)) continue;
    const t = l.text;
    const h = mdHeading(t.trim());
    if (h) {
      flush();
      cur = { level: h.level, title: h.title, line: l.n, paragraphs: [] };
      out.push(cur);
      continue;
    }
    if (!t.trim()) flush();
    else para.push(/^\s*[-*+]\s/.test(t) && para.length ? `\n${t.trim()}` : t.trim());
  }
  const open = fences.end();
  if (open) keepCode(open);
  flush();
  return { before, blocks: out, ...(open ? { unclosedFence: open[0]!.n } : {}) };
}

function leafCount(bs: Block[]): number {
  return bs.filter((b, i) => {
    const next = bs[i + 1];
    const hasChildren = next !== undefined && next.level > b.level;
    return !hasChildren && b.paragraphs.length > 0 && b.title.split(/\s+/).length <= 8;
  }).length;
}

export const headingsImporter: Importer = {
  name: 'headings',
  describe: 'one heading per term (`## Term` / `### Term` followed by definition paragraphs)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const n = leafCount(blocks(toLines(input.text)).blocks);
    return n >= 2 ? n / 2 : 0;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the headings shape reads one file, not a folder` };
    const name = input.name;
    const header = stripCaptureHeader(toLines(input.text), name);
    const { before, blocks: bs, unclosedFence } = blocks(dropPipeOnly(header.lines));
    const warnings: string[] = header.warning ? [header.warning] : [];
    if (unclosedFence !== undefined) warnings.push(unclosedFenceWarning(name, unclosedFence));
    const entries: RawEntry[] = [];
    let title: string | undefined;
    let description: string | undefined = before.length ? before.join(' ') : undefined;
    // Categories by level: the nearest enclosing heading that has sub-headings.
    const parents: Array<{ level: number; title: string }> = [];

    const topLevel = bs.filter((b) => b.level === 1);
    bs.forEach((b, i) => {
      const next = bs[i + 1];
      const hasChildren = next !== undefined && next.level > b.level;
      while (parents.length && (parents[parents.length - 1]?.level ?? 0) >= b.level) parents.pop();
      if (i === 0 && b.level === 1 && topLevel.length === 1) {
        title = b.title;
        if (b.paragraphs.length) description = b.paragraphs.join(' ');
        return;
      }
      if (hasChildren) {
        parents.push({ level: b.level, title: b.title });
        if (b.paragraphs.length) warnings.push(`${name}:${b.line}: text under the category heading "${b.title}" is not a term: skipped`);
        return;
      }
      if (!b.paragraphs.length) {
        warnings.push(`${name}:${b.line}: heading "${b.title}" has no definition: skipped`);
        return;
      }
      const [first = '', ...rest] = b.paragraphs;
      const { text, see } = extractSee(first);
      const category = parents.filter((p) => !(p.level === 1 && p.title === title)).at(-1)?.title;
      entries.push({
        headword: b.title,
        definition: text || first,
        see,
        where: `${name}:${b.line}`,
        ...(rest.length ? { details: rest.join('\n\n') } : {}),
        ...(category ? { category } : {}),
      });
    });
    return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(description ? { description } : {}) };
  },
};
