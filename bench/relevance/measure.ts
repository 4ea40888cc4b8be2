// The relevance benchmark: each corpus page opened in Chromium with the built extension, at its original
// URL (served from the saved copy by request interception), scrolled through so that every part of it is
// highlighted once (highlights follow the viewport), and the ranges the document's highlight registry
// holds mapped back to the labeled candidates. Only what the page shows counts: nothing here knows how
// the extension decides.
import type { BrowserContext, Page } from 'playwright-core';
import { launchExtension, sendFromPage, type ExtensionBrowser } from '../../tests/e2e/harness';
import { pageText, readPage } from './candidates';
import { readCorpus, readLabels, type CorpusPage, type LabeledCandidate } from './labels';

/** Highlight names of the two kinds, in every style (background and underline). */
const TERM_NAMES = ['termlens-term', 'termlens-term-underline'];
const AVOID_NAMES = ['termlens-avoid', 'termlens-avoid-underline'];
const VIEWPORT = { width: 1280, height: 1600 };
/** Consecutive unchanged reads (POLL_MS apart) that count as settled. */
const STABLE_READS = 4;
const POLL_MS = 150;
const SETTLE_MAX_MS = 8_000;

export interface RangeRead {
  kind: 'term' | 'avoid';
  node: number;
  offset: number;
  endNode: number;
  endOffset: number;
  text: string;
}

export interface Highlighted {
  kind: 'term' | 'avoid';
  candidate: LabeledCandidate;
}

export interface PageResult {
  page: string;
  url: string;
  topic: 'on' | 'off';
  view: string;
  words: number;
  candidates: number;
  labeledRelevant: number;
  highlights: number;
  relevantHighlights: number;
  precision: number | null;
  relevantTerms: string[];
  foundTerms: string[];
  missedTerms: string[];
  recall: number | null;
  avoidFlags: number;
  avoidFlagsOutsideScope: number;
  highlightsPer2000Words: number;
  falsePositives: Array<{ text: string; term: string; kind: 'term' | 'avoid'; reason: string; before: string; after: string }>;
  /** Problems with the measurement itself: unlabeled candidates, ranges matching no candidate, a stale label file. */
  errors: string[];
}

export interface FalsePositiveCount {
  text: string;
  count: number;
  pages: number;
  reason: string;
}

export interface RelevanceReport {
  date: string;
  pages: PageResult[];
  overall: {
    pages: number;
    onTopicPages: number;
    offTopicPages: number;
    candidates: number;
    highlights: number;
    relevantHighlights: number;
    precision: number | null;
    relevantTerms: number;
    foundTerms: number;
    recall: number | null;
    avoidFlags: number;
    avoidFlagsOutsideScope: number;
    offTopicWords: number;
    offTopicHighlights: number;
    offTopicHighlightsPer2000Words: number;
    topFalsePositives: FalsePositiveCount[];
    errors: number;
  };
}

/** A candidate's distinct-term identity: its headword, in any case. */
const termOf = (c: LabeledCandidate) => c.term.toLowerCase();

/** Reads every registered Termlens range, each as text-node indexes in document order (the numbering candidates use). */
function readRanges(page: Page): Promise<RangeRead[]> {
  return page.evaluate(
    ([termNames, avoidNames]) => {
      const index = new Map<Node, number>();
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(), i = 0; n; n = walker.nextNode(), i++) index.set(n, i);
      const out: Array<{ kind: 'term' | 'avoid'; node: number; offset: number; endNode: number; endOffset: number; text: string }> = [];
      for (const [kind, names] of [
        ['term', termNames],
        ['avoid', avoidNames],
      ] as const) {
        for (const name of names) {
          for (const value of CSS.highlights.get(name) ?? []) {
            const r = value as AbstractRange;
            let text = '';
            try {
              const live = document.createRange();
              live.setStart(r.startContainer, r.startOffset);
              live.setEnd(r.endContainer, r.endOffset);
              text = live.toString();
            } catch {
              text = '';
            }
            out.push({
              kind,
              node: index.get(r.startContainer) ?? -1,
              offset: r.startOffset,
              endNode: index.get(r.endContainer) ?? -1,
              endOffset: r.endOffset,
              text,
            });
          }
        }
      }
      return out;
    },
    [TERM_NAMES, AVOID_NAMES] as const,
  );
}

