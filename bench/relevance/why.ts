// `npx tsx bench/relevance/why.ts <page.html> <url>`: what the content script's relevance rules keep on a
// saved page, and why, without a browser. It runs the same code as the extension (site adapter, walker,
// matcher, evidence filter, pack scopes) on the page parsed by happy-dom, and prints each kept match
// with its reason and each everyday word left out for want of evidence. For tuning the rules; the
// benchmark itself (run.ts) measures the built extension in Chromium.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { compileIndex, matchPatterns } from '../../lib/glossary/compile';
import { buildMatcher } from '../../lib/matcher';
import { EvidenceFilter } from '../../lib/relevance/evidence';
import { packsAt } from '../../lib/relevance/packs-at';
import { AMBIGUOUS, pageRelevance } from '../../lib/relevance/page-relevance';
import { collectRuns, type TextRun } from '../../lib/scan/walker';
import { detectSite } from '../../lib/sites';
import { everydayWords } from '../../scripts/everyday-words';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

const [file, address] = process.argv.slice(2);
if (!file || !address) {
  console.error('usage: tsx bench/relevance/why.ts <page.html> <url>');
  process.exit(2);
}
const url = new URL(address);
const window = new Window({
  url: address,
  settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableIframePageLoading: true },
});
const doc = window.document as unknown as Document;
doc.write(readFileSync(resolve(file), 'utf8'));

const { packs } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
const index = compileIndex(packs);
const at = packsAt(
  index.packs.map((p) => p.id),
  (id) => index.packs.find((p) => p.id === id)!,
  url,
);
const patterns = matchPatterns(index, new Set(at.packs), { everyday: new Set(everydayWords()), avoidPacks: at.avoid });
const matcher = buildMatcher(patterns);
const names = Object.fromEntries(index.packs.map((p) => [p.id, p.name]));
const relevance = pageRelevance(patterns, { packOrder: at.packs, ownLanguage: at.own, packNames: names });
const adapter = detectSite(doc, url);

let waiting: Node[] = [];
const filter = new EvidenceFilter({
  relevance,
  ...(adapter.regions ? { regions: adapter.regions } : {}),
  onTopic: (owners) => waiting.push(...owners),
});
const runs = adapter.roots(doc).flatMap((root) => collectRuns({ root, mode: 'deep' }, (el) => adapter.exclude(el)));
const kept = new Map<TextRun, Array<{ start: number; end: number; pattern: number }>>();
const pass = (list: TextRun[]) => {
  for (const run of list) {
    const found = matcher.findAll(run.text);
    filter.filter(run, found);
    kept.set(run, found);
  }
};
pass(runs);
// The content script scans blocks again once their topic shows (after a microtask).
await Promise.resolve();
while (waiting.length > 0) {
  const owners = new Set(waiting);
  waiting = [];
  pass(runs.filter((r) => owners.has(r.owner)));
  await Promise.resolve();
}

console.log(
  `${url.href}: adapter ${adapter.id}; packs ${at.packs.join(', ')}; avoid ${[...at.avoid].join(', ') || 'none'}; own ${[...at.own].join(', ') || 'none'}`,
);
const context = (run: TextRun, start: number, end: number) =>
  `${run.text.slice(Math.max(0, start - 30), start)}[${run.text.slice(start, end)}]${run.text.slice(end, end + 30)}`.replace(/\s+/g, ' ');
for (const run of runs) {
  const shown = kept.get(run) ?? [];
  const keys = new Set(shown.map((m) => m.start));
  for (const m of shown) {
    const k = run.nodes.findLastIndex((_, i) => run.starts[i]! <= m.start);
    const reason = filter.reasonAt(run.nodes[k]!, m.start - run.starts[k]!);
    console.log(`  + ${matcher.kindOf(m.pattern)} ${reason ?? ''}\t${context(run, m.start, m.end)}`);
  }
  for (const m of matcher.findAll(run.text)) {
    if (keys.has(m.start) || !((relevance.flags[m.pattern] ?? 0) & AMBIGUOUS)) continue;
    console.log(`  - everyday\t${context(run, m.start, m.end)}`);
  }
}
