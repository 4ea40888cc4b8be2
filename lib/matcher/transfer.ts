// How the background hands a built matcher to a page: the typed arrays it scans with, as they are, in
// one base64 body cut into chunks that each travel in a message of their own.
//   background:  const packed = packMatcher(buildMatcher(patterns));   // once per pack set
//                answer `matcher` with packed.transfer (header + chunk 0), `matcherChunk` with packed.chunk(i)
//   page:        const { matcher } = await receiveMatcher(transfer, (i) => ask for chunk i);
//
// Layout. The body is the base64 of one byte buffer holding these sections, in this order, each at an
// offset that is a multiple of 8 (so the page takes typed-array views of the decoded buffer, no copies):
//
//   section       type         elements                  what it is (see matcher.ts, Prepared)
//   rec           Int32Array   (nodes + 1) × 4           per node: first child, edge start, accept start, dense offset
//   labels        Uint16Array  label units               edge labels, case-folded
//   head          Uint16Array  nodes                     the first unit of each node's edge label
//   dense         Uint8Array   128 × dense nodes         child by ASCII unit, for nodes with many children
//   accCodes      Int32Array   accept codes              pattern << 2 | form
//   flags         Uint8Array   patterns                  FLAG_* bits (data.ts)
//   keyOffsets    Int32Array   patterns + 1              where each pattern's stored key part is in `keys`
//   rootAscii     Int32Array   128                       the root's child by ASCII unit
//   filter        Uint32Array  16 × filterBlocks         the pre-filter's bits
//   prefixRuns    Uint32Array  16 × prefixRunBlocks      the prefix patterns' filter (none: empty)
//   jumps         Int32Array   4 × jumpSize              the jump table
//   jumpRuns      Uint16Array  run units                 the units the jump entries point at
//   exactEntries  Int32Array   2 × case-sensitive ones   pattern index, text length
//   exactText     Uint16Array  text units                those patterns' texts, concatenated
//   keys          Uint16Array  key units                 the stored key parts, concatenated
//
// The header (MatcherTransfer) carries each section's element count (`lengths`, in table order), the
// matcher's scalars, each chunk's length and checksum, and chunk 0. Every chunk is a multiple of 4
// characters, so each decodes to whole bytes on its own. The checksum reads every unit: messaging is
// lossless, so a mismatch means a chunk of another matcher (the packs changed between two messages) or
// a misplaced one, and the page rejects the load rather than scanning with arrays that disagree.
//
// A page decodes the chunks as they arrive, in slices that give the page a turn (receiveMatcher):
// base64 is decoded natively, straight into the buffer where the browser can (setFromBase64; else
// Uint8Array.fromBase64 or atob), and nothing is derived in the page.
import { TrieMatcher, type Prepared } from './matcher';
import type { Matcher } from './types';

export const TRANSFER_FORMAT = 'termlens-matcher/3';

type ArrayType = Int32ArrayConstructor | Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;
type AnyArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** The body's sections, in order: the one list packing, checking and unpacking read. */
const SECTIONS = [
  { name: 'rec', type: Int32Array },
  { name: 'labels', type: Uint16Array },
  { name: 'head', type: Uint16Array },
  { name: 'dense', type: Uint8Array },
  { name: 'accCodes', type: Int32Array },
  { name: 'flags', type: Uint8Array },
  { name: 'keyOffsets', type: Int32Array },
  { name: 'rootAscii', type: Int32Array },
  { name: 'filter', type: Uint32Array },
  { name: 'prefixRuns', type: Uint32Array },
  { name: 'jumps', type: Int32Array },
  { name: 'jumpRuns', type: Uint16Array },
  { name: 'exactEntries', type: Int32Array },
  { name: 'exactText', type: Uint16Array },
  { name: 'keys', type: Uint16Array },
] as const satisfies ReadonlyArray<{ name: string; type: ArrayType }>;

type SectionName = (typeof SECTIONS)[number]['name'];
type ArrayOf<T> = T extends Int32ArrayConstructor
  ? Int32Array
  : T extends Uint32ArrayConstructor
    ? Uint32Array
    : T extends Uint16ArrayConstructor
      ? Uint16Array
      : Uint8Array;
type Sections = { [S in (typeof SECTIONS)[number] as S['name']]: ArrayOf<S['type']> };