function signature(ranges: readonly RangeRead[]): string {
  return ranges
    .map((r) => `${r.kind}${r.node}:${r.offset}`)
    .sort()
    .join(',');
}

async function settle(page: Page): Promise<RangeRead[]> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let last = '';
  let stable = 0;
  let ranges: RangeRead[] = [];
  while (Date.now() < deadline) {
    await page.waitForTimeout(POLL_MS);
    ranges = await readRanges(page);
    const sig = signature(ranges);
    stable = sig === last ? stable + 1 : 0;
    last = sig;
    if (stable >= STABLE_READS) break;
  }
  return ranges;
}

/** Opens a page at its URL and collects every range highlighted at some scroll position, top to bottom. */
export async function highlightsOf(context: BrowserContext, url: string): Promise<{ ranges: RangeRead[]; textNodes: number }> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('termlens:scan').length > 0, null, { timeout: 30_000 });
    const seen = new Map<string, RangeRead>();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; ; y += VIEWPORT.height) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      for (const r of await settle(page)) seen.set(`${r.kind}:${r.node}:${r.offset}:${r.endNode}:${r.endOffset}`, r);
      if (y + VIEWPORT.height >= height) break;
    }
    const textNodes = await page.evaluate(() => {
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
      let n = 0;
      while (walker.nextNode()) n++;
      return n;
    });
    return { ranges: [...seen.values()], textNodes };
  } finally {
    await page.close();
  }
}

/** Sets a host's site settings through the background, as the popup does. */
async function siteSettings(browser: ExtensionBrowser, host: string, patch: Record<string, unknown>): Promise<void> {
  const page = await browser.openExtensionPage('popup.html');
  try {
    const reply = await sendFromPage(page, { type: 'setSiteSettings', host, patch });
    if (!reply.ok) throw new Error(`setSiteSettings ${host}: ${reply.error}`);
  } finally {
    await page.close();
  }
}

/** Serves every corpus page at its URL; any other http(s) request fails (the copies are self-contained). */
export async function serveCorpus(context: BrowserContext, pages: readonly CorpusPage[]): Promise<void> {
  const byUrl = new Map(pages.map((p) => [p.url, readPage(p.page)]));
  await context.route(/^https?:\/\//, (route) => {
    const url = route.request().url().split('#')[0] ?? '';
    const html = byUrl.get(url);
    if (html !== undefined && route.request().resourceType() === 'document')
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    return route.abort();
  });
}

