// The scanning side. The text is cut into tokens as it is read (one typed-array load per character for
// its class and fold). At each token start the first word run is hashed on the way and checked against a
// Bloom filter built from the patterns (is this run a pattern, or the start of one followed by this
// separator and next word?); only tokens that can begin a match reach the radix tree, and they enter it
// where their first run ends (a jump table), not at the root. So the cost per character does not grow
// with the number of patterns: with more patterns, more tokens pass the filter, nothing else changes.
import type { PatternKind } from '../glossary/compile';
import { CLS_CONNECTOR, CLS_SPACE, CLS_WORD, INFO, computeInfo, infoOf } from './chars';
import {
  FLAG_AVOID,
  FLAG_KEY_KIND,
  FLAG_KEY_PATH,
  FLAG_PREFIX,
  FLAG_SENSITIVE,
  FORM_EXACT,
  FORM_IES,
  FORM_SUFFIX,
  type MatcherData,
} from './data';
import type { MatchCallback, Matcher, TextMatch } from './types';

const SPACE = 0x20;
/** About 1.5% false positives with two bits per entry in a 512-bit block. */
const BLOOM_BITS_PER_ENTRY = 16;
/** Children of a node with more than this many are found through a dense 128-entry ASCII table. */
export const DENSE_MIN_DEGREE = 8;

// Word runs are hashed FNV-style unit by unit: folded units, or exact units for case-sensitive patterns
// (the same hash when a run has no capitals). Tags keep the filter's questions apart in one bit set.
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;
/** A form that is one word run ("pods", "goose_db_version"). */
const TAG_SINGLE = 0x5bd1e995;
/** The first run of a form with more ("argo" of "Argo CD", "kube" of "kube-proxy"). */
const TAG_MULTI = 0x1b873593;
/** The first run of a form whose first separator is not one unit followed by a word ("C++", prefix "Argo R"). */
const TAG_IRREGULAR = 0x27d4eb2f;
const TAG_PAIR = 0x165667b1;
/** After a first run: this separator and these first two units of the second run. */
const TAG_NEXT = 0x61c88647;
/** A first run followed by too many different second runs to list under TAG_NEXT. */
const TAG_MANY = 0x7feb352d;
/** Above this many TAG_NEXT entries, a first run gets TAG_MANY instead (they would flood its block). */
const MAX_NEXT_PER_RUN = 48;

/** TAG_NEXT's bit key: first run h1, separator, and the second run's first two units (c1 | c2 << 16). */
function nextKey(h1: number, separator: number, lead: number): number {
  return h1 ^ TAG_NEXT ^ Math.imul(separator + 1, 0x9e3779b1) ^ Math.imul(lead, 0x85ebca6b);
}

/** First run, the one separator unit (" " for any white space) and the second run of a form. */
function pairHash(h1: number, separator: number, h2: number): number {
  return Math.imul(Math.imul(h1 ^ TAG_PAIR, HASH_PRIME) ^ separator, 0x9e3779b1) ^ h2;
}

/** Hash of the first word run of a case-sensitive pattern's form, on its exact units. */
function exactRunHash(text: string, form: number): number {
  let h = HASH_SEED;
  const base = form === FORM_IES ? text.length - 1 : text.length;
  for (let k = 0; k < base; k++) {
    const c = text.charCodeAt(k);
    if (((infoOf(c) >>> 16) & 7) !== CLS_WORD) return h;
    h = Math.imul(h ^ c, HASH_PRIME);
  }
  const suffix = FORM_SUFFIX[form]!;
  for (let k = 0; k < suffix.length; k++) h = Math.imul(h ^ suffix.charCodeAt(k), HASH_PRIME);
  return h;
}

/**
 * A Bloom filter of 512-bit blocks (one cache line): `key` picks the block, `bitKey` two bits in it.
 * Questions about the same run use the run's hash as key, so they cost one memory access between them.
 * Keys are already hashes: one multiplication spreads them enough (this runs for every word of a page).
 */
function hasBits(bits: Uint32Array, blocks: number, key: number, bitKey: number): boolean {
  return inBlock(bits, blockOf(key, blocks), bitKey);
}

/** Multiply-shift range reduction of a hash to [0, size): any size works. */
function slotOf(key: number, size: number): number {
  return Math.floor(((Math.imul(key ^ (key >>> 15), 0x85ebca6b) >>> 0) * size) / 4294967296);
}

/** The first word of key's 16-word block. */
function blockOf(key: number, blocks: number): number {
  return slotOf(key, blocks) << 4;
}

/** hasBits with the block already located (several questions about one run). */
function inBlock(bits: Uint32Array, block: number, bitKey: number): boolean {
  const x = Math.imul(bitKey, 0x9e3779b1);
  const b1 = x >>> 23;
  const b2 = (x >>> 14) & 511;
  return ((bits[block + (b1 >>> 5)]! >>> (b1 & 31)) & (bits[block + (b2 >>> 5)]! >>> (b2 & 31)) & 1) === 1;
}

