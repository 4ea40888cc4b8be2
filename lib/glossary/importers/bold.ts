// Shape 1: bold headword lines, `**Term**: definition (Chapter 3)` under `##` category headings.
// Also reads the same glossary rendered to text (`Term: definition (Chapter 3)` under plain heading
// lines), and Markdown captured from a code viewer (stray `|` lines, a commit message on top).
import { collapse, dropPipeOnly, pos, endsSentence, extractSee, fenceReader, looksLikeHeading, mdHeading, stripCaptureHeader, toLines, type Line, unclosedFenceWarning } from './common';
import type { Importer, ImportInput, ParsedGlossary, ParseResult, RawEntry } from './types';

const BOLD_ENTRY = /^\s*(?:[-*+]\s+)?\*\*([^*]+?)\*\*\s*:\s*(.*)$|^\s*(?:[-*+]\s+)?\*\*([^*]+?):\*\*\s*(.*)$/;
const CHAPTER_TAIL = /\((?:Chapters?|Ch\.?)\s[^()]*\)\.?\s*$/;

/**
 * Lead-ins of a remark inside a definition ("**Note**: pods are ephemeral"), not headwords: such a
 * line is text of the entry above it.
 */
const REMARK_HEAD = /^(?:notes?|nb|n\.b\.|tips?|hint|warning|caution|important|danger|examples?|e\.g\.|see also|also|todo|fixme)$/i;

export function matchBoldEntry(text: string): { head: string; rest: string } | undefined {
  const m = BOLD_ENTRY.exec(text);
  if (!m) return undefined;
  const head = (m[1] ?? m[3] ?? '').trim();
  if (!head || REMARK_HEAD.test(head)) return undefined;
  return { head, rest: (m[2] ?? m[4] ?? '').trim() };
}

/**
 * `Term: definition` in rendered text. The headword is short; when it holds a colon itself
 * ("mode: global: Swarm deploy mode…") the split is where the definition starts with a capital.
 */
