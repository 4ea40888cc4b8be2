// A JSON-safe form of a built matcher, so the background builds once and content scripts load it with a
// few linear passes (extension messaging JSON-serialises messages: typed arrays would not survive).
// Integers go as "char varints" inside strings: 14 bits per UTF-16 unit, offset past the characters
// JSON escapes, so small numbers (the vast majority) cost one ASCII character and decode with one
// charCodeAt. Text (edge labels, keys) goes as plain strings.
import type { MatcherData } from './data';
import { PAUSE_EVERY, TrieMatcher, finish, prepare, type Steps } from './matcher';
import type { Matcher } from './types';

export const MATCHER_FORMAT = 'termlens-matcher/1';

export interface SerializedMatcher {
  format: typeof MATCHER_FORMAT;
  /** Number of tree nodes (root included). */
  nodes: number;
  /** Per node in breadth-first order: child count, edge label length (char varints). */
  tree: string;
  /** Every edge label, concatenated in node order (case-folded UTF-16 units). */
  labels: string;
  /** Per node with candidates: node delta, candidate count, candidate codes (char varints). */
  accept: string;
  /** Total number of candidate codes in `accept`. */
  acceptCount: number;
  /** One character per pattern: "0" + flag bits (avoid 1, case-sensitive 2, prefix 4, key after `${kind}:` 8, key not stored 16). */
  flags: string;
  /** Pattern keys concatenated, and their lengths (char varints). */
  keys: string;
  keyLengths: string;
  /** [pattern index, normalised text] of every case-sensitive pattern. */
  exact: Array<[number, string]>;
}

const DIGIT_BASE = 0x30;
const MORE = 0x4000;

class CharVarintWriter {
  private units = new Uint16Array(4096);
  private length = 0;

  write(value: number): void {
    if (this.length + 4 > this.units.length) {
      const grown = new Uint16Array(this.units.length * 2);
      grown.set(this.units);
      this.units = grown;
    }
    while (value >= MORE) {
      this.units[this.length++] = DIGIT_BASE + MORE + (value & (MORE - 1));
      value = Math.floor(value / MORE);
    }
    this.units[this.length++] = DIGIT_BASE + value;
  }

  toString(): string {
    return unitsToString(this.units.subarray(0, this.length));
  }
}

class CharVarintReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly field: string,
  ) {}

  read(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.text.length) throw new Error(`serialized matcher: "${this.field}" ends early`);
      const digit = this.text.charCodeAt(this.pos++) - DIGIT_BASE;
      if (digit < 0 || digit >= 2 * MORE) throw new Error(`serialized matcher: "${this.field}" is corrupt`);
      if (digit < MORE) return value + digit * scale;
      value += (digit - MORE) * scale;
      scale *= MORE;
    }
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }
}

function unitsToString(units: Uint16Array): string {
  const parts: string[] = [];
  const chunk = 0x2000;
  for (let i = 0; i < units.length; i += chunk) parts.push(String.fromCharCode.apply(null, Array.from(units.subarray(i, i + chunk))));
  return parts.join('');
}

export function serializeMatcher(matcher: Matcher): SerializedMatcher {
  if (!(matcher instanceof TrieMatcher)) throw new Error('serializeMatcher: not a matcher made by buildMatcher/loadMatcher');
  const d = matcher.toData();
  const nodes = d.first.length - 1;
  const tree = new CharVarintWriter();
  for (let v = 0; v < nodes; v++) {
    tree.write(d.first[v + 1]! - d.first[v]!);
    tree.write(d.edge[v + 1]! - d.edge[v]!);
  }
  const accept = new CharVarintWriter();
  let previous = 0;
  for (let v = 0; v < nodes; v++) {
    const lo = d.acc[v]!;
    const hi = d.acc[v + 1]!;
    if (lo === hi) continue;
    accept.write(v - previous);
    accept.write(hi - lo);
    for (let x = lo; x < hi; x++) accept.write(d.accCodes[x]!);
    previous = v;
  }
  const keyLengths = new CharVarintWriter();
  for (let p = 0; p < d.flags.length; p++) keyLengths.write(d.keyOffsets[p + 1]! - d.keyOffsets[p]!);
  const flagUnits = new Uint16Array(d.flags.length);
  for (let p = 0; p < d.flags.length; p++) flagUnits[p] = 0x30 + d.flags[p]!;
  const flags = unitsToString(flagUnits);
  const exact: Array<[number, string]> = [];
  d.exact.forEach((text, p) => {
    if (text !== undefined) exact.push([p, text]);
  });
  return {
    format: MATCHER_FORMAT,
    nodes,
    tree: tree.toString(),
    labels: unitsToString(d.labels),
    accept: accept.toString(),
    acceptCount: d.accCodes.length,
    flags,
    keys: d.keys,
    keyLengths: keyLengths.toString(),
    exact,
  };
}

const fail = (what: string): never => {
  throw new Error(`serialized matcher: ${what}`);
};

/** Rebuilds a matcher from serializeMatcher's output, in one go; throws a clear error on anything malformed. */
export function loadMatcher(input: unknown): Matcher {
  return finish(loadSteps(input));
}