/** Builds the filter from [key, bitKey] pairs; returns the bits and the block count. */
function bloom(entries: ArrayLike<number>): [Uint32Array, number] {
  const blocks = Math.max(1, Math.ceil(((entries.length / 2) * BLOOM_BITS_PER_ENTRY) / 512));
  const bits = new Uint32Array(blocks * 16);
  for (let e = 0; e < entries.length; e += 2) {
    const block = blockOf(entries[e]!, blocks);
    const x = Math.imul(entries[e + 1]!, 0x9e3779b1);
    const b1 = x >>> 23;
    const b2 = (x >>> 14) & 511;
    bits[block + (b1 >>> 5)]! |= 1 << (b1 & 31);
    bits[block + (b2 >>> 5)]! |= 1 << (b2 & 31);
  }
  return [bits, blocks];
}

function infoAt(text: string, i: number): number {
  return infoOf(text.charCodeAt(i));
}

function isWordAt(text: string, i: number): boolean {
  return ((infoAt(text, i) >>> 16) & 7) === CLS_WORD;
}

function skipSpace(text: string, j: number, n: number): number {
  while (j < n && ((infoAt(text, j) >>> 16) & 7) === CLS_SPACE) j++;
  return j;
}

/** "://" at i: the rest of a URL follows. */
function isSchemeSeparator(text: string, i: number, n: number): boolean {
  return i + 2 < n && text.charCodeAt(i) === 0x3a && text.charCodeAt(i + 1) === 0x2f && text.charCodeAt(i + 2) === 0x2f;
}

function isWww(text: string, i: number, n: number): boolean {
  return (
    i + 3 < n && (text.charCodeAt(i + 1) | 0x20) === 0x77 && (text.charCodeAt(i + 2) | 0x20) === 0x77 && text.charCodeAt(i + 3) === 0x2e
  );
}

/** The end of a URL run starting at i: up to white space or a character that cannot end a bare URL. */
function skipUrl(text: string, i: number, n: number): number {
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) break;
    // " ' ( ) < > [ ] ` { }
    if (
      c === 0x22 ||
      c === 0x27 ||
      c === 0x28 ||
      c === 0x29 ||
      c === 0x3c ||
      c === 0x3e ||
      c === 0x5b ||
      c === 0x5d ||
      c === 0x60 ||
      c === 0x7b ||
      c === 0x7d
    )
      break;
    if (c >= 0x80 && ((infoAt(text, i) >>> 16) & 7) === CLS_SPACE) break;
  }
  return i;
}

/**
 * The end of the identifier-like token starting at i: word characters joined by single "-", "." or "/"
 * ("my_goose_db_version_2", "foo.sync.Once.bar", "07-delivery/04-gitops.md"). A dotted host followed
 * by "/" is a URL ("github.com/argo-cd/…"): skip the whole URL.
 */
function skipToken(text: string, i: number, n: number): number {
  let sawDot = false;
  for (;;) {
    while (i < n && ((infoAt(text, i) >>> 16) & 7) === CLS_WORD) i++;
    if (i + 1 >= n) return i;
    const c = text.charCodeAt(i);
    if (c !== 0x2d && c !== 0x2e && c !== 0x2f) return i;
    if (!isWordAt(text, i + 1)) return i;
    if (c === 0x2e) sawDot = true;
    else if (c === 0x2f && sawDot) return skipUrl(text, i, n);
    i++;
  }
}

/**
 * May a match end at e? Not when a word character follows ("Podman"), nor a "-", "." or "/" that joins a
 * longer identifier ("kube-proxy-xyz", "sync.Once.Do"), nor "://" (the scheme of a URL). Sentence
 * punctuation is fine ("the Pod.", "(PDB)", "PDB,", "Pod's").
 */
function endsToken(text: string, e: number, n: number): boolean {
  if (e >= n) return true;
  const info = infoAt(text, e);
  const cls = (info >>> 16) & 7;
  if (cls === CLS_WORD) return false;
  if (cls === CLS_CONNECTOR) return !(e + 1 < n && isWordAt(text, e + 1));
  return !isSchemeSeparator(text, e, n);
}

/** Where first runs end (see TrieMatcher.jumps), gathered by analyse(). */
interface RunEnds {
  /** Per node: the label index where a first run ends in (or at the end of) its edge, or -1. */
  k: Int32Array;
  hash: Int32Array;
  length: Int32Array;
  parent: Int32Array;
}

/** A growable list of int32s (the analysis produces hundreds of thousands; plain arrays are slower). */
class IntList {
  data = new Int32Array(1024);
  length = 0;

