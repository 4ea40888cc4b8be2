// `npm run bench`: builds the extension with the bundled packs and with a generated pack of 100,000
// terms, loads it into headless Debian Chromium and measures real saved pages at their original URLs
// (bench/real-pages.ts) and generated pages served from 127.0.0.1, against references taken without the
// extension or in the same page load (bench/METHOD.md). Writes bench/results.json and bench/README.md.
// Not a test: nothing here asserts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { compileIndex, matchPatterns } from '../lib/glossary/compile';
import { emitPack } from '../lib/glossary/emit';
import { buildMatcher, packMatcher, unpackMatcher, type PackedMatcher } from '../lib/matcher';
import { packFiles, loadPackFiles } from '../scripts/load-packs';
import { launchExtension, serveFixtures } from '../tests/e2e/harness';
import { launchPlain, launchWithExtension, type BenchBrowser } from './browser';
import { generatePack } from './generate-pack';
import {
  countMeasures,
  frameCostStates,
  heapUsed,
  inIsolatedWorld,
  INIT_SCRIPT,
  isolatedFloor,
  mainFloor,
  median,
  pageTiming,
  type PageTiming,
  scrollTo,
  waitMeasure,
} from './measure';
import { generateLargePrPage, generateSmallPage } from './pages';
import { measureRealPages, type RealPageResult } from './real-pages';
import { writeReport } from './report';
import { measureHostileInputs } from './hostile-inputs';
import { measureStressPages, type StressResult } from './stress-pages';

const ROOT = resolve(import.meta.dirname, '..');
const ART = join(ROOT, 'bench/.artifacts');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The small page loads in a second: more runs for its start-up figures, which vary most between loads. */
const SMALL_RUNS = RUNS * 2 - 1;
/** Loads of each real page, with and without the extension (each load is traced). */
const REAL_RUNS = Number(process.env.BENCH_REAL_RUNS ?? 3);
const GENERATED_TERMS = 100_000;
const MARK_SUBSET = 4;
/** Interleaved frame rounds per position (each round measures one frame per highlight state). */
const FRAME_ROUNDS = 10;
const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const r2 = (x: number) => Math.round(x * 100) / 100;

type Glossary = 'bundled' | 'generated';

