// Per-UTF-16-unit character facts the matcher needs on every character: the case-folded unit and a
// class. Packed into one Int32 per unit so the hot loop does a single typed-array load per character,
// and folded per unit (never String#toLowerCase on the text) so match offsets stay those of the
// original string even for characters whose lowercase form has another length ("İ" → "i̇").

/** Not part of a word and not whitespace: punctuation, symbols, surrogates. */
export const CLS_OTHER = 0;
/** Letters, digits, combining marks and "_": adjacent ones make a longer identifier. */
export const CLS_WORD = 1;
/** Any Unicode white space (incl. newlines and NBSP); folds to " ". */
export const CLS_SPACE = 2;
/** "-", "." and "/": part of an identifier when a word character follows ("kube-proxy", "sync.Once"). */
export const CLS_CONNECTOR = 3;

const COMPUTED = 1 << 20;
const SPACE = 0x20;

/** `folded | class << 16 | COMPUTED`, or 0 while not yet computed. Shared by every matcher. */
export const INFO = new Int32Array(65536);

const WORD_RE = /[\p{L}\p{N}\p{M}_]/u;
const SPACE_RE = /\s/;

/** Fills in (and returns) the table entry for one code unit. Callers check `INFO[c] === 0` first. */
export function computeInfo(c: number): number {
  const ch = String.fromCharCode(c);
  let cls: number;
  let folded = c;
  if (c < 0x80) {
    // ASCII without the Unicode property class, whose first use compiles a large character table.
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
      cls = CLS_SPACE;
      folded = SPACE;
    } else {
      cls =
        (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
          ? CLS_WORD
          : c === 0x2d || c === 0x2e || c === 0x2f
            ? CLS_CONNECTOR
            : CLS_OTHER;
      folded = lower;
    }
  } else if (c >= 0xd800 && c <= 0xdfff) {
    // A lone surrogate half carries no case or class we can see per unit: treat it as punctuation.
    cls = CLS_OTHER;
  } else if (SPACE_RE.test(ch)) {
    cls = CLS_SPACE;
    folded = SPACE;
  } else {
    cls = WORD_RE.test(ch) ? CLS_WORD : c === 0x2d || c === 0x2e || c === 0x2f ? CLS_CONNECTOR : CLS_OTHER;
    folded = foldUnit(ch);
  }
  const info = folded | (cls << 16) | COMPUTED;
  INFO[c] = info;
  return info;
}

function foldUnit(ch: string): number {
  // A lowercase that changes length ("İ" → "i" + U+0307) keeps its first unit: same letter, same offsets.
  let lower = ch.toLowerCase().charAt(0);
  // One round trip through uppercase folds the odd variants (final sigma, long s, Kelvin sign) the way
  // Unicode simple case folding does.
  const upper = lower.toUpperCase();
  if (upper.length === 1) {
    const again = upper.toLowerCase();
    if (again.length === 1) lower = again;
  }
  return lower.charCodeAt(0);
}

export function infoOf(c: number): number {
  const info = INFO[c]!;
  return info === 0 ? computeInfo(c) : info;
}

export function foldOf(c: number): number {
  return infoOf(c) & 0xffff;
}

/** Folds a whole string unit by unit (same length as the input). */
export function foldString(s: string): string {
  if (s.length > 1024) {
    let out = '';
    for (let i = 0; i < s.length; i += 1024) out += foldString(s.slice(i, i + 1024));
    return out;
  }
  const units = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) units[i] = foldOf(s.charCodeAt(i));
  return String.fromCharCode(...units);
}