  push(a: number, b: number): void {
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }

  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * One walk over the tree that collects the pre-filter's entries (as [key, bit key] pairs) and where first
 * runs end. Each DFS entry carries the path's state: 0 in the first word run, 1 just after the one unit
 * that ended it, 2 in the second run, 3 past the second run, 4 irregular (the separator is not followed
 * by a word), with the hashes of both runs, the separator, and the first two units of the second run.
 * Case-insensitive forms are filed under their folded first run, case-sensitive ones under their exact
 * first run, so that "the" in a text does not wake up the acronym "THE".
 */
function analyse(
  rec: Int32Array,
  labels: Uint16Array,
  accCodes: Int32Array,
  patternFlags: Uint8Array,
  exactTexts: ReadonlyArray<string | undefined>,
): { filter: Int32Array; prefix: Int32Array; prefixLengths: number; ends: RunEnds } {
  const nodes = rec.length / 4 - 1;
  const filter = new IntList();
  const prefix = new IntList();
  let prefixLengths = 0;
  const ends: RunEnds = {
    k: new Int32Array(nodes).fill(-1),
    hash: new Int32Array(nodes),
    length: new Int32Array(nodes),
    parent: new Int32Array(nodes),
  };
  // TAG_NEXT candidates as [first run, bit key]; a run's entries come out together (a DFS visits the
  // subtree below a run's end in one go), which lets the pass below count them per run.
  const next = new IntList();
  // DFS entries: node, state, first run hash (folded), its length, separator, second run hash, lead.
  const W = 7;
  const stack = new Int32Array((nodes + 1) * W);
  let top = 0;
  const push = (u: number, state: number, h1: number, length: number, separator: number, h2: number, lead: number) => {
    stack[top] = u;
    stack[top + 1] = state;
    stack[top + 2] = h1;
    stack[top + 3] = length;
    stack[top + 4] = separator;
    stack[top + 5] = h2;
    stack[top + 6] = lead;
    top += W;
  };
  // Children go on the stack in reverse, so that they come off in order.
  for (let v = rec[4]! - 1; v >= rec[0]!; v--) push(v, 0, HASH_SEED, 0, 0, 0, 0);
  while (top > 0) {
    top -= W;
    const v = stack[top]!;
    let state = stack[top + 1]!;
    let h1 = stack[top + 2]!;
    let length = stack[top + 3]!;
    let separator = stack[top + 4]!;
    let h2 = stack[top + 5]!;
    let lead = stack[top + 6]!;
    const r = v << 2;
    const kStart = rec[r + 1]!;
    const kEnd = rec[r + 5]!;
    for (let k = kStart; k < kEnd && state < 3; k++) {
      const f = labels[k]!;
      const word = ((infoOf(f) >>> 16) & 7) === CLS_WORD;
      if (state === 0) {
        if (word) {
          h1 = Math.imul(h1 ^ f, HASH_PRIME);
          length++;
          continue;
        }
        // A pattern starting with punctuation has no first run: punctuationStarts covers it.
        if (length === 0) {
          state = 4;
          continue;
        }
        // The run ends before this unit: at the parent when it is the edge's first unit (so that every
        // sibling, " " or "-" or ".", stays reachable), else inside this edge.
        const at = k === kStart ? ends.parent[v]! : v;
        ends.k[at] = k === kStart ? rec[(at << 2) + 5]! : k;
        ends.hash[at] = h1;
        ends.length[at] = length;
        separator = f;
        state = 1;
      } else if (state === 1) {
        if (word) {
          h2 = Math.imul(HASH_SEED ^ f, HASH_PRIME);
          lead = f;
          state = 2;
        } else state = 4;
      } else if (word) {
        h2 = Math.imul(h2 ^ f, HASH_PRIME);
        if (lead >>> 16 === 0) lead |= f << 16;
      } else state = 3;
    }
    if (state === 0 && length > 0 && rec[r + 2] !== rec[r + 6]) {
      ends.k[v] = kEnd;
      ends.hash[v] = h1;
      ends.length[v] = length;
    }
    for (let x = rec[r + 2]!; x < rec[r + 6]! && length > 0; x++) {
      const code = accCodes[x]!;
      const p = code >>> 2;
      const flags = patternFlags[p]!;
      const exact = exactTexts[p];
      const run = flags & FLAG_SENSITIVE && exact !== undefined ? exactRunHash(exact, code & 3) : h1;
      if (state === 0) {
        if (flags & FLAG_PREFIX) {
          // Folded even when case-sensitive: the walk checks the case.
          prefix.push(h1, h1);
          prefixLengths |= 1 << Math.min(length, 31);
        } else filter.push(run, run ^ TAG_SINGLE);
        continue;
      }
      filter.push(run, run ^ TAG_MULTI);
      if (state === 2 || state === 3) {
        const pair = pairHash(h1, separator, h2);
        filter.push(pair, pair);
        next.push(h1, nextKey(h1, separator, lead));
      }
      // A prefix pattern's second run may go on in the text ("Argo Ro" → "Argo Rollouts"): no pair.
      if (state === 1 || state === 4 || (state === 2 && flags & FLAG_PREFIX)) filter.push(run, run ^ TAG_IRREGULAR);
    }
    for (let u = rec[r + 4]! - 1; u >= rec[r]!; u--) {
      ends.parent[u] = v;
      push(u, state, h1, length, separator, h2, lead);
    }
  }
  // Runs with many different continuations get one TAG_MANY entry instead of flooding their block.
  const nx = next.values();
  for (let g = 0; g < nx.length;) {
    const h = nx[g]!;
    let e = g;
    while (e < nx.length && nx[e] === h) e += 2;
    if ((e - g) / 2 > MAX_NEXT_PER_RUN) filter.push(h, h ^ TAG_MANY);
    else for (let x = g; x < e; x += 2) filter.push(h, nx[x + 1]!);
    g = e;
  }
  return { filter: filter.values(), prefix: prefix.values(), prefixLengths, ends };
}

/**
 * Builds TrieMatcher.jumps from the run ends found by analyse: the table, its slot count, the runs' units,
 * and whether some runs had to be left out.
 */
function jumpTable(rec: Int32Array, labels: Uint16Array, ends: RunEnds): [Int32Array, number, Uint16Array, boolean] {
  const nodes = ends.k.length;
  let count = 0;
  let runLength = 0;
  for (let v = 0; v < nodes; v++) {
    if (ends.k[v]! < 0) continue;
    count++;
    runLength += ends.length[v]!;
  }
  // Load factor ≤ 0.7; any size works (multiply-shift start, linear probing with wrap-around).
  const size = Math.ceil(count / 0.7) + 1;
  const table = new Int32Array(size * 4);
  const runs = new Uint16Array(runLength);
  let incomplete = false;
  let offset = 0;
  for (let node = 0; node < nodes; node++) {
    const k = ends.k[node]!;
    if (k < 0) continue;
    const length = ends.length[node]!;
    const h = ends.hash[node]!;
    // Runs too long or too many to pack are left out: tokens not found then walk from the root.
    if (length > 255 || offset >= 1 << 23) {
      incomplete = true;
      continue;
    }
    // The run is the whole path from the root to (node, k): copy it backwards.
    let w = offset + length;
    for (let kk = k, v = node; w > offset;) {
      const start = rec[(v << 2) + 1]!;
      while (kk > start && w > offset) runs[--w] = labels[--kk]!;
      v = ends.parent[v]!;
      kk = rec[(v << 2) + 5]!;
    }
    let x = slotOf(h, size);
    while (table[(x << 2) + 1] !== 0) x = x + 1 === size ? 0 : x + 1;
    table[x << 2] = h;
    table[(x << 2) + 1] = node;
    table[(x << 2) + 2] = k;
    table[(x << 2) + 3] = (offset << 8) | length;
    offset += length;
  }
  return [table, size, runs, incomplete];
}

/** Everything a TrieMatcher holds; see the fields of TrieMatcher for what each is. */
export interface Prepared {
  rec: Int32Array;
  labels: Uint16Array;
  head: Uint16Array;
  dense: Uint8Array;
  accCodes: Int32Array;
  flags: Uint8Array;
  exact: Array<string | undefined>;
  keys: string;
  keyOffsets: Int32Array;
  rootAscii: Int32Array;
  punctuationStarts: boolean;
  filter: Uint32Array;
  filterBlocks: number;
  prefixRuns: Uint32Array | undefined;
  prefixRunBlocks: number;
  prefixLengths: number;
  jumps: Int32Array;
  jumpSize: number;
  jumpRuns: Uint16Array;
  jumpsIncomplete: boolean;
}

/** The root's children by ASCII unit, and whether some pattern starts with punctuation (root children lo … hi - 1). */
export function rootTables(head: Uint16Array, lo: number, hi: number): { rootAscii: Int32Array; punctuationStarts: boolean } {
  const rootAscii = new Int32Array(128);
  let punctuationStarts = false;
  for (let v = lo; v < hi; v++) {
    const h = head[v]!;
    if (h < 128) rootAscii[h] = v;
    if (((infoOf(h) >>> 16) & 7) !== CLS_WORD) punctuationStarts = true;
  }
  return { rootAscii, punctuationStarts };
}

/** Derives what a TrieMatcher scans with from the interchange form, pausing now and then. */
export function prepare(data: MatcherData): Prepared {
  const { first, edge, acc, labels, accCodes, flags, exact } = data;
  const nodes = first.length - 1;
  const head = new Uint16Array(nodes);
  for (let v = 1; v < nodes; v++) {
    head[v] = labels[edge[v]!]!;
  }
  let denseNodes = 0;
  for (let v = 0; v < nodes; v++) {
    const degree = first[v + 1]! - first[v]!;
    if (degree > DENSE_MIN_DEGREE && degree < 256) denseNodes++;
  }
  const dense = new Uint8Array(denseNodes * 128);
  const rec = new Int32Array((nodes + 1) * 4);
  let denseAt = 0;
  for (let v = 0; v <= nodes; v++) {
    const r = v << 2;
    rec[r] = first[v]!;
    rec[r + 1] = edge[v]!;
    rec[r + 2] = acc[v]!;
    rec[r + 3] = -1;
    if (v === nodes) break;
    const lo = first[v]!;
    const degree = first[v + 1]! - lo;
    if (degree > DENSE_MIN_DEGREE && degree < 256) {
      rec[r + 3] = denseAt;
      for (let u = lo; u < lo + degree; u++) if (head[u]! < 128) dense[denseAt + head[u]!] = u - lo + 1;
      denseAt += 128;
    }
  }
  const { rootAscii, punctuationStarts } = rootTables(head, first[0]!, first[1]!);
  const { filter: filterEntries, prefix, prefixLengths, ends } = analyse(rec, labels, accCodes, flags, exact);
  const [filter, filterBlocks] = bloom(filterEntries);
  const [prefixRuns, prefixRunBlocks] = prefix.length ? bloom(prefix) : [undefined, 0];
  const [jumps, jumpSize, jumpRuns, jumpsIncomplete] = jumpTable(rec, labels, ends);
  return {
    rec,
    labels,
    head,
    dense,
    accCodes,
    flags,
    exact,
    keys: data.keys,
    keyOffsets: data.keyOffsets,
    rootAscii,
    punctuationStarts,
    filter,
    filterBlocks,
    prefixRuns,
    prefixRunBlocks,
    prefixLengths,
    jumps,
    jumpSize,
    jumpRuns,
    jumpsIncomplete,
  };
}

export class TrieMatcher implements Matcher {
  readonly patternCount: number;
  /**
   * One 4-slot record per node (and a sentinel), so visiting a node touches one cache line:
   * [first child, edge label start, accept codes start, dense table offset or -1]. A node's ranges end
   * where the next record's begin.
   */
  private readonly rec: Int32Array;
  private readonly labels: Uint16Array;
  /** First label unit of each node: what a parent's (contiguous, sorted) children are searched by. */
  private readonly head: Uint16Array;
  /** For high-degree nodes: 128 entries per node, (child - first child + 1) by ASCII unit, 0 = none. */
  private readonly dense: Uint8Array;
  private readonly accCodes: Int32Array;
  private readonly flags: Uint8Array;
  private readonly exact: Array<string | undefined>;
  private readonly keys: string;
  private readonly keyOffsets: Int32Array;
  /** Root child for each ASCII folded unit (0 = none). */
  private readonly rootAscii: Int32Array;
  /** Some pattern starts with punctuation (".NET", "@types"): also try starts outside words. */
  private readonly punctuationStarts: boolean;
  /**
   * The pre-filter, one Bloom filter for several questions about a token's first word run (TAG_*): is it
   * a whole pattern form, does some form start with it, and with this separator and second run? A token
   * that fails them is skipped without touching the tree. False positives only cost a look-up.
   */
  private readonly filter: Uint32Array;
  private readonly filterBlocks: number;
  /**
   * Folded hashes of prefix patterns that are one word run ("kube"), tested while a run is hashed at the
   * lengths in prefixLengths (bit L for length L, bit 31 for 31 and more).
   */
  private readonly prefixRuns: Uint32Array | undefined;
  private readonly prefixRunBlocks: number;
  private readonly prefixLengths: number;
  /**
   * Where each distinct first run ends in the tree, so a walk starts there instead of stepping through
   * the busiest top levels one character at a time. Open addressing, 4 slots per entry:
   * [folded run hash, node, label index in that node's edge, run offset in jumpRuns << 8 | run length];
   * node 0 marks an empty entry. The run's units in jumpRuns make the look-up exact despite hashing.
   */
  private readonly jumps: Int32Array;
  private readonly jumpSize: number;
  private readonly jumpRuns: Uint16Array;
  private readonly jumpsIncomplete: boolean;
  private patternList?: ReadonlyArray<{ key: string; kind: PatternKind }>;
  /** For keys rebuilt from the tree (FLAG_KEY_PATH): each pattern's FORM_EXACT node, and the texts so far. */
  private nodeOf?: Int32Array;
  private readonly pathTexts = new Map<number, string>();
  /** Second result of walk()/acceptAt(): the pattern of the returned end. */
  private hit = -1;

