// Shape: Markdown definition lists (PHP Markdown Extra, Pandoc, MkDocs `def_list`, MyST):
// a term on its own line, then `: definition` (or `~ definition`) lines. Several term lines before
// one definition name one term and its aliases; a further `:` definition is details. Read from the
// source lines of the Markdown tree's paragraphs, so definition lists inside code are code.
import { extractSee } from './common';
import { headingTitle, parseMarkdown, sourceOf, type MarkdownDoc } from './markdown';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const DEF = /^ {0,3}[:~][ \t]+(\S.*)$/;

interface Pending {
  terms: Array<{ text: string; line: number; col: number }>;
  defs: string[];
}

function scan(doc: MarkdownDoc, name: string): { entries: RawEntry[]; title?: string; lone: number } {
  const entries: RawEntry[] = [];
  let title: string | undefined;
  let category: string | undefined;
  let lone = 0;
  let open: Pending | undefined;
  const finish = () => {
    const first = open?.terms[0];
    if (open && first && open.defs.length) {
      const [definition = '', ...details] = open.defs;
      const { text, see } = extractSee(definition);
      entries.push({
        headword: first.text,
        definition: text || definition,
        see,
        where: `${name}:${first.line}:${first.col}`,
        aliases: open.terms.slice(1).map((t) => t.text),
        ...(details.length ? { details: details.join('\n\n') } : {}),
        ...(category ? { category } : {}),
      });
    }
    open = undefined;
  };
  // A one-line paragraph may be a term whose definition follows after a blank line.
  let single: { text: string; line: number; col: number } | undefined;
  for (const node of doc.root.children) {
    if (node.type === 'heading') {
      finish();
      single = undefined;
      const t = headingTitle(node);
      if (node.depth === 1 && !title && entries.length === 0) title = t;
      else category = t;
      continue;
    }
    if (node.type !== 'paragraph') {
      finish();
      single = undefined;
      continue;
    }
    const start = node.position?.start.line ?? 1;
    const col = node.position?.start.column ?? 1;
    const lines = sourceOf(doc, node).split('\n');
    if (!lines.some((l) => DEF.test(l))) {
      finish();
      single = lines.length === 1 ? { text: lines[0]!.trim(), line: start, col } : undefined;
      continue;
    }
    // A paragraph that opens with a definition continues the term above it.
    if (DEF.test(lines[0] ?? '') && !open && single) open = { terms: [single], defs: [] };
    else if (DEF.test(lines[0] ?? '') && open) {
      /* a further definition of the open term */
    } else finish();
    single = undefined;
    lines.forEach((raw, i) => {
      const def = DEF.exec(raw);
      if (def) {
        if (!open) {
          lone++;
          return;
        }
        open.defs.push((def[1] ?? '').trim());
        return;
      }
      const next = lines[i + 1];
      const text = raw.trim();
      if (next !== undefined && DEF.test(next)) {
        // A term line: it opens a new entry unless the previous line was a term too.
        if (open && open.defs.length) finish();
        open ??= { terms: [], defs: [] };
        open.terms.push({ text, line: start + i, col: i === 0 ? col : raw.length - raw.trimStart().length + 1 });
      } else if (open && open.defs.length) {
        open.defs[open.defs.length - 1] += ` ${text}`;
      } else {
        finish();
        open = { terms: [{ text, line: start + i, col: 1 }], defs: [] };
      }
    });
  }
  finish();
  return { entries: entries.map((e) => ({ ...e, definition: e.definition.replace(/\s+/g, ' ').trim() })), ...(title ? { title } : {}), lone };
}

export const deflistImporter: Importer = {
  name: 'deflist',
  describe: 'Markdown definition lists (`Term` on its own line, then `: definition`)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text' || !/^ {0,3}[:~][ \t]+\S/m.test(input.text)) return 0;
    const n = scan(parseMarkdown(input.text), input.name).entries.length;
    return n >= 2 ? n : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text' || !/^ {0,3}[:~][ \t]+\S/m.test(input.text)) return undefined;
    return { score: 1, missing: '`: definition` lines, but fewer than two follow a term line directly above them' };
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the deflist shape reads one file, not a folder` };
    const s = scan(parseMarkdown(input.text), input.name);
    const warnings = s.lone ? [`${input.name}: ${s.lone} \`: definition\` line(s) with no term line above: skipped`] : [];
    return { ok: true, entries: s.entries, warnings, ...(s.title ? { title: s.title } : {}) };
  },
};
