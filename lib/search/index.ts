// Glossary search for the popup: an exact/prefix pass over headwords and aliases (what people type
// when they know the word), then fuse.js for typos and words inside definitions. Pure and synchronous.
import Fuse from 'fuse.js';
import type { CompiledIndex, IndexEntry } from '../glossary/compile';

export interface SearchHit {
  /** The entry id (`packId/termId`), what `entry` looks the full sense up by. */
  id: string;
  term: string;
  qualifier?: string;
  aliases: string[];
  packId: string;
  packName: string;
  /** The start of the definition as plain text. */
  snippet: string;
  /** How it matched: the exact/prefix pass or the fuzzy one. */
  match: 'exact' | 'prefix' | 'fuzzy';
}

export interface SearchOptions {
  limit?: number;
  /** Packs to search, in preference order (earlier packs rank first among equal matches). Default: all. */
  packIds?: readonly string[];
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Build the fuzzy indexes now (they are otherwise built on the first query that needs them). */
  warm(): void;
  readonly size: number;
}

interface Doc {
  entry: IndexEntry;
  term: string;
  aliases: string[];
  definition: string;
  /** Squashed headword, then squashed aliases. */
  names: string[];
  /** Squashed headword with its qualifier ("componentkustomize"), when it has one: names that sense. */
  qualified: string | null;
  /** Squashed "avoid" words: typing one finds the preferred term. */
  avoid: string[];
}

