// The background during a 2 MB glossary import, in Chromium: the longest task of its service worker
// (the largest gap between the ticks of a 10 ms interval run inside it, less the interval), and how
// long searches sent one after another from the options page wait for their answer meanwhile. Three
// imports: a preview of a new pack (read and checked, nothing stored), the same pack stored, then a
// changed version of it stored (diffed against the stored one first). Not part of
// `npm run bench`; bench/METHOD.md describes it. Run on a test build:
//   TERMLENS_TEST=1 TERMLENS_OUT_DIR=.output/e2e npx wxt build && npx tsx bench/import-responsiveness.ts [extension dir]
import { join, resolve } from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { bigGlossary } from './hostile-inputs';

const TICK_MS = 10;
const extensionDir = process.argv[2]
  ? resolve(process.argv[2])
  : join(resolve(process.env.TERMLENS_OUT_DIR ?? '.output/e2e'), 'chrome-mv3');

interface Seen {
  importMs: number;
  ok: boolean;
  searches: number[];
}

async function main(): Promise<void> {
  const browser = await launchExtension({ extensionDir });
  try {
    const page = await browser.openExtensionPage('options.html');
    const worker = await browser.serviceWorker();
    // The first search builds the bundled packs' indexes: done before, it is not an import's cost.
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'search',
        query: 'kubelet',
      }),
    );
    const text = bigGlossary(1_990_000);
    for (const [label, source, commit] of [
      ['preview of a new pack', text, false],
      ['new pack stored', text, true],
      ['changed pack stored', text.replace(/term 7(\d)\b/g, 'term seven$1'), true],
    ] as const) {
      await worker.evaluate((tick) => {
        const g = globalThis as unknown as { gaps: number[]; ticker?: ReturnType<typeof setInterval> };
        g.gaps = [];
        let last = performance.now();
        clearInterval(g.ticker);
        g.ticker = setInterval(() => {
          const now = performance.now();
          g.gaps.push(now - last);
          last = now;
        }, tick);
      }, TICK_MS);
      const seen: Seen = await page.evaluate(
        async ([source, commit]) => {
          const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ ok: boolean }> } } }).chrome
            .runtime;
          let done = false;
          const t0 = performance.now();
          const importing = runtime.sendMessage({ type: 'importPack', source: { kind: 'text', name: 'big.md', text: source }, commit });
          void importing.finally(() => (done = true));
          const searches: number[] = [];
          while (!done) {
            const s0 = performance.now();
            await runtime.sendMessage({ type: 'search', query: 'kubelet', limit: 5 });
            searches.push(performance.now() - s0);
          }
          const reply = await importing;
          return { importMs: performance.now() - t0, ok: reply.ok, searches };
        },
        [source, commit] as const,
      );
      const gaps = await worker.evaluate(() => {
        const g = globalThis as unknown as { gaps: number[]; ticker?: ReturnType<typeof setInterval> };
        clearInterval(g.ticker);
        return g.gaps;
      });
      const longest = Math.max(...gaps) - TICK_MS;
      const sorted = [...seen.searches].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
      console.log(
        `${label}: import ${seen.ok ? 'ok' : 'FAILED'} in ${seen.importMs.toFixed(0)} ms; longest service-worker task ${longest.toFixed(0)} ms; ` +
          `${seen.searches.length} searches answered meanwhile, median ${median.toFixed(0)} ms, slowest ${Math.max(...seen.searches).toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
}

void main();
