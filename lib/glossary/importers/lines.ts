// Line helpers for the shapes that are not Markdown (reStructuredText, AsciiDoc) and for reading
// source lines of Markdown blocks. Every helper is one pass over its input.
import type { Nodes } from 'mdast';
import type { MarkdownDoc } from './markdown';

export interface SourceLine {
  /** 1-based line number. */
  n: number;
  text: string;
  /** Width of the leading white space (a tab counts as up to the next multiple of 8). */
  indent: number;
}

export function indentOf(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') w++;
    else if (c === '\t') w = w + 8 - (w % 8);
    else return w;
  }
  return w;
}

export function sourceLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((t, i) => {
      const text = t.trimEnd();
      return { n: i + 1, text, indent: indentOf(text) };
    });
}

/** Line numbers covered by code blocks of the Markdown tree (fences included). */
export function codeLines(doc: MarkdownDoc): Set<number> {
  const out = new Set<number>();
  const stack: Nodes[] = [doc.root];
  while (stack.length) {
    const n = stack.pop() as Nodes;
    if (n.type === 'code' && n.position) for (let l = n.position.start.line; l <= n.position.end.line; l++) out.add(l);
    else if ('children' in n) stack.push(...(n.children as Nodes[]));
  }
  return out;
}

/** Offsets of line starts, for turning an offset into line:col. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineColAt(starts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
}

/** Paragraphs of indented text: runs of non-blank lines, joined with spaces. */
export function paragraphs(lines: SourceLine[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (!l.text.trim()) {
      if (cur.length) out.push(cur.join(' '));
      cur = [];
    } else cur.push(l.text.trim());
  }
  if (cur.length) out.push(cur.join(' '));
  return out.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}