export function matchPlainEntry(text: string): { head: string; rest: string } | undefined {
  if (/^\s*[-*+>|#]/.test(text)) return undefined;
  const candidates: number[] = [];
  const re = /:(?=\s|$)/g;
  for (let m = re.exec(text); m && m.index <= 70; m = re.exec(text)) candidates.push(m.index);
  let first: { head: string; rest: string } | undefined;
  for (const i of candidates) {
    const head = text.slice(0, i).trim();
    const rest = text.slice(i + 1).trim();
    if (!validPlainHead(head)) break;
    const found = { head, rest };
    first ??= found;
    if (/^[A-Z0-9"“'`(]/.test(rest)) return found;
  }
  return first;
}

function validPlainHead(head: string): boolean {
  if (!head || head.length > 60 || REMARK_HEAD.test(head)) return false;
  if (head.split(/\s+/).length > 7) return false;
  // Sentences are not headwords: "Infrastructure changes were made. Bug fixes: …"
  if (/[.!?;,]\s/.test(head) || /[.;,]$/.test(head)) return false;
  return /^[\p{L}\p{N}`"“(]/u.test(head);
}

function boldCount(lines: Line[]): number {
  return lines.filter((l) => matchBoldEntry(l.text)).length;
}

function renderedCount(lines: Line[]): number {
  return lines.filter((l) => CHAPTER_TAIL.test(l.text) && matchPlainEntry(l.text)).length;
}

export const boldImporter: Importer = {
  name: 'bold',
  describe: 'bold headword lines (`**Term**: definition (Chapter N)` under `##` headings, or rendered `Term: definition`)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const lines = toLines(input.text);
    const bold = boldCount(lines);
    if (bold >= 2) return bold;
    const rendered = renderedCount(lines);
    return rendered >= 3 ? rendered : 0;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the bold shape reads one file, not a folder` };
    const header = stripCaptureHeader(toLines(input.text), input.name);
    const lines = dropPipeOnly(header.lines);
    const parsed = boldCount(lines) > 0 ? parseMarkdown(lines, input.name) : parseRendered(lines, input.name);
    if (header.warning) parsed.warnings.unshift(header.warning);
    return parsed;
  },
};

interface Current {
  entry: RawEntry;
  defParts: string[];
  detailParts: string[];
  /** A blank line ended the definition paragraph: further text is details. */
  inDetails: boolean;
}

function finish(cur: Current | undefined, entries: RawEntry[], warnings: string[]): void {
  if (!cur) return;
  const { text, see } = extractSee(collapse(cur.defParts.join(' ')));
  let details = cur.detailParts.length ? cur.detailParts.join('\n\n') : undefined;
  let definition = text;
  let allSee = see;
  if (details) {
    // "(Chapter 8)" on a paragraph of its own, or at the end of the details.
    const d = extractSee(details);
    details = d.text || undefined;
    allSee = [...see, ...d.see];
  }
  if (!definition && details) {
    definition = details;
    details = undefined;
  }
  if (!definition) {
    warnings.push(`${cur.entry.where}: "${cur.entry.headword}" has no definition: skipped`);
    return;
  }
  entries.push({ ...cur.entry, definition, ...(details ? { details } : {}), see: allSee });
}

function parseMarkdown(lines: Line[], name: string): { ok: true } & ParsedGlossary {
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  let title: string | undefined;
  const intro: string[] = [];
  let category: string | undefined;
  let cur: Current | undefined;
  let lastBlank = false;
  // Fenced code blocks are code, kept verbatim in the current entry's details.
  const keepFence = (block: Line[]) => {
    if (cur) {
      cur.detailParts.push(block.map((l) => l.text).join('\n'));
      // Text after the block is details too, unless the entry still waits for its definition.
      if (cur.defParts.length) cur.inDetails = true;
    } else warnings.push(`${name}:${block[0]!.n}-${block.at(-1)!.n}: code block outside any entry: skipped`);
    lastBlank = true;
  };
  const fences = fenceReader(keepFence);

  for (const line of lines) {
    if (fences.take(line)) continue;
    const text = line.text.trim();
    if (!text) {
      if (cur && cur.defParts.length) cur.inDetails = true;
      lastBlank = true;
      continue;
    }
    const heading = mdHeading(text);
    const bold = heading ? undefined : matchBoldEntry(text);
    if (heading) {
      finish(cur, entries, warnings);
      cur = undefined;
      if (heading.level === 1 && !title && entries.length === 0) title = heading.title;
      else category = heading.title;
    } else if (bold) {
      finish(cur, entries, warnings);
      cur = { entry: { headword: bold.head, definition: '', where: pos(name, line), ...(category ? { category } : {}) }, defParts: [], detailParts: [], inDetails: false };
      if (bold.rest) cur.defParts.push(bold.rest);
    } else if (cur) {
      if (!cur.inDetails) cur.defParts.push(text);
      else if (lastBlank || cur.detailParts.length === 0) cur.detailParts.push(text);
      else cur.detailParts[cur.detailParts.length - 1] += ` ${text}`;
    } else if (entries.length === 0 && category === undefined) {
      intro.push(text);
    } else {
      warnings.push(`${pos(name, line)}: text outside any entry: "${text.slice(0, 60)}": skipped`);
    }
    lastBlank = false;
  }
  const open = fences.end();
  if (open) {
    warnings.push(unclosedFenceWarning(name, open[0]!.n));
    keepFence(open);
  }
  finish(cur, entries, warnings);
  return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(intro.length ? { description: collapse(intro.join(' ')) } : {}) };
}

function parseRendered(lines: Line[], name: string): { ok: true } & ParsedGlossary {
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  const body = lines.filter((l) => l.text.trim() !== '');
  let title: string | undefined;
  const intro: string[] = [];
  let category: string | undefined;
  let cur: Current | undefined;

  const isEntry = (i: number) => {
    const l = body[i];
    return l ? matchPlainEntry(l.text.trim()) : undefined;
  };

  for (let i = 0; i < body.length; i++) {
    const line = body[i] as Line;
    const text = line.text.trim();
    const complete = !cur || endsSentence(cur.defParts.join(' '));
    const entry = complete ? isEntry(i) : undefined;
    if (entry) {
      finish(cur, entries, warnings);
      cur = { entry: { headword: entry.head, definition: '', where: pos(name, line), ...(category ? { category } : {}) }, defParts: [], detailParts: [], inDetails: false };
      if (entry.rest) cur.defParts.push(entry.rest);
      continue;
    }
    // A heading line is short and followed by an entry (or another heading).
    if (complete && looksLikeHeading(text) && (isEntry(i + 1) || (body[i + 1] && looksLikeHeading(body[i + 1]?.text ?? '') && isEntry(i + 2)))) {
      finish(cur, entries, warnings);
      cur = undefined;
      if (!title && entries.length === 0 && category === undefined && intro.length === 0) title = text;
      category = text;
      continue;
    }
    if (!title && entries.length === 0 && intro.length === 0 && looksLikeHeading(text)) {
      title = text;
      continue;
    }
    if (cur) cur.defParts.push(text);
    else if (entries.length === 0 && category === undefined) intro.push(text);
    else warnings.push(`${pos(name, line)}: text outside any entry: "${text.slice(0, 60)}": skipped`);
  }
  finish(cur, entries, warnings);
  return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(intro.length ? { description: collapse(intro.join(' ')) } : {}) };
}
