// Shape: MkDocs / Python-Markdown / PHP Markdown Extra abbreviations, `*[ABBR]: Expansion`, one a
// line (often a site-wide includes/abbreviations.md). The abbreviation is the term; its expansion
// is the definition and, when it reads as a name, an alias too. Lines inside code are code.
import { parseMarkdown } from './markdown';
import { codeLines, sourceLines } from './lines';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const ABBR = /^[ \t]{0,3}\*\[([^\]]+)\]:[ \t]*(.*)$/;

function scan(input: { name: string; text: string }): { entries: RawEntry[]; empty: string[] } {
  const code = codeLines(parseMarkdown(input.text));
  const entries: RawEntry[] = [];
  const empty: string[] = [];
  for (const l of sourceLines(input.text)) {
    if (code.has(l.n)) continue;
    const m = ABBR.exec(l.text);
    if (!m) continue;
    const term = (m[1] ?? '').trim();
    const expansion = (m[2] ?? '').trim();
    const where = `${input.name}:${l.n}:${l.indent + 1}`;
    if (!term) continue;
    if (!expansion) {
      empty.push(`${where}: abbreviation "${term}" has no expansion: skipped`);
      continue;
    }
    // A short expansion is another name for the term; a sentence is only its definition.
    const nameLike = expansion.split(/\s+/).length <= 8 && !/[.;:!?]\s/.test(expansion) && expansion.toLowerCase() !== term.toLowerCase();
    entries.push({ headword: term, definition: expansion, where, ...(nameLike ? { aliases: [expansion.replace(/\.$/, '')] } : {}) });
  }
  return { entries, empty };
}

export const abbrImporter: Importer = {
  name: 'abbr',
  describe: 'MkDocs abbreviations (`*[ABBR]: Expansion`, one a line)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text' || !/^[ \t]{0,3}\*\[[^\]\n]+\]:/m.test(input.text)) return 0;
    const n = scan(input).entries.length;
    return n >= 2 ? n * 2 : 0;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the abbr shape reads one file, not a folder` };
    const s = scan(input);
    return { ok: true, entries: s.entries, warnings: s.empty };
  },
};
