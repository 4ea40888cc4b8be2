// Generated test pages shaped like GitHub's pull request "Files changed" tab (classic diff table
// markup, which is what large PRs render): a header, a file tree, then file after file of diff lines
// (syntax-highlighting spans, as GitHub emits them) with review threads of prose between them. Terms
// from a given list are sprinkled at a realistic density: in review prose about one word in 24, in
// code mostly in comments and string values.
//
// Deterministic: the same terms and seed give the same page, byte for byte. No DOM needed (the
// benchmark runs in Node and serves the HTML; the large-page e2e test uses it too).
//
// - generateLargePrPage(terms): ≥ 1.2 MB of text in ≥ 50,000 text nodes (the benchmark's large page);
// - generateSmallPage(terms): ~50 KB of text (first-highlight latency);
// - generatePrPage(terms, options): any size, with statistics (text characters, text nodes, terms placed).

export interface PageOptions {
  /** PRNG seed. */
  seed?: number;
  /** Stop once the page holds at least this many characters of text... */
  minTextChars?: number;
  /** ...and at least this many text nodes (whitespace-only nodes count: the parser keeps them). */
  minTextNodes?: number;
  /** Probability that a prose word is a glossary term (default 1/24). */
  proseTermRate?: number;
  /** Page title (the PR title, without the " · Pull Request #… · GitHub" suffix). */
  title?: string;
}

export interface GeneratedPage {
  html: string;
  /** Characters of text in the body (what a TreeWalker over text nodes reads). */
  textChars: number;
  /** Text nodes in the body, as an HTML parser builds them from `html`. */
  textNodes: number;
  /** How many times a term was written into the page (prose and code). */
  termsPlaced: number;
  files: number;
  diffLines: number;
  reviewComments: number;
}

/** mulberry32: tiny, fast, good enough for test data. */
function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Terms are untrusted text: every string written into the page is escaped. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/**
 * Writes HTML and counts what a parser will make of it. Text is only ever written between tags, never
 * next to other text, so each `text()` call is exactly one text node.
 */
class HtmlWriter {
  private readonly parts: string[] = [];
  textChars = 0;
  textNodes = 0;
  private inBody = false;
  private lastWasText = false;

  raw(html: string): void {
    this.parts.push(html);
    this.lastWasText = false;
  }

  body(): void {
    this.inBody = true;
  }

  open(tag: string, attrs = ''): void {
    this.raw(attrs ? `<${tag} ${attrs}>` : `<${tag}>`);
  }

  close(tag: string): void {
    this.raw(`</${tag}>`);
  }

  /** `<tag attrs>text</tag>` */
  el(tag: string, attrs: string, text: string): void {
    this.open(tag, attrs);
    this.text(text);
    this.close(tag);
  }

  text(s: string): void {
    if (s.length === 0) return;
    if (this.lastWasText) throw new Error('two adjacent text writes would merge into one node');
    this.parts.push(escapeHtml(s));
    this.lastWasText = true;
    if (this.inBody) {
      this.textChars += s.length;
      this.textNodes++;
    }
  }

  /** Where the next write goes, for `insertAt`. */
  mark(): number {
    return this.parts.length;
  }

  /** Insert what another writer wrote at a mark (block-level markup: never next to text). */
  insertAt(mark: number, other: HtmlWriter): void {
    this.parts.splice(mark, 0, other.toString());
    this.textChars += other.textChars;
    this.textNodes += other.textNodes;
  }

  toString(): string {
    return this.parts.join('');
  }
}

