// Text helpers shared by the Markdown importers: numbered lines, capture noise, chapter references.

export interface Line {
  /** 1-based line number in the source. */
  n: number;
  text: string;
}

/** "file:line:col" of a line's first non-blank character. */
export function pos(name: string, line: Line): string {
  return `${name}:${line.n}:${line.text.length - line.text.trimStart().length + 1}`;
}

export function toLines(text: string): Line[] {
  // trimEnd, not a `\s+$` regex: the regex retries from every space of a long run (quadratic).
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).map((t, i) => ({ n: i + 1, text: t.trimEnd() }));
}

/** "7.0 KiB", "16 KiB", "218 lines", "Markdown": the header a code viewer prints above a file. */
const SIZE_LINE = /^\d+(?:\.\d+)?\s?(?:B|bytes|KiB|MiB|KB|MB|kB)$/;
const VIEWER_NOISE = /^(?:\d+ lines(?: \(\d+ loc\))?|\d+(?:\.\d+)?\s?(?:B|bytes|KiB|MiB|KB|MB|kB)|Markdown|Plain Text|Text|YAML|JSON|Raw|Blame|Copy|Preview|Code)$/;
/** A line a code viewer leaves where the source had a blank line: only `|` and spaces. */
export const PIPE_ONLY = /^\s*\|\s*$/;

/**
 * Drop what a capture put above the document: a commit hash and message, then the code viewer's
 * "218 lines / 7.0 KiB / Markdown" header. Everything up to the last size line of the first part of
 * the file is header. Returns the remaining lines and a warning naming what was skipped.
 */
export function stripCaptureHeader(lines: Line[], name: string): { lines: Line[]; warning?: string } {
  // Only look where a header can be: before the first Markdown heading or glossary title.
  let limit = lines.length;
  for (const l of lines) {
    if (/^#\s/.test(l.text)) {
      limit = l.n - 1;
      break;
    }
  }
  let cut = -1;
  for (let i = 0; i < limit; i++) if (SIZE_LINE.test(lines[i]?.text.trim() ?? '')) cut = i;
  if (cut < 0) return { lines };
  let end = cut + 1;
  while (end < lines.length && (VIEWER_NOISE.test(lines[end]?.text.trim() ?? '') || (lines[end]?.text.trim() ?? '') === '')) end++;
  const first = lines[0]?.n ?? 1;
  const last = lines[end - 1]?.n ?? first;
  return { lines: lines.slice(end), warning: `${name}:${first}-${last}: skipped the capture header (commit message, code viewer size line): not glossary text` };
}

/** Lines without the capture noise inside the body (viewer `|` lines). */
export function dropPipeOnly(lines: Line[]): Line[] {
  return lines.filter((l) => !PIPE_ONLY.test(l.text));
}

/**
 * A trailing chapter reference: "... bytes. (Chapter 3)" or "... bug (Chapter 19)." → see ["Chapter 3"].
 * Returns the text without it.
 */
export function extractSee(text: string): { text: string; see: string[] } {
  // Anchored on the parenthesis, on trimmed text: a leading `\s*` would rescan every run of spaces.
  text = text.trimEnd();
  const m = /\(((?:Chapters?|Ch\.?|Part|Section|§|Appendix)\s[^()]*)\)(\.?)$/.exec(text);
  if (!m) return { text: text.trim(), see: [] };
  let rest = text.slice(0, m.index).trim();
  // "Source of bug #6 (Chapter 19)." — the sentence's full stop belongs to the definition.
  if (m[2] && !/[.!?]$/.test(rest)) rest += '.';
  const refs = splitRefs(m[1] ?? '');
  return { text: rest, see: refs };
}

