// How the background hands a built matcher to a page. Extension messaging JSON-serialises every message
// and a page pays ~10-15 ns per received byte (measured in Chromium: a 6 MB message was one 78 ms task),
// so the matcher travels ready to scan, in ASCII, cut into chunks that each have a message of their own:
//   background:  const packed = packMatcher(buildMatcher(patterns));   // once per pack set
//                answer `matcher` with packed.transfer (header + chunk 0), `matcherChunk` with packed.chunk(i)
//   page:        const { matcher } = await receiveMatcher(transfer, (i) => ask for chunk i);
// Everything the build derives (pre-filter bits, jump table entries) is shipped, not recomputed. A page
// runs this code once, cold, where a JS loop over a million items costs ~100 ms: arrays travel in forms
// the browser decodes natively (base64 for random bits, one ASCII character per byte or unit otherwise,
// turned into bytes by TextEncoder.encodeInto), small numbers as ASCII varints.
import { FLAG_AVOID, FLAG_KEY_KIND, FLAG_KEY_PATH, FLAG_PREFIX, FLAG_SENSITIVE } from './data';
import { DENSE_MIN_DEGREE, TrieMatcher, rootTables, type Prepared } from './matcher';
import type { Matcher } from './types';

export const TRANSFER_FORMAT = 'termlens-matcher/2';

/** What the `matcher` answer carries: the header, chunk 0, and how to check the other chunks. */
export interface MatcherTransfer {
  format: typeof TRANSFER_FORMAT;
  /** A hash of the content: the same matcher has the same id, also after the background restarts. */
  id: string;
  nodes: number;
  patterns: number;
  labelCount: number;
  acceptCount: number;
  exactCount: number;
  filterBlocks: number;
  prefixRunBlocks: number;
  prefixLengths: number;
  jumpCount: number;
  jumpSize: number;
  jumpRunLength: number;
  /** Units of jump runs sent (runs too long for the table are not). */
  jumpRunsSent: number;
  jumpsIncomplete: boolean;
  /** Character length of each section of the body, in SECTIONS order. */
  sections: number[];
  /** Length and checksum of each chunk; the chunks, in order, are the body. */
  chunkLengths: number[];
  chunkSums: number[];
  /** Chunk 0, inline: a small matcher needs no other message. */
  first: string;
}

export interface PackedMatcher {
  transfer: MatcherTransfer;
  chunkCount: number;
  /** Chunk `index` (0 … chunkCount - 1) of the body. */
  chunk(index: number): string;
}

/** Per-load figures, for the page's performance measure. */
export interface ReceiveStats {
  chunks: number;
  chars: number;
  /** Page tasks the load ran in. */
  tasks: number;
  /** Its own time in all, and in the longest of those tasks (ms; a message's task adds its receipt to that). */
  workMs: number;
  longestTaskMs: number;
}

// ---- the body: sections of strings ------------------------------------------------------------------
// Varints are base-32 digits, least significant first: "0"…"O" go on, "]"…"|" end a number. Like base64
// and the byte alphabets below, none of these characters is escaped by JSON.

/** Text, or one character per unit (labels). */
const RAW = 0;
/** One ASCII character per byte. */
const BYTES = 1;
const VARINT = 2;
const BASE64 = 3;
const MORE = 0x30;
const LAST = 0x5d;

/** Body sections in order; varint sections say how many numbers make one record (chunks never split one). */
const SECTIONS = [
  { name: 'labels', record: 0 }, // edge labels, a character per folded unit
  { name: 'treeEscapes', record: 3 }, // node delta, field, value: for tree values of ESCAPE or more
  { name: 'tree', record: 0 }, // 3 characters per node (TREE_DIGITS): children, edge length, accept codes
  { name: 'codes', record: 0 }, // base64 of the accept codes (int32)
  { name: 'flags', record: 0 }, // "0" + flag bits, per pattern
  { name: 'keyLengths', record: 1 }, // of the keys that are stored (see FLAG_KEY_PATH)
  { name: 'keys', record: 0 }, // text
  { name: 'exact', record: 2 }, // pattern index delta, text length
  { name: 'exactText', record: 0 }, // text
  { name: 'filter', record: 0 }, // base64 of the pre-filter's words
  { name: 'prefixRuns', record: 0 }, // base64
  { name: 'jumpRuns', record: 0 }, // like labels: the first runs of the jump entries (cheaper to send than to copy out of the tree)
  { name: 'jumps', record: 0 }, // base64 of the jump table as is (placing 10^5 entries at random costs a cold page more)
] as const;
const S_LABELS = 0;
const S_TREE_ESCAPES = 1;
const S_TREE = 2;
const S_CODES = 3;
const S_FLAGS = 4;
const S_KEY_LENGTHS = 5;
const S_KEYS = 6;
const S_EXACT = 7;
const S_EXACT_TEXT = 8;
const S_FILTER = 9;
const S_PREFIX = 10;
const S_JUMP_RUNS = 11;
const S_JUMPS = 12;