const WORDS = (
  'the a an this that it we they you should would could will can may might must is are was were be been ' +
  'have has had do does did not no yes and or but if when while after before because so then also only ' +
  'just still already again maybe probably here there now later today tomorrow once every each all some ' +
  'more less most fewer other same different new old first last next previous small large simple clear ' +
  'change changes update updates fix fixes add adds remove keep move rename split merge revert test tests ' +
  'check checks run runs fail fails pass passes break breaks work works need needs want think guess see ' +
  'look read write call calls return returns handle handles wait retry log logs value values field fields ' +
  'config setting default option flag path file line lines comment review reviewer approve nit typo ' +
  'case cases edge error errors warning timeout limit budget version release rollout rollback deploy ' +
  'cluster node nodes namespace service request response client server cache queue worker job jobs ' +
  'migration schema table index query user users team owner doc docs example note question answer'
).split(' ');

const OPENERS = ['Nit:', 'Question:', 'I think', 'Looks good, but', 'Could we', 'Why not', 'Suggestion:', 'FYI', 'Heads up:', 'Agreed,'];
const USERS = ['mona', 'hubot', 'octocat', 'dependabot', 'release-bot', 'ana-sre', 'kai-platform', 'lee-db', 'sam-infra', 'noor-dev'];
const DIRS = [
  'cmd/server',
  'internal/reconcile',
  'internal/store',
  'deploy/base',
  'deploy/overlays/prod',
  'charts/app/templates',
  'web/src/components',
  'docs/runbooks',
  'pkg/api/v1',
  'db/migrations',
];
const GO_IDENTS = [
  'ctx',
  'err',
  'req',
  'resp',
  'cfg',
  'client',
  'store',
  'cache',
  'queue',
  'logger',
  'name',
  'ns',
  'obj',
  'list',
  'opts',
  'result',
  'item',
  'count',
  'limit',
  'timeout',
];
const GO_FUNCS = [
  'reconcile',
  'ensureBudget',
  'syncObject',
  'fetchStatus',
  'applyPatch',
  'waitReady',
  'listPods',
  'updateStatus',
  'newClient',
  'parseConfig',
  'migrate',
  'rollback',
  'validate',
  'retryOnConflict',
];
const GO_TYPES = [
  'context.Context',
  'error',
  'string',
  'int',
  'bool',
  '*Reconciler',
  'metav1.Object',
  'time.Duration',
  '[]byte',
  'map[string]string',
];
const YAML_KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'labels',
  'annotations',
  'spec',
  'replicas',
  'selector',
  'matchLabels',
  'template',
  'containers',
  'image',
  'ports',
  'resources',
  'limits',
  'requests',
  'env',
  'value',
];
const TS_WORDS = [
  'const',
  'let',
  'return',
  'await',
  'async',
  'function',
  'export',
  'import',
  'if',
  'else',
  'for',
  'of',
  'new',
  'type',
  'interface',
];

interface Ctx {
  w: HtmlWriter;
  random: () => number;
  terms: readonly string[];
  termsPlaced: number;
  proseTermRate: number;
}

const pick = <T>(c: Ctx, list: readonly T[]): T => list[Math.floor(c.random() * list.length)]!;

function term(c: Ctx): string {
  c.termsPlaced++;
  return pick(c, c.terms);
}

