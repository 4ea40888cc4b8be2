// What the shipped scanner puts in scope under a site adapter, for the adapter tests: the walker the
// content script runs (collectRuns over the adapter's roots, with its exclude rules), the first scan
// with relevance on (only the prose roots, and only text outside the chrome may be highlighted) and, for
// nodes added later, the mutation planner's owner resolution.
import { proseRoots } from '../../../lib/relevance/evidence';
import { classify, SKIP } from '../../../lib/scan/classify';
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

/**
 * The text nodes a first scan with relevance on walks (the adapter's prose roots, as the content script
 * picks them) and may highlight (not inside the adapter's chrome), in document order.
 */
export function proseTextNodes(doc: Document, adapter: SiteAdapter, options: ExcludeOptions = {}): Text[] {
  const prose = adapter.regions?.prose;
  if (!prose) throw new Error(`the ${adapter.id} adapter declares no prose regions`);
  const chrome = adapter.regions?.chrome;
  const exclude = (el: Element) => adapter.exclude(el, options);
  return proseRoots(adapter.roots(doc), prose, (el) => classify(el, exclude) === SKIP)
    .flatMap((root) => collectRuns({ root, mode: 'deep' }, exclude))
    .flatMap((run) => run.nodes)
    .filter((t) => t.data.trim() !== '' && !(chrome && t.parentElement?.closest(chrome)));
}

/** Whether a node added after the first scan would be scanned (the update path's view). */
export function isScanned(node: Node, adapter: SiteAdapter, options: ExcludeOptions = {}): boolean {
  return new OwnerResolver((el) => adapter.exclude(el, options)).isScanned(node);
}
