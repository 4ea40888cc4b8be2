import type { PatternKind } from '../glossary/compile';

/** One occurrence in a string: [start, end) in UTF-16 code units, and which pattern it is. */
export interface TextMatch {
  start: number;
  end: number;
  /** Index into `Matcher.patterns`. */
  pattern: number;
}

/** Called once per match, in order; `pattern` indexes `Matcher.patterns`. */
export type MatchCallback = (start: number, end: number, pattern: number) => void;

export interface Matcher {
  /** What each pattern index stands for; `key` is what the background looks senses up by. */
  readonly patterns: ReadonlyArray<{ key: string; kind: PatternKind }>;
  /** Leftmost-longest, non-overlapping matches, in order, honouring boundaries, case rules and plurals. */
  findAll(text: string): TextMatch[];
  /** The same matches as `findAll`, reported through a callback without allocating: for hot loops. */
  scan(text: string, onMatch: MatchCallback): void;
  /** `patterns[i].key` without materialising the pattern list (it is built lazily for big glossaries). */
  keyOf(pattern: number): string;
  kindOf(pattern: number): PatternKind;
  /** Number of patterns (indexes run from 0 to count - 1). */
  readonly patternCount: number;
}
