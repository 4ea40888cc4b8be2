// The matcher's compiled form: a radix tree (a trie whose single-child chains are merged into one edge)
// laid out breadth-first in typed arrays, so a node's children are contiguous and sorted by their first
// character. Built by build.ts, prepared and walked by matcher.ts, shipped by transfer.ts.

/** Pattern flag bits (`MatcherData.flags`). */
export const FLAG_AVOID = 1;
export const FLAG_SENSITIVE = 2;
export const FLAG_PREFIX = 4;
/** The key is `${kind}:` + its stored part (the common case): the prefix is not stored. */
export const FLAG_KEY_KIND = 8;
/**
 * The key's stored part is not stored: it is the pattern's text as `exact` holds it (case-sensitive) or
 * as the path to its accept node spells it (folded).
 */
export const FLAG_KEY_PATH = 16;

/**
 * Accepted surface forms (low 2 bits of an accept code; the pattern index is `code >>> 2`):
 * the pattern itself, or a plural made by appending "s", appending "es", or replacing a final "y" by "ies".
 */
export const FORM_EXACT = 0;
export const FORM_S = 1;
export const FORM_ES = 2;
export const FORM_IES = 3;
export const FORM_SUFFIX = ['', 's', 'es', 'ies'] as const;

export interface MatcherData {
  /** Children of node v are nodes first[v] … first[v + 1] - 1 (node 0 is the root). Length nodes + 1. */
  first: Int32Array;
  /** The label of the edge into node v is labels[edge[v] … edge[v + 1] - 1] (empty for the root). */
  edge: Int32Array;
  /** Case-folded UTF-16 units; any run of white space in a pattern is one " ". */
  labels: Uint16Array;
  /** Accept codes of node v are accCodes[acc[v] … acc[v + 1] - 1], best candidate first. */
  acc: Int32Array;
  accCodes: Int32Array;
  /** Per pattern: FLAG_* bits. */
  flags: Uint8Array;
  /** Normalised text (white space collapsed) of every case-sensitive pattern, for the exact check. */
  exact: Array<string | undefined>;
  /** Stored parts of the pattern keys, concatenated: keys.slice(keyOffsets[i], keyOffsets[i + 1]) (see FLAG_KEY_*). */
  keys: string;
  keyOffsets: Int32Array;
}
