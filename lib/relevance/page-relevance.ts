// What a content script needs, beside the matcher, to decide whether a match is worth a highlight:
// one small integer per pattern. Made in the background with the pattern list (same order, same
// indexes), sent with the matcher, read by evidence.ts. A pattern's bits:
//
//   bit 0       AMBIGUOUS     an everyday English word: shown only with evidence of the glossary's sense
//   bit 1       OWN_LANGUAGE  a pack whose scope names this page gives it: the team's own word here
//   bit 2       CAPITALIZED   the glossary writes it with a capital ("Secret"): that casing is evidence
//   bits 3–30   topic groups  which active packs give it (one bit per pack, in preference order; packs
//                             past the 28th share the last bit): the topic evidence counts per group
import type { MatchPattern } from '../glossary/compile';

export const AMBIGUOUS = 1;
export const OWN_LANGUAGE = 2;
export const CAPITALIZED = 4;
export const GROUP_SHIFT = 3;
export const MAX_GROUPS = 28;

export interface PageRelevance {
  /** One entry per matcher pattern. */
  flags: number[];
  /** The name of each topic group (its pack), for the card's "why". */
  topics: string[];
}

export interface RelevanceOptions {
  /** The packs active on the page, in preference order: their positions are the topic groups. */
  packOrder: readonly string[];
  /** Packs whose own scope covers the page (not merely "everywhere"). */
  ownLanguage: ReadonlySet<string>;
  packNames: Readonly<Record<string, string>>;
}

export function groupOf(position: number): number {
  return Math.min(position, MAX_GROUPS - 1);
}

export function pageRelevance(patterns: readonly MatchPattern[], options: RelevanceOptions): PageRelevance {
  const position = new Map(options.packOrder.map((id, i) => [id, groupOf(i)]));
  const flags = patterns.map((p) => {
    let bits = 0;
    let own = false;
    for (const id of p.packIds) {
      const g = position.get(id);
      if (g !== undefined) bits |= 1 << (g + GROUP_SHIFT);
      if (options.ownLanguage.has(id)) own = true;
    }
    if (p.kind === 'term' && p.ambiguous) bits |= own ? OWN_LANGUAGE : AMBIGUOUS;
    if (p.capitalized) bits |= CAPITALIZED;
    return bits;
  });
  const topics: string[] = [];
  options.packOrder.forEach((id, i) => {
    const g = groupOf(i);
    topics[g] = topics[g] === undefined ? (options.packNames[id] ?? id) : topics[g];
  });
  return { flags, topics };
}
