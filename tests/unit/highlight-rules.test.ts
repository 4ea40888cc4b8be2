import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyElement, highlightRulesPlugin } from '../../scripts/highlight-rules-plugin';

const FILE = resolve(import.meta.dirname, '../../entrypoints/content/highlights.css');
const css = readFileSync(FILE, 'utf8');
const selectors = (text: string) => [...text.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{/g)].map((m) => m[1]!.trim());
const declarations = (text: string) => [...text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!.trim());

function transform(browser: string, code: string, id = FILE) {
  const plugin = highlightRulesPlugin({ browser });
  const errors: string[] = [];
  const context = {
    error: (message: string) => {
      errors.push(message);
      throw new Error(message);
    },
  };
  const hook = plugin.transform as (this: typeof context, code: string, id: string) => { code: string } | null;
  try {
    return { result: hook.call(context, code, id), errors };
  } catch {
    return { result: null, errors };
  }
}

describe('the ::highlight() rules per browser', () => {
  it('styles :root only for Chromium, where highlight styles inherit', () => {
    expect(selectors(css).length).toBeGreaterThanOrEqual(5);
    expect(selectors(css).every((s) => /^:root::highlight\(termlens-[a-z-]+\)$/.test(s))).toBe(true);
    expect(transform('chrome', css).result).toBeNull();
  });

  it('styles every element for Firefox, with the same names and declarations', () => {
    const firefox = transform('firefox', css).result!.code;
    expect(selectors(firefox)).toEqual(selectors(css).map((s) => s.replace(':root', '*')));
    expect(declarations(firefox)).toEqual(declarations(css));
    expect(everyElement(':root::highlight(a) { color: red; }')).toBe('*::highlight(a) { color: red; }');
  });

  it('fails the Firefox build when the file has no rule it can rewrite, and leaves other files alone', () => {
    expect(transform('firefox', '::highlight(termlens-term) { color: red; }').errors).toEqual([
      `${FILE}: no :root::highlight() selector to rewrite for Firefox`,
    ]);
    expect(transform('firefox', css, '/x/entrypoints/options/style.css').result).toBeNull();
  });
});