/** Grants the extension every non-GitHub origin of the corpus, as a user turning it on for their Grafana or Argo CD. */
export async function grantOrigins(browser: ExtensionBrowser, pages: readonly CorpusPage[]): Promise<void> {
  const patterns = [
    ...new Set(
      pages
        .map((p) => new URL(p.url))
        .filter((u) => u.hostname !== 'github.com')
        .map((u) => `${u.protocol}//${u.hostname}/*`),
    ),
  ];
  if (patterns.length === 0) return;
  const worker = await browser.serviceWorker();
  for (const pattern of patterns) await browser.grantHost(pattern);
  const registered = () =>
    worker.evaluate(async () =>
      (
        await (
          globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches?: string[] }>> } } }
        ).chrome.scripting.getRegisteredContentScripts()
      ).flatMap((s) => s.matches ?? []),
    );
  for (let i = 0; ; i++) {
    const have = await registered();
    if (patterns.every((p) => have.includes(p))) return;
    if (i > 150) throw new Error(`the content script is not registered for ${patterns.join(', ')}: ${JSON.stringify(have)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Scores one page's highlights against its labels. */
export function scorePage(
  entry: CorpusPage,
  labels: readonly LabeledCandidate[],
  ranges: readonly RangeRead[],
  words: number,
  errors: string[],
): PageResult {
  const byStart = new Map<string, LabeledCandidate>();
  for (const c of labels) byStart.set(`${c.node}:${c.offset}`, c);
  const highlighted: Highlighted[] = [];
  for (const r of ranges) {
    const exact = byStart.get(`${r.node}:${r.offset}`);
    const candidate = exact && exact.endNode === r.endNode && exact.endOffset === r.endOffset ? exact : undefined;
    if (!candidate) {
      errors.push(
        `a ${r.kind} highlight matches no candidate: "${r.text}" at text node ${r.node}:${r.offset}-${r.endNode}:${r.endOffset}${exact ? ` (a candidate "${exact.text}" starts there)` : ''}`,
      );
      continue;
    }
    highlighted.push({ kind: r.kind, candidate });
  }
  for (const c of labels)
    if (c.relevant === null)
      errors.push(`unlabeled candidate ${c.id} (${JSON.stringify(c.before)} [${c.text}] ${JSON.stringify(c.after)})`);
  const isRelevant = (h: Highlighted) => (h.kind === 'avoid' ? h.candidate.avoidWarranted === true : h.candidate.relevant === true);
  const relevantHighlights = highlighted.filter(isRelevant).length;
  // Recall is about terms explained: avoid words are scored by precision and the out-of-scope count.
  const relevantTerms = [...new Set(labels.filter((c) => c.kind === 'term' && c.relevant === true).map(termOf))].sort();
  const found = new Set(highlighted.filter((h) => h.kind === 'term' && h.candidate.relevant === true).map((h) => termOf(h.candidate)));
  const avoid = highlighted.filter((h) => h.kind === 'avoid');
  return {
    page: entry.page,
    url: entry.url,
    topic: entry.topic,
    view: entry.view,
    words,
    candidates: labels.length,
    labeledRelevant: labels.filter((c) => c.relevant === true).length,
    highlights: highlighted.length,
    relevantHighlights,
    precision: ratio(relevantHighlights, highlighted.length),
    relevantTerms,
    foundTerms: relevantTerms.filter((t) => found.has(t)),
    missedTerms: relevantTerms.filter((t) => !found.has(t)),
    recall: ratio(found.size, relevantTerms.length),
    avoidFlags: avoid.length,
    avoidFlagsOutsideScope: avoid.filter((h) => h.candidate.avoidWarranted !== true).length,
    highlightsPer2000Words: words === 0 ? 0 : (highlighted.length * 2000) / words,
    falsePositives: highlighted
      .filter((h) => !isRelevant(h))
      .map((h) => ({
        text: h.candidate.text,
        term: h.candidate.term,
        kind: h.kind,
        reason: h.candidate.reason,
        before: h.candidate.before,
        after: h.candidate.after,
      })),
    errors,
  };
}

export function summarize(pages: readonly PageResult[]): RelevanceReport {
  const sum = (f: (p: PageResult) => number, of: readonly PageResult[] = pages) => of.reduce((n, p) => n + f(p), 0);
  const off = pages.filter((p) => p.topic === 'off');
  const fp = new Map<string, { count: number; pages: Set<string>; reasons: Map<string, number> }>();
  for (const p of pages) {
    for (const f of p.falsePositives) {
      const key = f.text.toLowerCase();
      const e = fp.get(key) ?? { count: 0, pages: new Set(), reasons: new Map() };
      e.count++;
      e.pages.add(p.page);
      e.reasons.set(f.reason, (e.reasons.get(f.reason) ?? 0) + 1);
      fp.set(key, e);
    }
  }
  const topFalsePositives = [...fp.entries()]
    .map(([text, e]) => ({
      text,
      count: e.count,
      pages: e.pages.size,
      reason: [...e.reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
    }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, 15);
  const highlights = sum((p) => p.highlights);
  const relevantHighlights = sum((p) => p.relevantHighlights);
  // Recall over the corpus: each page's distinct relevant terms count once for that page.
  const relevantTerms = sum((p) => p.relevantTerms.length);
  const foundTerms = sum((p) => p.foundTerms.length);
  const offWords = sum((p) => p.words, off);
  const offHighlights = sum((p) => p.highlights, off);
  return {
    date: new Date().toISOString(),
    pages: [...pages],
    overall: {
      pages: pages.length,
      onTopicPages: pages.length - off.length,
      offTopicPages: off.length,
      candidates: sum((p) => p.candidates),
      highlights,
      relevantHighlights,
      precision: ratio(relevantHighlights, highlights),
      relevantTerms,
      foundTerms,
      recall: ratio(foundTerms, relevantTerms),
      avoidFlags: sum((p) => p.avoidFlags),
      avoidFlagsOutsideScope: sum((p) => p.avoidFlagsOutsideScope),
      offTopicWords: offWords,
      offTopicHighlights: offHighlights,
      offTopicHighlightsPer2000Words: offWords === 0 ? 0 : (offHighlights * 2000) / offWords,
      topFalsePositives,
      errors: sum((p) => p.errors.length),
    },
  };
}

/** Runs the benchmark over the corpus (or the named pages) with the build in `extensionDir` (default: .output/chrome-mv3). */
export async function measureRelevance(
  options: { pages?: readonly string[]; extensionDir?: string; log?: (line: string) => void } = {},
): Promise<RelevanceReport> {
  const corpus = readCorpus().filter((p) => !options.pages || options.pages.includes(p.page));
  const browser = await launchExtension({ extensionDir: options.extensionDir });
  try {
    browser.context.setDefaultTimeout(30_000);
    await grantOrigins(browser, corpus);
    await serveCorpus(browser.context, corpus);
    const results: PageResult[] = [];
    for (const entry of corpus) {
      const errors: string[] = [];
      const text = pageText(readPage(entry.page));
      const file = readLabels(entry.page);
      const labels = file?.candidates ?? [];
      if (!file) errors.push('no label file: run `npm run bench:relevance:label`');
      const fresh = new Set(text.candidates.map((c) => c.id));
      if (labels.length !== fresh.size || labels.some((c) => !fresh.has(c.id)))
        errors.push('the label file is stale (the page or the packs changed): run `npm run bench:relevance:label`');
      const host = new URL(entry.url).hostname;
      if (entry.site) await siteSettings(browser, host, entry.site);
      const { ranges, textNodes } = await highlightsOf(browser.context, entry.url);
      if (entry.site) await siteSettings(browser, host, Object.fromEntries(Object.keys(entry.site).map((k) => [k, false])));
      if (textNodes !== text.nodes.length)
        errors.push(`the browser's document has ${textNodes} text nodes, the parsed page ${text.nodes.length}: positions may not line up`);
      const result = scorePage(entry, labels, ranges, text.words, errors);
      results.push(result);
      options.log?.(formatPage(result));
    }
    return summarize(results);
  } finally {
    await browser.close();
  }
}