const KINDS = [RAW, VARINT, BYTES, BASE64, BYTES, VARINT, RAW, VARINT, RAW, BASE64, BASE64, RAW, BASE64];

/** Tree values 0 … ESCAPE - 1 as printable ASCII without '"' and '\\'; ESCAPE means "see treeEscapes". */
const ESCAPE = 90;
const TREE_DIGITS = Array.from({ length: ESCAPE + 1 }, (_, v) => 0x23 + v + (0x23 + v >= 0x5c ? 1 : 0));
const TREE_VALUES = new Int8Array(128).fill(-1);
TREE_DIGITS.forEach((c, v) => (TREE_VALUES[c] = v));
/** About 0.25-0.35 MB on the wire: receiving one chunk is a few ms of the page's time. */
export const DEFAULT_CHUNK_CHARS = 256 * 1024;
/** Characters decoded between two looks at the clock: in JS loops, and natively (a multiple of 4: base64). */
const STEP = 4096;
const NATIVE_STEP = 16384;

class VarintWriter {
  private units = new Uint16Array(4096);
  private length = 0;

  write(value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && Number.isInteger(value))) throw new Error(`packMatcher: cannot encode ${value}`);
    if (this.length + 7 > this.units.length) {
      const grown = new Uint16Array(this.units.length * 2);
      grown.set(this.units);
      this.units = grown;
    }
    while (value >= 32) {
      this.units[this.length++] = MORE + (value & 31);
      value >>>= 5;
    }
    this.units[this.length++] = LAST + value;
  }

  toString(): string {
    return unitsToString(this.units.subarray(0, this.length));
  }
}

function unitsToString(units: Uint16Array | Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 0x2000) parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 0x2000) as unknown as number[]));
  return parts.join('');
}

const bytesOf = (a: Uint8Array | Uint16Array | Int32Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // A multiple of 3 bytes per piece: the pieces' base64 concatenates without padding in between.
  for (let i = 0; i < bytes.length; i += 0x6000) parts.push(btoa(unitsToString(bytes.subarray(i, i + 0x6000))));
  return parts.join('');
}

/**
 * A chunk's checksum: FNV-1a over its length and every 16th unit. Messaging is lossless; this catches a
 * chunk of another matcher, or a misplaced one, at a sixteenth of the cost of reading every unit.
 * Corruption inside a chunk is caught by the decoding's own checks where the data has structure.
 */
function checksum(s: string, from = 0, to = s.length): number {
  let h = Math.imul(0x811c9dc5 ^ (to - from), 0x01000193);
  for (let i = from; i < to; i += 16) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

// ---- packing (background) ------------------------------------------------------------------------------

/** Packs a matcher made by buildMatcher (or received) for pages; `chunkChars` bounds each chunk. */
export function packMatcher(matcher: Matcher, options: { chunkChars?: number } = {}): PackedMatcher {
  if (!(matcher instanceof TrieMatcher)) throw new Error('packMatcher: not a matcher made by buildMatcher');
  const chunkChars = Math.max(64, options.chunkChars ?? DEFAULT_CHUNK_CHARS);
  const p = matcher.toPrepared();
  const nodes = p.rec.length / 4 - 1;
  const patterns = p.flags.length;

  const tree = new Uint8Array(nodes * 3);
  const escapes = new VarintWriter();
  let previous = 0;
  for (let v = 0; v < nodes; v++) {
    const r = v << 2;
    const counts = [p.rec[r + 4]! - p.rec[r]!, p.rec[r + 5]! - p.rec[r + 1]!, p.rec[r + 6]! - p.rec[r + 2]!];
    counts.forEach((value, field) => {
      tree[v * 3 + field] = TREE_DIGITS[Math.min(value, ESCAPE)]!;
      if (value < ESCAPE) return;
      escapes.write(v - previous);
      escapes.write(field);
      escapes.write(value);
      previous = v;
    });
  }
  const keyLengths = new VarintWriter();
  for (let q = 0; q < patterns; q++) {
    // Keys rebuilt from the tree have no stored part: no length either.
    if (!(p.flags[q]! & FLAG_KEY_PATH)) keyLengths.write(p.keyOffsets[q + 1]! - p.keyOffsets[q]!);
  }
  const exact = new VarintWriter();
  const exactText: string[] = [];
  previous = 0;
  p.exact.forEach((text, q) => {
    if (text === undefined) return;
    exact.write(q - previous);
    exact.write(text.length);
    exactText.push(text);
    previous = q;
  });
  // The runs of the table's entries: where the table was filled in node order, the first ones.
  let jumpCount = 0;
  let runsSent = 0;
  for (let x = 0; x < p.jumpSize; x++) {
    if (p.jumps[(x << 2) + 1] === 0) continue;
    jumpCount++;
    runsSent = Math.max(runsSent, (p.jumps[(x << 2) + 3]! >>> 8) + (p.jumps[(x << 2) + 3]! & 0xff));
  }
  const flags = Uint8Array.from(p.flags, (f) => 0x30 + f);

  const parts = [
    unitsToString(p.labels),
    escapes.toString(),
    unitsToString(tree),
    toBase64(bytesOf(p.accCodes)),
    unitsToString(flags),
    keyLengths.toString(),
    p.keys,
    exact.toString(),
    exactText.join(''),
    toBase64(bytesOf(p.filter)),
    p.prefixRuns ? toBase64(bytesOf(p.prefixRuns)) : '',
    unitsToString(p.jumpRuns.subarray(0, runsSent)),
    toBase64(bytesOf(p.jumps)),
  ];
  const body = parts.join('');
  const cuts = cutPoints(body, parts, KINDS, chunkChars);
  const chunkLengths: number[] = [];
  const chunkSums: number[] = [];
  let id = 0x811c9dc5 | 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    chunkLengths.push(cuts[i + 1]! - cuts[i]!);
    chunkSums.push(checksum(body, cuts[i], cuts[i + 1]));
    id = Math.imul(id ^ chunkSums[i]!, 0x01000193) ^ chunkLengths[i]!;
  }
  const chunk = (index: number): string => {
    if (!(index >= 0 && index < chunkLengths.length)) throw new RangeError(`no chunk ${index}`);
    return body.slice(cuts[index], cuts[index + 1]);
  };
  const transfer: MatcherTransfer = {
    format: TRANSFER_FORMAT,
    id: `${body.length.toString(36)}-${(id >>> 0).toString(36)}`,
    nodes,
    patterns,
    labelCount: p.labels.length,
    acceptCount: p.accCodes.length,
    exactCount: exactText.length,
    filterBlocks: p.filterBlocks,
    prefixRunBlocks: p.prefixRuns ? p.prefixRunBlocks : 0,
    prefixLengths: p.prefixLengths,
    jumpCount,
    jumpSize: p.jumpSize,
    jumpRunLength: p.jumpRuns.length,
    jumpRunsSent: runsSent,
    jumpsIncomplete: p.jumpsIncomplete,
    sections: parts.map((x) => x.length),
    chunkLengths,
    chunkSums,
    first: chunk(0),
  };
  return { transfer, chunkCount: chunkLengths.length, chunk };
}

