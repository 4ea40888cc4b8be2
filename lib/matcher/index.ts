// The content script's matcher: one automaton over every enabled term, alias and avoid word.
//
//   background:      const data = serializeMatcher(buildMatcher(matchPatterns(index, enabledPacks)));
//   content script:  const matcher = await loadMatcherInSlices(data);   // or loadMatcher(data), in one task
//                    (import them from './serialize' to leave the builder out of the bundle)
//                    matcher.scan(node.data, (start, end, pattern) => …matcher.keyOf(pattern)…);
import type { MatchPattern } from '../glossary/compile';
import { buildMatcherData } from './build';
import { TrieMatcher } from './matcher';
import type { Matcher } from './types';

export type { MatchCallback, Matcher, TextMatch } from './types';
export { loadMatcher, loadMatcherInSlices, serializeMatcher, MATCHER_FORMAT, type SerializedMatcher } from './serialize';

/** Builds the matcher for `patterns` (from `matchPatterns(index)`); pattern i of the result is patterns[i]. */
export function buildMatcher(patterns: readonly MatchPattern[]): Matcher {
  return TrieMatcher.fromData(buildMatcherData(patterns));
}
