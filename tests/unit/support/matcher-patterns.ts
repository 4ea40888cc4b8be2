// Patterns shared by the matcher's serialize and transfer tests: case rules, prefixes, avoid words and
// the characters that break naive encodings (quotes, backslashes, U+2028, non-ASCII).
import { patternKey, type MatcherPattern } from '../../../lib/glossary/compile';

export function pattern(text: string, caseSensitive = false, kind: 'term' | 'avoid' = 'term', prefix = false): MatcherPattern {
  return { text, caseSensitive, prefix, kind, key: patternKey(kind, text, caseSensitive) };
}

export const EDGE_PATTERNS: readonly MatcherPattern[] = [
  pattern('Argo CD'),
  pattern('Argo'),
  pattern('PDB', true),
  pattern('kube', false, 'term', true),
  pattern('auth tier', false, 'avoid'),
  pattern('policy'),
  pattern('sync.Once'),
  pattern('Ärger'),
  pattern('"quoted" \\ back\u2028slash'),
  pattern('.NET'),
];