/** "Chapters 3, 5 and 7" stays one reference; "Chapter 3; Chapter 5" becomes two. */
export function splitRefs(s: string): string[] {
  return s
    .split(/\s*;\s*|\s*<br\s*\/?>\s*/)
    .map((r) => r.trim())
    .filter(Boolean);
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Markdown heading: "## Kubernetes / k3s" → level 2. */
export function mdHeading(text: string): { level: number; title: string } | undefined {
  const m = /^(#{1,6})[ \t]+/.exec(text);
  if (!m) return undefined;
  // The closing run of `#` (after a space) is not part of the title. Trimmed by hand: a
  // `(.*?)\s*#*\s*$` regex is quadratic on a long run of spaces inside the title.
  let title = text.slice(m[0].length).trimEnd();
  let end = title.length;
  while (end > 0 && title[end - 1] === '#') end--;
  if (end < title.length && (end === 0 || /\s/.test(title[end - 1] ?? ''))) title = title.slice(0, end).trimEnd();
  title = title.replace(/¶$/, '').trim();
  if (!title) return undefined;
  return { level: (m[1] ?? '#').length, title };
}

/** A sentence has ended: the next capitalised line can start a new paragraph. */
export function endsSentence(s: string): boolean {
  return /[.!?)"”’:]\s*$/.test(s.trim()) && !/\b(?:e\.g|i\.e|etc|vs|cf)\.$/.test(s.trim());
}

/** Short line that reads like a heading in rendered text: "Kubernetes / k3s", "Code organization". */
export function looksLikeHeading(s: string): boolean {
  const t = s.trim();
  if (!t || t.length > 80) return false;
  if (/[.,;:!?]$/.test(t)) return false;
  if (/^[-*>|]/.test(t)) return false;
  // A sentence, or a wrapped line carrying a chapter reference, is not a heading.
  if (/[.!?;]\s/.test(t) || /\((?:Chapters?|Ch\.?|Part|Section)\s[^()]*\)$/.test(t)) return false;
  return t.split(/\s+/).length <= 8;
}

/**
 * The marker of a line that opens a fenced code block ("```sh" → "```", "~~~~" → "~~~~"), or
 * undefined. Inside a fence nothing is Markdown: a `# comment` is not a heading.
 */
function fenceOpen(text: string): string | undefined {
  const m = /^\s*(`{3,}|~{3,})(.*)$/.exec(text);
  const marker = m?.[1];
  if (!marker) return undefined;
  // The info string of a backtick fence holds no backtick: "```x```" is inline code.
  if (marker.startsWith('`') && (m[2] ?? '').includes('`')) return undefined;
  return marker;
}

/** Does the line close the fence opened with `marker` (same character, at least as long, nothing after)? */
function closesFence(text: string, marker: string): boolean {
  const close = /^\s*(`{3,}|~{3,})\s*$/.exec(text)?.[1];
  return !!close && close[0] === marker[0] && close.length >= marker.length;
}

/**
 * Follows fenced code blocks line by line. `take` each line: true means the line is code (a fence or
 * inside one) and the caller skips it; each block, fence lines included, goes to `onBlock` as it closes.
 * `end` returns a block still open at the end of the input (not given to `onBlock`).
 */
export function fenceReader<L extends { text: string }>(onBlock: (lines: L[]) => void): { take(line: L): boolean; end(): L[] | undefined } {
  let marker: string | undefined;
  let block: L[] = [];
  return {
    take(line) {
      if (marker) {
        block.push(line);
        if (closesFence(line.text, marker)) {
          marker = undefined;
          onBlock(block);
        }
        return true;
      }
      marker = fenceOpen(line.text);
      if (marker) block = [line];
      return marker !== undefined;
    },
    end() {
      if (!marker) return undefined;
      marker = undefined;
      return block;
    },
  };
}

/** The warning for a fence still open at the end of the file (whose block each importer keeps as code). */
export function unclosedFenceWarning(name: string, line: number): string {
  return `${name}:${line}:1: code fence is never closed: kept the rest of the file as code`;
}

/** Line numbers inside fenced code blocks, the fence lines included. */
export function fencedLineNumbers(lines: Line[]): Set<number> {
  const inside = new Set<number>();
  const fences = fenceReader<Line>(() => undefined);
  for (const l of lines) if (fences.take(l)) inside.add(l.n);
  return inside;
}
