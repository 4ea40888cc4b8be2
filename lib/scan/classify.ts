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
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'relative-time',
  'g-emoji',
]);

const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'datalist',
  'svg',
  'math',
  'canvas',
  'iframe',
  'frame',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'img',
  'head',
  'title',
  'meta',
  'link',
  CARD_TAG,
]);

/** Extra rules from a site adapter: regions to leave alone. */
export type ExcludeRule = (element: Element) => boolean;

/** Elements whose attributes may make them skipped (classify's attribute checks): found in one native query. */
export const ATTRIBUTE_SKIP_SELECTOR = '[hidden], [contenteditable]';

/**
 * classify() for an element known not to match ATTRIBUTE_SKIP_SELECTOR: decided from its tag (already
 * read) and the site's rule, with no attribute reads (two DOM calls per element fewer on a page walk).
 */
export function classifyByTag(element: Element, tag: string, exclude?: ExcludeRule): ElementClass {
  if (SKIP_TAGS.has(tag)) return SKIP;
  if (exclude?.(element)) return SKIP;
  return INLINE_TAGS.has(tag) ? INLINE : BREAK;
}

/** Tags that can host a shadow root (attachShadow throws for any other, custom elements aside). */
const SHADOW_HOST_TAGS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** Whether an element with this tag may have a shadow root (so reading `shadowRoot` is needed at all). */
export function mayHostShadow(tag: string): boolean {
  return SHADOW_HOST_TAGS.has(tag) || tag.includes('-');
}

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

/**
 * classify() for any element, shadow hosts included: a host is a block boundary whose shadow root is
 * scanned too, unless the skip rules say otherwise (Termlens's own card is a shadow host).
 */
export function classifyWithShadow(element: Element, exclude?: ExcludeRule): ElementClass {
  const cls = classify(element, exclude);
  return cls !== SKIP && element.shadowRoot ? BREAK : cls;
}
