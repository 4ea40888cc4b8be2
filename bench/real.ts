// `npx tsx bench/real.ts [--write] [page…]`: the real-page figures alone (bench/real-pages.ts), for
// iterating on one page. The build is TERMLENS_OUT_DIR's (default .output; build it with
// TERMLENS_BENCH=1), BENCH_REAL_RUNS loads per page (3). `--write`: the figures replace the real
// pages' part of bench/results.json and bench/README.md is written again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { launchPlain } from './browser';
import { measureRealPages, REAL_PAGES } from './real-pages';
import { writeReport } from './report';

const out = process.env.TERMLENS_OUT_DIR ? resolve(process.env.TERMLENS_OUT_DIR) : resolve(import.meta.dirname, '../.output');
const args = process.argv.slice(2);
const write = args.includes('--write');
const pages = args.filter((a) => !a.startsWith('--'));
const runs = Number(process.env.BENCH_REAL_RUNS ?? 3);
const ext = await launchExtension({ extensionDir: join(out, 'chrome-mv3') });
const plain = await launchPlain();
try {
  const realPages = await measureRealPages(ext, plain, {
    pages: pages.length ? pages : REAL_PAGES,
    runs,
    log: (line) => console.log(line),
  });
  if (write) {
    const file = join(import.meta.dirname, 'results.json');
    const results = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, `${JSON.stringify({ ...results, realRuns: runs, realPages }, null, 2)}\n`);
    writeReport({ ...results, realRuns: runs, realPages }, join(import.meta.dirname, 'README.md'));
  }
} finally {
  await ext.close();
  await plain.close();
}