/** Where the body is cut: about every `size` characters, never inside a varint record or a base64 quad. */
function cutPoints(body: string, parts: readonly string[], kinds: readonly number[], size: number): number[] {
  const cuts = [0];
  let start = 0;
  for (let s = 0; s < parts.length; s++) {
    const end = start + parts[s]!.length;
    const kind = kinds[s]!;
    const record = SECTIONS[s]!.record;
    // Record boundaries inside a varint section, found by counting the digits that end a number.
    let scan = start;
    let numbers = 0;
    let boundary = start;
    for (;;) {
      const last = cuts[cuts.length - 1]!;
      const target = last + size;
      if (target >= end) break;
      let cut = target;
      if (kind === BASE64) cut = start + Math.floor((target - start) / 4) * 4;
      else if (kind === VARINT) {
        while (scan < target) if (body.charCodeAt(scan++) >= LAST && ++numbers % record === 0) boundary = scan;
        cut = boundary;
      }
      if (cut <= last) {
        // Not one boundary in a whole chunk (tiny chunks): cut at the next one.
        if (kind === VARINT) {
          while (scan < end) if (body.charCodeAt(scan++) >= LAST && ++numbers % record === 0) break;
          boundary = scan;
          cut = scan;
        } else cut = last + 4;
        if (cut >= end) break;
      }
      cuts.push(cut);
    }
    start = end;
  }
  cuts.push(body.length);
  return cuts;
}

// ---- unpacking (page) ---------------------------------------------------------------------------------

const fail = (what: string): never => {
  throw new Error(`matcher transfer: ${what}`);
};

const isCount = (x: unknown, max = 2 ** 28): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;

const COUNTS = ['nodes', 'patterns', 'labelCount', 'acceptCount', 'exactCount', 'filterBlocks', 'prefixRunBlocks', 'jumpCount', 'jumpSize', 'jumpRunLength', 'jumpRunsSent'] as const;

