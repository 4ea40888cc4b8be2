// What an adapter puts in scope, expressed over a DOM: used by the scanner for nodes that appear after
// the first walk (is this added node inside a root and outside every excluded region?) and by tests.
import type { ExcludeOptions, SiteAdapter } from './types';

/**
 * Is `node` in scope: inside one of `roots` and not inside an element the adapter excludes? Walks the
 * ancestors once (O(depth)); use it for nodes added after the first scan, not inside a full walk (which
 * prunes excluded subtrees as it goes).
 */
export function isInScope(node: Node, adapter: SiteAdapter, roots: readonly Element[], options: ExcludeOptions = {}): boolean {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    if (adapter.exclude(el, options)) return false;
    if (roots.includes(el)) return true;
    el = el.parentElement;
  }
  return false;
}

/** Tags whose text is never page prose (the scanner skips them too). */
const NEVER_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/**
 * The text nodes an adapter puts in scope, in document order (whitespace-only nodes dropped), walking
 * each root and pruning excluded subtrees the way the scanner does.
 */
export function collectScopedText(doc: Document, adapter: SiteAdapter, options: ExcludeOptions = {}): Text[] {
  const out: Text[] = [];
  const visit = (el: Element): void => {
    if (NEVER_TEXT.has(el.tagName) || adapter.exclude(el, options)) return;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if ((child as Text).data.trim() !== '') out.push(child as Text);
      } else if (child.nodeType === 1) {
        visit(child as Element);
      }
    }
  };
  for (const root of adapter.roots(doc)) visit(root);
  return out;
}
