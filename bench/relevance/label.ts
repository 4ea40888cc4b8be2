// `npm run bench:relevance:label -- [pages…]`: regenerates each page's candidate list (bench/relevance/
// labels/<page>.json), keeping the judgements already made (matched by text and context).
//
//   --show <page> [--all]      the page's candidates, numbered (unlabeled ones only unless --all)
//   --apply <page> <file>      judgements from a file, one line each:
//                                <numbers> <y|n>[/<y|n>] <reason>
//                              numbers as in --show --all ("3", "3,7", "10-14"); y/n: relevant or not;
//                              the second y/n, for a word a pack avoids: whether flagging it is warranted.
import { readFileSync } from 'node:fs';
import { pageText, readPage } from './candidates';
import { mergeLabels, readCorpus, readLabels, writeLabels, type LabeledCandidate } from './labels';

function regenerate(pages: readonly string[]): number {
  const corpus = readCorpus();
  let open = 0;
  for (const name of pages) {
    const entry = corpus.find((p) => p.page === name);
    if (!entry) throw new Error(`${name} is not in bench/relevance/corpus.json`);
    const { candidates: fresh } = pageText(readPage(name));
    const old = readLabels(name)?.candidates ?? [];
    const { candidates, dropped } = mergeLabels(fresh, old);
    writeLabels({ page: name, url: entry.url, candidates });
    const unlabeled = candidates.filter((c) => c.relevant === null || (c.avoidOf.length > 0 && c.avoidWarranted == null)).length;
    open += unlabeled;
    console.log(
      `${name}: ${candidates.length} candidates, ${candidates.length - unlabeled} labeled, ${unlabeled} to label${dropped.length ? `, ${dropped.length} old labels matched nothing (dropped)` : ''}`,
    );
    for (const d of dropped)
      console.log(
        `  dropped: ${JSON.stringify(d.before)} [${d.text}] ${JSON.stringify(d.after)}: ${d.relevant ? 'relevant' : 'not'}: ${d.reason}`,
      );
  }
  return open;
}

function show(page: string, all: boolean): void {
  const file = readLabels(page);
  if (!file) throw new Error(`no labels for ${page}: run the label script for it first`);
  file.candidates.forEach((c, i) => {
    if (!all && c.relevant !== null) return;
    const verdict = c.relevant === null ? '?' : c.relevant ? 'Y' : 'n';
    const avoid = c.avoidOf.length
      ? ` !avoid(${c.avoidOf.join(',')})=${c.avoidWarranted == null ? '?' : c.avoidWarranted ? 'Y' : 'n'}`
      : '';
    console.log(
      `${i} ${verdict}${avoid} ${JSON.stringify(c.before)} [${c.text}] ${JSON.stringify(c.after)} @ ${c.where.split(' > ').slice(-3).join(' > ')}${c.reason ? `  -- ${c.reason}` : ''}`,
    );
  });
}

function numbers(spec: string, max: number): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const [a = Number.NaN, b] = part.split('-').map((s) => Number.parseInt(s, 10));
    if (!Number.isInteger(a) || (b !== undefined && !Number.isInteger(b))) throw new Error(`bad number list "${spec}"`);
    for (let n = a; n <= (b ?? a); n++) {
      if (n < 0 || n >= max) throw new Error(`candidate ${n} does not exist (0-${max - 1})`);
      out.push(n);
    }
  }
  return out;
}

function apply(page: string, decisions: string): void {
  const file = readLabels(page);
  if (!file) throw new Error(`no labels for ${page}`);
  const lines = readFileSync(decisions, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^(\S+)\s+([yn])(?:\/([yn]))?\s+(.+)$/.exec(trimmed);
    const [, spec, verdict, avoid, reason] = m ?? [];
    if (!spec || !verdict || !reason) throw new Error(`${decisions}:${i + 1}: expected "<numbers> <y|n>[/<y|n>] <reason>"`);
    for (const n of numbers(spec, file.candidates.length)) {
      const c = file.candidates[n] as LabeledCandidate;
      c.relevant = verdict === 'y';
      c.reason = reason;
      if (c.avoidOf.length > 0) {
        if (!avoid)
          throw new Error(
            `${decisions}:${i + 1}: candidate ${n} ("${c.text}") is a word ${c.avoidOf.join(', ')} avoids: say whether flagging it is warranted (y/n after a slash)`,
          );
        c.avoidWarranted = avoid === 'y';
      }
    }
  });
  writeLabels(file);
  regenerate([page]);
}

const args = process.argv.slice(2);
const [command, page = '', decisions = ''] = args;
if (command === '--show') show(page, args.includes('--all'));
else if (command === '--apply') apply(page, decisions);
else {
  const open = regenerate(args.length > 0 ? args : readCorpus().map((p) => p.page));
  if (open > 0) console.log(`${open} candidates still to label (--show <page> lists them)`);
}
