// bench/README.md from the results of bench/run.ts: the machine, one table with a line per figure
// (target, measured, met), and the notes on misses (bench/notes.md, written by people). The method is
// bench/METHOD.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any -- results are plain JSON written by run.ts */
type Results = any;

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

interface Row {
  figure: string;
  target: string;
  measured: string;
  /** 'yes' / 'no' / '' (reported, no target). */
  met: string;
}

const yes = (ok: boolean) => (ok ? 'yes' : 'no');

/** Short names of the real pages (bench/real-pages.ts). */
const SHORT: Record<string, string> = {
  'github-pr-octolinker-conversation': 'GitHub PR conversation',
  'github-pr-octolinker-files': 'GitHub files changed',
  'github-pr-neco-apps-argocd-outofsync': 'GitHub PR conversation on topic',
  'grafana-cnpg-dashboard': 'Grafana dashboard',
  'argocd-cnpg-application': 'Argo CD application',
};

export function writeReport(r: Results, file: string): void {
  const b = r.withExtension.bundled.median;
  const g = r.withExtension.generated.median;
  const bs = r.withExtension.bundled.small;
  const gs = r.withExtension.generated.small;
  const w = r.withoutExtension.median;
  const wo = r.withoutExtension;
  const m = r.machine;
  const real: any[] = r.realPages ?? [];
  const rows: Row[] = [];
  const add = (figure: string, target: string, measured: string, met = '') => rows.push({ figure, target, measured, met });
  /** One figure over every real page: each page's value; met when every page meets it. */
  const perPage = (figure: string, target: string, value: (x: any) => string, ok?: (x: any) => boolean) => {
    if (real.length === 0) return;
    add(
      figure,
      target,
      real.map((p) => `${SHORT[p.page] ?? p.page} ${value(p.median)}`).join('; '),
      ok ? yes(real.every((p) => ok(p.median))) : '',
    );
  };

  // ---- real pages --------------------------------------------------------------------------------
  perPage(
    'First scan ÷ cold floor, real pages',
    '≤ 3×',
    (x) => `${f(x.scanRatioCold, 1)}× (${f(x.scanMs)} / ${f(x.floorColdMs)} ms)`,
    (x) => x.scanRatioCold <= 3,
  );
  perPage(
    'Rescan after an in-page navigation ÷ warm floor, real pages',
    '≤ 3×',
    (x) => `${f(x.rescanRatioWarm, 1)}× (${f(x.rescanMs)} / ${f(x.floorWarmMs, 2)} ms)`,
    (x) => x.rescanRatioWarm <= 3,
  );
  perPage(
    'Layouts over 1 ms inside Termlens calls (trace), real pages, worst load',
    '0',
    (x) => f(x.forcedLayouts, 0),
    (x) => x.forcedLayouts === 0,
  );
  perPage(
    'Longest task running Termlens code, all it contains (trace), real pages, worst load',
    '≤ 50 ms',
    (x) => `${f(x.longestTermlensTaskMs)} ms`,
    (x) => x.longestTermlensTaskMs <= 50,
  );
  perPage(
    'Longest task of the load with / without Termlens (Long Tasks API), real pages, worst load',
    'report',
    (x) => `${f(x.longTaskApiWorstWithMs, 0)} / ${f(x.longTaskApiWorstWithoutMs, 0)} ms`,
  );
  perPage(
    'Start-up inside the parser: content script evaluation (trace), real pages',
    '≤ 5 ms',
    (x) => `${f(x.evaluateMs)} ms`,
    (x) => x.evaluateMs <= 5,
  );
  perPage(
    'First highlights after navigation (first contentful paint with / without Termlens), real pages',
    'report',
    (x) => `${f(x.firstHighlightsMs, 0)} ms (${f(x.firstContentfulPaintMs, 0)} / ${f(x.firstContentfulPaintWithoutMs, 0)} ms)`,
  );

  // ---- generated pages ---------------------------------------------------------------------------
  const coldFloor = w.floorIsolatedColdMs;
  add(
    'First scan ÷ cold floor, large generated page, bundled packs',
    '≤ 3×',
    `${f(b.scanMs / coldFloor, 1)}× (${f(b.scanMs)} / ${f(coldFloor)} ms)`,
    yes(b.scanMs / coldFloor <= 3),
  );
  add(
    'Rescan after an in-page navigation ÷ warm floor, large page',
    '≤ 3×',
    `${f(b.rescanRatio, 1)}× (${f(b.rescanMs)} / ${f(b.floorMs)} ms)`,
    yes(b.rescanRatio <= 3),
  );
  add(
    'First scan with 100,000 terms ÷ with the bundled packs, large page',
    '≤ 1.5×',
    `${f(g.scanMs / b.scanMs, 2)}× (${f(g.scanMs)} ms)`,
    yes(g.scanMs / b.scanMs <= 1.5),
  );
  if (r.githubAdapter)
    add(
      'First scan, large page, GitHub adapter (diff code excluded)',
      'report',
      `${f(r.githubAdapter.scanMs)} ms, ${r.githubAdapter.matches} matches`,
    );
  const regexFactor = w.markRegExpIsolatedMs / b.scanMs;
  add(
    'mark.js `markRegExp` (one alternation of all terms, isolated world) ÷ Termlens first scan',
    '≥ 8×',
    `${f(regexFactor, 1)}× (${f(w.markRegExpIsolatedMs)} ms)`,
    yes(regexFactor >= 8),
  );
  for (const where of ['top', 'middle']) {
    add(
      `Frame changing one text node, scrolled to the ${where}: CPU the ranges add, bundled`,
      '≤ +3 ms',
      `${signed(b[`frameCpuAdded_${where}`])} ms (${b[`ranges_${where}`]} ranges)`,
      yes(b[`frameCpuAdded_${where}`] <= 3),
    );
    add(
      `Same, 100,000 terms, ${where}`,
      '≤ +3 ms',
      `${signed(g[`frameCpuAdded_${where}`])} ms (${g[`ranges_${where}`]} ranges)`,
      yes(g[`frameCpuAdded_${where}`] <= 3),
    );
  }
  add(
    'Update after 100 appended nodes, the first after load, bundled',
    '≤ 2 ms',
    `${f(b.update100Ms, 2)} ms (a second one ${f(b.update100WarmMs, 2)} ms)`,
    yes(b.update100Ms <= 2),
  );
  add('Same, 100,000 terms', '≤ 2 ms', `${f(g.update100Ms, 2)} ms (a second one ${f(g.update100WarmMs, 2)} ms)`, yes(g.update100Ms <= 2));
  add('Update after one text node changes, bundled / 100,000 terms', 'report', `${f(b.update1Ms, 2)} / ${f(g.update1Ms, 2)} ms`);
  add(
    'Hover look-up p95, 1,000 points, bundled / 100,000 terms',
    '≤ 0.5 ms',
    `${f(b.hoverP95Ms, 2)} / ${f(g.hoverP95Ms, 2)} ms`,
    yes(Math.max(b.hoverP95Ms, g.hoverP95Ms) <= 0.5),
  );
  add(
    'First highlights after navigation, small page, bundled',
    '≤ 300 ms',
    `${f(bs.firstHighlightMs, 0)} ms (in the first paint in ${bs.inFirstPaint} of ${bs.loads} loads; first contentful paint without Termlens ${f(wo.smallFirstContentfulPaintMs, 0)} ms)`,
    yes(bs.firstHighlightMs <= 300),
  );
  add('Same, 100,000 terms', '≤ 1000 ms', `${f(gs.firstHighlightMs, 0)} ms`, yes(gs.firstHighlightMs <= 1000));
  add(
    'Longest content-script task by its own clock, large page, bundled / 100,000 terms',
    '≤ 50 ms',
    `${f(b.longestTaskMs)} / ${f(g.longestTaskMs)} ms`,
    yes(Math.max(b.longestTaskMs, g.longestTaskMs) <= 50),
  );
  add(
    'Same, small page',
    '≤ 50 ms',
    `${f(bs.longestTaskMs)} / ${f(gs.longestTaskMs)} ms`,
    yes(Math.max(bs.longestTaskMs, gs.longestTaskMs) <= 50),
  );
  add(
    'Content script size, gzipped (the card UI loads on first use)',
    '≤ 40 KB',
    `${kb(r.size.contentGzipBytes)} (card ${kb(r.size.cardGzipBytes)})`,
    yes(r.size.contentGzipBytes / 1024 <= 40),
  );
  const heapB = b.heapBytes - w.heapBytes;
  const heapG = g.heapBytes - w.heapBytes;
  add('JS heap added, large page, bundled', '≤ 5 MB', mb(heapB), yes(heapB / 2 ** 20 <= 5));
  add('JS heap added, large page, 100,000 terms', '≤ 40 MB', mb(heapG), yes(heapG / 2 ** 20 <= 40));
  for (const k of ['bundled', 'generated']) {
    const x = r.matchers[k];
    add(
      `Matcher, ${k === 'bundled' ? 'bundled packs' : '100,000 terms + bundled'}: build in the background / transfer / load in the page`,
      'report',
      `${f(x.buildMs)} ms / ${kb(x.serializedBytes)} in ${x.chunks} messages / ${f(k === 'bundled' ? b.loadMatcherMs : g.loadMatcherMs)} ms`,
    );
  }

  // Stress pages (bench/stress-pages.ts): what the page feels, with the extension and without it.
  const st = r.stress;
  if (st) {
    const fd = st.feed;
    // Long Tasks report only tasks over 50 ms: a second without one is 0.
    const longTasks = (xs: number[]) => (xs.every((x) => x === 0) ? 'none over 50 ms' : `${xs.join(' / ')} ms`);
    const late = Math.max(...fd.longestPerSecond.slice(-3));
    const plainLate = Math.max(...fd.plainLongestPerSecond.slice(-3));
    add(
      `Endless feed (${fd.paragraphs.toLocaleString('en')} paragraphs over 10 s): longest task in each second, with / without Termlens`,
      'not growing; ≤ without + 50 ms',
      `${longTasks(fd.longestPerSecond)} / ${longTasks(fd.plainLongestPerSecond)}`,
      yes(late <= plainLate + 50 && late <= Math.max(...fd.longestPerSecond.slice(0, 3)) + 50),
    );
    add(
      'Same: Termlens update, longest task in each second',
      '≤ 50 ms',
      `${fd.updateLongestPerSecond.join(' / ')} ms`,
      yes(Math.max(...fd.updateLongestPerSecond) <= 50),
    );
    add(
      'Same: highlights in the last 100 paragraphs after scrolling to the bottom',
      'yes',
      fd.highlightsAtBottom ? 'yes' : 'no',
      yes(fd.highlightsAtBottom),
    );
    const h = st.hugeText;
    add(
      `One ${mb(h.bytes)} text node, scrolled 5 s: how late a 10 ms timer runs, max / p95, with / without Termlens`,
      '≤ without + 16 ms',
      `${h.timerLateMax} / ${h.timerLateP95} ms / ${h.plainTimerLateMax} / ${h.plainTimerLateP95} ms (first scan ${h.scanMs} ms of work, ${h.highlighted} ranges after scrolling)`,
      yes(h.timerLateMax <= h.plainTimerLateMax + 16),
    );
  }

  // Hostile inputs (bench/hostile-inputs.ts): parsers timed against a plain read of their input.
  const hi = r.hostile;
  if (hi) {
    const run = (x: string) => JSON.stringify(x);
    add(
      'Importers, long runs of 36 special characters: time at 8× the input ÷ 8 × the time (worst run)',
      '≤ 2 (linear 1, quadratic 8)',
      `${hi.importers.growth.toFixed(2)} (${run(hi.importers.worst)}; ${hi.importers.perRead.toFixed(0)}× a plain read)`,
      yes(hi.importers.growth <= 2),
    );
    add(
      'Card inline Markdown, long runs of 12 openings: same',
      '≤ 2',
      `${hi.inlineMarkdown.growth.toFixed(2)} (${run(hi.inlineMarkdown.worst)}; ${hi.inlineMarkdown.perRead.toFixed(0)}× a plain read)`,
      yes(hi.inlineMarkdown.growth <= 2),
    );
    add(
      'A 10 MB glossary: import ÷ plain read, at 10 MB / at 1 MB',
      '≤ 2 × the 1 MB figure',
      `${hi.tenMegabytes.ratio.toFixed(0)}× / ${hi.tenMegabytes.ratioAtOne.toFixed(0)}× (${(hi.tenMegabytes.ms / 1000).toFixed(1)} s; imports stop at 2 MB)`,
      yes(hi.tenMegabytes.ratio <= 2 * hi.tenMegabytes.ratioAtOne),
    );
    add(
      'A pack nested 3,000 levels deep (4.5 MB) / an alias bomb: time to its line:col error',
      '≤ 100 ms',
      `${hi.yaml.deepMs.toFixed(1)} / ${hi.yaml.bombMs.toFixed(1)} ms (${hi.yaml.deepError.split(' ')[0]}, ${hi.yaml.bombError.split(' ')[0]})`,
      yes(hi.yaml.deepMs <= 100 && hi.yaml.bombMs <= 100),
    );
  }

  const notesFile = join(import.meta.dirname, 'notes.md');
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
  const pages = real.map((p) => `${SHORT[p.page] ?? p.page} (\`${p.page}\`, ${p.textNodes} text nodes)`).join(', ');
  const out = `# Termlens benchmark (\`npm run bench\`)

Generated by \`bench/run.ts\` from \`bench/results.json\`; the notes under the table come from
\`bench/notes.md\`. How each figure is measured, and what the floors are: [METHOD.md](METHOD.md).

- ${m.date.slice(0, 10)}; ${m.cpus} × ${m.cpuModel}, load average ${m.loadAverageStart.join(' / ')} at the start, ${m.loadAverageEnd.join(' / ')} at the end (shared with other work); ${m.chromium}, headless; Node ${m.node}; ${r.elapsedSeconds} s.
- Real pages, saved from public sources and loaded at their original URLs (origins in \`bench/relevance/ORIGINS.md\`): ${pages || 'not measured'}; medians of ${r.realRuns ?? 'n/a'} loads each, or the worst load where the figure says so.
- Generated pages: a large page of ${r.pages.largeTextNodes} text nodes (${(r.pages.largeHtmlBytes / 1e6).toFixed(2)} MB of HTML) and a small one, with ${r.pages.pageTerms} bundled terms in them; medians of ${r.runs} loads (${r.runs * 2 - 1} of the small page).

| Figure | Target | Measured | Met? |
|---|---|---|---|
${rows.map((x) => `| ${x.figure} | ${x.target} | ${x.measured} | ${x.met} |`).join('\n')}

${notes}`;
  writeFileSync(file, out);
}

// `npx tsx bench/report.ts` rewrites README.md from results.json (after editing notes.md).
if (process.argv[1]?.endsWith('report.ts')) {
  const dir = import.meta.dirname;
  writeReport(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')), join(dir, 'README.md'));
}
