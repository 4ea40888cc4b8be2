// `npx tsx bench/stress.ts [--write]`: the stress pages alone (bench/stress-pages.ts). The build is
// TERMLENS_OUT_DIR's (default .output; build it with TERMLENS_BENCH=1). `--write`: the figures replace
// the stress part of bench/results.json and bench/README.md is written again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchPlain, launchWithExtension } from './browser';
import { writeReport } from './report';
import { measureStressPages } from './stress-pages';

const out = process.env.TERMLENS_OUT_DIR ? resolve(process.env.TERMLENS_OUT_DIR) : resolve(import.meta.dirname, '../.output');
const write = process.argv.includes('--write');
const ext = await launchWithExtension(join(out, 'chrome-mv3'), 'http://127.0.0.1');
const plain = await launchPlain();
try {
  const stress = await measureStressPages(ext, plain, join(import.meta.dirname, '.artifacts/stress'), (line) => console.log(line));
  console.log(JSON.stringify(stress, null, 2));
  if (write) {
    const file = join(import.meta.dirname, 'results.json');
    const results = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, `${JSON.stringify({ ...results, stress }, null, 2)}\n`);
    writeReport({ ...results, stress }, join(import.meta.dirname, 'README.md'));
  }
} finally {
  await ext.close();
  await plain.close();
}
