// Shape: bold headword bullets — `* **Term** definition`, `- **Term**: definition`,
// `- **Term** — definition` — as list items (or paragraphs with a dash after the bold headword),
// under optional `##` category headings. Further blocks of the item are details.
import type { ListItem, Paragraph, PhrasingContent } from 'mdast';
import { extractSee } from './common';
import { at, blockText, collapseSpace, headingTitle, inline, parseMarkdown, plain, type MarkdownDoc } from './markdown';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

/** Lead-ins of a remark, not headwords: "**Note** pods are ephemeral". */
const REMARK_HEAD = /^(?:notes?|nb|n\.b\.|tips?|hint|warning|caution|important|danger|examples?|e\.g\.|see also|also|todo|fixme|deprecated)$/i;
/** What may stand between the bold headword and its definition. */
const SEPARATOR = /^\s*(?:[:：]|[—–]|-{1,2}(?=\s)|=)?\s*/;

interface Found {
  head: string;
  rest: string;
  node: Paragraph;
}

/** A paragraph that opens with a bold headword: the headword and the text after it. */
export function boldLead(p: Paragraph, needDash: boolean): Found | undefined {
  const kids = p.children;
  let i = 0;
  while (i < kids.length && kids[i]?.type === 'text' && !(kids[i] as { value: string }).value.trim()) i++;
  const strong = kids[i];
  if (!strong || strong.type !== 'strong') return undefined;
  const head = collapseSpace(inline(strong.children)).replace(/[:：]$/, '').trim();
  if (!head || head.length > 80 || REMARK_HEAD.test(plain(strong).replace(/[:：]$/, '').trim())) return undefined;
  const after = collapseSpace(inline(kids.slice(i + 1) as PhrasingContent[]));
  const sep = SEPARATOR.exec(after)?.[0] ?? '';
  if (needDash && !/[—–-]/.test(sep)) return undefined;
  return { head, rest: after.slice(sep.length).trim(), node: p };
}

function fromItem(item: ListItem): Found | undefined {
  const first = item.children[0];
  return first?.type === 'paragraph' ? boldLead(first, false) : undefined;
}

interface Scan {
  entries: Array<{ found: Found; details: string[]; category?: string }>;
  title?: string;
  intro: string[];
}

function scan(doc: MarkdownDoc): Scan {
  const out: Scan = { entries: [], intro: [] };
  let category: string | undefined;
  for (const node of doc.root.children) {
    if (node.type === 'heading') {
      const title = headingTitle(node);
      if (node.depth === 1 && !out.title && out.entries.length === 0) out.title = title;
      else category = title;
      continue;
    }
    if (node.type === 'list') {
      for (const item of node.children) {
        const found = fromItem(item);
        if (!found) continue;
        const details = item.children.slice(1).map((c) => blockText(doc, c)).filter(Boolean);
        out.entries.push({ found, details, ...(category ? { category } : {}) });
      }
      continue;
    }
    if (node.type === 'paragraph') {
      const found = boldLead(node, true);
      if (found) out.entries.push({ found, details: [], ...(category ? { category } : {}) });
      else if (out.entries.length === 0 && category === undefined) out.intro.push(blockText(doc, node));
    }
  }
  return out;
}

export const bulletsImporter: Importer = {
  name: 'bullets',
  describe: 'bold headword bullets (`* **Term** definition`, `- **Term**: definition`, `- **Term** — definition`)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const n = scan(parseMarkdown(input.text)).entries.length;
    return n >= 2 ? n : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text') return undefined;
    const n = scan(parseMarkdown(input.text)).entries.length;
    return n === 1 ? { score: 1, missing: 'one bullet opens with a bold headword; a glossary needs at least two `- **Term** definition` items' } : undefined;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the bullets shape reads one file, not a folder` };
    const doc = parseMarkdown(input.text);
    const s = scan(doc);
    const warnings: string[] = [];
    const entries: RawEntry[] = [];
    for (const { found, details, category } of s.entries) {
      const where = at(input.name, found.node);
      let definition = found.rest;
      const more = [...details];
      if (!definition && more.length) definition = more.shift() ?? '';
      if (!definition) {
        warnings.push(`${where}: "${found.head}" has no definition: skipped`);
        continue;
      }
      const { text, see } = extractSee(definition);
      entries.push({ headword: found.head, definition: text || definition, see, where, ...(more.length ? { details: more.join('\n\n') } : {}), ...(category ? { category } : {}) });
    }
    return { ok: true, entries, warnings, ...(s.title ? { title: s.title } : {}), ...(s.intro.length ? { description: s.intro.join(' ') } : {}) };
  },
};
