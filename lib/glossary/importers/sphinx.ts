// Shape: Sphinx `.. glossary::` directives (reStructuredText). Inside the directive's indented
// body, a term line is at the body's indentation and its definition is indented further; several
// term lines in a row are one term and its aliases; `term : classifier` keeps the term. Inline
// reST roles and literals become inline Markdown.
import { extractSee } from './common';
import { paragraphs, sourceLines, type SourceLine } from './lines';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const DIRECTIVE = /^([ \t]*)\.\.[ \t]+glossary::[ \t]*$/;
const UNDERLINE = /^([=\-~^"'`#*+<>:._])\1{2,}$/;

/** `.. |name| replace:: text` substitutions of the file. */
type Substitutions = Map<string, string>;

function substitutions(lines: SourceLine[]): Substitutions {
  const out: Substitutions = new Map();
  for (const l of lines) {
    const m = /^\s*\.\.[ \t]+\|([^|]+)\|[ \t]+replace::[ \t]+(.*)$/.exec(l.text);
    if (m) out.set(m[1] ?? '', m[2] ?? '');
  }
  return out;
}

/** reStructuredText inline markup → inline Markdown. */
export function rstInline(s: string, subs: Substitutions = new Map()): string {
  return s
    .replace(/\|([^|\s][^|]*)\|/g, (m, name: string) => subs.get(name) ?? m)
    .replace(/``([^`]+)``/g, '`$1`')
    .replace(/:[\w:.+-]+:`~?([^`<]*)<[^`>]*>`/g, (_m, t: string) => t.trim())
    .replace(/:[\w:.+-]+:`~?!?([^`]*)`/g, '$1')
    .replace(/`([^`<]+)<(https?:\/\/[^>`\s]+)>`__?/g, (_m, t: string, url: string) => `[${t.trim()}](${url})`)
    .replace(/`([^`]+)`__?/g, '$1')
    .replace(/\|([^|\s][^|]*)\|/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function clean(term: string, subs: Substitutions): string {
  // "term : classifier" → term; a term may itself be a link target (`Sphinx`_) or a literal (``kubectl``).
  const t = term.split(/\s+:\s+/)[0] ?? term;
  return rstInline(t, subs).replace(/`/g, '');
}

function scan(input: { name: string; text: string }): { entries: RawEntry[]; warnings: string[]; title?: string; directives: number } {
  const lines = sourceLines(input.text);
  const subs = substitutions(lines);
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  let title: string | undefined;
  let category: string | undefined;
  let directives = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as SourceLine;
    // A section title: text over an underline (`Glossary` / `========`).
    const next = lines[i + 1];
    if (l.text.trim() && l.indent === 0 && next && UNDERLINE.test(next.text) && next.text.length >= l.text.trim().length && !UNDERLINE.test(l.text)) {
      const t = rstInline(l.text.trim(), subs);
      if (!title) title = t;
      else category = t;
      continue;
    }
    const d = DIRECTIVE.exec(l.text);
    if (!d) continue;
    directives++;
    const base = l.indent;
    // The body: every following line that is blank or indented past the directive.
    let j = i + 1;
    const body: SourceLine[] = [];
    for (; j < lines.length; j++) {
      const b = lines[j] as SourceLine;
      if (b.text.trim() && b.indent <= base) break;
      body.push(b);
    }
    i = j - 1;
    const content = body.filter((b) => b.text.trim() && !/^\s*:\w+:/.test(b.text));
    const termIndent = content.reduce((min, b) => Math.min(min, b.indent), Infinity);
    let terms: SourceLine[] = [];
    let def: SourceLine[] = [];
    const finish = () => {
      const first = terms[0];
      if (first) {
        const where = `${input.name}:${first.n}:${first.indent + 1}`;
        // Directives inside a definition (`.. index::`, `.. versionadded::`) are not its text.
        const paras = paragraphs(def.filter((x) => !/^\s*\.\.\s/.test(x.text))).map((p) => rstInline(p, subs)).filter(Boolean);
        const [definition = '', ...details] = paras;
        const headword = clean(first.text.trim(), subs);
        if (!definition) warnings.push(`${where}: "${headword}" has no definition: skipped`);
        else {
          const { text, see } = extractSee(definition);
          entries.push({ headword, definition: text || definition, see, where, aliases: terms.slice(1).map((t) => clean(t.text.trim(), subs)), ...(details.length ? { details: details.join('\n\n') } : {}), ...(category ? { category } : {}) });
        }
      }
      terms = [];
      def = [];
    };
    for (const b of body) {
      if (/^\s*:\w+:/.test(b.text) && terms.length === 0) continue;
      if (b.text.trim() && b.indent === termIndent) {
        if (def.some((x) => x.text.trim())) finish();
        terms.push(b);
      } else if (terms.length) def.push(b);
    }
    finish();
  }
  return { entries, warnings, ...(title ? { title } : {}), directives };
}

export const sphinxImporter: Importer = {
  name: 'sphinx',
  describe: 'Sphinx `.. glossary::` directive (reStructuredText: term line, indented definition)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text' || !/^[ \t]*\.\.[ \t]+glossary::/m.test(input.text)) return 0;
    const n = scan(input).entries.length;
    return n >= 1 ? n * 3 + 10 : 0;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the sphinx shape reads one file, not a folder` };
    const s = scan(input);
    return { ok: true, entries: s.entries, warnings: s.warnings, ...(s.title ? { title: s.title } : {}) };
  },
};