async function main() {
  const machine = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGB: r2(totalmem() / 2 ** 30),
    freeMemoryGB: r2(freemem() / 2 ** 30),
    loadAverageStart: loadavg().map(r2),
    node: process.version,
    chromium: '',
  };
  mkdirSync(ART, { recursive: true });

  // ---- glossaries and matchers (Node: what the background does) ---------------------------------
  log('packs and matchers');
  const bundledFiles = packFiles(join(ROOT, 'glossary'));
  const bundled = loadPackFiles(bundledFiles);
  if (bundled.errors.length) throw new Error(`bundled packs: ${JSON.stringify(bundled.errors[0])}`);
  const generatedDir = join(ART, 'glossary-100k');
  rmSync(generatedDir, { recursive: true, force: true });
  mkdirSync(generatedDir, { recursive: true });
  // The 100,000-term glossary is the bundled packs plus a generated pack: the page's terms still match.
  for (const f of bundledFiles) copyFileSync(f, join(generatedDir, basename(f)));
  writeFileSync(join(generatedDir, 'generated-100k.yaml'), emitPack(generatePack(GENERATED_TERMS)));
  const generated = loadPackFiles(packFiles(generatedDir));
  if (generated.errors.length) throw new Error(`generated pack: ${JSON.stringify(generated.errors[0])}`);

  const matchers: Record<Glossary, Record<string, number | string>> = {} as never;
  const patternsOf = { bundled: matchPatterns(compileIndex(bundled.packs)), generated: matchPatterns(compileIndex(generated.packs)) };
  for (const g of ['bundled', 'generated'] as const) {
    const patterns = patternsOf[g];
    const builds: number[] = [];
    let packed: PackedMatcher | undefined;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const m = buildMatcher(patterns);
      const t1 = performance.now();
      packed = packMatcher(m);
      builds.push(t1 - t0);
    }
    // What crosses messaging: the `matcher` answer (header + chunk 0), then one message per chunk.
    const messages = [
      JSON.stringify(packed!.transfer),
      ...Array.from({ length: packed!.chunkCount - 1 }, (_, i) => JSON.stringify({ data: packed!.chunk(i + 1) })),
    ];
    const json = messages.join('');
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const [head, ...rest] = messages.map((m) => JSON.parse(m) as { data?: string });
      unpackMatcher(head, [undefined, ...rest.map((r) => r.data)]);
      loads.push(performance.now() - t0);
    }
    matchers[g] = {
      terms:
        g === 'bundled' ? bundled.packs.reduce((n, p) => n + p.terms.length, 0) : generated.packs.reduce((n, p) => n + p.terms.length, 0),
      patterns: patterns.length,
      buildMs: r2(median(builds)),
      serializedBytes: Buffer.byteLength(json),
      serializedGzipBytes: gzipSync(json).length,
      chunks: packed!.chunkCount,
      nodeLoadMs: r2(median(loads)),
    };
  }
  const pageTerms = [...new Set(patternsOf.bundled.filter((p) => p.kind === 'term').map((p) => p.text))];

  // ---- builds ----------------------------------------------------------------------------------
  const builds: Record<Glossary, string> = { bundled: join(ART, 'ext-bundled'), generated: join(ART, 'ext-100k') };
  for (const g of ['bundled', 'generated'] as const) {
    log(`build (${g})`);
    execFileSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        TERMLENS_OUT_DIR: builds[g],
        TERMLENS_GLOSSARY_DIR: g === 'bundled' ? join(ROOT, 'glossary') : generatedDir,
        TERMLENS_BENCH: '1',
      },
    });
  }
  const contentJs = readFileSync(join(builds.bundled, 'chrome-mv3/content-scripts/content.js'));
  const cardJs = readFileSync(join(builds.bundled, 'chrome-mv3/term-card.js'));
  const size = {
    contentBytes: contentJs.length,
    contentGzipBytes: gzipSync(contentJs).length,
    cardBytes: cardJs.length,
    cardGzipBytes: gzipSync(cardJs).length,
  };

  // ---- pages -----------------------------------------------------------------------------------
  const pagesDir = join(ART, 'pages');
  mkdirSync(pagesDir, { recursive: true });
  const largeHtml = generateLargePrPage(pageTerms);
  writeFileSync(join(pagesDir, 'large.html'), largeHtml);
  writeFileSync(join(pagesDir, 'small.html'), generateSmallPage(pageTerms));
  // The same page at a pull request's "files changed" path, for the GitHub adapter run (SPA fallback).
  mkdirSync(join(pagesDir, 'org'), { recursive: true });
  writeFileSync(join(pagesDir, 'org/index.html'), largeHtml);
  const server = await serveFixtures(pagesDir);
  const largeUrl = server.url('/large.html');
  const smallUrl = server.url('/small.html');

  // ---- with the extension ----------------------------------------------------------------------
  // Chromium without the extension runs alongside: each run's frame reference is taken right after it.
  const plain = await launchPlain();
  const withExt: Record<string, unknown> = {};
  for (const g of ['bundled', 'generated'] as const) {
    log(`chromium with the ${g} build`);
    const b = await launchWithExtension(join(builds[g], 'chrome-mv3'), server.origin);
    try {
      if (!machine.chromium) machine.chromium = await chromiumVersion(b);
      withExt[g] = await measureWithExtension(b, plain, largeUrl, smallUrl, pageTerms, g === 'bundled');
    } finally {
      await b.close();
    }
  }
  // The GitHub adapter on the same page (diff code excluded, as on github.com with default options).
  log('chromium with the bundled build, GitHub adapter');
  let githubAdapter: unknown = null;
  {
    const b = await launchWithExtension(join(builds.bundled, 'chrome-mv3'), server.origin, true);
    try {
      githubAdapter = await measureScanOnly(b, server.url('/org/repo/pull/1/files'));
    } finally {
      await b.close();
    }
  }

  // ---- real pages, with the bundled build and without the extension ---------------------------------
  // Browsers of their own: the saved pages are served by request interception, which fails every
  // other request of the context.
  log('real pages');
  let realPages: RealPageResult[] = [];
  {
    const ext = await launchExtension({ extensionDir: join(builds.bundled, 'chrome-mv3') });
    const bare = await launchPlain();
    try {
      realPages = await measureRealPages(ext, bare, { runs: REAL_RUNS, log: (line) => log(line) });
    } finally {
      await ext.close();
      await bare.close();
    }
  }

  // ---- stress pages: an endless feed and one 5 MB text node, with the bundled build and without -----
  log('stress pages');
  let stress: StressResult | null = null;
  // Browsers of their own, as `bench/stress.ts` runs them: each stress page is measured in browsers that
  // loaded nothing before it.
  {
    const b = await launchWithExtension(join(builds.bundled, 'chrome-mv3'), server.origin);
    const bare = await launchPlain();
    try {
      stress = await measureStressPages(b, bare, join(ART, 'stress'), (line) => log(line));
    } finally {
      await b.close();
      await bare.close();
    }
  }

  // ---- hostile inputs: the parsers in Node, against a plain read of the same input ----------------
  const hostile = measureHostileInputs(log);

  // ---- without the extension: references and the peer ------------------------------------------
  log('chromium without the extension');
  let without: Awaited<ReturnType<typeof measureWithout>>;
  try {
    without = await measureWithout(plain, largeUrl, smallUrl, pageTerms);
  } finally {
    await plain.close();
  }
  await server.close();

  const results = {
    machine: { ...machine, loadAverageEnd: loadavg().map(r2) },
    runs: RUNS,
    realRuns: REAL_RUNS,
    realPages,
    stress,
    hostile,
    pages: {
      largeTextNodes: (withExt.bundled as { floor: { nodes: number } }).floor.nodes,
      largeTextChars: (withExt.bundled as { floor: { chars: number } }).floor.chars,
      largeHtmlBytes: largeHtml.length,
      pageTerms: pageTerms.length,
    },
    matchers,
    size,
    withExtension: withExt,
    githubAdapter,
    withoutExtension: without,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeReport(results, join(ROOT, 'bench/README.md'));
  log('wrote bench/results.json and bench/README.md');
}