/** The matcher's values that are not arrays. */
interface Scalars {
  punctuationStarts: boolean;
  filterBlocks: number;
  prefixRunBlocks: number;
  prefixLengths: number;
  jumpSize: number;
  jumpsIncomplete: boolean;
}

/** What the `matcher` answer carries: the header, chunk 0, and how to check the other chunks. */
export interface MatcherTransfer extends Scalars {
  format: typeof TRANSFER_FORMAT;
  /** A hash of the content: the same matcher has the same id, also after the background restarts. */
  id: string;
  /** Elements in each section, in SECTIONS order. */
  lengths: number[];
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

/** Bounds each chunk, so that receiving one is a short task of the page's. */
export const DEFAULT_CHUNK_CHARS = 256 * 1024;
/** Characters decoded between two looks at the clock (a multiple of 4: whole base64 quads). */
const STEP = 64 * 1024;

const fail = (what: string): never => {
  throw new Error(`matcher transfer: ${what}`);
};

/** Where each section starts in the buffer, and the buffer's size, for these element counts. */
function layout(lengths: readonly number[]): { offsets: number[]; bytes: number } {
  const offsets: number[] = [];
  let at = 0;
  SECTIONS.forEach((section, s) => {
    offsets.push(at);
    at += Math.ceil((lengths[s]! * section.type.BYTES_PER_ELEMENT) / 8) * 8;
  });
  return { offsets, bytes: at };
}

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** Units of a string, and back (pieces keep String.fromCharCode's argument count small). */
const unitsOf = (s: string) => Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

function textOf(units: Uint16Array | Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 0x2000)
    parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 0x2000) as unknown as number[]));
  return parts.join('');
}

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  const parts: string[] = [];
  // A multiple of 3 bytes per piece: the pieces' base64 concatenates without padding in between.
  for (let i = 0; i < bytes.length; i += 0x6000) parts.push(btoa(textOf(bytes.subarray(i, i + 0x6000))));
  return parts.join('');
}

type SetFromBase64 = (this: Uint8Array, s: string) => { read: number; written: number };

/**
 * Decodes base64 `s` into `target` (from its start); returns the bytes written. Without an intermediate
 * array where the browser can (setFromBase64): a large matcher leaves less garbage behind.
 */
function decodeInto(target: Uint8Array, s: string): number {
  const setFrom = (target as Uint8Array & { setFromBase64?: SetFromBase64 }).setFromBase64;
  if (setFrom) {
    let result: { read: number; written: number };
    try {
      result = setFrom.call(target, s);
    } catch {
      return fail('a chunk is not base64');
    }
    if (result.read !== s.length) fail('the chunks are longer than the sections');
    return result.written;
  }
  const bytes = fromBase64(s);
  if (bytes.length > target.length) fail('the chunks are longer than the sections');
  target.set(bytes);
  return bytes.length;
}

/** The bytes of base64 `s`: natively where the browser can (Uint8Array.fromBase64), else through atob. */
function fromBase64(s: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  try {
    if (native) return native(s);
    const binary = atob(s);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return fail('a chunk is not base64');
  }
}

