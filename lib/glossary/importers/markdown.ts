// The Markdown reader the importers share: one mdast tree (CommonMark, GFM tables, front matter)
// with source positions, and the helpers that turn its nodes back into the inline Markdown a pack
// stores. Shapes are small recognisers over this tree.
import type { Code, Heading, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';

export type { Code, Heading, Nodes, PhrasingContent, Root, RootContent };

/**
 * Delimiters whose unmatched runs make the Markdown parser's inline resolution grow with the square
 * of their number. Each stands in for itself in a block that holds too many of them, as a private-use
 * character of the same UTF-16 length, so offsets (and line:col) stay true; `restore` maps them back.
 */
const HOSTILE = '[]*_~<!';
const STAND_IN = 0xe000;
/** Past this many delimiters in one line or one block, the block is read with them as plain text. */
const LINE_BUDGET = 256;
const BLOCK_BUDGET = 512;

function neutralise(text: string): string {
  const codes = new Set([...HOSTILE].map((c) => c.charCodeAt(0)));
  const parts: string[] = [];
  let changed = false;
  let start = 0;
  let blockCount = 0;
  let lineCount = 0;
  let hot = false;
  let blank = true;
  const endBlock = (end: number) => {
    const piece = text.slice(start, end);
    parts.push(hot ? piece.replace(/[[\]*_~<!]/g, (c) => String.fromCharCode(STAND_IN + HOSTILE.indexOf(c))) : piece);
    changed ||= hot;
    start = end;
    blockCount = 0;
    hot = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // A blank line ends the block, and every inline context in it.
      if (blank) endBlock(i + 1);
      lineCount = 0;
      blank = true;
      continue;
    }
    if (blank && c !== 32 && c !== 9 && c !== 13) {
      blank = false;
      // A list item, table row, heading or quote line opens its own inline context.
      if (opensBlock(text, i)) {
        endBlock(lineStartOf(text, i));
        if (c === 42 || c === 43 || c === 45) continue;
      }
    }
    if (codes.has(c)) {
      blockCount++;
      lineCount++;
      if (blockCount > BLOCK_BUDGET || lineCount > LINE_BUDGET) hot = true;
    }
  }
  endBlock(text.length);
  return changed ? parts.join('') : text;
}

function lineStartOf(text: string, i: number): number {
  let j = i;
  while (j > 0 && text.charCodeAt(j - 1) !== 10) j--;
  return j;
}

/** Does the line whose first non-blank character is at `i` start a list item, table row, heading or quote? */
function opensBlock(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === 124 || c === 35 || c === 62) return true;
  if ((c === 42 || c === 43 || c === 45) && (next === 32 || next === 9)) return true;
  let j = i;
  while (j < text.length && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j > i && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 41) && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9);
}

const STAND_INS = new RegExp(`[\\u${STAND_IN.toString(16)}-\\u${(STAND_IN + HOSTILE.length - 1).toString(16)}]`, 'g');

/** The text with every stand-in turned back into its delimiter. */
export function restore(s: string): string {
  return s.replace(STAND_INS, (c) => HOSTILE[c.charCodeAt(0) - STAND_IN] ?? c);
}

export interface MarkdownDoc {
  root: Root;
  /** The source as given (BOM removed): node offsets index into it. */
  source: string;
  /** Front matter, when the file opens with a `---` YAML block. */
  frontmatter?: { value: string; line: number };
}

/** Detection and parsing read the same text: the last tree is kept for the next call. */
let lastParsed: { text: string; doc: MarkdownDoc } | undefined;

export function parseMarkdown(text: string): MarkdownDoc {
  if (lastParsed?.text === text) return lastParsed.doc;
  const doc = parseFresh(text);
  lastParsed = { text, doc };
  return doc;
}

