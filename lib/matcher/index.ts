// The content script's matcher: one automaton over every enabled term, alias and avoid word.
//
//   background:      const packed = packMatcher(buildMatcher(matchPatterns(index, enabledPacks)));
//   content script:  const { matcher } = await receiveMatcher(packed.transfer, (i) => …chunk i…);
//                    (import it from './transfer' to leave the builder out of the bundle)
//                    matcher.scan(node.data, (start, end, pattern) => …matcher.keyOf(pattern)…);
import type { MatcherPattern } from '../glossary/compile';
import { buildMatcherData } from './build';
import { TrieMatcher, prepare } from './matcher';
import type { Matcher } from './types';

export type { MatchCallback, Matcher, TextMatch } from './types';
export {
  packMatcher,
  receiveMatcher,
  sectionLengths,
  unpackMatcher,
  TRANSFER_FORMAT,
  type MatcherTransfer,
  type PackedMatcher,
  type ReceiveStats,
} from './transfer';

/** Builds the matcher for `patterns` (from `matchPatterns(index)`); pattern i of the result is patterns[i]. */
export function buildMatcher(patterns: readonly MatcherPattern[]): Matcher {
  return new TrieMatcher(prepare(buildMatcherData(patterns)));
}