/** FNV-1a over a chunk's length and every unit. */
function checksum(s: string, from = 0, to = s.length): number {
  let h = Math.imul(0x811c9dc5 ^ (to - from), 0x01000193);
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

// ---- packing (background) ------------------------------------------------------------------------------

function sectionsOf(p: Prepared): Sections {
  const exactEntries: number[] = [];
  const exactText: string[] = [];
  p.exact.forEach((text, pattern) => {
    if (text === undefined) return;
    exactEntries.push(pattern, text.length);
    exactText.push(text);
  });
  return {
    rec: p.rec,
    labels: p.labels,
    head: p.head,
    dense: p.dense,
    accCodes: p.accCodes,
    flags: p.flags,
    keyOffsets: p.keyOffsets,
    rootAscii: p.rootAscii,
    filter: p.filter,
    prefixRuns: p.prefixRuns ?? new Uint32Array(0),
    jumps: p.jumps,
    jumpRuns: p.jumpRuns,
    exactEntries: Int32Array.from(exactEntries),
    exactText: unitsOf(exactText.join('')),
    keys: unitsOf(p.keys),
  };
}

/** Packs a matcher made by buildMatcher (or received) for pages; `chunkChars` bounds each chunk. */
export function packMatcher(matcher: Matcher, options: { chunkChars?: number } = {}): PackedMatcher {
  if (!(matcher instanceof TrieMatcher)) throw new Error('packMatcher: not a matcher made by buildMatcher');
  const chunkChars = Math.max(4, Math.floor((options.chunkChars ?? DEFAULT_CHUNK_CHARS) / 4) * 4);
  const p = matcher.toPrepared();
  const sections = sectionsOf(p);
  const lengths = SECTIONS.map(({ name }) => sections[name].length);
  const { offsets, bytes } = layout(lengths);
  const buffer = new Uint8Array(bytes);
  SECTIONS.forEach(({ name }, s) => {
    const a: AnyArray = sections[name];
    buffer.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[s]);
  });
  const body = toBase64(buffer);

  const chunkLengths: number[] = [];
  const chunkSums: number[] = [];
  let id = 0x811c9dc5 | 0;
  for (let at = 0; at < body.length || chunkLengths.length === 0; at += chunkChars) {
    const end = Math.min(body.length, at + chunkChars);
    chunkLengths.push(end - at);
    chunkSums.push(checksum(body, at, end));
    id = Math.imul(id ^ chunkSums[chunkSums.length - 1]!, 0x01000193) ^ (end - at);
  }
  const chunk = (index: number): string => {
    if (!(index >= 0 && index < chunkLengths.length)) throw new RangeError(`no chunk ${index}`);
    return body.slice(index * chunkChars, index * chunkChars + chunkLengths[index]!);
  };
  const transfer: MatcherTransfer = {
    format: TRANSFER_FORMAT,
    id: `${body.length.toString(36)}-${(id >>> 0).toString(36)}`,
    punctuationStarts: p.punctuationStarts,
    filterBlocks: p.filterBlocks,
    prefixRunBlocks: p.prefixRuns ? p.prefixRunBlocks : 0,
    prefixLengths: p.prefixLengths,
    jumpSize: p.jumpSize,
    jumpsIncomplete: p.jumpsIncomplete,
    lengths,
    chunkLengths,
    chunkSums,
    first: chunk(0),
  };
  return { transfer, chunkCount: chunkLengths.length, chunk };
}

/** Each section's element count, by name (for tests and benchmarks). */
export function sectionLengths(transfer: MatcherTransfer): Record<SectionName, number> {
  return Object.fromEntries(SECTIONS.map(({ name }, s) => [name, transfer.lengths[s]!])) as Record<SectionName, number>;
}

// ---- unpacking (page) ---------------------------------------------------------------------------------

const isCount = (x: unknown, max = 2 ** 30): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;

/** Checks the header; throws a clear error for anything else (another format, a truncated answer). */
function checkTransfer(input: unknown): MatcherTransfer {
  const t = input as Partial<MatcherTransfer> | null;
  if (!t || typeof t !== 'object' || t.format !== TRANSFER_FORMAT) {
    fail(`expected format "${TRANSFER_FORMAT}", got ${JSON.stringify(t && typeof t === 'object' ? t.format : t)}`);
  }
  for (const key of ['filterBlocks', 'prefixRunBlocks', 'prefixLengths', 'jumpSize'] as const)
    if (!isCount(t![key])) fail(`"${key}" must be a count, got ${JSON.stringify(t![key])}`);
  if (
    typeof t!.id !== 'string' ||
    typeof t!.first !== 'string' ||
    typeof t!.jumpsIncomplete !== 'boolean' ||
    typeof t!.punctuationStarts !== 'boolean'
  )
    fail('malformed header');
  const { lengths, chunkLengths, chunkSums } = t!;
  if (!Array.isArray(lengths) || lengths.length !== SECTIONS.length || !lengths.every((n) => isCount(n))) fail('"lengths" is malformed');
  if (!Array.isArray(chunkLengths) || chunkLengths.length === 0 || !chunkLengths.every((n) => isCount(n) && n % 4 === 0))
    fail('"chunkLengths" is malformed');
  if (!Array.isArray(chunkSums) || chunkSums.length !== chunkLengths!.length || !chunkSums.every((n) => Number.isInteger(n)))
    fail('"chunkSums" is malformed');
  const h = t as MatcherTransfer;
  if (chunkLengths!.reduce((a, b) => a + b, 0) !== base64Length(layout(lengths!).bytes)) fail('the chunks do not add up to the sections');
  // The sizes that depend on one another (what the matcher indexes without a bounds check).
  const n = sectionLengths(h);
  const nodes = n.rec / 4 - 1;
  const expected: Array<[SectionName, number]> = [
    ['head', nodes],
    ['keyOffsets', n.flags + 1],
    ['rootAscii', 128],
    ['filter', h.filterBlocks * 16],
    ['prefixRuns', h.prefixRunBlocks * 16],
    ['jumps', h.jumpSize * 4],
  ];
  if (!(Number.isInteger(nodes) && nodes >= 1)) fail('"rec" must hold whole nodes, at least the root');
  for (const [name, length] of expected) if (n[name] !== length) fail(`"${name}" has ${n[name]} elements, expected ${length}`);
  if (n.dense % 128 !== 0 || n.exactEntries % 2 !== 0) fail('"dense" or "exactEntries" is malformed');
  return h;
}

