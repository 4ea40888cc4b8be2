import type { Plugin } from 'vite';

/**
 * The content script's ::highlight() rules for one browser. highlights.css styles `:root` only, which
 * is enough where highlight styles inherit from the parent element's (Chromium), and cheapest there:
 * a rule matching every element gives each one highlight styles of its own, restyled on every frame
 * that changes text. Firefox does not inherit them, so a term paints only if a rule matches the
 * element that holds its text: for Firefox every `:root::highlight(name)` selector becomes
 * `*::highlight(name)`. A file with no such selector fails the build rather than shipping unpainted terms.
 */
export function highlightRulesPlugin(options: { browser: string; file?: RegExp }): Plugin {
  const file = options.file ?? /\/entrypoints\/content\/highlights\.css(\?.*)?$/;
  return {
    name: 'termlens-highlight-rules',
    enforce: 'pre',
    transform(code, id) {
      if (options.browser !== 'firefox' || !file.test(id)) return null;
      const rewritten = everyElement(code);
      if (rewritten === code) this.error(`${id}: no :root::highlight() selector to rewrite for Firefox`);
      return { code: rewritten, map: null };
    },
  };
}

/** `:root::highlight(x)` → `*::highlight(x)`, leaving comments and declarations as they are. */
export function everyElement(css: string): string {
  return css.replace(/:root::highlight\(/g, '*::highlight(');
}
