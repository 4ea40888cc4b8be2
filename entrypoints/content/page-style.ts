// The one <style> Termlens adds to a page: the ::highlight() rules. Colours are translucent so they
// read on light and dark pages alike; a background tint is the default because it is the cheapest to
// paint (an underline cost ~70 ms per frame at 250 ranges in issue 3's measurements).
import type { HighlightStyle } from '../../lib/settings/types';
import { HIGHLIGHT_NAMES } from '../../lib/scan/dom';

export const FLASH_HIGHLIGHT = 'termlens-flash';

const TERM = `::highlight(${HIGHLIGHT_NAMES.term})`;
const AVOID = `::highlight(${HIGHLIGHT_NAMES.avoid})`;
const FLASH = `::highlight(${FLASH_HIGHLIGHT}){background-color:rgba(255,153,0,.6)}`;

const RULES: Record<HighlightStyle, string> = {
  background: `${TERM}{background-color:rgba(255,196,0,.28)}${AVOID}{background-color:rgba(255,72,40,.24)}`,
  underline: `${TERM}{text-decoration:underline dotted rgba(214,160,0,.95)}${AVOID}{text-decoration:underline wavy rgba(230,80,40,.9)}`,
  none: '',
};

const STYLE_SELECTOR = 'style[data-termlens]';

/**
 * At document_start, before the page is parsed: put the default rules in. Adding `::highlight()` rules
 * to a page that is already laid out restyles every element (measured by `npm run bench`: ~1 s on a
 * 65k-text-node page, against ~40 ms for a rule that matches nothing); added before the body exists
 * they cost nothing. The session adopts this element (PageStyle.apply).
 */
export function installEarlyStyle(doc: Document): void {
  const root = doc.documentElement;
  if (!root || doc.querySelector(STYLE_SELECTOR)) return;
  const element = doc.createElement('style');
  element.setAttribute('data-termlens', '');
  element.textContent = RULES.background + FLASH;
  (doc.head ?? root).append(element);
}

/** The site is off: take the early style out again (cheap while the page is still being parsed). */
export function removeEarlyStyle(doc: Document): void {
  doc.querySelector(STYLE_SELECTOR)?.remove();
}

export class PageStyle {
  private element: HTMLStyleElement | null = null;

  constructor(private readonly doc: Document) {}

  apply(style: HighlightStyle): void {
    if (!this.element) {
      this.element = this.doc.querySelector<HTMLStyleElement>(STYLE_SELECTOR) ?? this.doc.createElement('style');
      this.element.setAttribute('data-termlens', '');
    }
    // Rewriting the same text would restyle the whole page again.
    const text = RULES[style] + FLASH;
    if (this.element.textContent !== text) this.element.textContent = text;
    this.ensure();
  }

  /** Put the element back if the page replaced its <head> content (Turbo, frameworks). */
  ensure(): void {
    if (this.element && !this.element.isConnected) (this.doc.head ?? this.doc.documentElement).append(this.element);
  }

  remove(): void {
    this.element?.remove();
    this.element = null;
  }
}