/** Decodes the chunks in order, in slices, into one buffer the matcher's arrays are views of. */
class Unpacker {
  readonly t: MatcherTransfer;
  private readonly buffer: Uint8Array<ArrayBuffer>;
  private readonly offsets: number[];
  /** Chunks taken so far; bytes written so far. */
  private chunkIndex = 0;
  private written = 0;
  /** The chunk being decoded, and how far. */
  private current: string | null = null;
  private local = 0;

  constructor(transfer: unknown) {
    this.t = checkTransfer(transfer);
    const { offsets, bytes } = layout(this.t.lengths);
    this.offsets = offsets;
    // Base64 rounds up to whole quads: room for their padding bytes.
    this.buffer = new Uint8Array(Math.ceil(bytes / 3) * 3);
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
   * has passed (false: call again).
   */
  work(deadline = Infinity): boolean {
    const s = this.current;
    if (s === null) return true;
    while (this.local < s.length) {
      const to = Math.min(s.length, this.local + STEP);
      this.written += decodeInto(this.buffer.subarray(this.written), s.slice(this.local, to));
      this.local = to;
      if (this.local < s.length && performance.now() >= deadline) return false;
    }
    this.current = null;
    this.chunkIndex++;
    return true;
  }

  /** The matcher, once every chunk is in. */
  finish(): Matcher {
    if (this.chunkIndex !== this.chunkCount) fail(`only ${this.chunkIndex} of ${this.chunkCount} chunks arrived`);
    const { t, buffer, offsets } = this;
    const views = Object.fromEntries(
      SECTIONS.map(({ name, type }, s) => [name, new type(buffer.buffer, offsets[s], t.lengths[s])]),
    ) as unknown as Sections;
    const patterns = views.flags.length;
    const exact = new Array<string | undefined>(patterns);
    const exactText = textOf(views.exactText);
    for (let e = 0, at = 0; e < views.exactEntries.length; e += 2) {
      const pattern = views.exactEntries[e]!;
      const length = views.exactEntries[e + 1]!;
      if (!(pattern >= 0 && pattern < patterns && at + length <= exactText.length)) fail('"exactEntries" does not fit "exactText"');
      exact[pattern] = exactText.slice(at, at + length);
      at += length;
    }
    const keys = textOf(views.keys);
    if (views.keyOffsets[patterns] !== keys.length) fail('"keyOffsets" does not fit "keys"');
    const prepared: Prepared = {
      rec: views.rec,
      labels: views.labels,
      head: views.head,
      dense: views.dense,
      accCodes: views.accCodes,
      flags: views.flags,
      exact,
      keys,
      keyOffsets: views.keyOffsets,
      rootAscii: views.rootAscii,
      punctuationStarts: t.punctuationStarts,
      filter: views.filter,
      filterBlocks: t.filterBlocks,
      prefixRuns: t.prefixRunBlocks > 0 ? views.prefixRuns : undefined,
      prefixRunBlocks: t.prefixRunBlocks,
      prefixLengths: t.prefixLengths,
      jumps: views.jumps,
      jumpSize: t.jumpSize,
      jumpRuns: views.jumpRuns,
      jumpsIncomplete: t.jumpsIncomplete,
    };
    return new TrieMatcher(prepared);
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