function sentence(c: Ctx): string {
  const n = 8 + Math.floor(c.random() * 14);
  const words: string[] = [];
  if (c.random() < 0.3) words.push(pick(c, OPENERS));
  for (let i = 0; i < n; i++) words.push(c.terms.length > 0 && c.random() < c.proseTermRate ? term(c) : pick(c, WORDS));
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}${c.random() < 0.15 ? '?' : '.'}`;
}

/** One review comment: GitHub's classic markup, Markdown rendered to paragraphs (sometimes with inline code). */
function reviewComment(c: Ctx, id: number): void {
  const { w } = c;
  const user = pick(c, USERS);
  w.open('div', `class="review-comment js-comment" id="discussion_r${1590000 + id}"`);
  w.open('div', 'class="d-flex"');
  w.el('a', `class="author Link--primary text-bold" data-hovercard-type="user" href="/${user}"`, user);
  w.el('span', 'class="color-fg-muted"', 'commented');
  w.close('div');
  w.open('div', 'class="comment-body markdown-body js-comment-body"');
  const paragraphs = 1 + Math.floor(c.random() * 3);
  for (let p = 0; p < paragraphs; p++) {
    w.open('p', 'dir="auto"');
    const sentences = 3 + Math.floor(c.random() * 4);
    let prose = '';
    for (let s = 0; s < sentences; s++) prose += (s > 0 ? ' ' : '') + sentence(c);
    w.text(prose);
    if (c.random() < 0.3) {
      w.el('code', 'class="notranslate"', c.terms.length > 0 && c.random() < 0.5 ? term(c) : pick(c, GO_FUNCS));
      w.text(` ${sentence(c)}`);
    }
    w.close('p');
  }
  w.close('div');
  w.close('div');
}

function reviewThread(c: Ctx, comments: number, firstId: number): void {
  const { w } = c;
  w.open('tr', 'class="inline-comments js-inline-comments-container"');
  w.raw('<td class="empty-cell"></td>');
  w.open('td', 'class="line-comments" colspan="2"');
  w.open('div', 'class="review-thread-component js-inline-comments-container"');
  w.open('div', 'class="js-comments-holder"');
  for (let i = 0; i < comments; i++) reviewComment(c, firstId + i);
  w.close('div');
  w.close('div');
  w.close('td');
  w.close('tr');
}

type Language = 'go' | 'yaml' | 'ts';

/** The tokens of one code line, each written as GitHub's highlighter would (`pl-*` spans and bare text). */
function codeLine(c: Ctx, lang: Language, indent: number): void {
  const { w } = c;
  const pad = '\t'.repeat(indent);
  const comment = c.random() < 0.18;
  if (comment) {
    const prefix = lang === 'yaml' ? '# ' : '// ';
    if (pad) w.text(pad);
    let words = '';
    const n = 4 + Math.floor(c.random() * 8);
    for (let i = 0; i < n; i++) words += (i > 0 ? ' ' : '') + (c.terms.length > 0 && c.random() < 0.12 ? term(c) : pick(c, WORDS));
    w.el('span', 'class="pl-c"', `${prefix}${words}`);
    return;
  }
  if (lang === 'yaml') {
    w.text(`${'  '.repeat(indent)}`);
    w.el('span', 'class="pl-ent"', pick(c, YAML_KEYS));
    w.text(': ');
    const value = c.terms.length > 0 && c.random() < 0.08 ? term(c) : `${pick(c, GO_FUNCS).toLowerCase()}-${Math.floor(c.random() * 100)}`;
    w.el('span', 'class="pl-s"', value);
    return;
  }
  if (lang === 'go') {
    const shape = c.random();
    if (pad) w.text(pad);
    if (shape < 0.3) {
      w.el('span', 'class="pl-s1"', pick(c, GO_IDENTS));
      w.text(', ');
      w.el('span', 'class="pl-s1"', 'err');
      w.text(' := ');
      w.el('span', 'class="pl-s1"', pick(c, GO_IDENTS));
      w.text('.');
      w.el('span', 'class="pl-en"', pick(c, GO_FUNCS));
      w.text('(');
      w.el('span', 'class="pl-s1"', 'ctx');
      w.text(', ');
      w.el('span', 'class="pl-s1"', pick(c, GO_IDENTS));
      w.text(')');
    } else if (shape < 0.5) {
      w.el('span', 'class="pl-k"', 'if');
      w.text(' ');
      w.el('span', 'class="pl-s1"', 'err');
      w.text(' != ');
      w.el('span', 'class="pl-c1"', 'nil');
      w.text(' {');
    } else if (shape < 0.65) {
      w.el('span', 'class="pl-k"', 'return');
      w.text(' ');
      w.el('span', 'class="pl-s1"', 'fmt');
      w.text('.');
      w.el('span', 'class="pl-en"', 'Errorf');
      w.text('(');
      const msg = c.terms.length > 0 && c.random() < 0.25 ? `${pick(c, GO_FUNCS)} ${term(c)}: %w` : `${pick(c, GO_FUNCS)}: %w`;
      w.el('span', 'class="pl-s"', `"${msg}"`);
      w.text(', ');
      w.el('span', 'class="pl-s1"', 'err');
      w.text(')');
    } else if (shape < 0.75) {
      w.el('span', 'class="pl-k"', 'func');
      w.text(' (');
      w.el('span', 'class="pl-s1"', 'r');
      w.text(' ');
      w.el('span', 'class="pl-c1"', '*Reconciler');
      w.text(') ');
      w.el('span', 'class="pl-en"', pick(c, GO_FUNCS));
      w.text('(');
      w.el('span', 'class="pl-s1"', 'ctx');
      w.text(' ');
      w.el('span', 'class="pl-smi"', pick(c, GO_TYPES));
      w.text(') ');
      w.el('span', 'class="pl-smi"', 'error');
      w.text(' {');
    } else {
      w.el('span', 'class="pl-s1"', pick(c, GO_IDENTS));
      w.text(' = ');
      w.el('span', 'class="pl-s1"', pick(c, GO_IDENTS));
      w.text('.');
      w.el('span', 'class="pl-c1"', `${pick(c, GO_FUNCS).charAt(0).toUpperCase()}${pick(c, GO_FUNCS).slice(1)}`);
    }
    return;
  }
  if (pad) w.text(pad);
  w.el('span', 'class="pl-k"', pick(c, TS_WORDS));
  w.text(' ');
  w.el('span', 'class="pl-s1"', pick(c, GO_IDENTS));
  w.text(' = ');
  w.el('span', 'class="pl-en"', pick(c, GO_FUNCS));
  w.text('(');
  w.el('span', 'class="pl-s"', `'${c.terms.length > 0 && c.random() < 0.1 ? term(c) : pick(c, WORDS)}'`);
  w.text(');');
}

interface Stats {
  lines: number;
  comments: number;
  paths: string[];
}

/** Writes one file's diff; stops early (closing its markup) once `enough()` says the page is big enough. */
function diffFile(c: Ctx, index: number, stats: Stats, enough: () => boolean): void {
  const { w } = c;
  const lang: Language = pick(c, ['go', 'go', 'yaml', 'ts'] as const);
  const ext = lang === 'go' ? 'go' : lang === 'yaml' ? 'yaml' : 'ts';
  const path = `${pick(c, DIRS)}/${pick(c, GO_FUNCS).toLowerCase()}_${index}.${ext}`;
  stats.paths.push(path);
  const anchor = `diff-${((index * 2654435761) >>> 0).toString(16)}`;
  w.open('div', `class="file js-file js-details-container Details show-inline-notes" data-tagsearch-path="${escapeHtml(path)}"`);
  w.open('div', `class="file-header d-flex js-file-header" data-path="${escapeHtml(path)}"`);
  w.open('div', 'class="file-info flex-auto"');
  w.el('span', 'class="diffstat"', String(20 + Math.floor(c.random() * 200)));
  w.el('a', `title="${escapeHtml(path)}" class="Link--primary Truncate-text" href="#${anchor}"`, path);
  w.close('div');
  w.close('div');
  w.open('div', 'class="js-file-content"');
  w.open('table', `class="diff-table js-diff-table tab-size" data-tab-size="8" data-diff-anchor="${anchor}"`);
  w.open('tbody');
  const hunks = 1 + Math.floor(c.random() * 3);
  let left = 1 + Math.floor(c.random() * 200);
  let right = left;
  for (let h = 0; h < hunks && !enough(); h++) {
    const length = 20 + Math.floor(c.random() * 60);
    w.open('tr', 'class="js-expandable-line"');
    w.raw('<td class="blob-num blob-num-expandable" colspan="2"></td>');
    w.el(
      'td',
      'class="blob-code blob-code-inner blob-code-hunk"',
      `@@ -${left},${length} +${right},${length} @@ func ${pick(c, GO_FUNCS)}`,
    );
    w.close('tr');
    let indent = 1;
    for (let i = 0; i < length && !enough(); i++) {
      const roll = c.random();
      const kind = roll < 0.2 ? 'deletion' : roll < 0.5 ? 'addition' : 'context';
      const marker = kind === 'addition' ? '+' : kind === 'deletion' ? '-' : ' ';
      w.open('tr', `data-hunk="${anchor}-${h}"`);
      w.raw(
        kind === 'addition'
          ? '<td class="blob-num blob-num-addition empty-cell"></td>'
          : `<td id="${anchor}L${left}" data-line-number="${left}" class="blob-num blob-num-${kind} js-linkable-line-number"></td>`,
      );
      w.raw(
        kind === 'deletion'
          ? '<td class="blob-num blob-num-deletion empty-cell"></td>'
          : `<td id="${anchor}R${right}" data-line-number="${right}" class="blob-num blob-num-${kind} js-linkable-line-number"></td>`,
      );
      w.open('td', `class="blob-code blob-code-${kind} js-file-line"`);
      w.open('span', `class="blob-code-inner blob-code-marker js-code-nav-pass" data-code-marker="${marker}"`);
      codeLine(c, lang, indent);
      w.close('span');
      w.close('td');
      w.close('tr');
      stats.lines++;
      if (kind !== 'addition') left++;
      if (kind !== 'deletion') right++;
      indent = Math.max(0, Math.min(4, indent + (c.random() < 0.2 ? 1 : c.random() < 0.2 ? -1 : 0)));
      // A review thread every ~14 lines on average: a PR under heavy review, where over half of the
      // page's text is discussion and most of its nodes are code tokens.
      if (c.random() < 1 / 14) {
        const comments = 1 + Math.floor(c.random() * 3);
        reviewThread(c, comments, stats.comments);
        stats.comments += comments;
      }
    }
    left += 10 + Math.floor(c.random() * 50);
    right = left;
  }
  w.close('tbody');
  w.close('table');
  w.close('div');
  w.close('div');
}

function pageHead(w: HtmlWriter, title: string): void {
  w.raw('<!DOCTYPE html><html lang="en" data-color-mode="auto"><head><meta charset="utf-8">');
  w.raw(`<title>${escapeHtml(title)} by mona · Pull Request #31337 · acme/platform · GitHub</title>`);
  w.raw('<meta name="viewport" content="width=device-width">');
  // GitHub's look, just enough: monospace diff, wide tables, comments in boxes.
  w.raw(
    '<style>body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328}' +
      '.application-main{max-width:1280px;margin:0 auto;padding:16px}.file{border:1px solid #d1d9e0;border-radius:6px;margin:16px 0}' +
      '.file-header{background:#f6f8fa;padding:8px 16px;font:12px ui-monospace,monospace}.diff-table{width:100%;border-collapse:collapse;font:12px/20px ui-monospace,monospace;tab-size:8}' +
      '.blob-num{width:1%;min-width:50px;color:#59636e;text-align:right;padding:0 10px}.blob-num::before{content:attr(data-line-number)}' +
      '.blob-code{white-space:pre;padding:0 10px}.blob-code-addition{background:#dafbe1}.blob-code-deletion{background:#ffebe9}.blob-code-hunk{background:#ddf4ff;color:#59636e}' +
      '.review-comment{border:1px solid #d1d9e0;border-radius:6px;margin:8px;padding:8px 16px;font:14px/1.5 -apple-system,sans-serif;white-space:normal}' +
      '.pl-k{color:#cf222e}.pl-en{color:#8250df}.pl-s{color:#0a3069}.pl-c{color:#59636e}.pl-c1,.pl-ent{color:#0550ae}</style>',
  );
  w.raw('</head>');
}

