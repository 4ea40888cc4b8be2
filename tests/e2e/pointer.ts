// Pointer helpers shared by the e2e tests that hover terms on a page.
import type { Page } from 'playwright-core';

/** The centre of the first occurrence of `text` inside `selector` (looking into an open shadow root when `shadowHost` is given). */
export function centreOf(page: Page, selector: string, text: string, shadowHost?: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([sel, t, host]) => {
      const root: ParentNode = host ? document.querySelector(host)!.shadowRoot! : document;
      const el = root.querySelector(sel)!;
      el.scrollIntoView({ block: 'center' });
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(t);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + t.length);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      throw new Error(`"${t}" not found in ${sel}`);
    },
    [selector, text, shadowHost ?? ''] as const,
  );
}

/** Move onto a point from below-left, in steps, like a hand would. */
export async function hover(page: Page, point: { x: number; y: number }) {
  await page.mouse.move(point.x - 30, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: 3 });
}