  constructor(p: Prepared) {
    this.rec = p.rec;
    this.labels = p.labels;
    this.head = p.head;
    this.dense = p.dense;
    this.accCodes = p.accCodes;
    this.flags = p.flags;
    this.exact = p.exact;
    this.keys = p.keys;
    this.keyOffsets = p.keyOffsets;
    this.patternCount = p.flags.length;
    this.rootAscii = p.rootAscii;
    this.punctuationStarts = p.punctuationStarts;
    this.filter = p.filter;
    this.filterBlocks = p.filterBlocks;
    this.prefixRuns = p.prefixRuns;
    this.prefixRunBlocks = p.prefixRunBlocks;
    this.prefixLengths = p.prefixLengths;
    this.jumps = p.jumps;
    this.jumpSize = p.jumpSize;
    this.jumpRuns = p.jumpRuns;
    this.jumpsIncomplete = p.jumpsIncomplete;
  }

  /** Everything it scans with, as is (for packMatcher: the page then has nothing to derive). */
  toPrepared(): Prepared {
    const { rec, labels, head, dense, accCodes, flags, exact, keys, keyOffsets, rootAscii, punctuationStarts, filter, filterBlocks } = this;
    const { prefixRuns, prefixRunBlocks, prefixLengths, jumps, jumpSize, jumpRuns, jumpsIncomplete } = this;
    return {
      rec,
      labels,
      head,
      dense,
      accCodes,
      flags,
      exact,
      keys,
      keyOffsets,
      rootAscii,
      punctuationStarts,
      filter,
      filterBlocks,
      prefixRuns,
      prefixRunBlocks,
      prefixLengths,
      jumps,
      jumpSize,
      jumpRuns,
      jumpsIncomplete,
    };
  }