/** Lowercase, accents off, only letters and digits: `Pod Disruption-Budget` → `poddisruptionbudget`. */
export function squash(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** `PodDisruptionBudget` → `Pod Disruption Budget`, `HTTPRoute` → `HTTP Route`. */
export function splitCamel(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

/** Inline Markdown to plain text, cut at a word boundary near `max` characters. */
export function snippetOf(definition: string, max = 120): string {
  const plain = definition
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.—-]+$/, '')}…`;
}

// Fuzzy names: fuse.js over the distinct headwords and aliases (lowercased), each pointing back to its
// entries; an alias hit counts a little worse than the same headword hit. Definitions are searched
// through their words (below): fuse.js over every definition's full text is too slow for search as you
// type, since its cost grows with the length of every definition.
const NAME_THRESHOLD = 0.3;
/** Fuse's final score also weighs the field length; beyond this the "matches" read as noise. */
const NAME_MAX_SCORE = 0.3;
const ALIAS_PENALTY = 0.05;
/** An "avoid" word finds the term the team prefers, after the terms actually named so. */
const AVOID_PENALTY = 0.1;
/** Below this many letters a typo-tolerant match is mostly noise ("hpa" ~ "spa"): exact and prefix only. */
const MIN_FUZZY_LENGTH = 4;
const WORD_THRESHOLD = 0.3;
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'that',
  'the',
  'to',
  'with',
]);

/** Lowercase words of a text (letters, digits, and `-`/`_`/`.` inside a word), for the definition pass. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu) ?? []
  );
}

export function createSearchIndex(index: CompiledIndex): SearchIndex {
  const packNames = new Map(index.packs.map((p) => [p.id, p.name]));
  const defaultOrder = index.packs.map((p) => p.id);
  const docs: Doc[] = index.entries.map((entry) => ({
    entry,
    term: entry.qualifier ? `${entry.term} (${entry.qualifier})` : entry.term,
    aliases: [...entry.aliases, ...(splitCamel(entry.term) !== entry.term ? [splitCamel(entry.term)] : [])],
    definition: entry.definition,
    names: [entry.term, ...entry.aliases].map(squash),
    qualified: entry.qualifier ? squash(`${entry.term} ${entry.qualifier}`) : null,
    avoid: entry.avoid.map(squash),
  }));

  // Definition words: an inverted index and the sorted vocabulary (prefix lookups by binary search).
  const postings = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    for (const w of new Set(wordsOf(`${doc.definition} ${doc.entry.details ?? ''}`))) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const vocabulary = [...postings.keys()].sort();

  // Distinct names → the entries known by them, with the penalty for how (headword 0, alias, avoid word).
  const nameOwners = new Map<string, Array<{ doc: number; penalty: number }>>();
  docs.forEach((doc, i) => {
    const own = new Map<string, number>();
    const claim = (name: string, penalty: number) => {
      const key = name.toLowerCase();
      if (!own.has(key)) own.set(key, penalty);
    };
    claim(doc.entry.term, 0);
    // "Component (Kustomize)": the sense is found by its full name too.
    if (doc.entry.qualifier) claim(doc.term, 0);
    for (const alias of doc.aliases) claim(alias, ALIAS_PENALTY);
    for (const word of doc.entry.avoid) claim(word, AVOID_PENALTY);
    for (const [name, penalty] of own) {
      const list = nameOwners.get(name);
      if (list) list.push({ doc: i, penalty });
      else nameOwners.set(name, [{ doc: i, penalty }]);
    }
  });
  const nameList = [...nameOwners.keys()];

  // Built on first use: the exact/prefix pass answers most keystrokes without them.
  let nameFuse: Fuse<string> | null = null;
  let wordFuse: Fuse<string> | null = null;
  const names = () => (nameFuse ??= new Fuse(nameList, { includeScore: true, ignoreLocation: true, threshold: NAME_THRESHOLD }));
  const words = () => (wordFuse ??= new Fuse(vocabulary, { includeScore: true, threshold: WORD_THRESHOLD }));

  /** Vocabulary words a query word stands for: itself and longer words it starts, or typo neighbours. */
  const expand = (token: string, fuzzy: boolean): string[] => {
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocabulary[mid] as string) < token) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < vocabulary.length && (vocabulary[i] as string).startsWith(token); i++) out.push(vocabulary[i] as string);
    if (out.length > 0 || token.length < 4 || !fuzzy) return out;
    return words()
      .search(token, { limit: 8 })
      .map((r) => r.item);
  };

  /** Docs whose definition holds every query word (or a word it starts, or a close spelling). */
  const definitionMatches = (query: string, fuzzy: boolean): number[] => {
    const tokens = [...new Set(wordsOf(query))].filter((t) => !STOP_WORDS.has(t) && t.length >= 2);
    if (tokens.length === 0) return [];
    let result: number[] | undefined;
    for (const token of tokens) {
      const docsForToken = new Set<number>();
      for (const w of expand(token, fuzzy)) for (const i of postings.get(w) ?? []) docsForToken.add(i);
      result = result === undefined ? [...docsForToken] : result.filter((i) => docsForToken.has(i));
      if (result.length === 0) return [];
    }
    return result ?? [];
  };

  const toHit = (doc: Doc, match: SearchHit['match']): SearchHit => ({
    id: doc.entry.id,
    term: doc.entry.term,
    ...(doc.entry.qualifier ? { qualifier: doc.entry.qualifier } : {}),
    aliases: doc.entry.aliases,
    packId: doc.entry.packId,
    packName: packNames.get(doc.entry.packId) ?? doc.entry.packId,
    snippet: snippetOf(doc.definition),
    match,
  });

  return {
    size: docs.length,
    warm() {
      names();
      words();
    },
    search(query, options = {}) {
      const limit = options.limit ?? 20;
      const q = squash(query);
      if (!q) return [];
      const order = options.packIds ?? defaultOrder;
      const packRank = new Map(order.map((id, i) => [id, i]));
      const allowed = (d: Doc) => packRank.has(d.entry.packId);
      const rankOf = (d: Doc) => packRank.get(d.entry.packId) ?? order.length;

      // Pass 1: exact or prefix on headword/aliases. Tier: 0 exact headword, 1 exact alias,
      // 2 headword prefix, 3 alias prefix, 4 exact "avoid" word; shorter names (closer to what was typed) first.
      const ranked: Array<{ doc: Doc; tier: number; len: number; pos: number }> = [];
      docs.forEach((doc, pos) => {
        if (!allowed(doc)) return;
        let best: { tier: number; len: number } | null = null;
        const consider = (tier: number, len: number) => {
          if (!best || tier < best.tier || (tier === best.tier && len < best.len)) best = { tier, len };
        };
        doc.names.forEach((name, i) => {
          const alias = i > 0 ? 1 : 0;
          if (name === q) consider(alias, name.length);
          else if (name.startsWith(q)) consider(2 + alias, name.length);
        });
        if (doc.qualified === q) consider(0, doc.qualified.length);
        else if (doc.qualified?.startsWith(q)) consider(2, doc.qualified.length);
        for (const word of doc.avoid) if (word === q) consider(4, word.length);
        if (best) ranked.push({ doc, pos, ...(best as { tier: number; len: number }) });
      });
      ranked.sort((a, b) => a.tier - b.tier || a.len - b.len || rankOf(a.doc) - rankOf(b.doc) || a.pos - b.pos);
      const hits = ranked.slice(0, limit).map((r) => toHit(r.doc, r.tier < 2 || r.tier === 4 ? 'exact' : 'prefix'));
      const seen = new Set(hits.map((h) => h.id));
      const add = (doc: Doc, match: SearchHit['match']) => {
        if (hits.length >= limit || seen.has(doc.entry.id) || !allowed(doc)) return;
        seen.add(doc.entry.id);
        hits.push(toHit(doc, match));
      };

      // Pass 2: fuzzy headwords and aliases, for typos. Equal scores follow the preference order.
      if (hits.length < limit && q.length >= MIN_FUZZY_LENGTH) {
        const best = new Map<number, number>();
        for (const r of names().search(query.trim().toLowerCase().slice(0, 64))) {
          const score = r.score ?? 1;
          if (score > NAME_MAX_SCORE) continue;
          for (const owner of nameOwners.get(r.item) ?? []) {
            const s = score + owner.penalty;
            if (s < (best.get(owner.doc) ?? Infinity)) best.set(owner.doc, s);
          }
        }
        const fuzzy = [...best].sort(([a, x], [b, y]) => x - y || rankOf(docs[a] as Doc) - rankOf(docs[b] as Doc) || a - b);
        for (const [i] of fuzzy) add(docs[i] as Doc, 'fuzzy');
      }

      // Pass 3: words inside definitions (all of them), preferred packs first. Typos in them are
      // forgiven only when nothing matched by name: that lookup is the slowest step.
      if (hits.length < limit) {
        const found = definitionMatches(query, hits.length === 0).sort((a, b) => rankOf(docs[a] as Doc) - rankOf(docs[b] as Doc) || a - b);
        for (const i of found) add(docs[i] as Doc, 'fuzzy');
      }
      return hits;
    },
  };
}