async function chromiumVersion(b: BenchBrowser): Promise<string> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const v = (await cdp.send('Browser.getVersion')) as { product: string };
  await page.close();
  return v.product;
}

async function openLarge(b: BenchBrowser, url: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Append 100 paragraphs, each naming a term, to a block in the middle of the page (`shift` blocks further). */
function appendNotes(page: Page, terms: readonly string[], shift = 0): Promise<void> {
  return page.evaluate(
    ({ ts, s }) => {
      const blocks = document.body.querySelectorAll('div');
      const host = blocks[(blocks.length >> 1) + s]!;
      const frag = document.createDocumentFragment();
      for (let k = 0; k < 100; k++) {
        const p = document.createElement('p');
        p.textContent = `Appended note ${k}: the ${ts[(k * 7) % ts.length]} needs a look before we merge.`;
        frag.append(p);
      }
      host.append(frag);
    },
    { ts: terms as string[], s: shift },
  );
}

/** Long tasks after DOMContentLoaded: the pages have no script of their own, so these are Termlens's (or rendering). */
function lateLongTasks(t: Awaited<ReturnType<typeof pageTiming>>): number[] {
  return t.longTasks.filter((x) => x.start >= t.domContentLoaded).map((x) => x.duration);
}

async function measureScanOnly(b: BenchBrowser, largeUrl: string) {
  const runs: Array<{ scanMs: number; floorMs: number; floorColdMs: number; ratio: number; matches: number; nodes: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await openLarge(b, largeUrl);
    const scan = await waitMeasure(page, 'termlens:scan');
    const floor = await isolatedFloor(b.context, page);
    runs.push({
      scanMs: scan.duration,
      floorMs: floor.ms,
      floorColdMs: floor.coldMs,
      ratio: scan.duration / floor.ms,
      matches: scan.detail.matches ?? 0,
      nodes: scan.detail.nodes ?? 0,
    });
    await page.close();
  }
  return {
    scanMs: r2(median(runs.map((r) => r.scanMs))),
    floorMs: r2(median(runs.map((r) => r.floorMs))),
    floorColdMs: r2(median(runs.map((r) => r.floorColdMs))),
    ratio: r2(median(runs.map((r) => r.ratio))),
    matches: runs[0]!.matches,
    nodesWalked: runs[0]!.nodes,
    runs,
  };
}

async function measureWithExtension(
  b: BenchBrowser,
  plain: BenchBrowser,
  largeUrl: string,
  smallUrl: string,
  terms: readonly string[],
  detailed: boolean,
) {
  const runs: Array<Record<string, number>> = [];
  let floorInfo = { nodes: 0, chars: 0 };
  let scanDetail: Record<string, number> = {};
  for (let i = 0; i < RUNS; i++) {
    log(`  large page, run ${i + 1}/${RUNS}`);
    const page = await openLarge(b, largeUrl);
    const scan = await waitMeasure(page, 'termlens:scan');
    const load = await waitMeasure(page, 'termlens:load-matcher').catch(() => ({ duration: NaN, detail: {} as Record<string, number> }));
    scanDetail = scan.detail;
    await page.waitForTimeout(300);
    // Heap before the floor passes: their isolated worlds keep a wrapper per text node alive.
    const heapBytes = await heapUsed(b.context, page);
    const timing = await pageTiming(page);
    const late = lateLongTasks(timing);
    const run: Record<string, number> = {
      scanMs: scan.duration,
      scanWallMs: scan.detail.wall ?? NaN,
      // The matcher arrives in chunks and is decoded in slices: its work, and its longest task.
      loadMatcherMs: load.detail.workMs ?? NaN,
      loadMatcherLongestMs: load.detail.longestTaskMs ?? NaN,
      loadMatcherWallMs: load.duration,
      loadMatcherChunks: load.detail.chunks ?? NaN,
      longestLateTaskMs: late.length ? Math.max(...late) : 0,
      lateLongTasks: late.length,
      // The content script's own account: its longest slice (+ highlight refresh) and its longest matcher-load task.
      longestScanTaskMs: scan.detail.longestTask ?? NaN,
      longestTaskMs: Math.max(scan.detail.longestTask ?? 0, load.detail.longestTaskMs ?? 0),
    };
    // Render cost at the top and in the middle, in this load: frames with Termlens's ranges registered,
    // with the visible ones only, and with none, interleaved frame by frame (the in-load reference).
    for (const where of ['top', 'middle'] as const) {
      await scrollTo(page, where);
      const states = await frameCostStates(b.context, page, FRAME_ROUNDS, where === 'top' ? ['on', 'off'] : ['on', 'visible', 'off']);
      run[`ranges_${where}`] = states.ranges.on!;
      run[`frameMs_${where}`] = states.ms.on!;
      run[`frameMsNoRanges_${where}`] = states.ms.off!;
      run[`frameAddedInLoad_${where}`] = states.added.on!;
      run[`frameCpu_${where}`] = states.cpu.on!;
      run[`frameCpuNoRanges_${where}`] = states.cpu.off!;
      run[`frameCpuAdded_${where}`] = states.cpuAdded.on!;
      if (states.added.visible !== undefined) {
        run[`rangesVisible_${where}`] = states.ranges.visible!;
        run[`frameAddedVisible_${where}`] = states.added.visible;
        run[`frameCpuAddedVisible_${where}`] = states.cpuAdded.visible!;
      }
      // Changing a node makes Termlens update; let that settle before the next measure.
      await page.waitForTimeout(200);
    }
    // Incremental updates (scrolled to the middle).
    let before = await countMeasures(page, 'termlens:update');
    await appendNotes(page, terms);
    const append = await waitMeasure(page, 'termlens:update', before, 10_000);
    run.update100Ms = append.duration;
    run.update100PlanMs = append.detail.planMs ?? NaN;
    run.update100RefreshMs = append.detail.refreshMs ?? NaN;
    run.update100Matches = append.detail.matches ?? NaN;
    await page.waitForTimeout(200);
    before = await countMeasures(page, 'termlens:update');
    await page.evaluate((t) => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const all: Text[] = [];
      for (let n = w.nextNode() as Text | null; n; n = w.nextNode() as Text | null) if (n.data.trim().length > 20) all.push(n);
      const node = all[all.length >> 1]!;
      node.data = `${node.data} and the ${t}`;
    }, terms[3]!);
    const edit = await waitMeasure(page, 'termlens:update', before, 10_000);
    run.update1Ms = edit.duration;
    // A second append elsewhere: the first one above also paid for compiling the update code.
    await page.waitForTimeout(200);
    before = await countMeasures(page, 'termlens:update');
    await appendNotes(page, terms, 13);
    run.update100WarmMs = (await waitMeasure(page, 'termlens:update', before, 10_000)).duration;
    // Hover: 1,000 points, half on highlighted terms in view, half anywhere in the viewport.
    await page.waitForTimeout(300);
    const points = await page.evaluate(() => {
      const on: Array<[number, number]> = [];
      for (const [n, h] of CSS.highlights) {
        if (!String(n).startsWith('termlens')) continue;
        for (const r of h) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          const box = range.getBoundingClientRect();
          if (box.width > 0 && box.top >= 0 && box.bottom <= innerHeight) on.push([box.left + box.width / 2, box.top + box.height / 2]);
        }
      }
      let s = 12345;
      const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const pts: Array<[number, number]> = [];
      for (let k = 0; k < 1000; k++) pts.push(k % 2 === 0 && on.length ? on[k % on.length]! : [rnd() * innerWidth, rnd() * innerHeight]);
      return pts;
    });
    before = await countMeasures(page, 'termlens:hover-batch');
    await page.evaluate((pts) => document.dispatchEvent(new CustomEvent('termlens:bench-hover', { detail: JSON.stringify(pts) })), points);
    const hover = await waitMeasure(page, 'termlens:hover-batch', before, 10_000);
    run.hoverP50Ms = hover.detail.p50!;
    run.hoverP95Ms = hover.detail.p95!;
    run.hoverMeanMs = hover.detail.mean!;
    run.hoverMaxMs = hover.detail.max!;
    run.hoverFound = hover.detail.found!;
    if (detailed) {
      // A rescan after an in-page navigation, same load: the content script's second pass over the page
      // (its code compiled, its wrappers kept unless GC dropped them).
      before = await countMeasures(page, 'termlens:scan');
      // popstate as well: the content script reacts at once instead of at WXT's next location poll.
      await page.evaluate(() => {
        history.pushState(null, '', `${location.pathname}?rescan`);
        dispatchEvent(new PopStateEvent('popstate'));
      });
      const rescan = await waitMeasure(page, 'termlens:scan', before, 30_000);
      run.rescanMs = rescan.duration;
    }
    // The floor last: its three isolated worlds keep ~200,000 wrappers alive for the rest of the load,
    // more heap for every GC in the figures above.
    const floor = await isolatedFloor(b.context, page);
    floorInfo = { nodes: floor.nodes, chars: floor.chars };
    run.floorMs = floor.ms;
    run.floorColdMs = floor.coldMs;
    run.scanRatio = scan.duration / floor.ms;
    // Against the first pass, which makes its wrappers as the scan does (see isolatedFloor).
    run.scanRatioColdFloor = scan.duration / floor.coldMs;
    if (detailed) run.rescanRatio = run.rescanMs! / floor.ms;
    run.heapBytes = heapBytes;
    runs.push(run);
    await page.close();
    // The frame reference: the same page in Chromium without the extension, loaded right after, so the
    // machine's drift between runs cancels in the paired difference.
    const ref = await openLarge(plain, largeUrl);
    await ref.waitForTimeout(300);
    for (const where of ['top', 'middle'] as const) {
      await scrollTo(ref, where);
      const plainFrames = await frameCostStates(plain.context, ref, FRAME_ROUNDS, ['off']);
      run[`frameMsPlain_${where}`] = plainFrames.ms.off!;
      run[`frameAdded_${where}`] = run[`frameMs_${where}`]! - run[`frameMsPlain_${where}`]!;
      run[`frameCpuPlain_${where}`] = plainFrames.cpu.off!;
      run[`frameCpuAddedPlain_${where}`] = run[`frameCpu_${where}`]! - run[`frameCpuPlain_${where}`]!;
    }
    await ref.close();
  }
  // First highlights on the small page.
  const small: Array<Record<string, number>> = [];
  for (let i = 0; i < SMALL_RUNS; i++) {
    const page = await b.context.newPage();
    await page.addInitScript(INIT_SCRIPT);
    await page.goto(smallUrl, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (window as unknown as { __bench: { firstHighlight: number | null } }).__bench.firstHighlight !== null,
      null,
      { timeout: 30_000 },
    );
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 });
    const t = await pageTiming(page);
    const late = lateLongTasks(t);
    const scan = await waitMeasure(page, 'termlens:scan');
    const load = await waitMeasure(page, 'termlens:load-matcher').catch(() => ({
      duration: NaN,
      startTime: NaN,
      detail: {} as Record<string, number>,
    }));
    const startup = await page.evaluate(() => ({
      registered: performance.getEntriesByName('termlens:first-highlights')[0]?.startTime ?? NaN,
      inDcl: performance.getEntriesByName('termlens:in-dom-content-loaded')[0]?.duration ?? 0,
    }));
    // Visible from the first paint after the ranges were registered: the first contentful paint when they
    // were registered before it; otherwise the main world's poll (the first page task after them) bounds it.
    const visible = startup.registered <= t.firstContentfulPaint ? t.firstContentfulPaint : t.firstHighlight!;
    small.push({
      firstHighlightMs: visible,
      // What Termlens adds after the page's own first paint (0: its highlights are in that paint).
      afterFirstPaintMs: Math.max(0, visible - t.firstContentfulPaint),
      inFirstPaint: startup.registered <= t.firstContentfulPaint ? 1 : 0,
      registeredMs: startup.registered,
      polledMs: t.firstHighlight!,
      firstContentfulPaintMs: t.firstContentfulPaint,
      domContentLoadedMs: t.domContentLoaded,
      domContentLoadedEventMs: t.domContentLoadedEvent,
      inDomContentLoadedMs: startup.inDcl,
      loadMatcherStartMs: load.startTime,
      loadMatcherMs: load.detail.workMs ?? NaN,
      loadMatcherLongestMs: load.detail.longestTaskMs ?? NaN,
      loadMatcherWallMs: load.duration,
      scanStartMs: scan.startTime,
      longestLateTaskMs: late.length ? Math.max(...late) : 0,
      longestTaskMs: Math.max(scan.detail.longestTask ?? 0, load.detail.longestTaskMs ?? 0, startup.inDcl),
    });
    await page.close();
  }
  const keys = Object.keys(runs[0]!);
  const med: Record<string, number> = {};
  for (const k of keys) med[k] = r2(median(runs.map((r) => r[k]!).filter((x) => Number.isFinite(x))));
  const smallMed: Record<string, number> = {};
  for (const k of Object.keys(small[0]!)) smallMed[k] = r2(median(small.map((r) => r[k]!).filter((x) => Number.isFinite(x))));
  smallMed.inFirstPaint = small.filter((r) => r.inFirstPaint === 1).length;
  smallMed.loads = small.length;
  return { median: med, small: smallMed, floor: floorInfo, scanDetail, runs, smallRuns: small };
}

