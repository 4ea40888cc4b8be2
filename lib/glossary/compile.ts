// Compile validated packs into the index the background loads, and derive from it the small
// pattern list a content script matches with (no definitions: those are looked up on demand).
import { effectiveCaseSensitive, slugify, type Pack, type Term } from './schema';

export const INDEX_FORMAT = 1;

export interface PackMeta {
  id: string;
  name: string;
  version: string;
  description: string;
  source?: string;
  homepage?: string;
  maintainer?: string;
  license?: string;
  language: string;
  /** Where the pack applies (scope.ts); absent: its home is unknown. */
  scope?: string[];
  /** Its terms are never matched outside its scope. */
  private?: boolean;
  termCount: number;
}

export interface IndexEntry extends Omit<Term, 'id' | 'caseSensitive' | 'match'> {
  /** `packId/termId`, unique across the index. */
  id: string;
  packId: string;
  /** The headword's rule: the pack's `caseSensitive`, or the acronym default for the headword. */
  caseSensitive: boolean;
  /** The pack set `caseSensitive: true`: every alias is exact too (otherwise each alias gets its own default). */
  exactAliases?: true;
  match: Term['match'];
}

export interface CompiledIndex {
  format: typeof INDEX_FORMAT;
  packs: PackMeta[];
  entries: IndexEntry[];
}

export function compileIndex(packs: readonly Pack[]): CompiledIndex {
  const seenPacks = new Set<string>();
  const metas: PackMeta[] = [];
  const entries: IndexEntry[] = [];
  for (const pack of packs) {
    if (seenPacks.has(pack.id)) throw new Error(`two packs have the id "${pack.id}"`);
    seenPacks.add(pack.id);
    const { terms, ...meta } = pack;
    metas.push({ ...meta, termCount: terms.length });
    // Ids a pack states are stable by promise: a derived id never takes one, whatever the term order.
    const stated = new Set(terms.flatMap((t) => (t.id ? [t.id] : [])));
    const termIds = new Set<string>();
    for (const term of terms) {
      let termId = term.id ?? slugify(term.qualifier ? `${term.term} ${term.qualifier}` : term.term);
      // Derived ids can collide ("CR / CRD" vs "CR-CRD"); keep them unique inside the pack.
      const taken = (id: string) => termIds.has(id) || (term.id === undefined && stated.has(id));
      for (let n = 2; taken(termId); n++) termId = `${term.id ?? slugify(term.term)}-${n}`;
      termIds.add(termId);
      const { id: _id, caseSensitive, ...rest } = term;
      entries.push({
        ...rest,
        id: `${pack.id}/${termId}`,
        packId: pack.id,
        caseSensitive: effectiveCaseSensitive({ caseSensitive }, term.term),
        ...(caseSensitive === true ? { exactAliases: true as const } : {}),
      });
    }
  }
  return { format: INDEX_FORMAT, packs: metas, entries };
}

export type PatternKind = 'term' | 'avoid';

/** One surface form to find on pages. Several senses of the same word share one key. */
export interface MatchPattern {
  text: string;
  caseSensitive: boolean;
  prefix: boolean;
  kind: PatternKind;
  /** What the content script sends back to look the senses up: `kind:surface` (lowercased unless case-sensitive). */
  key: string;
  /** The packs whose terms (or avoid words) give this surface, in index order. */
  packIds: string[];
  /**
   * The surface is an everyday English word ("Service", "release"): shown only with evidence of the
   * glossary's sense (lib/relevance). Decided from the everyday-word list unless a term says otherwise.
   */
  ambiguous: boolean;
  /** Every pack writes it with a capital first letter ("Secret", "Job"): that casing is evidence. */
  capitalized: boolean;
}

/** What the matcher itself needs of a pattern. */
export type MatcherPattern = Pick<MatchPattern, 'text' | 'caseSensitive' | 'prefix' | 'kind' | 'key'>;

export interface PatternOptions {
  /** The everyday English words, lowercased (virtual:termlens/everyday-words); none: nothing is ambiguous. */
  everyday?: ReadonlySet<string>;
  /** The packs whose avoid words flag on this page (those in their own scope); absent: every pack's. */
  avoidPacks?: ReadonlySet<string>;
}

export function patternKey(kind: PatternKind, text: string, caseSensitive: boolean): string {
  return `${kind}:${caseSensitive ? text : text.toLowerCase()}`;
}

/** Every surface form of one entry with the kind it is matched as. */
export function surfaces(entry: IndexEntry): Array<{ text: string; kind: PatternKind; caseSensitive: boolean }> {
  const out: Array<{ text: string; kind: PatternKind; caseSensitive: boolean }> = [];
  // The headword follows the pack's rule. Each alias gets the acronym default on its own ("CNPG" stays
  // exact even when its expansion "CloudNativePG" is not, and "Custom Resource Definition" is found in
  // any case although its headword "CRD" is exact), unless the pack made the term case-sensitive.
  // Avoid words are matched in any case.
  out.push({ text: entry.term, kind: 'term', caseSensitive: entry.caseSensitive });
  for (const alias of entry.aliases) out.push({ text: alias, kind: 'term', caseSensitive: entry.exactAliases === true || effectiveCaseSensitive({}, alias) });
  for (const word of entry.avoid) out.push({ text: word, kind: 'avoid', caseSensitive: false });
  return out;
}

