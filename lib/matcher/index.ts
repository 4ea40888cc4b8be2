// The content script's matcher: one automaton over every enabled term, alias and avoid word.
import type { MatchPattern } from '../glossary/compile';
import { buildMatcherData } from './build';
import { TrieMatcher } from './matcher';
import type { Matcher } from './types';

export type { MatchCallback, Matcher, TextMatch } from './types';
export { loadMatcher, serializeMatcher, MATCHER_FORMAT, type SerializedMatcher } from './serialize';

/** Builds the matcher for `patterns` (from `matchPatterns(index)`); pattern i of the result is patterns[i]. */
export function buildMatcher(patterns: readonly MatchPattern[]): Matcher {
  return new TrieMatcher(buildMatcherData(patterns));
}
