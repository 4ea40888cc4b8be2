// Pack → tidy YAML text: fields in a fixed order, empty lists and default values left out, short
// lists written inline. What `glossary import` writes and `parsePack` reads back.
import { Document, isSeq, type Node as YamlNode } from 'yaml';
import type { PackInput, TermInput } from './schema';

const PACK_KEYS = ['id', 'name', 'version', 'description', 'source', 'homepage', 'maintainer', 'license', 'language'] as const;
const TERM_KEYS = ['id', 'term', 'qualifier', 'aliases', 'definition', 'details', 'category', 'see', 'avoid', 'related', 'notes', 'sites', 'caseSensitive', 'match'] as const;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && v.trim() === '');
}

function tidyTerm(t: TermInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of TERM_KEYS) {
    const v = t[key];
    if (isEmpty(v)) continue;
    if (key === 'match' && v === 'word') continue;
    out[key] = v;
  }
  return out;
}

export function tidyPack(pack: PackInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of PACK_KEYS) {
    const v = pack[key];
    if (isEmpty(v)) continue;
    if (key === 'language' && v === 'en') continue;
    out[key] = v;
  }
  out.terms = pack.terms.map(tidyTerm);
  return out;
}

/** YAML text for a pack. */
export function emitPack(pack: PackInput, options: { header?: string } = {}): string {
  const doc = new Document(tidyPack(pack));
  // Short lists of short words read best inline: `aliases: [HPA, HorizontalPodAutoscaler]`.
  const terms = doc.get('terms', true);
  if (isSeq(terms)) {
    for (const item of terms.items) {
      const map = item as YamlNode & { items?: Array<{ value: unknown }> };
      for (const pair of map.items ?? []) {
        const value = pair.value;
        if (isSeq(value)) {
          const strings = value.items.map((n) => String((n as { value?: unknown }).value ?? ''));
          const total = strings.reduce((n, s) => n + s.length + 2, 0);
          if (total <= 60 && strings.every((s) => s.length <= 40 && !/[,[\]{}#:"']/.test(s))) value.flow = true;
        }
      }
    }
  }
  if (options.header) doc.commentBefore = options.header;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
}
