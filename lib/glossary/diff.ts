// Compare two versions of a pack: terms added, removed and changed (matched by headword and
// qualifier, case-insensitively). Text that differs only in inline Markdown (code backticks and
// emphasis that a rendered capture drops) is reported apart, as reformatted, not as changed.
import { termSchema, type PackInput, type Term, type TermInput } from './schema';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PackDiff {
  added: Term[];
  removed: Term[];
  /** Terms whose content changed. */
  changed: Array<{ term: string; fields: FieldChange[] }>;
  /** Terms whose text differs only in inline Markdown formatting (`code`, *emphasis*), per field. */
  reformatted: Array<{ term: string; fields: string[] }>;
}

type DiffablePack = Pick<PackInput, 'terms'>;

const TEXT_FIELDS = ['definition', 'details', 'category'] as const;
const LIST_FIELDS = ['aliases', 'see', 'avoid', 'related', 'notes', 'sites'] as const;
const OTHER_FIELDS = ['caseSensitive', 'match'] as const;

export function termKey(t: Pick<Term, 'term' | 'qualifier'>): string {
  return `${t.term.trim().toLowerCase()}\u0000${(t.qualifier ?? '').trim().toLowerCase()}`;
}

export function termLabel(t: Pick<Term, 'term' | 'qualifier'>): string {
  return t.qualifier ? `${t.term} (${t.qualifier})` : t.term;
}

/** Text without inline Markdown: what a reader sees. */
export function plainText(s: string): string {
  return s
    .replace(/`+/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function normalise(terms: readonly TermInput[]): Map<string, Term> {
  const map = new Map<string, Term>();
  for (const t of terms) {
    const parsed = termSchema.parse(t);
    map.set(termKey(parsed), parsed);
  }
  return map;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const norm = (l: readonly string[]) => [...l].map((s) => s.trim().toLowerCase()).sort().join('\u0000');
  return norm(a) === norm(b);
}

export function diffPacks(oldPack: DiffablePack, newPack: DiffablePack): PackDiff {
  const before = normalise(oldPack.terms);
  const after = normalise(newPack.terms);
  const result: PackDiff = { added: [], removed: [], changed: [], reformatted: [] };
  for (const [key, t] of after) if (!before.has(key)) result.added.push(t);
  for (const [key, t] of before) if (!after.has(key)) result.removed.push(t);
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b) continue;
    const fields: FieldChange[] = [];
    const reformatted: string[] = [];
    // The headword's spelling (case) or qualifier spelling may change while the key stays.
    if (a.term !== b.term) fields.push({ field: 'term', before: b.term, after: a.term });
    if ((a.qualifier ?? '') !== (b.qualifier ?? '')) fields.push({ field: 'qualifier', before: b.qualifier, after: a.qualifier });
    for (const f of TEXT_FIELDS) {
      const x = b[f];
      const y = a[f];
      if (x === y) continue;
      if (x !== undefined && y !== undefined && plainText(x) === plainText(y)) reformatted.push(f);
      else fields.push({ field: f, before: x, after: y });
    }
    for (const f of LIST_FIELDS) {
      if (sameList(b[f], a[f])) continue;
      if (sameList(b[f].map(plainText), a[f].map(plainText))) reformatted.push(f);
      else fields.push({ field: f, before: b[f], after: a[f] });
    }
    for (const f of OTHER_FIELDS) if (a[f] !== b[f]) fields.push({ field: f, before: b[f], after: a[f] });
    if (fields.length) result.changed.push({ term: termLabel(a), fields });
    if (reformatted.length) result.reformatted.push({ term: termLabel(a), fields: reformatted });
  }
  const byLabel = (x: { term: string }, y: { term: string }) => x.term.localeCompare(y.term, 'en', { sensitivity: 'base' });
  result.added.sort((x, y) => termLabel(x).localeCompare(termLabel(y), 'en', { sensitivity: 'base' }));
  result.removed.sort((x, y) => termLabel(x).localeCompare(termLabel(y), 'en', { sensitivity: 'base' }));
  result.changed.sort(byLabel);
  result.reformatted.sort(byLabel);
  return result;
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  return String(v);
}

/** Readable text: `+ goose`, `- X`, `~ AutoMigrate: definition changed` with before/after lines. */
export function formatDiff(diff: PackDiff): string {
  const out: string[] = [];
  for (const t of diff.added) out.push(`+ ${termLabel(t)}`);
  for (const t of diff.removed) out.push(`- ${termLabel(t)}`);
  for (const c of diff.changed) {
    out.push(`~ ${c.term}: ${c.fields.map((f) => f.field).join(', ')} changed`);
    for (const f of c.fields) {
      out.push(`    ${f.field} before: ${show(f.before)}`);
      out.push(`    ${f.field} after:  ${show(f.after)}`);
    }
  }
  const n = (k: number, what: string) => `${k} ${what}`;
  out.push(`${n(diff.added.length, 'added')}, ${n(diff.removed.length, 'removed')}, ${n(diff.changed.length, 'changed')}`);
  if (diff.reformatted.length) {
    out.push(
      `${diff.reformatted.length} term${diff.reformatted.length === 1 ? '' : 's'} differ only in Markdown formatting: ${diff.reformatted
        .map((r) => `${r.term} (${r.fields.join(', ')})`)
        .join(', ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}