  /** Bytes held in typed arrays by this matcher (for benchmarks; strings such as the keys come on top). */
  get typedArrayBytes(): number {
    return (
      this.rec.byteLength +
      this.labels.byteLength +
      this.head.byteLength +
      this.dense.byteLength +
      this.accCodes.byteLength +
      this.flags.byteLength +
      this.keyOffsets.byteLength +
      this.filter.byteLength +
      (this.prefixRuns?.byteLength ?? 0) +
      this.jumps.byteLength +
      this.jumpRuns.byteLength
    );
  }

  get patterns(): ReadonlyArray<{ key: string; kind: PatternKind }> {
    if (!this.patternList) {
      const list: Array<{ key: string; kind: PatternKind }> = [];
      for (let p = 0; p < this.patternCount; p++) list.push({ key: this.keyOf(p), kind: this.kindOf(p) });
      this.patternList = list;
    }
    return this.patternList;
  }

  keyOf(pattern: number): string {
    if (!(pattern >= 0 && pattern < this.patternCount)) throw new RangeError(`no pattern ${pattern}`);
    const flags = this.flags[pattern]!;
    const stored =
      flags & FLAG_KEY_PATH
        ? (this.exact[pattern] ?? this.pathText(pattern))
        : this.keys.slice(this.keyOffsets[pattern], this.keyOffsets[pattern + 1]);
    return flags & FLAG_KEY_KIND ? (flags & FLAG_AVOID ? 'avoid:' : 'term:') + stored : stored;
  }

