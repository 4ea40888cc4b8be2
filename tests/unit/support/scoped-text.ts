// What the shipped scanner puts in scope under a site adapter, for the adapter tests: the walker the
// content script runs (collectRuns over the adapter's roots, with its exclude rules) and, for nodes
// added later, the mutation planner's owner resolution.
import { OwnerResolver } from '../../../lib/scan/owner';
import { collectRuns } from '../../../lib/scan/walker';
import type { ExcludeOptions, SiteAdapter } from '../../../lib/sites';

/** The text nodes the scan reads, in document order (whitespace-only nodes dropped). */
export function scopedTextNodes(doc: Document, adapter: SiteAdapter, options: ExcludeOptions = {}): Text[] {
  const exclude = (el: Element) => adapter.exclude(el, options);
  return adapter
    .roots(doc)
    .flatMap((root) => collectRuns({ root, mode: 'deep' }, exclude))
    .flatMap((run) => run.nodes)
    .filter((t) => t.data.trim() !== '');
}

/** Whether a node added after the first scan would be scanned (the update path's view). */
export function isScanned(node: Node, adapter: SiteAdapter, options: ExcludeOptions = {}): boolean {
  return new OwnerResolver((el) => adapter.exclude(el, options)).isScanned(node);
}
