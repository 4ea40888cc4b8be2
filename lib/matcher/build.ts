// Builds MatcherData from the compiled glossary's patterns. Runs once per glossary (in the background):
// O(total pattern length) with a hashed character trie, then compressed to a breadth-first radix tree.
import type { MatcherPattern } from '../glossary/compile';
import { foldString } from './chars';
import {
  FLAG_AVOID,
  FLAG_KEY_KIND,
  FLAG_KEY_PATH,
  FLAG_PREFIX,
  FLAG_SENSITIVE,
  FORM_ES,
  FORM_EXACT,
  FORM_IES,
  FORM_S,
  type MatcherData,
} from './data';

/** Trims and collapses every run of white space to one " " (the matcher treats any run as one). */
export function normalizePatternText(text: string): string {
  // JS's \s is exactly the matcher's white-space class (chars.ts).
  return text.trim().replace(/\s+/g, ' ');
}

const CASED_LETTER = /\p{L}/u;
const VOWELS = 'aeiou';

/**
 * The simple English plural of a word pattern, as a FORM_*: "Pod" → "Pods", "policy" → "policies",
 * "class"/"box"/"mesh" → "…es", acronyms "PDB" → "PDBs". None when the pattern does not end in a cased
 * letter ("HTTP-01", CJK) or is an acronym ending in "S" ("TLS").
 */
export function pluralForm(text: string): number {
  const last = text.charAt(text.length - 1);
  const lower = last.toLowerCase();
  const upper = last.toUpperCase();
  if (!CASED_LETTER.test(last) || lower === upper) return FORM_EXACT;
  if (last !== lower) return last === 'S' ? FORM_EXACT : FORM_S;
  const tail2 = text.slice(-2).toLowerCase();
  if (last === 's' || last === 'x' || last === 'z' || tail2 === 'ch' || tail2 === 'sh') return FORM_ES;
  if (last === 'y' && text.length > 1 && !VOWELS.includes(tail2.charAt(0))) return FORM_IES;
  return FORM_S;
}

function formText(folded: string, form: number): string {
  switch (form) {
    case FORM_S:
      return folded + 's';
    case FORM_ES:
      return folded + 'es';
    case FORM_IES:
      return folded.slice(0, -1) + 'ies';
    default:
      return folded;
  }
}

/** A character trie under construction: nodes in arrays, edges in an open-addressing hash table. */
class CharTrie {
  parent: Int32Array;
  label: Uint16Array;
  childCount: Int32Array;
  size = 1;
  private table: Int32Array;
  private mask: number;

  constructor(expectedNodes: number) {
    const cap = Math.max(16, expectedNodes + 1);
    this.parent = new Int32Array(cap);
    this.label = new Uint16Array(cap);
    this.childCount = new Int32Array(cap);
    let tableSize = 16;
    while (tableSize < cap * 2) tableSize *= 2;
    this.table = new Int32Array(tableSize);
    this.mask = tableSize - 1;
  }

  insert(s: string): number {
    let v = 0;
    for (let i = 0; i < s.length; i++) v = this.child(v, s.charCodeAt(i));
    return v;
  }

  private slot(v: number, c: number): number {
    let h = Math.imul(v, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca77);
    h ^= h >>> 15;
    return h & this.mask;
  }

  private child(v: number, c: number): number {
    let i = this.slot(v, c);
    for (;;) {
      const t = this.table[i];
      if (t === 0) break;
      if (this.parent[t!] === v && this.label[t!] === c) return t!;
      i = (i + 1) & this.mask;
    }
    if (this.size >= this.parent.length) this.growNodes();
    const t = this.size++;
    this.parent[t] = v;
    this.label[t] = c;
    this.childCount[v]!++;
    this.table[i] = t;
    if (this.size * 2 > this.table.length) this.growTable();
    return t;
  }

  private growNodes(): void {
    const cap = this.parent.length * 2;
    const grow = <T extends Int32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.parent = grow(this.parent, (n) => new Int32Array(n));
    this.label = grow(this.label, (n) => new Uint16Array(n));
    this.childCount = grow(this.childCount, (n) => new Int32Array(n));
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.mask = this.table.length - 1;
    for (let t = 1; t < this.size; t++) {
      let i = this.slot(this.parent[t]!, this.label[t]!);
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = t;
    }
  }
}

