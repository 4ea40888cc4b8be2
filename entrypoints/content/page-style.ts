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

export class PageStyle {
  private element: HTMLStyleElement | null = null;

  constructor(private readonly doc: Document) {}

  apply(style: HighlightStyle): void {
    if (!this.element) {
      this.element = this.doc.createElement('style');
      this.element.setAttribute('data-termlens', '');
    }
    // Any change to these rules restyles every element of the page (~1 s on the bench's large page):
    // rewriting the same text must not.
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
