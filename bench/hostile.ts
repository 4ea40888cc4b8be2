// `npx tsx bench/hostile.ts [--write]`: the hostile inputs alone (bench/hostile-inputs.ts). `--write`:
// the figures replace the hostile part of bench/results.json and bench/README.md is written again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureHostileInputs } from './hostile-inputs';
import { writeReport } from './report';

const hostile = measureHostileInputs((line) => console.log(line));
console.log(JSON.stringify(hostile, null, 2));
if (process.argv.includes('--write')) {
  const file = join(import.meta.dirname, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, `${JSON.stringify({ ...results, hostile }, null, 2)}\n`);
  writeReport({ ...results, hostile }, join(import.meta.dirname, 'README.md'));
}
