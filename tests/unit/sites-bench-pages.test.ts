// The generated GitHub-"files changed"-like pages (bench/pages.ts) that the benchmark and the
// large-page e2e test load: their size promises hold for what a parser builds, they are deterministic,
// they escape the terms they are given, and the GitHub adapter reads them like a real PR page.
import { describe, expect, it } from 'vitest';
import { generateLargePrPage, generatePrPage, generateSmallPage } from '../../bench/pages';
import { githubAdapter } from '../../lib/sites';
import { scopedTextNodes } from './support/scoped-text';

const TERMS = [
  'PodDisruptionBudget',
  'PDB',
  'kube-proxy',
  'Argo CD',
  'CNPG',
  'goose_db_version',
  'Ingress auth',
  'Secret',
  'Pod',
  'sync.Once',
];

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function bodyText(doc: Document): { nodes: number; chars: number; text: string } {
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  let nodes = 0;
  let chars = 0;
  const parts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes++;
    chars += (n as Text).data.length;
    parts.push((n as Text).data);
  }
  return { nodes, chars, text: parts.join('\n') };
}

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

describe('generated PR pages', () => {
  it('counts text nodes and characters exactly as the parser builds them', () => {
    const page = generatePrPage(TERMS, { seed: 7, minTextChars: 60_000, minTextNodes: 3_000 });
    const parsed = bodyText(parse(page.html));
    expect(parsed.nodes).toBe(page.textNodes);
    expect(parsed.chars).toBe(page.textChars);
    expect(page.textChars).toBeGreaterThanOrEqual(60_000);
    expect(page.textNodes).toBeGreaterThanOrEqual(3_000);
  });

  it('makes the large page ≥ 1.2 MB of text in ≥ 50,000 text nodes, with thousands of terms', () => {
    const page = generatePrPage(TERMS);
    expect(page.textChars).toBeGreaterThanOrEqual(1_200_000);
    expect(page.textNodes).toBeGreaterThanOrEqual(50_000);
    expect(page.termsPlaced).toBeGreaterThan(2_000);
    expect(page.reviewComments).toBeGreaterThan(300);
    expect(page.diffLines).toBeGreaterThan(3_000);
    expect(generateLargePrPage(TERMS)).toBe(page.html);
  });

  it('makes the small page about 50 KB of text', () => {
    const html = generateSmallPage(TERMS);
    const { chars } = bodyText(parse(html));
    expect(chars).toBeGreaterThanOrEqual(50_000);
    expect(chars).toBeLessThan(65_000);
  });

  it('is deterministic for a seed and different across seeds', () => {
    expect(generateSmallPage(TERMS, 3)).toBe(generateSmallPage(TERMS, 3));
    expect(generateSmallPage(TERMS, 3)).not.toBe(generateSmallPage(TERMS, 4));
  });

  it('places every term both in prose and in code, at a density that leaves most words alone', () => {
    const page = generatePrPage(TERMS, { seed: 11, minTextChars: 90_000, minTextNodes: 0 });
    const doc = parse(page.html);
    const prose = Array.from(doc.querySelectorAll('.comment-body'))
      .map((el) => el.textContent ?? '')
      .join('\n');
    const code = Array.from(doc.querySelectorAll('.blob-code'))
      .map((el) => el.textContent ?? '')
      .join('\n');
    for (const term of TERMS) {
      expect(occurrences(prose, term), term).toBeGreaterThan(0);
    }
    expect(occurrences(code, 'PodDisruptionBudget') + occurrences(code, 'kube-proxy') + occurrences(code, 'Secret')).toBeGreaterThan(0);
    const words = prose.split(/\s+/).length;
    expect(page.termsPlaced / words).toBeLessThan(0.1);
    expect(page.termsPlaced / words).toBeGreaterThan(0.01);
  });

  it('escapes terms: glossary text never becomes markup', () => {
    const hostile = ['<img src=x onerror="alert(1)">', 'R&D <b>bold</b>'];
    const page = generatePrPage(hostile, { seed: 5, minTextChars: 30_000, minTextNodes: 0 });
    const doc = parse(page.html);
    expect(doc.querySelector('img, b')).toBeNull();
    expect(bodyText(doc).text).toContain('<img src=x onerror="alert(1)">');
    expect(bodyText(doc).text).toContain('R&D <b>bold</b>');
  });

  it('works without terms', () => {
    const page = generatePrPage([], { seed: 2, minTextChars: 20_000, minTextNodes: 0 });
    expect(page.termsPlaced).toBe(0);
    expect(page.textChars).toBeGreaterThanOrEqual(20_000);
  });

  it('reads like a GitHub PR to the GitHub adapter: review prose in scope, code, paths and users out', () => {
    const doc = parse(generateSmallPage(TERMS, 9));
    const inScope = scopedTextNodes(doc, githubAdapter).map((t) => t.data);
    const all = bodyText(doc);
    const scopedChars = inScope.reduce((sum, t) => sum + t.length, 0);
    expect(scopedChars).toBeGreaterThan(all.chars * 0.3);
    expect(scopedChars).toBeLessThan(all.chars * 0.9);
    const codeCells = new Set(
      Array.from(doc.querySelectorAll('.blob-code')).flatMap((el) => Array.from(el.querySelectorAll('*'), (c) => c.firstChild)),
    );
    expect(scopedTextNodes(doc, githubAdapter).some((t) => codeCells.has(t))).toBe(false);
    expect(inScope).not.toContain('mona');
    const withDiffs = scopedTextNodes(doc, githubAdapter, { scanDiffs: true });
    expect(withDiffs.some((t) => codeCells.has(t))).toBe(true);
  });
});