async function measureWithout(b: BenchBrowser, largeUrl: string, smallUrl: string, terms: readonly string[]) {
  const runs: Array<Record<string, number>> = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternation = [...terms]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  const subset = terms.filter((_, i) => i % Math.floor(terms.length / MARK_SUBSET) === 0).slice(0, MARK_SUBSET);
  const markPath = join(ROOT, 'node_modules/mark.js/dist/mark.min.js');
  for (let i = 0; i < RUNS; i++) {
    log(`  without extension, run ${i + 1}/${RUNS}`);
    const page = await openLarge(b, largeUrl);
    await page.waitForTimeout(300);
    const heapBytes = await heapUsed(b.context, page);
    const isoFloor = await isolatedFloor(b.context, page);
    const floor = await mainFloor(page);
    const run: Record<string, number> = {
      floorIsolatedMs: isoFloor.ms,
      floorIsolatedColdMs: isoFloor.coldMs,
      floorMainMs: floor.ms,
      floorMainColdMs: floor.coldMs,
    };
    const t = await pageTiming(page);
    const late = lateLongTasks(t);
    run.longestLateTaskMs = late.length ? Math.max(...late) : 0;
    run.heapBytes = heapBytes;
    // What adding Termlens's ::highlight <style> to an already laid-out page costs (style recalc +
    // layout, forced by the first box read), against adding a style that matches nothing.
    for (const [key, css] of [
      ['styleUnrelatedMs', '.termlens-bench-none{color:red}'],
      // The rules as Termlens ships them now: on :root only, inherited by every element's ::highlight().
      [
        'styleRootHighlightMs',
        ':root::highlight(termlens-term){background-color:rgba(255,196,0,.28)}:root::highlight(termlens-avoid){background-color:rgba(255,72,40,.24)}',
      ],
      [
        'styleHighlightMs',
        '::highlight(termlens-term){background-color:rgba(255,196,0,.28)}::highlight(termlens-avoid){background-color:rgba(255,72,40,.24)}',
      ],
    ] as const) {
      run[key] = await page.evaluate((text) => {
        const probe = document.createRange();
        probe.selectNodeContents(document.body.querySelector('p, td, span') ?? document.body);
        probe.getBoundingClientRect();
        const t0 = performance.now();
        const style = document.createElement('style');
        style.textContent = text;
        document.head.append(style);
        probe.getBoundingClientRect();
        return performance.now() - t0;
      }, css);
    }
    // The peer at its best: one alternation of every term (a fresh load, mark.js changes the DOM).
    await page.reload({ waitUntil: 'load' });
    await page.addScriptTag({ path: markPath });
    run.markFloorMainMs = (await mainFloor(page)).ms;
    run.markRegExpMs = await page.evaluate(
      (src) =>
        new Promise<number>((done) => {
          const re = new RegExp(`\\b(?:${src})\\b`, 'gi');
          const t0 = performance.now();
          new (window as unknown as { Mark: new (el: Element) => { markRegExp(re: RegExp, o: object): void } }).Mark(
            document.body,
          ).markRegExp(re, { done: () => done(performance.now() - t0) });
        }),
      alternation,
    );
    // The same call in an isolated world, where a highlighter extension built on mark.js runs it (and
    // where Termlens's own scan runs): the like-for-like comparison.
    await page.reload({ waitUntil: 'load' });
    const [, isolatedMs] = await inIsolatedWorld<number>(b.context, page, 'bench-mark', [
      readFileSync(markPath, 'utf8'),
      `new Promise((done) => { const re = new RegExp(${JSON.stringify(`\\b(?:${alternation})\\b`)}, 'gi'); const t0 = performance.now(); new Mark(document.body).markRegExp(re, { done: () => done(performance.now() - t0) }); })`,
    ]);
    run.markRegExpIsolatedMs = isolatedMs!;
    // As users call it: mark(array) with default options, on a subset, extrapolated per keyword.
    await page.reload({ waitUntil: 'load' });
    await page.addScriptTag({ path: markPath });
    run.markArraySubsetMs = await page.evaluate(
      (keys) =>
        new Promise<number>((done) => {
          const t0 = performance.now();
          new (window as unknown as { Mark: new (el: Element) => { mark(k: string[], o: object): void } }).Mark(document.body).mark(keys, {
            done: () => done(performance.now() - t0),
          });
        }),
      subset,
    );
    run.markArrayPerKeywordMs = run.markArraySubsetMs / subset.length;
    runs.push(run);
    await page.close();
  }
  const small: PageTiming[] = [];
  for (let i = 0; i < SMALL_RUNS; i++) {
    const page = await b.context.newPage();
    await page.addInitScript(INIT_SCRIPT);
    await page.goto(smallUrl, { waitUntil: 'load' });
    // The load event can come before the first paint on this small page.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 });
    small.push(await pageTiming(page));
    await page.close();
  }
  const smallMedian = (pick: (t: PageTiming) => number) => r2(median(small.map(pick).filter((x) => Number.isFinite(x))));
  const med: Record<string, number> = {};
  for (const k of Object.keys(runs[0]!)) med[k] = r2(median(runs.map((r) => r[k]!).filter((x) => Number.isFinite(x))));
  return {
    median: med,
    smallDomContentLoadedMs: smallMedian((t) => t.domContentLoaded),
    smallDomContentLoadedEventMs: smallMedian((t) => t.domContentLoadedEvent),
    smallFirstContentfulPaintMs: smallMedian((t) => t.firstContentfulPaint),
    markSubset: subset,
    markTerms: terms.length,
    runs,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
