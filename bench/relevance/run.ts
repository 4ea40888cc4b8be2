// `npm run bench:relevance [-- pages…]`: builds the extension, measures what it highlights on the relevance
// corpus against the labels, prints per page and overall, and writes bench/relevance.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './candidates';
import { formatReport, measureRelevance } from './measure';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const pages = args.filter((a) => !a.startsWith('--'));
if (!noBuild) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
const report = await measureRelevance({ pages: pages.length > 0 ? pages : undefined, log: (line) => console.log(line) });
console.log(formatReport(report));
if (pages.length === 0) {
  writeFileSync(join(ROOT, 'bench/relevance.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('wrote bench/relevance.json');
}
