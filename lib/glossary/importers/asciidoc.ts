// Shape: AsciiDoc description lists, `term:: definition` (also `;;`, `:::`, `::::`), with the
// definition on the same line or on the following lines; often under a `[glossary]` block style.
// `== Section` titles are categories, `= Title` the glossary's name; delimited blocks (`----`,
// `....`, `////`) and `//` comments are skipped.
import { extractSee } from './common';
import { sourceLines, type SourceLine } from './lines';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const DELIMITER = /^(-{4,}|\.{4,}|\/{4,}|={4,}|\+{4,}|_{4,}|\*{4,})$/;

/** `term:: rest`: the term and what follows its marker, or undefined. */
export function dlistLine(line: string): { term: string; rest: string } | undefined {
  // An inline anchor before the term (`[[ABI]]ABI:: …`, `anchor:abi[]ABI:: …`) is a link target, not text.
  const text = line.replace(/^(?:\[\[[^\]]*\]\]|anchor:[\w-]+\[[^\]]*\])\s*/, '');
  if (/^[:/\s.[=*|-]/.test(text)) return undefined;
  for (let i = text.indexOf(':'), tries = 0; i > 0 && tries < 8; i = text.indexOf(':', i + 1), tries++) {
    let j = i;
    while (text[j] === ':') j++;
    const marker = j - i;
    if (marker >= 2 && marker <= 4 && (j === text.length || text[j] === ' ' || text[j] === '\t')) return { term: text.slice(0, i).trim(), rest: text.slice(j).trim() };
    i = j - 1;
  }
  const semi = text.indexOf(';;');
  if (semi > 0 && (semi + 2 === text.length || text[semi + 2] === ' ')) return { term: text.slice(0, semi).trim(), rest: text.slice(semi + 2).trim() };
  return undefined;
}

/** AsciiDoc inline markup → inline Markdown. */
function adocInline(s: string): string {
  return s
    .replace(/(https?:\/\/[^\s[\]]+)\[([^\]]+)\]/g, '[$2]($1)')
    .replace(/link:(\S+?)\[([^\]]*)\]/g, (_m, url: string, t: string) => (t ? `[${t}](${url})` : url))
    .replace(/<<[^,>]+,\s*([^>]+)>>/g, '$1')
    .replace(/<<([^>]+)>>/g, '$1')
    .replace(/\{([\w-]+)\}/g, '$1')
    .replace(/\s+\+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function scan(input: { name: string; text: string }): { entries: RawEntry[]; warnings: string[]; title?: string } {
  const lines = sourceLines(input.text);
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  let title: string | undefined;
  let category: string | undefined;
  let cur: { term: string; where: string; parts: string[][] } | undefined;
  let fence: string | undefined;
  const finish = () => {
    if (!cur) return;
    const paras = cur.parts.map((p) => adocInline(p.join(' '))).filter(Boolean);
    const [definition = '', ...details] = paras;
    if (!definition) warnings.push(`${cur.where}: "${cur.term}" has no definition: skipped`);
    else {
      const { text, see } = extractSee(definition);
      entries.push({ headword: adocInline(cur.term), definition: text || definition, see, where: cur.where, ...(details.length ? { details: details.join('\n\n') } : {}), ...(category ? { category } : {}) });
    }
    cur = undefined;
  };
  for (const l of lines as SourceLine[]) {
    const t = l.text.trim();
    if (fence) {
      if (t === fence) fence = undefined;
      continue;
    }
    if (DELIMITER.test(t)) {
      fence = t;
      continue;
    }
    if (t.startsWith('//')) continue;
    const heading = /^(=+)[ \t]+(.+)$/.exec(t);
    if (heading) {
      finish();
      if ((heading[1] ?? '').length === 1 && !title) title = (heading[2] ?? '').trim();
      else category = (heading[2] ?? '').trim();
      continue;
    }
    if (/^\[.*\]$/.test(t) || /^:[\w-]+:/.test(t)) continue;
    const d = l.indent === 0 ? dlistLine(t) : undefined;
    if (d && d.term) {
      finish();
      cur = { term: d.term, where: `${input.name}:${l.n}:1`, parts: [d.rest ? [d.rest] : []] };
      continue;
    }
    if (!cur) continue;
    if (!t) {
      // A blank line ends the definition unless a `+` continuation follows; details are separate paragraphs.
      if ((cur.parts.at(-1) ?? []).length) cur.parts.push([]);
      continue;
    }
    if (t === '+') {
      cur.parts.push([]);
      continue;
    }
    if (l.indent === 0 && (cur.parts.at(-1) ?? []).length === 0 && cur.parts.some((p) => p.length)) {
      // An unindented paragraph after a blank line is prose after the list.
      finish();
      continue;
    }
    cur.parts.at(-1)?.push(t);
  }
  finish();
  return { entries, warnings, ...(title ? { title } : {}) };
}

export const asciidocImporter: Importer = {
  name: 'asciidoc',
  describe: 'AsciiDoc description lists (`term:: definition`, often under `[glossary]`)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const n = scan(input).entries.length;
    if (n < 2) return 0;
    const adoc = /\.(?:adoc|asciidoc|asc)$/i.test(input.name) || /^\[glossary\]$/m.test(input.text) || /^=[ \t]\S/m.test(input.text);
    return adoc ? n * 2 : n / 2;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the asciidoc shape reads one file, not a folder` };
    const s = scan(input);
    return { ok: true, entries: s.entries, warnings: s.warnings, ...(s.title ? { title: s.title } : {}) };
  },
};