/**
 * The deduplicated patterns for the given packs. A word that is both a term somewhere and an
 * "avoid" word elsewhere is matched as a term: a real definition beats a style hint.
 */
export function matchPatterns(index: CompiledIndex, packIds?: ReadonlySet<string>, options: PatternOptions = {}): MatchPattern[] {
  const byKey = new Map<string, MatchPattern>();
  const termKeys = new Set<string>();
  // A term's own `ambiguous` wins over the word list; several entries on one surface: any "false" wins
  // (a pack that says its word is unambiguous has seen it used so), then any "true".
  const stated = new Map<string, boolean>();
  for (const entry of index.entries) {
    if (packIds && !packIds.has(entry.packId)) continue;
    for (const s of surfaces(entry)) {
      if (s.kind === 'avoid' && options.avoidPacks && !options.avoidPacks.has(entry.packId)) continue;
      const key = patternKey(s.kind, s.text, s.caseSensitive);
      const capitalized = startsUpper(s.text);
      if (s.kind === 'term' && entry.ambiguous !== undefined) stated.set(key, stated.get(key) === false ? false : entry.ambiguous);
      const seen = byKey.get(key);
      if (seen) {
        if (!seen.packIds.includes(entry.packId)) seen.packIds.push(entry.packId);
        seen.capitalized &&= capitalized;
        continue;
      }
      byKey.set(key, {
        text: s.text,
        caseSensitive: s.caseSensitive,
        prefix: s.kind === 'term' && entry.match === 'prefix',
        kind: s.kind,
        key,
        packIds: [entry.packId],
        ambiguous: false,
        capitalized,
      });
      if (s.kind === 'term') termKeys.add(s.caseSensitive ? s.text : s.text.toLowerCase());
    }
  }
  const out = [...byKey.values()].filter((p) => p.kind === 'term' || !termKeys.has(p.caseSensitive ? p.text : p.text.toLowerCase()));
  for (const p of out) {
    if (p.kind !== 'term') continue;
    p.ambiguous = stated.get(p.key) ?? (options.everyday ? isEverydaySurface(p.text, p.caseSensitive, options.everyday) : false);
  }
  return out;
}

/**
 * Whether a surface form is an everyday English word: one word of letters only, matched in any case,
 * found in the list. Phrases ("load balancer"), exact-case acronyms ("PDB") and words with digits or
 * punctuation ("kube-proxy", "goose_db_version") never are.
 */
export function isEverydaySurface(text: string, caseSensitive: boolean, everyday: ReadonlySet<string>): boolean {
  if (caseSensitive || !/^\p{L}+$/u.test(text)) return false;
  return everyday.has(text.toLowerCase());
}

function startsUpper(text: string): boolean {
  const first = text.charAt(0);
  return first !== first.toLowerCase();
}

/**
 * All senses for a matched key, preferred pack first (then the order packs were given), and within a
 * pack the entries that declare the current site first.
 */
export function sensesForKey(
  index: CompiledIndex,
  key: string,
  options: { packOrder?: readonly string[]; packIds?: ReadonlySet<string>; site?: string } = {},
): IndexEntry[] {
  const found: IndexEntry[] = [];
  for (const entry of entriesByFoldedKey(index).get(key.toLowerCase()) ?? []) {
    if (options.packIds && !options.packIds.has(entry.packId)) continue;
    if (surfaces(entry).some((s) => keyMatches(key, s.kind, s.text))) found.push(entry);
  }
  const order = options.packOrder ?? index.packs.map((p) => p.id);
  const rank = (e: IndexEntry) => {
    const packRank = order.indexOf(e.packId);
    const siteBonus = options.site && e.sites.includes(options.site) ? -1_000_000 : 0;
    return siteBonus + (packRank === -1 ? order.length : packRank);
  };
  return found.sort((a, b) => rank(a) - rank(b));
}

// Hover look-ups must not walk the whole index (100,000 entries in the benchmark): candidates by
// lowercased `kind:surface`, built once per index, in index order; sensesForKey applies the exact rule.
const foldedKeys = new WeakMap<CompiledIndex, Map<string, IndexEntry[]>>();
function entriesByFoldedKey(index: CompiledIndex): Map<string, IndexEntry[]> {
  let map = foldedKeys.get(index);
  if (map) return map;
  map = new Map();
  for (const entry of index.entries) {
    for (const s of surfaces(entry)) {
      const folded = `${s.kind}:${s.text.toLowerCase()}`;
      const list = map.get(folded);
      if (!list) map.set(folded, [entry]);
      else if (list[list.length - 1] !== entry) list.push(entry);
    }
  }
  foldedKeys.set(index, map);
  return map;
}

// A key made case-insensitively ("term:pods") must find an entry whatever the entry's own case rule.
function keyMatches(key: string, kind: PatternKind, text: string): boolean {
  return key === `${kind}:${text}` || key === `${kind}:${text.toLowerCase()}`;
}
