// Shape: YAML or JSON data files that hold a glossary (Jekyll `_data/glossary.yml`, Hugo
// `data/termbase.yaml`, a docs site's `glossary.json`): a list of records with a term and a
// definition field, a mapping of term → definition, or a mapping of term → record; possibly under
// one top-level key (`glossary:`, `terms:`, `entries:`). Positions come from the YAML nodes.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { lineColAt, lineStarts } from './lines';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const TERM_KEYS = ['term', 'name', 'title', 'word', 'headword', 'label', 'key', 'concept', 'abbr', 'acronym'];
const DEF_KEYS = ['definition', 'def', 'description', 'desc', 'meaning', 'explanation', 'summary', 'text', 'value', 'body', 'glossary', 'short_description', 'long'];
const ALIAS_KEYS = ['aliases', 'alias', 'aka', 'synonyms', 'abbreviation', 'abbr', 'acronym', 'also'];
const SEE_KEYS = ['link', 'links', 'url', 'href', 'see', 'source', 'reference', 'more'];
const RELATED_KEYS = ['related', 'see_also', 'seeAlso'];
const DATA_FILE = /\.(?:ya?ml|json)$/i;

type Rec = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(list) : typeof v === 'string' ? v.split(/\s*,\s*/).filter(Boolean) : typeof v === 'object' && v ? list((v as Rec).url ?? (v as Rec).href) : []);
const pick = (r: Rec, keys: string[]) => keys.map((k) => str(r[k])).find(Boolean) ?? '';

/** "*Also known as Docker Compose*": a paragraph naming other names of the term. */
const AKA = /^[*_]?(?:also known as|also called|aka|a\.k\.a\.)[:\s]+(.+?)[*_]?\.?$/i;

/**
 * A block-scalar definition (docs sites write several paragraphs): the first paragraph is the
 * definition, an "Also known as" paragraph gives aliases, the rest are details.
 */
function fromText(text: string): { definition: string; aliases: string[]; details?: string } {
  const paras = text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);
  const aliases: string[] = [];
  const rest: string[] = [];
  for (const p of paras.slice(1)) {
    const aka = AKA.exec(p.replace(/\s+/g, ' '));
    if (aka) aliases.push(...(aka[1] ?? '').split(/,\s*|\s+or\s+/).map((a) => a.trim()).filter(Boolean));
    else rest.push(p);
  }
  return { definition: (paras[0] ?? '').replace(/\s+/g, ' '), aliases, ...(rest.length ? { details: rest.join('\n\n') } : {}) };
}

interface Found {
  entries: RawEntry[];
  warnings: string[];
  records: number;
}

function read(input: { name: string; text: string }): Found | { error: string } | undefined {
  let doc;
  try {
    doc = parseDocument(input.text, { uniqueKeys: false });
  } catch (e) {
    return { error: `${input.name}: not readable as YAML or JSON (${(e as Error).message.split('\n')[0]})` };
  }
  const starts = lineStarts(input.text);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const p = lineColAt(starts, e.pos[0]);
    return { error: `${input.name}:${p.line}:${p.col}: ${e.message.split('\n')[0]}` };
  }
  const where = (n: YamlNode | undefined | null) => {
    const p = lineColAt(starts, n?.range?.[0] ?? 0);
    return `${input.name}:${p.line}:${p.col}`;
  };
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  // One wrapping key: `glossary: [...]`, `terms: {...}`.
  if (isMap(node) && node.items.length <= 3) {
    const wrap = node.items.find((p) => isScalar(p.key) && /^(?:glossary|terms|entries|items|words|data|definitions)$/i.test(String(p.key.value)) && (isSeq(p.value) || isMap(p.value)));
    if (wrap) node = wrap.value as YamlNode;
  }
  const found: Found = { entries: [], warnings: [], records: 0 };
  const fromRecord = (r: Rec, at: string, fallbackTerm?: string) => {
    const headword = pick(r, TERM_KEYS) || fallbackTerm || '';
    const definition = pick(r, DEF_KEYS.filter((k) => !TERM_KEYS.includes(k) || k === 'glossary'));
    found.records++;
    if (!headword) {
      found.warnings.push(`${at}: record has no ${TERM_KEYS.slice(0, 4).join('/')} field: skipped`);
      return;
    }
    if (!definition) {
      found.warnings.push(`${at}: "${headword}" has no ${DEF_KEYS.slice(0, 3).join('/')} field: skipped`);
      return;
    }
    const aliases = ALIAS_KEYS.flatMap((k) => (r[k] === headword ? [] : list(r[k]))).filter((a) => a !== headword);
    const category = str(r.category) || list(r.tags)[0];
    found.entries.push({
      headword,
      definition: definition.replace(/\s+/g, ' '),
      where: at,
      aliases,
      see: SEE_KEYS.flatMap((k) => list(r[k])),
      related: RELATED_KEYS.flatMap((k) => list(r[k])),
      ...(category ? { category } : {}),
    });
  };
  if (isSeq(node)) {
    for (const item of node.items) {
      const v = (item as YamlNode).toJSON?.() ?? (item as { value?: unknown }).value;
      if (v && typeof v === 'object' && !Array.isArray(v)) fromRecord(v as Rec, where(item as YamlNode));
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? str(pair.key.value) : '';
      const value = pair.value as YamlNode | null;
      const at = where(pair.key as YamlNode);
      if (isScalar(value) && typeof value.value === 'string') {
        found.records++;
        if (key && value.value.trim()) found.entries.push({ headword: key, where: at, ...fromText(value.value) });
        else found.warnings.push(`${at}: "${key}" has an empty definition: skipped`);
      } else if (isMap(value)) fromRecord(value.toJSON() as Rec, at, key);
    }
  } else return undefined;
  return found;
}

export const dataImporter: Importer = {
  name: 'data',
  describe: 'YAML or JSON data file: a list of `{term, definition}` records, or a mapping of term → definition',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const t = input.text.trimStart();
    if (!DATA_FILE.test(input.name) && !t.startsWith('[') && !t.startsWith('{') && !/^-\s+\w+:/m.test(t.slice(0, 500))) return 0;
    const r = read(input);
    if (!r || 'error' in r) return 0;
    // Every record must read as an entry: prose YAML (a config file) is not a glossary.
    return r.entries.length >= 2 && r.entries.length >= r.records * 0.8 ? 900 : 0;
  },
  nearMiss(input) {
    if (input.kind !== 'text' || !DATA_FILE.test(input.name)) return undefined;
    const r = read(input);
    if (!r) return { score: 50, missing: 'YAML or JSON, but neither a list of records nor a mapping of terms' };
    if ('error' in r) return { score: 50, missing: r.error };
    return { score: 50, missing: r.warnings[0] ?? 'a data file, but no record with a term and a definition field' };
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the data shape reads one file, not a folder` };
    const r = read(input);
    if (!r) return { ok: false, error: `${input.name}: neither a list of records nor a mapping of terms` };
    if ('error' in r) return { ok: false, error: r.error };
    return { ok: true, entries: r.entries, warnings: r.warnings };
  },
};
