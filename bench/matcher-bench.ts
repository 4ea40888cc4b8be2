// Node micro-benchmark of lib/matcher (not a test): `npx tsx --expose-gc bench/matcher-bench.ts`.
// Builds matchers for ~1,500 realistic patterns and for 100,000 generated terms with aliases, then
// reports build time, serialized size, load time, memory, and scan time over a generated 1.2 MB
// GitHub-"files changed"-like text against a plain loop reading every char code (the floor).
// Everything is generated from a fixed seed, so runs are comparable.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patternKey, type MatcherPattern } from '../lib/glossary/compile';
import { isAcronym } from '../lib/glossary/schema';
import { buildMatcher, packMatcher, receiveMatcher, sectionLengths, unpackMatcher, type Matcher, type PackedMatcher } from '../lib/matcher';
import { TrieMatcher } from '../lib/matcher/matcher';

// ---------------------------------------------------------------- deterministic generation

let seed = 0x2545f491;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

const ENGLISH =
  'the of and to a in is it you that he was for on are with as his they be at one have this from or had by not word but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them write would like so these her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may down side been now find any new work part take get place made live where after back little only round man year came show every good me give our under name very through just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell does set three want air well also play small end put home read hand port large spell add even land here must big high such follow act why ask men change went light kind off need house picture try us again animal point mother world near build self earth father head stand own page should country found answer school grow study still learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard start might story saw far sea draw left late run while press close night real life few north open seem together next white children begin got walk example ease paper group always music those both mark often letter until mile river car feet care second book carry took science eat room friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog family direct pose leave song measure door product black short numeral class wind question happen complete ship area half rock order fire south problem piece told knew pass since top whole king space heard best hour better true during hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide surface deep moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring yes distant fill east paint language among'.split(
    ' ',
  );
const TECH =
  'pod node cluster service deploy deployment replica controller operator ingress gateway proxy volume claim secret config map policy namespace label selector taint toleration affinity scheduler kubelet etcd container image registry build pipeline release rollout rollback canary blue green traffic route mesh sidecar envoy metric alert dashboard panel query log trace span tracing exporter collector agent scrape target rule record backup restore snapshot replica primary standby failover wal archive bucket object storage disk network overlay bridge tunnel peer endpoint slice port socket handler middleware router auth token session cookie user account role binding cluster admin quota limit request budget disruption eviction drain cordon upgrade patch version schema migration table index column row cache queue worker job cron task event stream topic partition broker consumer producer offset commit branch merge review approve check status health probe readiness liveness startup timeout retry backoff circuit breaker rate limiter load balancer dns record zone domain cert issuer challenge acme tls key vault store provider plugin module package library client server api rest grpc webhook admission mutation validation finalizer owner reference garbage collector informer lister cache reconcile loop manager leader election lease lock mutex channel goroutine context cancel deadline once group sync atomic pool buffer reader writer encoder decoder parser lexer token ast compiler linker runtime heap stack frame thread process signal pipe file path mount bind overlay layer manifest chart template value render hook release helm kustomize overlay base patch argo flux sync app project repo source target destination diff prune self heal wave phase hook'.split(
    ' ',
  );