export function buildMatcherData(patterns: readonly MatcherPattern[]): MatcherData {
  const count = patterns.length;
  // Pattern indexes share an int32 with a rank (below) and with the plural form (accept codes).
  if (count >= 2 ** 26) throw new Error(`too many patterns for one matcher: ${count}`);
  const flags = new Uint8Array(count);
  const exact: Array<string | undefined> = new Array(count);
  const keyOffsets = new Int32Array(count + 1);
  const keyParts: string[] = [];
  let keyLength = 0;

  const forms: string[] = [];
  const formNodes: number[] = [];
  const formCodes: number[] = [];
  const formRanks: number[] = [];
  const seenKeys = new Set<string>();
  let totalLength = 0;

  for (let p = 0; p < count; p++) {
    const pattern = patterns[p]!;
    // Keys are nearly always `${kind}:` + the text as the tree spells it (folded) or as `exact` holds it:
    // such keys are not stored (they would be a large share of what a page receives), keyOf rebuilds them.
    const kindPrefix = `${pattern.kind}:`;
    const keyKind = pattern.key.startsWith(kindPrefix);
    let stored = keyKind ? pattern.key.slice(kindPrefix.length) : pattern.key;
    let flag =
      (pattern.kind === 'avoid' ? FLAG_AVOID : 0) |
      (pattern.caseSensitive ? FLAG_SENSITIVE : 0) |
      (pattern.prefix ? FLAG_PREFIX : 0) |
      (keyKind ? FLAG_KEY_KIND : 0);
    // Two packs can carry the same word: one pattern per key, the first wins.
    const text = seenKeys.has(pattern.key) ? '' : normalizePatternText(pattern.text);
    seenKeys.add(pattern.key);
    const folded = text ? foldString(text) : '';
    if (text && stored === (pattern.caseSensitive ? text : folded)) {
      flag |= FLAG_KEY_PATH;
      stored = '';
    }
    flags[p] = flag;
    keyParts.push(stored);
    keyLength += stored.length;
    keyOffsets[p + 1] = keyLength;
    if (!text) continue;
    if (pattern.caseSensitive) exact[p] = text;
    const plural = pattern.prefix ? FORM_EXACT : pluralForm(text);
    for (const form of plural === FORM_EXACT ? [FORM_EXACT] : [FORM_EXACT, plural]) {
      const s = formText(folded, form);
      forms.push(s);
      formCodes.push((p << 2) | form);
      // Among candidates ending at the same node: case-sensitive before insensitive (more specific),
      // the pattern as written before a plural, terms before avoid words, then pattern order.
      formRanks.push(((pattern.caseSensitive ? 0 : 4) + (form === FORM_EXACT ? 0 : 2) + (pattern.kind === 'avoid' ? 1 : 0)) * 2 ** 26 + p);
      totalLength += s.length;
    }
  }
  const trie = new CharTrie(Math.ceil(totalLength * 0.6));
  for (const s of forms) formNodes.push(trie.insert(s));

  const data = toRadix(trie, formNodes, formCodes, formRanks);
  return { ...data, flags, exact, keys: keyParts.join(''), keyOffsets };
}

/** Merges single-child chains into edges and renumbers nodes breadth-first with sorted children. */
function toRadix(
  trie: CharTrie,
  acceptNodes: readonly number[],
  codes: readonly number[],
  ranks: readonly number[],
): Pick<MatcherData, 'first' | 'edge' | 'labels' | 'acc' | 'accCodes'> {
  const n = trie.size;
  const { parent, label, childCount } = trie;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  for (const v of acceptNodes) keep[v] = 1;
  for (let v = 1; v < n; v++) if (childCount[v] !== 1) keep[v] = 1;

  // For every kept node: its nearest kept ancestor, the length of the chain up to it, and the chain's
  // first character (what a parent's children are sorted and searched by).
  const radixParent = new Int32Array(n);
  const chainLength = new Int32Array(n);
  const headChar = new Int32Array(n);
  const kids = new Int32Array(n + 1);
  let kept = 1;
  let labelTotal = 0;
  for (let v = 1; v < n; v++) {
    if (!keep[v]) continue;
    kept++;
    let top = v;
    let u = parent[v]!;
    let len = 1;
    while (u !== 0 && !keep[u]) {
      top = u;
      u = parent[u]!;
      len++;
    }
    radixParent[v] = u;
    chainLength[v] = len;
    headChar[v] = label[top]!;
    kids[u + 1]!++;
    labelTotal += len;
  }
  // Children lists (CSR, indexed by trie node), then sorted by first character.
  for (let v = 0; v < n; v++) kids[v + 1]! += kids[v]!;
  const fill = kids.slice(0, n);
  const kidList = new Int32Array(Math.max(0, kept - 1));
  for (let v = 1; v < n; v++) if (keep[v]) kidList[fill[radixParent[v]!]!++] = v;
  for (let v = 0; v < n; v++) {
    const lo = kids[v]!;
    const hi = kids[v + 1]!;
    if (hi - lo > 1) {
      const sorted = Array.from(kidList.subarray(lo, hi)).sort((a, b) => headChar[a]! - headChar[b]!);
      kidList.set(sorted, lo);
    }
  }

  const order = new Int32Array(kept);
  const newId = new Int32Array(n).fill(-1);
  const first = new Int32Array(kept + 1);
  const edge = new Int32Array(kept + 1);
  const labels = new Uint16Array(labelTotal);
  newId[0] = 0;
  let next = 1;
  let pos = 0;
  for (let k = 0; k < kept; k++) {
    const v = order[k]!;
    first[k] = next;
    for (let x = kids[v]!; x < kids[v + 1]!; x++) {
      const u = kidList[x]!;
      newId[u] = next;
      order[next++] = u;
    }
    edge[k] = pos;
    if (k > 0) {
      const len = chainLength[v]!;
      let u = v;
      for (let w = pos + len - 1; w >= pos; w--) {
        labels[w] = label[u]!;
        u = parent[u]!;
      }
      pos += len;
    }
  }
  first[kept] = next;
  edge[kept] = pos;

  // Accept codes grouped by node, best candidate first.
  const acc = new Int32Array(kept + 1);
  for (const v of acceptNodes) acc[newId[v]! + 1]!++;
  for (let k = 0; k < kept; k++) acc[k + 1]! += acc[k]!;
  const slot = acc.slice(0, kept);
  const byRank = Array.from(codes.keys()).sort((a, b) => ranks[a]! - ranks[b]!);
  const accCodes = new Int32Array(codes.length);
  for (const i of byRank) accCodes[slot[newId[acceptNodes[i]!]!]!++] = codes[i]!;
  return { first, edge, labels, acc, accCodes };
}
