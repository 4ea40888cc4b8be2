// Shape: TBX (ISO 30042 TermBase eXchange), TBX 2 (`martif` / `termEntry` / `langSet` / `tig`) and
// TBX 3 (`tbx` / `conceptEntry` / `langSec` / `termSec`). One concept is one term: the first term of
// the glossary's language is the headword, its other terms are aliases (deprecated or forbidden
// ones are words to avoid); the definition is the concept's `descrip type="definition"`, and a
// term base without definitions gets its translations as the definition. Read with fast-xml-parser.
import { XMLParser } from 'fast-xml-parser';
import { lineColAt, lineStarts } from './lines';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

type X = Record<string, unknown>;
const arr = (v: unknown): X[] => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' ? (x as X) : { '#text': String(x) })));
const txt = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(txt).join(' ');
  const o = v as X;
  return Object.entries(o)
    .filter(([k]) => !k.startsWith('@_'))
    .map(([, x]) => txt(x))
    .join(' ');
};
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const lang = (o: X) => String(o['@_xml:lang'] ?? o['@_lang'] ?? '').toLowerCase();

/** `descrip` / `note` of a given type at this level (descripGrp included). */
function descrips(o: X, type: RegExp): string[] {
  const all = [...arr(o.descrip), ...arr(o.descripGrp).flatMap((g) => arr(g.descrip))];
  return all.filter((d) => type.test(String(d['@_type'] ?? ''))).map((d) => clean(txt(d)));
}

function termsOf(ls: X): Array<{ term: string; status: string }> {
  const groups = [...arr(ls.tig), ...arr(ls.ntig).map((n) => ({ ...(arr(n.termGrp)[0] ?? {}), ...n })), ...arr(ls.termSec)];
  return groups
    .map((g) => {
      const term = clean(txt(g.term ?? arr(g.termGrp)[0]?.term));
      const notes = [...arr(g.termNote), ...arr(g.termGrp).flatMap((t) => arr(t.termNote))];
      const status = notes.filter((n) => /administrativeStatus|normativeAuthorization/i.test(String(n['@_type'] ?? ''))).map((n) => clean(txt(n)).toLowerCase())[0] ?? '';
      return { term, status };
    })
    .filter((t) => t.term);
}

function read(input: { name: string; text: string }): { entries: RawEntry[]; warnings: string[]; title?: string } | undefined {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, processEntities: true, htmlEntities: false, isArray: (n) => ['termEntry', 'conceptEntry', 'langSet', 'langSec', 'tig', 'ntig', 'termSec', 'descrip', 'descripGrp', 'termNote', 'note'].includes(n) });
  let doc: X;
  try {
    doc = parser.parse(input.text) as X;
  } catch (e) {
    return { entries: [], warnings: [`${input.name}: not well-formed XML (${(e as Error).message.split('\n')[0]})`] };
  }
  const root = (doc.martif ?? doc.tbx) as X | undefined;
  if (!root) return undefined;
  const body = (((root.text as X | undefined)?.body ?? root.body ?? (root.text as X | undefined)) as X | undefined) ?? {};
  const concepts = [...arr(body.termEntry), ...arr(body.conceptEntry)];
  const sourceLang = lang(root) || 'en';
  const header = (root.tbxHeader ?? root.martifHeader) as X | undefined;
  const title = clean(txt(header?.fileDesc && (header.fileDesc as X).titleStmt)) || undefined;
  // Positions: the n-th entry element of the source.
  const starts = lineStarts(input.text);
  const offsets: number[] = [];
  const re = /<(?:\w+:)?(?:termEntry|conceptEntry)\b/g;
  for (let m = re.exec(input.text); m; m = re.exec(input.text)) offsets.push(m.index);
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  concepts.forEach((c, i) => {
    const p = lineColAt(starts, offsets[i] ?? 0);
    const where = `${input.name}:${p.line}:${p.col}`;
    const sets = [...arr(c.langSet), ...arr(c.langSec)];
    const primaryLang = (l: X) => lang(l) === sourceLang || lang(l).split('-')[0] === sourceLang.split('-')[0];
    const own = sets.find(primaryLang) ?? sets[0];
    if (!own) {
      warnings.push(`${where}: concept has no language section: skipped`);
      return;
    }
    const terms = termsOf(own);
    const preferred = terms.filter((t) => !/deprecated|forbidden|superseded|admitted-?not/i.test(t.status));
    const avoid = terms.filter((t) => /deprecated|forbidden|superseded/i.test(t.status)).map((t) => t.term);
    const head = preferred[0] ?? terms[0];
    if (!head) {
      warnings.push(`${where}: concept has no term in ${lang(own) || 'its language section'}: skipped`);
      return;
    }
    let definition = [...descrips(own, /^definition$/i), ...descrips(c, /^definition$/i), ...arr(own.termSec ?? own.tig).flatMap((t) => descrips(t, /^definition$/i))][0] ?? '';
    const context = [...descrips(own, /context|explanation/i), ...descrips(c, /context|explanation/i)];
    const translations = sets.filter((s) => s !== own).map((s) => `${lang(s)}: ${termsOf(s).map((t) => t.term).join(', ')}`).filter((s) => !s.endsWith(': '));
    if (!definition && context[0]) definition = context.shift() ?? '';
    if (!definition && translations.length) definition = `Translations: ${translations.join('; ')}.`;
    if (!definition) {
      warnings.push(`${where}: "${head.term}" has no definition and no translations: skipped`);
      return;
    }
    const subject = descrips(c, /subjectField/i)[0];
    entries.push({
      headword: head.term,
      definition,
      where,
      aliases: preferred.slice(1).map((t) => t.term).filter((t) => t !== head.term),
      avoid,
      notes: [...context, ...arr(c.note).map((n) => clean(txt(n)))].filter(Boolean),
      ...(subject ? { category: subject } : {}),
      ...(definition.startsWith('Translations:') || !translations.length ? {} : { details: `Translations: ${translations.join('; ')}.` }),
    });
  });
  return { entries, warnings, ...(title ? { title } : {}) };
}

export const tbxImporter: Importer = {
  name: 'tbx',
  describe: 'TBX term base (ISO 30042: `martif`/`termEntry` or `tbx`/`conceptEntry`)',
  detect(input: ImportInput): number {
    if (input.kind !== 'text' || !/<(?:\w+:)?(?:martif|tbx)\b/.test(input.text.slice(0, 4000))) return 0;
    return (read(input)?.entries.length ?? 0) > 0 ? 2000 : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text' || !/<(?:\w+:)?(?:martif|tbx)\b/.test(input.text.slice(0, 4000))) return undefined;
    const r = read(input);
    return { score: 500, missing: r?.warnings[0] ?? 'a TBX root, but no termEntry/conceptEntry with a term' };
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the tbx shape reads one file, not a folder` };
    const r = read(input);
    if (!r) return { ok: false, error: `${input.name}: no <martif> or <tbx> root element` };
    return { ok: true, entries: r.entries, warnings: r.warnings, ...(r.title ? { title: r.title } : {}) };
  },
};
