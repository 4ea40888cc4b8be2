// Shape 7: a docs-site glossary page as captured from the browser (Starlight and similar): a headword
// line, then `Section titled “X”` glued to the definition, wrapped lines continuing it until the next
// headword. Entries whose headword the rendering lost stand as bare definition paragraphs: they are
// kept as terms (headword taken from a leading "Write-Ahead Log — …" expansion, or a placeholder)
// with a warning naming the line, so the pack author can restore the headword by hand.
import { collapse, endsSentence, extractSee, pos, stripCaptureHeader, toLines, type Line } from './common';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const SECTION = /^Section titled\s*[“"](.*?)[”"]\s*(.*)$/;

/** "Write-Ahead Log — Postgres’s stream…": a Title Case name, then an em dash. */
const EXPANSION = /^((?:[A-Z0-9][\w.'’-]*|of|for|and|the|in|on|to|a)(?:\s+(?:[A-Z0-9(][\w.'’()/-]*|of|for|and|the|in|on|to|a)){0,6})\s+[—–]\s+(\S.*)$/;

export function leadingExpansion(text: string): { name: string; rest: string } | undefined {
  const m = EXPANSION.exec(text);
  if (!m || !m[1] || !m[2]) return undefined;
  const name = m[1].trim();
  // Must start with a capital and not be an ordinary sentence opening ("A lightweight …").
  if (!/^[A-Z0-9]/.test(name) || /^(?:A|An|The|It|This|These|Used)\b/.test(name)) return undefined;
  return { name, rest: m[2] };
}

export const docsSiteImporter: Importer = {
  name: 'docs-site',
  describe: 'docs-site page (headword line, then `Section titled “…”` glued to the definition)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const n = toLines(input.text).filter((l) => SECTION.test(l.text.trim())).length;
    return n >= 2 ? n * 3 : 0;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the docs-site shape reads one file, not a folder` };
    const name = input.name;
    const header = stripCaptureHeader(toLines(input.text), name);
    const lines = header.lines.filter((l) => l.text.trim() !== '');
    const warnings: string[] = header.warning ? [header.warning] : [];
    const entries: RawEntry[] = [];
    let title: string | undefined;
    let description: string | undefined;

    const isSection = (l: Line | undefined) => !!l && SECTION.test(l.text.trim());
    const firstSection = lines.findIndex((l) => isSection(l));

    // Title and intro: the lines before the first entry that are not an orphan definition.
    let i = 0;
    if (lines[0] && !isSection(lines[1]) && firstSection !== 0) {
      title = lines[0].text.trim();
      i = 1;
      const introLine = lines[1];
      if (introLine && !isSection(lines[2]) && !leadingExpansion(introLine.text.trim()) && firstSection !== 1) {
        description = introLine.text.trim();
        i = 2;
      }
    }

    let cur: { headword?: string; parts: string[]; line: number; expansion?: boolean } | undefined;
    const finish = () => {
      if (!cur) return;
      const { text, see } = extractSee(collapse(cur.parts.join(' ')));
      const where = `${name}:${cur.line}:1`;
      if (!text) warnings.push(`${where}: "${cur.headword ?? '?'}" has no definition: skipped`);
      else if (cur.headword) entries.push({ headword: cur.headword, definition: text, see, where });
      else {
        const placeholder = `[missing headword, line ${cur.line}]`;
        warnings.push(`${where}: definition without a headword ("${text.slice(0, 50)}…"): kept as "${placeholder}": restore the headword by hand`);
        entries.push({ headword: placeholder, definition: text, see, where });
      }
      cur = undefined;
    };

    for (; i < lines.length; i++) {
      const line = lines[i] as Line;
      const text = line.text.trim();
      const next = lines[i + 1];
      if (isSection(next)) {
        // A headword line; the definition starts on the Section line.
        finish();
        const m = SECTION.exec(next?.text.trim() ?? '');
        const anchor = m?.[1]?.trim();
        if (anchor && anchor !== text) warnings.push(`${pos(name, line)}: headword "${text}" and its anchor "${anchor}" differ: used the headword`);
        cur = { headword: text, parts: m?.[2] ? [m[2]] : [], line: line.n };
        i++;
        continue;
      }
      if (isSection(line)) {
        // A Section line with no headword above it: the anchor names the term.
        finish();
        const m = SECTION.exec(text);
        cur = { headword: m?.[1]?.trim() || undefined, parts: m?.[2] ? [m[2]] : [], line: line.n };
        continue;
      }
      const previous = cur ? cur.parts.join(' ') : '';
      // A capitalised line after a finished sentence starts an entry whose headword was lost.
      if (!cur || (endsSentence(previous) && /^[A-Z0-9"“]/.test(text))) {
        finish();
        const exp = leadingExpansion(text);
        if (exp) {
          warnings.push(`${pos(name, line)}: headword missing in the source: used the expansion "${exp.name}" as the term: restore the acronym by hand`);
          cur = { headword: exp.name, parts: [text], line: line.n, expansion: true };
        } else {
          cur = { parts: [text], line: line.n };
        }
        continue;
      }
      cur.parts.push(text);
    }
    finish();
    return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(description ? { description } : {}) };
  },
};