/** Real headwords and aliases from the Kubernetes production guide's glossary, when the seeds are there. */
function seedTerms(): Array<{ term: string; aliases: string[] }> {
  const file = join(import.meta.dirname, '../glossary/sources/kubernetes-production-guide.txt');
  if (!existsSync(file)) return [];
  const out: Array<{ term: string; aliases: string[] }> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cell = /^\|\s*([^|]+?)\s*\|/.exec(line)?.[1]?.replace(/`/g, '');
    if (!cell || cell === 'Term' || cell.startsWith('---')) continue;
    const m = /^(.*?)\s*\((.*)\)$/.exec(cell);
    const term = (m ? m[1]! : cell).trim();
    const aliases = m ? m[2]!.split(/\s*[,/]\s*/).filter((a) => a && a.length < 40) : [];
    if (term && term.length < 60) out.push({ term, aliases });
  }
  return out;
}

/**
 * The page's prose is drawn from ENGLISH, whose first hundred words are function words and very common
 * verbs ("the", "of", "is", "have"). Real glossary terms are noun phrases of content words; the
 * adversarial glossary builds terms from the whole list anyway, so that almost every word on the page
 * begins some term (the worst case for the pre-filter).
 */
const CONTENT_ENGLISH = ENGLISH.slice(100);

function generatedTerm(english: readonly string[]): { term: string; aliases: string[] } {
  const words = () => {
    const n = random() < 0.7 ? 2 : 3;
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(random() < 0.75 ? pick(TECH) : pick(english));
    return ws;
  };
  const acronym = () => {
    let s = '';
    const n = 2 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) s += String.fromCharCode(65 + Math.floor(random() * 26));
    return random() < 0.1 ? `${s}-${Math.floor(random() * 99)}` : s;
  };
  const r = random();
  const ws = words();
  const initials = ws.map((w) => w[0]!.toUpperCase()).join('');
  if (r < 0.3) return { term: ws.map(cap).join(''), aliases: random() < 0.5 ? [initials + pick(['', 'X', 'S', 'Q', 'M'])] : [] }; // CamelCase
  if (r < 0.45) return { term: ws.join('-'), aliases: random() < 0.3 ? [ws.join('_')] : [] }; // hyphenated
  if (r < 0.55) return { term: `${ws[0]}.${ws.slice(1).map(cap).join('')}`, aliases: [] }; // dotted (Go-like)
  if (r < 0.75)
    return {
      term: ws.map((w, i) => (i === 0 ? cap(w) : w)).join(' '),
      aliases: random() < 0.6 ? [initials + pick(['', 'S', 'X', 'C'])] : [],
    }; // multi-word
  if (r < 0.85) return { term: ws.join('_'), aliases: [] }; // snake_case
  return { term: acronym(), aliases: random() < 0.5 ? [ws.map(cap).join(' ')] : [] }; // acronym + expansion
}

function patternsFrom(terms: ReadonlyArray<{ term: string; aliases: string[] }>, limit: number): MatcherPattern[] {
  const byKey = new Map<string, MatcherPattern>();
  let termCount = 0;
  for (const t of terms) {
    if (termCount >= limit) break;
    termCount++;
    for (const text of [t.term, ...t.aliases]) {
      const caseSensitive = isAcronym(text);
      const key = patternKey('term', text, caseSensitive);
      if (!byKey.has(key)) byKey.set(key, { text, caseSensitive, prefix: false, kind: 'term', key });
    }
    if (random() < 0.02) {
      const text = `${pick(ENGLISH)} ${pick(TECH)}`;
      const key = patternKey('avoid', text, false);
      if (!byKey.has(key)) byKey.set(key, { text, caseSensitive: false, prefix: false, kind: 'avoid', key });
    }
  }
  return [...byKey.values()];
}

function termSets(): {
  small: MatcherPattern[];
  large: MatcherPattern[];
  adversarial: MatcherPattern[];
  smallTerms: string[];
  largeTerms: string[];
} {
  const seeds = seedTerms();
  const grow = (start: ReadonlyArray<{ term: string; aliases: string[] }>, english: readonly string[]) => {
    const terms = [...start];
    const seen = new Set(terms.map((t) => t.term.toLowerCase()));
    while (terms.length < 100_000) {
      const t = generatedTerm(english);
      if (seen.has(t.term.toLowerCase())) continue;
      seen.add(t.term.toLowerCase());
      terms.push(t);
    }
    return terms;
  };
  const terms = grow(seeds, CONTENT_ENGLISH);
  // ~1,000 terms with their aliases make ≈1,500 patterns, the size of the bundled packs.
  const small = patternsFrom(terms, 1_000);
  const large = patternsFrom(terms, 100_000);
  const adversarial = patternsFrom(grow(terms.slice(0, 1_000), ENGLISH), 100_000);
  return { small, large, adversarial, smallTerms: terms.slice(0, 1_000).map((t) => t.term), largeTerms: terms.map((t) => t.term) };
}

/** Text nodes of a GitHub "files changed"-like page: review prose, diff code lines, paths and URLs. */
function pageNodes(targetChars: number, smallTerms: string[], largeTerms: string[]): string[] {
  const nodes: string[] = [];
  let total = 0;
  const push = (s: string) => {
    nodes.push(s);
    total += s.length;
  };
  const proseWord = () => {
    const r = random();
    if (r < 0.03) return pick(smallTerms) + (random() < 0.2 ? 's' : '');
    if (r < 0.05) return pick(largeTerms);
    if (r < 0.2) return pick(TECH);
    // Word frequencies in prose follow Zipf's law (ENGLISH is in frequency order): "the" is common.
    return ENGLISH[Math.floor(Math.exp(random() * Math.log(ENGLISH.length + 1))) - 1]!;
  };
  const ident = () => {
    const a = pick(TECH);
    const b = pick(random() < 0.5 ? TECH : ENGLISH);
    const r = random();
    return r < 0.4 ? a + cap(b) : r < 0.6 ? `${a}_${b}` : r < 0.8 ? `${a}.${cap(b)}` : cap(a) + cap(b);
  };
  while (total < targetChars) {
    const r = random();
    if (r < 0.45) {
      // A review comment: sentences split into a few inline nodes (links, code spans, emphasis).
      const words: string[] = [];
      const n = 8 + Math.floor(random() * 25);
      for (let i = 0; i < n; i++) words.push(proseWord());
      let sentence = cap(words.join(' ')) + pick(['.', '.', '?', '!', ':']) + ' ';
      if (random() < 0.1) sentence += `See https://github.com/org/${pick(TECH)}-${pick(TECH)}/pull/${Math.floor(random() * 9999)} `;
      let at = 0;
      while (at < sentence.length) {
        const len = 15 + Math.floor(random() * 60);
        let end = Math.min(sentence.length, at + len);
        while (end < sentence.length && sentence[end] !== ' ') end++;
        push(sentence.slice(at, end));
        at = end;
      }
    } else if (r < 0.9) {
      // A diff line: GitHub splits syntax-highlighted code into one node per token group.
      const indent = ' '.repeat(2 * Math.floor(random() * 4));
      const line = pick([
        () => [indent, 'const ', ident(), ' = ', 'await ', ident(), '(', ident(), ', ', `"${pick(TECH)}-${pick(TECH)}"`, ');'],
        () => [indent, 'if ', '(', ident(), '.', pick(TECH), ' === ', `'${pick(ENGLISH)}'`, ') {'],
        () => [indent, 'return ', ident(), '.', ident(), '(', ident(), ')', ';'],
        () => [indent, '// ', proseWord(), ' ', proseWord(), ' ', proseWord(), ' ', proseWord(), ' ', proseWord()],
        () => [indent, `${pick(TECH)}:`, ' ', `${pick(TECH)}-${pick(TECH)}`],
        () => [indent, 'import ', '{ ', ident(), ' }', ' from ', `'./${pick(TECH)}/${pick(TECH)}'`, ';'],
      ])();
      push(String(Math.floor(random() * 2000)));
      push(line.join(''));
      for (const tok of line) if (random() < 0.2 && tok.trim()) push(tok);
    } else {
      push(`src/${pick(TECH)}/${pick(TECH)}-${pick(TECH)}.ts`);
      push(pick(['Viewed', 'Comment', 'Resolve conversation', 'Reply…', 'Load diff', '+12 −3']));
    }
  }
  return nodes;
}

