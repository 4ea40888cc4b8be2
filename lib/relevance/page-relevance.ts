// What a content script needs, beside the matcher, to decide whether a match is worth a highlight:
// one small integer per pattern. Made in the background with the pattern list (same order, same
// indexes), sent with the matcher, read by evidence.ts. A pattern's bits:
//
//   bit 0       AMBIGUOUS     an everyday English word: shown only with evidence of the glossary's sense
//   bit 1       OWN_LANGUAGE  a pack whose scope names this page gives it: the team's own word here
//   bit 2       CAPITALIZED   the glossary writes it with a capital ("Secret"): that casing is evidence
//   bits 3–30   topic groups  which topics it belongs to: the evidence that a page is on a topic counts
//                             per group. Packs that share TOPIC_SHARED or more terms are about the same
//                             thing (a Kubernetes guide and a platform team's glossary) and form one
//                             group; each group takes the position of its first pack in preference
//                             order (groups past the 28th share the last bit).
import type { MatchPattern } from '../glossary/compile';

export const AMBIGUOUS = 1;
export const OWN_LANGUAGE = 2;
export const CAPITALIZED = 4;
export const GROUP_SHIFT = 3;
export const MAX_GROUPS = 28;
/** Terms two packs must share to be about the same topic. */
export const TOPIC_SHARED = 5;

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

/** Each pack's topic group: the position of the first pack (in `order`) it is joined to by shared terms. */
export function topicGroups(patterns: readonly MatchPattern[], order: readonly string[]): Map<string, number> {
  const parent = order.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const at = new Map(order.map((id, i) => [id, i]));
  const shared = new Map<string, number>();
  for (const p of patterns) {
    if (p.kind !== 'term' || p.packIds.length < 2) continue;
    const ids = p.packIds.map((id) => at.get(id)).filter((i): i is number => i !== undefined);
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const key = `${Math.min(ids[a]!, ids[b]!)},${Math.max(ids[a]!, ids[b]!)}`;
        const n = (shared.get(key) ?? 0) + 1;
        shared.set(key, n);
        if (n === TOPIC_SHARED) {
          const [x, y] = [find(ids[a]!), find(ids[b]!)];
          parent[Math.max(x, y)] = Math.min(x, y);
        }
      }
    }
  }
  return new Map(order.map((id, i) => [id, groupOf(find(i))]));
}

export function pageRelevance(patterns: readonly MatchPattern[], options: RelevanceOptions): PageRelevance {
  const position = topicGroups(patterns, options.packOrder);
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
  for (const id of options.packOrder) {
    const g = position.get(id)!;
    topics[g] ??= options.packNames[id] ?? id;
  }
  return { flags, topics };
}