const pct = (x: number | null) => (x === null ? '  n/a' : x.toFixed(2).padStart(5));

export function formatPage(p: PageResult): string {
  return `${p.page.padEnd(44)} ${p.topic === 'on' ? 'on ' : 'off'} highlights ${String(p.highlights).padStart(3)} (relevant ${String(p.relevantHighlights).padStart(3)})  precision ${pct(p.precision)}  recall ${pct(p.recall)} (${p.foundTerms.length}/${p.relevantTerms.length})  avoid out of scope ${p.avoidFlagsOutsideScope}  per 2000 words ${p.highlightsPer2000Words.toFixed(1)}${p.errors.length ? `  ERRORS ${p.errors.length}` : ''}`;
}

export function formatReport(r: RelevanceReport): string {
  const o = r.overall;
  const lines = [
    `overall (${o.pages} pages: ${o.onTopicPages} on topic, ${o.offTopicPages} off; ${o.candidates} candidates labeled)`,
    `  precision ${pct(o.precision)}  (${o.relevantHighlights} relevant of ${o.highlights} highlights)`,
    `  recall    ${pct(o.recall)}  (${o.foundTerms} of ${o.relevantTerms} distinct relevant terms per page highlighted at least once)`,
    `  avoid flags outside scope: ${o.avoidFlagsOutsideScope} (of ${o.avoidFlags} avoid flags)`,
    `  off-topic pages: ${o.offTopicHighlights} highlights in ${o.offTopicWords} words = ${o.offTopicHighlightsPer2000Words.toFixed(2)} per 2,000 words`,
    `  most frequent false positives:`,
    ...o.topFalsePositives.map(
      (f) => `    ${String(f.count).padStart(3)} × "${f.text}" (${f.pages} page${f.pages === 1 ? '' : 's'}): ${f.reason}`,
    ),
  ];
  if (o.errors > 0) {
    lines.push(`  MEASUREMENT ERRORS: ${o.errors}`);
    for (const p of r.pages) for (const e of p.errors) lines.push(`    ${p.page}: ${e}`);
  }
  return lines.join('\n');
}
