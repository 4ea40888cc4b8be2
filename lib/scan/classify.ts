// How the walker treats an element, decided from its tag name and a few attributes only: reading
// computed styles for every element of a 50k-node page would cost more than the whole scan.

/** Text inside continues the surrounding run ("<b>Argo</b> CD" reads as one phrase). */
export const INLINE = 0;
/** A block boundary: text before, inside and after it forms separate runs. */
export const BREAK = 1;
/** Never scanned: neither the element nor anything inside it. */
export const SKIP = 2;
export type ElementClass = typeof INLINE | typeof BREAK | typeof SKIP;

/** Termlens's own UI host: never scanned, and mutations inside it are ignored. */
export const CARD_TAG = 'termlens-card';

const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
  'relative-time', 'g-emoji',
]);

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'datalist',
  'svg', 'math', 'canvas', 'iframe', 'frame', 'object', 'embed', 'video', 'audio', 'picture', 'img', 'head',
  'title', 'meta', 'link', CARD_TAG,
]);

/** Extra rules from a site adapter (issue 5): regions to leave alone. */
export type ExcludeRule = (element: Element) => boolean;

export function classify(element: Element, exclude?: ExcludeRule): ElementClass {
  const tag = element.localName;
  if (SKIP_TAGS.has(tag)) return SKIP;
  // `hidden` and editable regions are skipped with everything inside them. The attribute checks
  // are cheap; CSS-hidden text is kept as data but never painted (it has no boxes).
  if (element.hasAttribute('hidden')) return SKIP;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return SKIP;
  if (exclude?.(element)) return SKIP;
  return INLINE_TAGS.has(tag) ? INLINE : BREAK;
}