/** A "Files changed" page of any size. */
export function generatePrPage(terms: readonly string[], options: PageOptions = {}): GeneratedPage {
  const seed = options.seed ?? 1;
  const minTextChars = options.minTextChars ?? 1_250_000;
  const minTextNodes = options.minTextNodes ?? 52_000;
  const w = new HtmlWriter();
  const c: Ctx = { w, random: rng(seed), terms, termsPlaced: 0, proseTermRate: options.proseTermRate ?? 1 / 24 };
  const stats: Stats = { lines: 0, comments: 0, paths: [] };
  const title = options.title ?? 'Tighten rollout budgets and retry policies';

  pageHead(w, title);
  w.raw('<body class="logged-in env-production page-responsive">');
  w.body();
  w.open('div', 'class="position-relative js-header-wrapper"');
  w.open('header', 'class="AppHeader" role="banner"');
  w.el('a', 'class="AppHeader-context-item" href="/acme"', 'acme');
  w.el('a', 'class="AppHeader-context-item" href="/acme/platform"', 'platform');
  w.close('header');
  w.close('div');
  w.open('div', 'class="application-main"');
  w.open('main', 'id="js-repo-pjax-container"');
  w.open('div', 'id="partial-discussion-header" class="gh-header"');
  w.open('h1', 'class="gh-header-title"');
  w.el('bdi', 'class="js-issue-title markdown-title"', terms.length > 0 ? `${title}: ${terms[0]}` : title);
  w.close('h1');
  w.open('div', 'class="gh-header-meta"');
  w.el('a', 'class="author Link--secondary text-bold" data-hovercard-type="user" href="/mona"', 'mona');
  w.text(' wants to merge 42 commits into ');
  w.el('span', 'class="commit-ref base-ref"', 'main');
  w.text(' from ');
  w.el('span', 'class="commit-ref head-ref"', 'rollout-budgets');
  w.close('div');
  w.close('div');
  w.open('div', 'id="files_bucket" class="pull-request-tab-content is-visible diff-view js-diff-container"');

  // The body is written file by file until both size targets are met; the file tree (written first on
  // the real page) is generated after, from the same paths, and spliced in front.
  const treeAt = w.mark();
  let files = 0;
  w.open('div', 'class="js-diff-progressive-container"');
  const enough = () => w.textChars >= minTextChars && w.textNodes >= minTextNodes;
  while (!enough()) diffFile(c, files++, stats, enough);
  w.close('div');
  w.close('div');
  w.close('main');
  w.close('div');
  w.raw('</body></html>');

  // File tree: one entry per file (paths only; the adapter leaves it out on GitHub).
  const tree = new HtmlWriter();
  tree.body();
  tree.open('file-tree', 'class="d-block"');
  tree.open('ul', 'class="ActionList ActionList--tree" role="tree"');
  for (const path of stats.paths) {
    tree.open('li', 'class="ActionList-item" role="treeitem"');
    tree.el('span', 'class="ActionList-item-label"', path);
    tree.close('li');
  }
  tree.close('ul');
  tree.close('file-tree');
  w.insertAt(treeAt, tree);

  return {
    html: w.toString(),
    textChars: w.textChars,
    textNodes: w.textNodes,
    termsPlaced: c.termsPlaced,
    files,
    diffLines: stats.lines,
    reviewComments: stats.comments,
  };
}

/** The benchmark's large page: ≥ 1.2 MB of text in ≥ 50,000 text nodes (prose review threads and code). */
export function generateLargePrPage(terms: readonly string[], seed = 1): string {
  return generatePrPage(terms, { seed }).html;
}

/** A small page of the same shape: ~50 KB of text (time to first highlights). */
export function generateSmallPage(terms: readonly string[], seed = 1): string {
  return generatePrPage(terms, { seed, minTextChars: 50_000, minTextNodes: 0, title: 'Retry the rollout when the budget allows it' }).html;
}