/** Checks the header; throws a clear error for anything else (another format, a truncated answer). */
function checkTransfer(input: unknown): MatcherTransfer {
  const t = input as Partial<MatcherTransfer> | null;
  if (!t || typeof t !== 'object' || t.format !== TRANSFER_FORMAT) {
    fail(`expected format "${TRANSFER_FORMAT}", got ${JSON.stringify(t && typeof t === 'object' ? t.format : t)}`);
  }
  for (const key of COUNTS) if (!isCount(t![key])) fail(`"${key}" must be a count, got ${JSON.stringify(t![key])}`);
  if (typeof t!.id !== 'string' || typeof t!.first !== 'string' || typeof t!.jumpsIncomplete !== 'boolean' || typeof t!.prefixLengths !== 'number') {
    fail('malformed header');
  }
  const { sections, chunkLengths, chunkSums } = t!;
  if (!Array.isArray(sections) || sections.length !== SECTIONS.length || !sections.every((n) => isCount(n, 2 ** 30))) fail('"sections" is malformed');
  if (!Array.isArray(chunkLengths) || chunkLengths.length === 0 || !chunkLengths.every((n) => isCount(n, 2 ** 30))) fail('"chunkLengths" is malformed');
  if (!Array.isArray(chunkSums) || chunkSums.length !== chunkLengths!.length || !chunkSums.every((n) => Number.isInteger(n))) fail('"chunkSums" is malformed');
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (total(sections!) !== total(chunkLengths!)) fail('the chunks do not add up to the sections');
  const h = t as MatcherTransfer;
  const expected: Array<[number, number, string]> = [
    [S_LABELS, h.labelCount, 'labelCount'],
    [S_TREE, h.nodes * 3, 'nodes'],
    [S_CODES, base64Length(h.acceptCount * 4), 'acceptCount'],
    [S_FLAGS, h.patterns, 'patterns'],
    [S_FILTER, base64Length(h.filterBlocks * 64), 'filterBlocks'],
    [S_PREFIX, base64Length(h.prefixRunBlocks * 64), 'prefixRunBlocks'],
    [S_JUMP_RUNS, h.jumpRunsSent, 'jumpRunsSent'],
    [S_JUMPS, base64Length(h.jumpSize * 16), 'jumpSize'],
  ];
  for (const [section, length, field] of expected) if (h.sections[section] !== length) fail(`"${SECTIONS[section]!.name}" does not fit "${field}"`);
  if (h.nodes < 1) fail('"nodes" must be at least 1');
  if (h.jumpSize <= h.jumpCount || h.jumpSize > 2 * h.nodes + 2) fail('"jumpSize" does not fit "jumpCount"');
  if (h.jumpRunsSent > h.jumpRunLength) fail('"jumpRunsSent" is more than "jumpRunLength"');
  return h;
}

/** Where the last readVarint stopped. */
let next = 0;

/** The varint at s[pos] (ending before `end`); sets `next` past it. */
function readVarint(s: string, pos: number, end: number): number {
  if (pos < end) {
    const c = s.charCodeAt(pos) - LAST;
    if (c >= 0 && c < 32) {
      next = pos + 1;
      return c;
    }
  }
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= end) fail('a record is cut short');
    const c = s.charCodeAt(pos++);
    if (c >= LAST && c < LAST + 32) {
      next = pos;
      return value + (c - LAST) * scale;
    }
    if (!(c >= MORE && c < MORE + 32) || scale > 2 ** 30) fail('a number is corrupt');
    value += (c - MORE) * scale;
    scale *= 32;
  }
}

