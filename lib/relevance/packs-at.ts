// Which packs apply at a page, and how (lib/glossary/scope.ts has the scope grammar):
// - a pack with a scope applies only inside it; there its avoid words flag, and where the scope names
//   the page (not merely "everywhere") its words are the team's own: no further evidence needed;
// - a pack whose home is unknown applies everywhere, but flags nothing;
// - a private pack applies nowhere until it has a scope.
import { EVERYWHERE, inScope } from '../glossary/scope';

export interface PackScopeInfo {
  /** The scope in force: the user's, else the pack's own; undefined or empty: home unknown. */
  scope?: readonly string[] | undefined;
  private?: boolean | undefined;
}

export interface PacksAt {
  /** The packs that apply, in the order given (preference order). */
  packs: string[];
  /** Those whose avoid words flag here. */
  avoid: Set<string>;
  /** Those whose scope names this page: the team's own language here. */
  own: Set<string>;
}

export function packsAt(order: readonly string[], info: (id: string) => PackScopeInfo, url: URL): PacksAt {
  const packs: string[] = [];
  const avoid = new Set<string>();
  const own = new Set<string>();
  for (const id of order) {
    const { scope, private: isPrivate } = info(id);
    if (!scope || scope.length === 0) {
      if (!isPrivate) packs.push(id);
      continue;
    }
    if (!inScope(scope, url)) continue;
    packs.push(id);
    avoid.add(id);
    if (scope.some((entry) => entry.trim() !== EVERYWHERE && inScope([entry], url))) own.add(id);
  }
  return { packs, avoid, own };
}