/**
 * loadMatcher spread over several tasks, so that no task of the page runs longer than about `sliceMs`
 * (a matcher for 100,000 terms is a few hundred milliseconds of work on a slow machine). Between slices
 * it awaits `pause()`: by default a zero-delay timer, which lets the page's own work in.
 */
export async function loadMatcherInSlices(
  input: unknown,
  options: { sliceMs?: number; pause?: () => Promise<void> } = {},
): Promise<Matcher> {
  const sliceMs = options.sliceMs ?? 10;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const steps = loadSteps(input);
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() >= deadline) {
      await pause();
      deadline = performance.now() + sliceMs;
    }
  }
}

function* loadSteps(input: unknown): Steps<Matcher> {
  const s = input as Partial<SerializedMatcher> | null;
  if (!s || typeof s !== 'object' || s.format !== MATCHER_FORMAT) {
    fail(`expected format "${MATCHER_FORMAT}", got ${JSON.stringify(s && typeof s === 'object' ? s.format : s)}`);
  }
  const { tree, labels: labelText, accept, flags: flagText, keys, keyLengths, exact: exactList, nodes, acceptCount } = s!;
  if (typeof tree !== 'string') return fail('"tree" must be a string');
  if (typeof labelText !== 'string') return fail('"labels" must be a string');
  if (typeof accept !== 'string') return fail('"accept" must be a string');
  if (typeof flagText !== 'string') return fail('"flags" must be a string');
  if (typeof keys !== 'string') return fail('"keys" must be a string');
  if (typeof keyLengths !== 'string') return fail('"keyLengths" must be a string');
  if (!Array.isArray(exactList)) return fail('"exact" must be an array');
  if (typeof nodes !== 'number' || !Number.isInteger(nodes) || nodes < 1) return fail('"nodes" must be a positive integer');
  if (typeof acceptCount !== 'number' || !Number.isInteger(acceptCount) || acceptCount < 0) return fail('"acceptCount" must be a non-negative integer');

  const first = new Int32Array(nodes + 1);
  const edge = new Int32Array(nodes + 1);
  const treeReader = new CharVarintReader(tree, 'tree');
  first[0] = 1;
  for (let v = 0; v < nodes; v++) {
    if ((v & PAUSE_EVERY) === 0) yield;
    first[v + 1] = first[v]! + treeReader.read();
    edge[v + 1] = edge[v]! + treeReader.read();
  }
  if (!treeReader.done || first[nodes] !== nodes || edge[nodes] !== labelText.length) fail('"tree" does not fit "nodes" and "labels"');
  const labels = new Uint16Array(labelText.length);
  for (let i = 0; i < labels.length; i++) {
    if ((i & PAUSE_EVERY) === 0) yield;
    labels[i] = labelText.charCodeAt(i);
  }

  const patternCount = flagText.length;
  const flags = new Uint8Array(patternCount);
  for (let p = 0; p < patternCount; p++) {
    const f = flagText.charCodeAt(p) - 0x30;
    if (f < 0 || f > 31) fail('"flags" is corrupt');
    flags[p] = f;
  }

  const acc = new Int32Array(nodes + 1);
  const accCodes = new Int32Array(acceptCount);
  const acceptReader = new CharVarintReader(accept, 'accept');
  let v = 0;
  let x = 0;
  let groups = 0;
  while (!acceptReader.done) {
    if ((groups & PAUSE_EVERY) === 0) yield;
    const delta = acceptReader.read();
    v += delta;
    const count = acceptReader.read();
    if (v >= nodes || (delta === 0 && groups > 0)) fail('"accept" names a node that does not exist, or one twice');
    if (x + count > acceptCount) fail('"accept" holds more than "acceptCount" codes');
    groups++;
    acc[v + 1] = count;
    for (let c = 0; c < count; c++) {
      const code = acceptReader.read();
      if (code >>> 2 >= patternCount) fail('"accept" names a pattern that does not exist');
      accCodes[x++] = code;
    }
  }
  if (x !== acceptCount) fail('"accept" holds fewer than "acceptCount" codes');
  for (let k = 0; k < nodes; k++) acc[k + 1]! += acc[k]!;

  const keyOffsets = new Int32Array(patternCount + 1);
  const keyReader = new CharVarintReader(keyLengths, 'keyLengths');
  for (let p = 0; p < patternCount; p++) {
    if ((p & PAUSE_EVERY) === 0) yield;
    keyOffsets[p + 1] = keyOffsets[p]! + keyReader.read();
  }
  if (!keyReader.done || keyOffsets[patternCount] !== keys.length) fail('"keyLengths" does not fit "keys"');

  const exact: Array<string | undefined> = new Array(patternCount);
  for (const entry of exactList) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number' || typeof entry[1] !== 'string' || !(entry[0] >= 0 && entry[0] < patternCount)) {
      fail('malformed "exact" entry');
    }
    exact[entry[0]] = entry[1];
  }
  const data: MatcherData = { first, edge, labels, acc, accCodes, flags, exact, keys, keyOffsets };
  return new TrieMatcher(yield* prepare(data));
}