  /** The folded text of a pattern: the labels on the path to the node of its FORM_EXACT code. */
  private pathText(pattern: number): string {
    let text = this.pathTexts.get(pattern);
    if (text !== undefined) return text;
    const rec = this.rec;
    if (!this.nodeOf) {
      // Built on first use: most pages ask for the keys of a few hundred patterns, not of all.
      const nodeOf = new Int32Array(this.patternCount);
      for (let v = 0, nodes = rec.length / 4 - 1; v < nodes; v++) {
        for (let x = rec[(v << 2) + 2]!, end = rec[(v << 2) + 6]!; x < end; x++) {
          const code = this.accCodes[x]!;
          if ((code & 3) === FORM_EXACT) nodeOf[code >>> 2] = v;
        }
      }
      this.nodeOf = nodeOf;
    }
    const units: number[] = [];
    // Up to the root; a node's parent is the last node whose children start at or before it (breadth-first order).
    for (let v = this.nodeOf[pattern]!; v > 0;) {
      for (let k = rec[(v << 2) + 5]! - 1; k >= rec[(v << 2) + 1]!; k--) units.push(this.labels[k]!);
      let lo = 0;
      let hi = v - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (rec[mid << 2]! <= v) lo = mid;
        else hi = mid - 1;
      }
      v = lo;
    }
    units.reverse();
    text = '';
    for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
    this.pathTexts.set(pattern, text);
    return text;
  }

  kindOf(pattern: number): PatternKind {
    if (!(pattern >= 0 && pattern < this.patternCount)) throw new RangeError(`no pattern ${pattern}`);
    return this.flags[pattern]! & FLAG_AVOID ? 'avoid' : 'term';
  }

  findAll(text: string): TextMatch[] {
    const out: TextMatch[] = [];
    this.scan(text, (start, end, pattern) => {
      out.push({ start, end, pattern });
    });
    return out;
  }