/** Bytes of base64 s[from, to): natively where the browser can (Uint8Array.fromBase64), else through atob. */
function base64Bytes(s: string, from: number, to: number): Uint8Array {
  const piece = s.slice(from, to);
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  try {
    if (native) return native(piece);
    const binary = atob(piece);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return fail('a base64 section is corrupt');
  }
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(4096);

/**
 * Copies s[from, to) into `target` from index `at`, a unit per element: natively (TextEncoder writes an
 * ASCII string's bytes) unless the piece has other characters. False when it has, into a byte array.
 */
function copyText(s: string, from: number, to: number, target: Uint8Array | Uint16Array, at: number): boolean {
  const piece = s.slice(from, to);
  const n = piece.length;
  if (target instanceof Uint8Array) {
    const { read, written } = encoder.encodeInto(piece, target.subarray(at, at + n));
    return read === n && written === n;
  }
  if (scratch.length < n) scratch = new Uint8Array(n);
  const { read, written } = encoder.encodeInto(piece, scratch.subarray(0, n));
  if (read === n && written === n) target.set(scratch.subarray(0, n), at);
  else for (let i = from; i < to; i++) target[at++] = s.charCodeAt(i);
  return true;
}

/** Decodes chunks in order, in slices, into the arrays a TrieMatcher scans with. */
class Unpacker {
  readonly t: MatcherTransfer;
  private readonly starts: number[];
  /** Next body position, chunk and section to decode. */
  private at = 0;
  private chunkIndex = 0;
  private section = 0;
  /** Progress inside the current section (numbers, units or bytes decoded). */
  private done = 0;
  private previous = 0;
  /** The chunk being decoded, and how far. */
  private current: string | null = null;
  private local = 0;

  private readonly rec: Int32Array;
  private readonly labels: Uint16Array;
  private readonly head: Uint16Array;
  private readonly treeBytes: Uint8Array;
  /** Tree nodes laid out so far; escapes as [node, field, value] triples. */
  private treeNodes = 0;
  private readonly escapes: number[] = [];
  private escapeAt = 0;
  private readonly denseNodes: number[] = [];
  private dense = new Uint8Array(0);
  private root: { rootAscii: Int32Array; punctuationStarts: boolean } | null = null;
  private readonly accCodes: Int32Array;
  private checkedCodes = 0;
  private readonly flags: Uint8Array;
  private checkedFlags = 0;
  private readonly keyOffsets: Int32Array;
  private readonly keyParts: string[] = [];
  private keys = '';
  private readonly exactIndex: Int32Array;
  private readonly exactLength: Int32Array;
  private exactCarry = '';
  private readonly exact: Array<string | undefined>;
  private readonly filter: Uint32Array;
  private readonly prefixRuns: Uint32Array | undefined;
  private readonly jumps: Int32Array;
  private readonly jumpRuns: Uint16Array;
  private checkedJumps = 0;
  private jumpEntries = 0;

  constructor(transfer: unknown) {
    const t = checkTransfer(transfer);
    this.t = t;
    this.starts = [0];
    for (const n of t.sections) this.starts.push(this.starts[this.starts.length - 1]! + n);
    this.rec = new Int32Array((t.nodes + 1) * 4);
    this.rec[0] = 1;
    this.labels = new Uint16Array(t.labelCount);
    this.head = new Uint16Array(t.nodes);
    this.treeBytes = new Uint8Array(t.nodes * 3);
    this.accCodes = new Int32Array(t.acceptCount);
    this.flags = new Uint8Array(t.patterns);
    this.keyOffsets = new Int32Array(t.patterns + 1);
    this.exactIndex = new Int32Array(t.exactCount);
    this.exactLength = new Int32Array(t.exactCount);
    this.exact = new Array<string | undefined>(t.patterns);
    this.filter = new Uint32Array(t.filterBlocks * 16);
    this.prefixRuns = t.prefixRunBlocks > 0 ? new Uint32Array(t.prefixRunBlocks * 16) : undefined;
    this.jumps = new Int32Array(t.jumpSize * 4);
    this.jumpRuns = new Uint16Array(t.jumpRunLength);
  }

  get chunkCount(): number {
    return this.t.chunkLengths.length;
  }

  /** Takes the next chunk (in order, once the one before is decoded); throws on a wrong or truncated one. */
  add(data: unknown): void {
    const i = this.chunkIndex;
    const n = this.chunkCount;
    if (i >= n || this.current !== null) fail('a chunk out of turn');
    if (typeof data !== 'string') fail(`chunk ${i + 1} of ${n} is missing`);
    const s = data as string;
    if (s.length !== this.t.chunkLengths[i]) fail(`chunk ${i + 1} of ${n} has ${s.length} characters, expected ${this.t.chunkLengths[i]}`);
    if (checksum(s) !== this.t.chunkSums[i]) fail(`chunk ${i + 1} of ${n} is corrupt (checksum)`);
    this.current = s;
    this.local = 0;
  }

  /**
   * Decodes the chunk taken by add() until it is done (true), or until `deadline` (performance.now())
   * has passed (false: call again). Throws on corrupt data.
   */
  work(deadline = Infinity): boolean {
    const s = this.current;
    if (s === null) return true;
    for (;;) {
      // Close the sections that end here (empty ones too) before anything else.
      while (this.section < SECTIONS.length && this.at === this.starts[this.section + 1]) {
        this.completeSection();
        this.section++;
        this.done = 0;
        this.previous = 0;
      }
      if (this.local === s.length) break;
      const to = Math.min(s.length, this.local + (this.starts[this.section + 1]! - this.at));
      // Native decoding takes bigger steps; the tree's bytes are then laid out in JS: 1,024 nodes a step.
      const section = this.section;
      const native = KINDS[section] === BASE64 || KINDS[section] === BYTES || section === S_LABELS || section === S_JUMP_RUNS;
      const step = section === S_TREE ? 3 * 1024 : native ? NATIVE_STEP : STEP;
      const reached = this.decode(s, this.local, Math.min(to, this.local + step), to);
      this.at += reached - this.local;
      this.local = reached;
      if (this.local < s.length && performance.now() >= deadline) return false;
    }
    this.current = null;
    this.chunkIndex++;
    return true;
  }

  /** The matcher, once every chunk is in. */
  finish(): Matcher {
    if (this.chunkIndex !== this.chunkCount || this.section !== SECTIONS.length) fail(`only ${this.chunkIndex} of ${this.chunkCount} chunks arrived`);
    const t = this.t;
    const prepared: Prepared = {
      rec: this.rec,
      labels: this.labels,
      head: this.head,
      dense: this.dense,
      accCodes: this.accCodes,
      flags: this.flags,
      exact: this.exact,
      keys: this.keys,
      keyOffsets: this.keyOffsets,
      rootAscii: this.root!.rootAscii,
      punctuationStarts: this.root!.punctuationStarts,
      filter: this.filter,
      filterBlocks: t.filterBlocks,
      prefixRuns: this.prefixRuns,
      prefixRunBlocks: t.prefixRunBlocks,
      prefixLengths: t.prefixLengths,
      jumps: this.jumps,
      jumpSize: t.jumpSize,
      jumpRuns: this.jumpRuns,
      jumpsIncomplete: t.jumpsIncomplete,
    };
    return new TrieMatcher(prepared);
  }

  /** Where the bytes of a base64 section go. */
  private target(section: number): Uint8Array | Uint16Array {
    switch (section) {
      case S_LABELS:
        return this.labels;
      case S_TREE:
        return this.treeBytes;
      case S_CODES:
        return bytesOf(this.accCodes);
      case S_FLAGS:
        return this.flags;
      case S_FILTER:
        return bytesOf(this.filter);
      case S_PREFIX:
        return bytesOf(this.prefixRuns ?? new Uint8Array(0));
      case S_JUMPS:
        return bytesOf(this.jumps);
      default:
        return this.jumpRuns;
    }
  }

  /**
   * Decodes s[from, …) of the current section, at least up to `soft` and never past `to` (the end of
   * the section in this chunk); returns where it stopped: `soft`, or the end of the record it was in.
   */
  private decode(s: string, from: number, soft: number, to: number): number {
    const section = this.section;
    const kind = KINDS[section];
    if (kind === BASE64 || kind === BYTES || section === S_LABELS || section === S_JUMP_RUNS) {
      const target = this.target(section);
      let n = soft - from;
      if (kind === BASE64) {
        // Pieces start on a quad and steps are whole quads: so is `soft`.
        const bytes = base64Bytes(s, from, soft);
        n = bytes.length;
        if (this.done + n > target.length) fail(`"${SECTIONS[section]!.name}" is longer than its array`);
        target.set(bytes, this.done);
      } else {
        if (this.done + n > target.length) fail(`"${SECTIONS[section]!.name}" is longer than its array`);
        if (!copyText(s, from, soft, target, this.done)) fail(`"${SECTIONS[section]!.name}" is corrupt`);
      }
      this.done += n;
      if (section === S_TREE) this.layOut(Math.floor(this.done / 3));
      else if (section === S_CODES) this.checkCodes(this.done >> 2);
      else if (section === S_FLAGS) this.checkFlags(this.done);
      else if (section === S_JUMPS) this.checkJumps(this.done >> 4);
      return soft;
    }
    switch (section) {
      case S_KEYS:
        this.keyParts.push(s.slice(from, soft));
        return soft;
      case S_EXACT_TEXT:
        this.exactTexts(s.slice(from, soft));
        return soft;
      case S_TREE_ESCAPES:
        return this.treeEscapes(s, from, soft, to);
      case S_KEY_LENGTHS:
        return this.keyLengths(s, from, soft, to);
      default:
        return this.exactEntries(s, from, soft, to);
    }
  }

  private treeEscapes(s: string, pos: number, soft: number, end: number): number {
    while (pos < soft) {
      const node = this.previous + readVarint(s, pos, end);
      const field = readVarint(s, next, end);
      const value = readVarint(s, next, end);
      pos = next;
      const last = this.escapes.length - 3;
      if (field > 2 || value < ESCAPE || (last >= 0 && (node < this.escapes[last]! || (node === this.escapes[last] && field <= this.escapes[last + 1]!)))) {
        fail('"treeEscapes" is corrupt');
      }
      this.escapes.push(node, field, value);
      this.previous = node;
    }
    return pos;
  }

  /** Lays out tree nodes up to (not including) `upTo` from their bytes: node records, heads, dense candidates. */
  private layOut(upTo: number): void {
    const { rec, labels, head, treeBytes: bytes, escapes } = this;
    const nodes = this.t.nodes;
    const labelCount = labels.length;
    const acceptCount = this.t.acceptCount;
    for (let v = this.treeNodes; v < upTo; v++) {
      let children = TREE_VALUES[bytes[v * 3]! & 127]!;
      let edgeLength = TREE_VALUES[bytes[v * 3 + 1]! & 127]!;
      let accepts = TREE_VALUES[bytes[v * 3 + 2]! & 127]!;
      if ((children | edgeLength | accepts) < 0) fail('"tree" is corrupt');
      if (children === ESCAPE || edgeLength === ESCAPE || accepts === ESCAPE) {
        for (; this.escapeAt < escapes.length && escapes[this.escapeAt] === v; this.escapeAt += 3) {
          const field = escapes[this.escapeAt + 1];
          if (field === 0 && children === ESCAPE) children = escapes[this.escapeAt + 2]!;
          else if (field === 1 && edgeLength === ESCAPE) edgeLength = escapes[this.escapeAt + 2]!;
          else if (field === 2 && accepts === ESCAPE) accepts = escapes[this.escapeAt + 2]!;
          else fail('"treeEscapes" does not fit "tree"');
        }
        if (children === ESCAPE || edgeLength === ESCAPE || accepts === ESCAPE) fail('"tree" has an escape without its value');
      }
      const r = v << 2;
      const first = rec[r]!;
      const edge = rec[r + 1]!;
      // Breadth-first: children come after their parent, every node but the root has a label.
      if ((children > 0 && first <= v) || first + children > nodes) fail('"tree" is corrupt (children)');
      if ((v === 0) !== (edgeLength === 0) || edge + edgeLength > labelCount) fail('"tree" is corrupt (labels)');
      if (rec[r + 2]! + accepts > acceptCount) fail('"tree" is corrupt (accept codes)');
      rec[r + 3] = -1;
      rec[r + 4] = first + children;
      rec[r + 5] = edge + edgeLength;
      rec[r + 6] = rec[r + 2]! + accepts;
      if (v > 0) head[v] = labels[edge]!;
      if (children > DENSE_MIN_DEGREE && children < 256) this.denseNodes.push(v);
    }
    this.treeNodes = Math.max(this.treeNodes, upTo);
  }

  private checkCodes(upTo: number): void {
    const limit = this.t.patterns * 4;
    for (let i = this.checkedCodes; i < upTo; i++) if (!(this.accCodes[i]! >= 0 && this.accCodes[i]! < limit)) fail('"codes" names a pattern that does not exist');
    this.checkedCodes = upTo;
  }

  private checkFlags(upTo: number): void {
    const most = FLAG_AVOID | FLAG_SENSITIVE | FLAG_PREFIX | FLAG_KEY_KIND | FLAG_KEY_PATH;
    const flags = this.flags;
    for (let i = this.checkedFlags; i < upTo; i++) {
      const f = flags[i]! - 0x30;
      if (!(f >= 0 && f <= most)) fail('"flags" is corrupt');
      flags[i] = f;
    }
    this.checkedFlags = upTo;
  }

  private keyLengths(s: string, pos: number, soft: number, end: number): number {
    const { keyOffsets: offsets, flags } = this;
    const patterns = this.t.patterns;
    let d = this.done;
    while (pos < soft) {
      while (d < patterns && flags[d]! & FLAG_KEY_PATH) offsets[d + 1] = offsets[d++]!;
      if (d >= patterns) fail('"keyLengths" has more entries than patterns');
      offsets[d + 1] = offsets[d]! + readVarint(s, pos, end);
      pos = next;
      d++;
    }
    this.done = d;
    return pos;
  }

  private exactEntries(s: string, pos: number, soft: number, end: number): number {
    while (pos < soft) {
      if (this.done >= this.t.exactCount) fail('"exact" has more entries than "exactCount"');
      const delta = readVarint(s, pos, end);
      const length = readVarint(s, next, end);
      pos = next;
      const p = this.previous + delta;
      if ((this.done > 0 && delta === 0) || p >= this.t.patterns) fail('"exact" names a pattern that does not exist, or one twice');
      this.exactIndex[this.done] = p;
      this.exactLength[this.done++] = length;
      this.previous = p;
    }
    return pos;
  }

  /** Cuts the case-sensitive patterns' texts out of the next piece of "exactText". */
  private exactTexts(piece: string): void {
    const text = this.exactCarry + piece;
    const count = this.t.exactCount;
    let at = 0;
    let d = this.done;
    while (d < count && at + this.exactLength[d]! <= text.length) {
      this.exact[this.exactIndex[d]!] = text.slice(at, at + this.exactLength[d]!);
      at += this.exactLength[d++]!;
    }
    this.done = d;
    this.exactCarry = text.slice(at);
  }

  /** Checks the jump table's slots up to `upTo`: every entry points into the tree and the runs sent. */
  private checkJumps(upTo: number): void {
    const { rec, jumps } = this;
    const { nodes, jumpRunsSent } = this.t;
    for (let x = this.checkedJumps; x < upTo; x++) {
      const at = x << 2;
      const node = jumps[at + 1]!;
      if (node === 0) continue;
      const k = jumps[at + 2]!;
      const offset = jumps[at + 3]! >>> 8;
      const length = jumps[at + 3]! & 0xff;
      if (!(node > 0 && node < nodes && k > rec[(node << 2) + 1]! && k <= rec[(node << 2) + 5]! && length > 0 && offset + length <= jumpRunsSent)) fail('"jumps" is corrupt');
      this.jumpEntries++;
    }
    this.checkedJumps = upTo;
  }

  /** Checks a finished section against the header, and builds what needed all of it. */
  private completeSection(): void {
    const t = this.t;
    const section = this.section;
    if ((KINDS[section] === BASE64 || KINDS[section] === BYTES) && this.done !== this.target(section).length) {
      fail(`"${SECTIONS[section]!.name}" is shorter than its array`);
    }
    switch (section) {
      case S_LABELS:
      case S_JUMP_RUNS:
        if (this.done !== (section === S_LABELS ? t.labelCount : t.jumpRunsSent)) fail(`"${SECTIONS[section]!.name}" is shorter than its array`);
        return;
      case S_TREE: {
        const r = t.nodes << 2;
        if (this.treeNodes !== t.nodes || this.escapeAt !== this.escapes.length || this.rec[r] !== t.nodes || this.rec[r + 1] !== t.labelCount || this.rec[r + 2] !== t.acceptCount) {
          fail('"tree" does not fit "nodes", "labels" and "acceptCount"');
        }
        this.rec[r + 3] = -1;
        this.dense = new Uint8Array(this.denseNodes.length * 128);
        let denseAt = 0;
        for (const v of this.denseNodes) {
          const lo = this.rec[v << 2]!;
          this.rec[(v << 2) + 3] = denseAt;
          for (let u = lo; u < this.rec[(v << 2) + 4]!; u++) if (this.head[u]! < 128) this.dense[denseAt + this.head[u]!] = u - lo + 1;
          denseAt += 128;
        }
        this.root = rootTables(this.head, this.rec[0]!, this.rec[4]!);
        return;
      }
      case S_KEY_LENGTHS:
        while (this.done < t.patterns && this.flags[this.done]! & FLAG_KEY_PATH) this.keyOffsets[this.done + 1] = this.keyOffsets[this.done++]!;
        if (this.done !== t.patterns || this.keyOffsets[t.patterns] !== t.sections[S_KEYS]) fail('"keyLengths" does not fit "keys"');
        return;
      case S_KEYS:
        this.keys = this.keyParts.join('');
        this.keyParts.length = 0;
        return;
      case S_EXACT:
        if (this.done !== t.exactCount) fail('"exact" has fewer entries than "exactCount"');
        return;
      case S_EXACT_TEXT:
        if (this.done !== t.exactCount || this.exactCarry !== '') fail('"exactText" does not fit "exact"');
        return;
      case S_JUMPS:
        if (this.jumpEntries !== t.jumpCount) fail('"jumps" does not fit "jumpCount"');
        return;
    }
  }
}

/** Unpacks a matcher from its transfer and every chunk, in one go (tests, tools, Node). */
export function unpackMatcher(transfer: unknown, chunks: readonly unknown[]): Matcher {
  const u = new Unpacker(transfer);
  for (let i = 0; i < u.chunkCount; i++) {
    u.add(i === 0 ? u.t.first : chunks[i]);
    u.work();
  }
  return u.finish();
}

/** Gives the page a turn: scheduler.yield where there is one, else a message (timers are throttled in background tabs). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const NOT_YET_VALUE = Symbol('not yet');
const NOT_YET = Promise.resolve(NOT_YET_VALUE);

/**
 * Receives a matcher in the page: chunk 0 comes with the transfer, the others through `fetchChunk(i)`
 * (a few requests in flight). Chunks are checked and decoded as they come, in slices: once this load
 * has kept the page's current task busy for `sliceMs`, it gives the page a turn. Rejects with a clear
 * error on a missing, wrong or corrupt chunk; nothing is left behind.
 */
export async function receiveMatcher(
  transfer: unknown,
  fetchChunk: (index: number) => Promise<unknown>,
  options: { inFlight?: number; sliceMs?: number; pause?: () => Promise<void> } = {},
): Promise<{ matcher: Matcher; stats: ReceiveStats }> {
  const pause = options.pause ?? yieldToPage;
  const sliceMs = options.sliceMs ?? 10;
  const stats: ReceiveStats = { chunks: 0, chars: 0, tasks: 0, workMs: 0, longestTaskMs: 0 };
  // When the page's current task began, as far as this load can tell (it resumed from a pause or a message).
  let taskStart = performance.now();
  const timed = <T>(work: () => T): T => {
    const t0 = performance.now();
    try {
      return work();
    } finally {
      const now = performance.now();
      stats.workMs += now - t0;
      stats.longestTaskMs = Math.max(stats.longestTaskMs, now - taskStart);
    }
  };
  const newTask = () => {
    stats.tasks++;
    taskStart = performance.now();
  };
  const decode = async () => {
    for (;;) {
      if (performance.now() >= taskStart + sliceMs) {
        await pause();
        newTask();
      }
      if (timed(() => u.work(taskStart + sliceMs))) return;
    }
  };
  newTask();
  const u = timed(() => {
    const unpacker = new Unpacker(transfer);
    unpacker.add(unpacker.t.first);
    return unpacker;
  });
  await decode();
  const n = u.chunkCount;
  const inFlight = Math.max(1, options.inFlight ?? 4);
  const pending = new Map<number, Promise<unknown>>();
  const request = (i: number) => {
    if (i >= n) return;
    const p = fetchChunk(i);
    // Rejections are reported in order below; this keeps the ones not awaited yet from being "unhandled".
    p.catch(() => undefined);
    pending.set(i, p);
  };
  for (let i = 1; i <= inFlight; i++) request(i);
  for (let i = 1; i < n; i++) {
    let data: unknown;
    try {
      // A chunk that is there already is taken in this task; one still on its way resumes in the message's.
      data = await Promise.race([pending.get(i), NOT_YET]);
      if (data === NOT_YET_VALUE) {
        data = await pending.get(i);
        newTask();
      }
    } catch (error) {
      fail(`chunk ${i + 1} of ${n} did not arrive: ${error instanceof Error ? error.message : String(error)}`);
    }
    pending.delete(i);
    request(i + inFlight);
    timed(() => u.add(data));
    await decode();
  }
  const matcher = timed(() => u.finish());
  stats.chunks = n;
  stats.chars = u.t.chunkLengths.reduce((a, b) => a + b, 0);
  return { matcher, stats };
}
