// Shape: one heading per term — `## Term` / `### Term` followed by the definition paragraph(s).
// The first block under the heading is the definition, the rest are details; a heading that has
// sub-headings is a category, and a lone `#` heading at the top is the glossary's title.
// Read from the Markdown tree, so a `# comment` inside fenced code is code, not a heading.
import { extractSee } from './common';
import { at, blockText, collapseSpace, inline, parseMarkdown, unclosedFence, type MarkdownDoc } from './markdown';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

interface Block {
  level: number;
  title: string;
  where: string;
  paragraphs: string[];
}

/** The document as heading blocks, each with the text of the blocks under it. */
function blocks(doc: MarkdownDoc, name: string): { before: string[]; blocks: Block[]; unclosed?: string } {
  const out: Block[] = [];
  const before: string[] = [];
  let cur: Block | undefined;
  let unclosed: string | undefined;
  for (const node of doc.root.children) {
    if (node.type === 'yaml' || node.type === 'definition') continue;
    if (node.type === 'heading') {
      cur = { level: node.depth, title: collapseSpace(inline(node.children)).replace(/\s*¶$/, ''), where: at(name, node), paragraphs: [] };
      out.push(cur);
      continue;
    }
    if (node.type === 'code' && unclosedFence(doc, node)) unclosed = at(name, node);
    const text = blockText(doc, node);
    if (!text) continue;
    if (cur) cur.paragraphs.push(text);
    else before.push(text);
  }
  return { before, blocks: out, ...(unclosed ? { unclosed } : {}) };
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
    const n = leafCount(blocks(parseMarkdown(input.text), input.name).blocks);
    return n >= 2 ? n / 2 : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text') return undefined;
    const bs = blocks(parseMarkdown(input.text), input.name).blocks;
    if (bs.length === 0) return undefined;
    return { score: bs.length, missing: `${bs.length} heading(s), but fewer than two have a paragraph under them: write the definition below each \`## Term\`` };
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the headings shape reads one file, not a folder` };
    const name = input.name;
    const doc = parseMarkdown(input.text);
    const { before, blocks: bs, unclosed } = blocks(doc, name);
    const warnings: string[] = [];
    if (unclosed !== undefined) warnings.push(`${unclosed}: code fence is never closed: kept the rest of the file as code`);
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
        if (b.paragraphs.length) warnings.push(`${b.where}: text under the category heading "${b.title}" is not a term: skipped`);
        return;
      }
      if (!b.paragraphs.length) {
        warnings.push(`${b.where}: heading "${b.title}" has no definition: skipped`);
        return;
      }
      const [first = '', ...rest] = b.paragraphs;
      const { text, see } = extractSee(first);
      const category = parents.filter((p) => !(p.level === 1 && p.title === title)).at(-1)?.title;
      entries.push({
        headword: b.title,
        definition: text || first,
        see,
        where: b.where,
        ...(rest.length ? { details: rest.join('\n\n') } : {}),
        ...(category ? { category } : {}),
      });
    });
    return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(description ? { description } : {}) };
  },
};