function parseFresh(text: string): MarkdownDoc {
  const source = text.replace(/^\uFEFF/, '');
  const root = fromMarkdown(neutralise(source), {
    // GFM tables and strikethrough only: bare-URL autolinks, footnotes and task lists carry no
    // glossary structure, and the autolink scan costs a third of the parse.
    extensions: [gfmTable(), gfmStrikethrough(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
  const first = root.children[0];
  const fm = first?.type === 'yaml' ? { value: restore(first.value), line: (first.position?.start.line ?? 1) + 1 } : undefined;
  return { root, source, ...(fm ? { frontmatter: fm } : {}) };
}

/** "file:line:col" of a node's start. */
export function at(name: string, node: Nodes | undefined): string {
  const p = node?.position?.start;
  return p ? `${name}:${p.line}:${p.column}` : name;
}

export function lineOf(node: Nodes | undefined): number {
  return node?.position?.start.line ?? 1;
}

/** The source text a node was parsed from. */
export function sourceOf(doc: MarkdownDoc, node: Nodes): string {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? '' : doc.source.slice(s, e);
}

/** Inline nodes back to the inline Markdown a pack stores (code, emphasis, links kept). */
export function inline(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) out += inlineNode(n);
  return out;
}

function inlineNode(n: PhrasingContent): string {
  switch (n.type) {
    case 'text':
      return restore(n.value);
    case 'inlineCode':
      return n.value.includes('`') ? `\`\` ${restore(n.value)} \`\`` : `\`${restore(n.value)}\``;
    case 'strong':
      return `**${inline(n.children)}**`;
    case 'emphasis':
      return `_${inline(n.children)}_`;
    case 'delete':
      return `~~${inline(n.children)}~~`;
    case 'link': {
      const text = inline(n.children);
      return /^https?:\/\//i.test(n.url) || n.url.startsWith('/') || n.url.startsWith('.') || n.url.startsWith('#') ? `[${text}](${n.url})` : text;
    }
    case 'image':
      return n.alt ? restore(n.alt) : '';
    case 'break':
      return ' ';
    case 'html':
      return '';
    case 'linkReference':
      return inline(n.children);
    case 'footnoteReference':
      return '';
    case 'imageReference':
      return n.alt ? restore(n.alt) : '';
    default: {
      const other = n as { value?: unknown };
      return typeof other.value === 'string' ? restore(other.value) : '';
    }
  }
}

/** Plain text of a node: inline markup dropped. */
export function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : restore(node.value);
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  if (node.type === 'image') return node.alt ?? '';
  return '';
}

export function collapseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * A block as pack text: a paragraph's inline Markdown, a list as "- item" lines, code as its fenced
 * source. Returns '' for what carries no text (html comments, thematic breaks).
 */
export function blockText(doc: MarkdownDoc, node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
      return collapseSpace(inline(node.children));
    case 'heading':
      return collapseSpace(inline(node.children));
    case 'code':
      return sourceOf(doc, node).replace(/\s+$/, '');
    case 'list':
      return node.children
        .map((item, i) => `${node.ordered ? `${(node.start ?? 1) + i}.` : '-'} ${item.children.map((c) => blockText(doc, c)).filter(Boolean).join(' ')}`)
        .join('\n');
    case 'blockquote':
      return node.children.map((c) => blockText(doc, c)).filter(Boolean).join(' ');
    case 'table':
      return node.children.map((row) => `| ${row.children.map((c) => collapseSpace(inline(c.children))).join(' | ')} |`).join('\n');
    case 'html':
      return '';
    default:
      return '';
  }
}

/** A fenced code block whose closing fence never came (it runs to the end of the file). */
export function unclosedFence(doc: MarkdownDoc, node: Code): boolean {
  const src = sourceOf(doc, node);
  const open = /^[ \t]*(`{3,}|~{3,})/.exec(src)?.[1];
  if (!open) return false;
  const lines = src.split('\n');
  if (lines.length < 2) return true;
  const last = (lines[lines.length - 1] ?? '').trim();
  return !(last.length >= open.length && [...last].every((c) => c === open[0]));
}

/** The heading text (links and emphasis to plain text, a trailing ¶ anchor dropped). */
export function headingTitle(h: Heading): string {
  return collapseSpace(plain(h)).replace(/\s*¶$/, '');
}