// ---------------------------------------------------------------- measurement helpers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const best = (xs: number[]) => Math.min(...xs);
function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
/**
 * CPU time of fn in ms: this machine is shared (other jobs run on its 2 cores), and CPU time is far less
 * disturbed by them than wall-clock time.
 */
function cpuTime(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}
const gc = (globalThis as { gc?: () => void }).gc;
/** The JS heap (objects and strings) after a full collection; typed arrays' buffers live outside it. */
function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}
const mb = (b: number) => `${(b / 1048576).toFixed(2)} MB`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** The messages a page receives for a packed matcher (the `matcher` answer's header, then each chunk), as JSON. */
function messagesOf(packed: PackedMatcher): string[] {
  const out = [JSON.stringify({ ok: true, value: { matcher: packed.transfer } })];
  for (let i = 1; i < packed.chunkCount; i++) out.push(JSON.stringify({ ok: true, value: { data: packed.chunk(i) } }));
  return out;
}

/** What the page does with them: parse each message, then decode. */
function unpackMessages(messages: readonly string[]): Matcher {
  const parsed = messages.map((m) => JSON.parse(m) as { value: { matcher?: unknown; data?: string } });
  return unpackMatcher(parsed[0]!.value.matcher, [undefined, ...parsed.slice(1).map((m) => m.value.data)]);
}

/**
 * What a loaded matcher adds to the JS heap as a content script holds it (the parsed messages dropped):
 * texts of case-sensitive patterns, stored keys, objects. Averaged over three; in a function of its own
 * so that no stack slot of the caller keeps an earlier matcher alive.
 */
function heapOfLoaded(messages: readonly string[]): number {
  const before = heapUsed();
  const held = [0, 1, 2].map(() => unpackMessages(messages));
  const heap = (heapUsed() - before) / held.length;
  sink += held.length;
  return heap;
}

function typedArrayBytes(m: Matcher): number {
  return m instanceof TrieMatcher ? m.typedArrayBytes : 0;
}

let sink = 0;
function floorPass(nodes: readonly string[]): void {
  let s = 0;
  for (const t of nodes) for (let i = 0; i < t.length; i++) s += t.charCodeAt(i);
  sink += s;
}
function scanPass(m: Matcher, nodes: readonly string[]): number {
  let count = 0;
  const onMatch = (_s: number, _e: number, p: number) => {
    count++;
    sink += p;
  };
  for (const t of nodes) m.scan(t, onMatch);
  return count;
}

// ---------------------------------------------------------------- run

const RUNS = 21;
const { small, large, adversarial, smallTerms, largeTerms } = termSets();
const nodes = pageNodes(1_200_000, smallTerms, largeTerms);
const whole = [nodes.join('\n')];
const chars = whole[0]!.length;
console.log(`page: ${nodes.length} text nodes, ${chars} chars (${(chars / nodes.length).toFixed(1)} per node)`);
console.log(
  `glossaries: 1.5k = ${small.length} patterns (from ${smallTerms.length} terms); 100k = ${large.length} patterns ` +
    `(from ${largeTerms.length} terms); 100k-adv = ${adversarial.length} patterns (terms may start with any word)\n`,
);

const results: Record<string, unknown> = {};
const matchers: Record<string, Matcher> = {};
for (const [name, patterns] of [
  ['1.5k', small],
  ['100k', large],
  ['100k-adv', adversarial],
] as const) {
  const builds: number[] = [];
  let m: Matcher = buildMatcher(patterns);
  for (let r = 0; r < (patterns.length > 10_000 ? 3 : RUNS); r++) builds.push(time(() => (m = buildMatcher(patterns))));
  const packed = packMatcher(m);
  const messages = messagesOf(packed);
  const loads: number[] = [];
  const parses: number[] = [];
  let loaded: Matcher = m;
  for (let r = 0; r < 5; r++) {
    parses.push(time(() => messages.forEach((x) => JSON.parse(x))));
    loads.push(time(() => (loaded = unpackMessages(messages))));
  }
  const heap = heapOfLoaded(messages);
  // The content script's way: chunks as they come, decoded in slices of ~8 ms with the page's work in between.
  const slicedStart = performance.now();
  const { stats } = await receiveMatcher(
    packed.transfer,
    (i) => new Promise((resolve) => setImmediate(() => resolve((JSON.parse(messages[i]!) as { value: { data: string } }).value.data))),
    { pause: () => new Promise<void>((resolve) => setImmediate(resolve)) },
  );
  const slicedTotal = performance.now() - slicedStart;
  matchers[name] = loaded;
  const row = {
    patterns: patterns.length,
    nodes: sectionLengths(packed.transfer).head,
    labelChars: sectionLengths(packed.transfer).labels,
    buildMs: median(builds),
    serializeMs: time(() => messagesOf(packMatcher(m))),
    jsonBytes: messages.reduce((n, x) => n + Buffer.byteLength(x), 0),
    chunks: packed.chunkCount,
    jsonParseMs: median(parses),
    loadMs: median(loads),
    loadSlices: stats.tasks,
    longestSliceMs: stats.longestTaskMs,
    slicedLoadMs: slicedTotal,
    typedArrayBytes: typedArrayBytes(loaded),
    heapBytes: gc ? heap : undefined,
  };
  results[name] = row;
  console.log(
    `${name}: ${row.patterns} patterns, ${row.nodes} tree nodes, ${row.labelChars} label chars\n` +
      `  build ${ms(row.buildMs)}, pack+stringify ${ms(row.serializeMs)}, ${row.chunks} messages, ${mb(row.jsonBytes)}, ` +
      `JSON.parse ${ms(row.jsonParseMs)}, load (parse + unpack) ${ms(row.loadMs)}\n` +
      `  received in slices: ${row.loadSlices} slices, longest ${ms(row.longestSliceMs)}, ${ms(row.slicedLoadMs)} in all\n` +
      `  memory: typed arrays ${mb(row.typedArrayBytes)}` +
      (gc ? ` + JS heap ${mb(heap)} = ${mb(row.typedArrayBytes + heap)}` : ' (run with --expose-gc for the JS heap)'),
  );
}

// Same matches either way round the serializer (sanity, not a test).
const direct = buildMatcher(small);
let agree = true;
for (let i = 0; i < 2000 && agree; i++)
  agree = JSON.stringify(direct.findAll(nodes[i]!)) === JSON.stringify(matchers['1.5k']!.findAll(nodes[i]!));
if (!agree) throw new Error('loaded matcher disagrees with the built one');

// A matcher whose only pattern never occurs: what walking the text into tokens costs on its own.
const tokenizerOnly = buildMatcher([{ text: '\u4e00\u4e01', caseSensitive: false, prefix: false, kind: 'term', key: 'term:none' }]);

for (const [label, input] of [
  ['text nodes', nodes],
  ['one 1.2 MB string', whole],
] as const) {
  // Warm up, then interleave runs so drift hits every variant alike.
  const variants: Array<[string, (input: readonly string[]) => number]> = [
    ['floor (read every char code)', (x) => (floorPass(x), 0)],
    ['1 pattern (tokenizer only)', (x) => scanPass(tokenizerOnly, x)],
    ['1.5k patterns', (x) => scanPass(matchers['1.5k']!, x)],
    ['100k patterns', (x) => scanPass(matchers['100k']!, x)],
    ['100k-adv patterns', (x) => scanPass(matchers['100k-adv']!, x)],
  ];
  for (let w = 0; w < 3; w++) for (const [, run] of variants) run(input);
  const times = variants.map(() => [] as number[]);
  const counts = variants.map(() => 0);
  for (let r = 0; r < RUNS; r++) {
    variants.forEach(([, run], v) => times[v]!.push(cpuTime(() => (counts[v] = run(input)))));
  }
  const med = times.map(median);
  const mins = times.map(best);
  const [f, , s] = med as [number, number, number];
  results[`scan (${label})`] = Object.fromEntries(variants.map(([name], v) => [name, { ms: med[v], bestMs: mins[v], matches: counts[v] }]));
  console.log(`\nscan over ${label} (CPU time, median of ${RUNS}; in brackets: best run, as a ratio to the best floor run):`);
  variants.forEach(([name], v) => {
    const m = med[v]!;
    const vs1500 = v >= 3 ? `, ${(m / s).toFixed(2)}× the 1.5k scan [${(mins[v]! / mins[2]!).toFixed(2)}×]` : '';
    const matches = v >= 2 ? `   (${counts[v]} matches)` : '';
    console.log(
      `  ${name.padEnd(30)} ${ms(m).padStart(10)}  = ${(m / f).toFixed(2)}× floor [${(mins[v]! / mins[0]!).toFixed(2)}×]${vs1500}${matches}`,
    );
  });
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
if (sink === 0.5) console.log('');
