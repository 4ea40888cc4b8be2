// `npx tsx bench/real.ts [page…]`: the real-page figures alone, for iterating on one page. The build is
// TERMLENS_OUT_DIR's (default .output; build it with TERMLENS_BENCH=1), BENCH_RUNS loads per page (3).
import { join, resolve } from 'node:path';
import { launchExtension } from '../tests/e2e/harness';
import { launchPlain } from './browser';
import { measureRealPages, REAL_PAGES } from './real-pages';

const out = process.env.TERMLENS_OUT_DIR ? resolve(process.env.TERMLENS_OUT_DIR) : resolve(import.meta.dirname, '../.output');
const pages = process.argv.slice(2);
const ext = await launchExtension({ extensionDir: join(out, 'chrome-mv3') });
const plain = await launchPlain();
try {
  await measureRealPages(ext, plain, { pages: pages.length ? pages : REAL_PAGES, runs: Number(process.env.BENCH_RUNS ?? 3), log: (line) => console.log(line) });
} finally {
  await ext.close();
  await plain.close();
}