  scan(text: string, onMatch: MatchCallback): void {
    const n = text.length;
    const info = INFO;
    const filter = this.filter;
    const blocks = this.filterBlocks;
    const prefixRuns = this.prefixRuns;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      let inf = info[c]!;
      if (inf === 0) inf = computeInfo(c);
      const cls = (inf >>> 16) & 7;
      if (cls === CLS_WORD) {
        // A token start: the loop only lands here after white space, punctuation or a match.
        const f = inf & 0xffff;
        if (f === 0x77 && isWww(text, i, n)) {
          i = skipUrl(text, i, n);
          continue;
        }
        // Hash the first word run (folded), noting whether any unit differs from its folded form.
        let h = Math.imul(HASH_SEED ^ f, HASH_PRIME);
        let differs = c ^ f;
        let prefixHit = prefixRuns !== undefined && this.prefixAt(h, 1);
        let j = i + 1;
        for (; j < n; j++) {
          const c2 = text.charCodeAt(j);
          let inf2 = info[c2]!;
          if (inf2 === 0) inf2 = computeInfo(c2);
          if (((inf2 >>> 16) & 7) !== CLS_WORD) break;
          const f2 = inf2 & 0xffff;
          h = Math.imul(h ^ f2, HASH_PRIME);
          differs |= c2 ^ f2;
          if (prefixRuns !== undefined && !prefixHit) prefixHit = this.prefixAt(h, j + 1 - i);
        }
        // The exact hash (for case-sensitive patterns) is another pass, only for runs with capitals.
        let he = h;
        if (differs !== 0) {
          he = HASH_SEED;
          for (let k = i; k < j; k++) he = Math.imul(he ^ text.charCodeAt(k), HASH_PRIME);
        }
        let end = -1;
        if (prefixHit) {
          // A prefix pattern may end inside this run: walk from the root.
          end = this.walkFromRoot(text, i, n);
        } else {
          const block = blockOf(h, blocks);
          const blockExact = differs !== 0 ? blockOf(he, blocks) : -1;
          if (
            (inBlock(filter, block, h ^ TAG_MULTI) || (blockExact >= 0 && inBlock(filter, blockExact, he ^ TAG_MULTI))) &&
            (inBlock(filter, block, h ^ TAG_IRREGULAR) ||
              (blockExact >= 0 && inBlock(filter, blockExact, he ^ TAG_IRREGULAR)) ||
              this.pairFollows(text, j, n, h, block))
          ) {
            end = this.jump(text, i, j, n, h, false);
          } else if (inBlock(filter, block, h ^ TAG_SINGLE) || (blockExact >= 0 && inBlock(filter, blockExact, he ^ TAG_SINGLE))) {
            end = this.jump(text, i, j, n, h, true);
          }
        }
        if (end >= 0) {
          onMatch(i, end, this.hit);
          i = end;
          continue;
        }
        // Not a match: skip the rest of the identifier ("-proxy" of "foo-proxy", ".Once.bar", a URL path).
        i = skipToken(text, j, n);
        continue;
      }
      if (cls !== CLS_SPACE) {
        if (c === 0x3a && isSchemeSeparator(text, i, n)) {
          i = skipUrl(text, i, n);
          continue;
        }
        if (this.punctuationStarts && (i === 0 || !isWordAt(text, i - 1))) {
          const f = inf & 0xffff;
          if ((f < 128 ? this.rootAscii[f]! : this.findChild(0, f)) > 0) {
            const end = this.walkFromRoot(text, i, n);
            if (end >= 0) {
              onMatch(i, end, this.hit);
              i = end;
              continue;
            }
          }
        }
      }
      i++;
    }
  }

  /** Does a one-run prefix pattern end after `length` units of a run with folded hash h? */
  private prefixAt(h: number, length: number): boolean {
    return ((this.prefixLengths >>> Math.min(length, 31)) & 1) === 1 && hasBits(this.prefixRuns!, this.prefixRunBlocks, h, h);
  }

  /**
   * After a first run with folded hash h ending at j (its filter block at `block`): are the separator and
   * second run that follow in the text (one unit, or any white space, then a word run) those of some
   * pattern form?
   */
  private pairFollows(text: string, j: number, n: number, h: number, block: number): boolean {
    if (j >= n) return false;
    let inf = infoAt(text, j);
    // White space folds to " ": any run of it is one separator, as in the patterns.
    const separator = inf & 0xffff;
    let k = j + 1;
    if (((inf >>> 16) & 7) === CLS_SPACE) k = skipSpace(text, k, n);
    if (k >= n) return false;
    inf = infoAt(text, k);
    if (((inf >>> 16) & 7) !== CLS_WORD) return false;
    // First the separator and two units, in the cache line the first run's filter entries are in.
    let lead = inf & 0xffff;
    if (k + 1 < n) {
      const inf2 = infoAt(text, k + 1);
      if (((inf2 >>> 16) & 7) === CLS_WORD) lead |= (inf2 & 0xffff) << 16;
    }
    if (!inBlock(this.filter, block, h ^ TAG_MANY) && !inBlock(this.filter, block, nextKey(h, separator, lead))) return false;
    let h2 = Math.imul(HASH_SEED ^ (inf & 0xffff), HASH_PRIME);
    for (k++; k < n; k++) {
      inf = infoAt(text, k);
      if (((inf >>> 16) & 7) !== CLS_WORD) break;
      h2 = Math.imul(h2 ^ (inf & 0xffff), HASH_PRIME);
    }
    const pair = pairHash(h, separator, h2);
    return hasBits(this.filter, this.filterBlocks, pair, pair);
  }

  /**
   * For a token whose first word run is text[s, j) with folded hash h: find where the run ends in the
   * tree and walk on from there (or, with acceptOnly, only check the patterns that end there). -1 when
   * no pattern matches.
   */
  private jump(text: string, s: number, j: number, n: number, h: number, acceptOnly: boolean): number {
    const jumps = this.jumps;
    const size = this.jumpSize;
    const length = j - s;
    for (let x = slotOf(h, size); ; x = x + 1 === size ? 0 : x + 1) {
      const at = x << 2;
      const node = jumps[at + 1]!;
      if (node === 0) return this.jumpsIncomplete ? this.walkFromRoot(text, s, n) : -1;
      if (jumps[at] !== h || (jumps[at + 3]! & 0xff) !== length) continue;
      let r = jumps[at + 3]! >>> 8;
      let i = s;
      while (i < j && (infoAt(text, i) & 0xffff) === this.jumpRuns[r]) {
        i++;
        r++;
      }
      if (i < j) continue;
      const k = jumps[at + 2]!;
      if (!acceptOnly) return this.walk(text, s, n, node, k, j);
      const rn = node << 2;
      return k === this.rec[rn + 5] && this.rec[rn + 2] !== this.rec[rn + 6] ? this.acceptAt(text, s, j, n, node) : -1;
    }
  }

  private walkFromRoot(text: string, s: number, n: number): number {
    const f = infoAt(text, s) & 0xffff;
    const child = f < 128 ? this.rootAscii[f]! : this.findChild(0, f);
    if (child <= 0) return -1;
    return this.walk(text, s, n, child, this.rec[(child << 2) + 1]! + 1, f === SPACE ? skipSpace(text, s + 1, n) : s + 1);
  }

  /** The child of v whose edge starts with folded unit f, or -1. */
  private findChild(v: number, f: number): number {
    const r = v << 2;
    let lo = this.rec[r]!;
    let hi = this.rec[r + 4]!;
    const d = this.rec[r + 3]!;
    if (d >= 0 && f < 128) {
      const x = this.dense[d + f]!;
      return x === 0 ? -1 : lo + x - 1;
    }
    const head = this.head;
    if (hi - lo <= DENSE_MIN_DEGREE) {
      for (; lo < hi; lo++) if (head[lo] === f) return lo;
      return -1;
    }
    hi--;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const h = head[mid]!;
      if (h === f) return mid;
      if (h < f) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Follows the tree from node v, label index k of its edge, text position j (the text from s to j has
   * matched the path so far), and returns the end of the longest acceptable candidate starting at s,
   * or -1; its pattern goes to this.hit.
   */
  private walk(text: string, s: number, n: number, v: number, k: number, j: number): number {
    const rec = this.rec;
    const labels = this.labels;
    const info = INFO;
    let best = -1;
    let bestPattern = -1;
    for (;;) {
      const r = v << 2;
      const kEnd = rec[r + 5]!;
      for (; k < kEnd; k++) {
        if (j >= n) {
          this.hit = bestPattern;
          return best;
        }
        const c = text.charCodeAt(j);
        let inf = info[c]!;
        if (inf === 0) inf = computeInfo(c);
        const g = inf & 0xffff;
        if (g !== labels[k]) {
          this.hit = bestPattern;
          return best;
        }
        j = g === SPACE ? skipSpace(text, j + 1, n) : j + 1;
      }
      if (rec[r + 2] !== rec[r + 6]) {
        // Deeper candidates win ties: "kubelets" is the plural of "kubelet", not prefix "kube" extended.
        const end = this.acceptAt(text, s, j, n, v);
        if (end >= 0 && end >= best) {
          best = end;
          bestPattern = this.hit;
        }
      }
      if (j >= n || rec[r] === rec[r + 4]) break;
      const c = text.charCodeAt(j);
      let inf = info[c]!;
      if (inf === 0) inf = computeInfo(c);
      const f = inf & 0xffff;
      const next = this.findChild(v, f);
      if (next < 0) break;
      v = next;
      k = rec[(v << 2) + 1]! + 1;
      j = f === SPACE ? skipSpace(text, j + 1, n) : j + 1;
    }
    this.hit = bestPattern;
    return best;
  }

  /** The longest acceptable end among node v's patterns for text[s, j), or -1; pattern in this.hit. */
  private acceptAt(text: string, s: number, j: number, n: number, v: number): number {
    let best = -1;
    let bestPattern = -1;
    for (let x = this.rec[(v << 2) + 2]!, xEnd = this.rec[(v << 2) + 6]!; x < xEnd; x++) {
      const code = this.accCodes[x]!;
      const p = code >>> 2;
      const flags = this.flags[p]!;
      if (flags & FLAG_SENSITIVE && !this.matchesExactly(text, s, j, p, code & 3)) continue;
      let e = j;
      // A prefix pattern covers the rest of the word it starts ("kube" → "kubectl").
      if (flags & FLAG_PREFIX) while (e < n && isWordAt(text, e)) e++;
      if (e > best && endsToken(text, e, n)) {
        best = e;
        bestPattern = p;
      }
    }
    this.hit = bestPattern;
    return best;
  }

  /** Case-sensitive check of text[s, j) against pattern p in plural form `form`. */
  private matchesExactly(text: string, s: number, j: number, p: number, form: number): boolean {
    const pattern = this.exact[p];
    if (pattern === undefined) return false;
    const baseLength = form === FORM_IES ? pattern.length - 1 : pattern.length;
    let x = s;
    for (let k = 0; k < baseLength; k++) {
      const pc = pattern.charCodeAt(k);
      if (pc === SPACE) {
        if (x >= j || ((infoAt(text, x) >>> 16) & 7) !== CLS_SPACE) return false;
        x = skipSpace(text, x + 1, j);
      } else if (x >= j || text.charCodeAt(x++) !== pc) return false;
    }
    const suffix = FORM_SUFFIX[form]!;
    for (let k = 0; k < suffix.length; k++) if (x >= j || text.charCodeAt(x++) !== suffix.charCodeAt(k)) return false;
    return x === j;
  }
}
