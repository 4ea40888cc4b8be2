// The candidate occurrences of a corpus page: every headword, alias and avoid word of the bundled packs
// found in the page's text, by the repo's own matcher, with no site rule, scope or ambiguity filter.
// This is the ground the labels stand on, so it must not depend on how the extension decides what
// to highlight: the page is parsed with parse5 (the HTML standard's tree, the same one Chromium
// builds for a page without scripts), every text node is numbered in document order, and text is
// joined into phrases by the standard's inline elements only.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'parse5';
import { compileIndex, matchPatterns, sensesForKey, type CompiledIndex } from '../../lib/glossary/compile';
import { formatError } from '../../lib/glossary/validate';
import { buildMatcher, type Matcher } from '../../lib/matcher';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RELEVANCE_DIR = join(ROOT, 'bench/relevance');
export const PAGES_DIR = join(RELEVANCE_DIR, 'pages');
export const LABELS_DIR = join(RELEVANCE_DIR, 'labels');
/** Characters of phrase text kept on each side of an occurrence: what a label is matched back by. */
export const CONTEXT_CHARS = 30;

/** Elements whose text is never shown as page text: no candidates inside (their text nodes are still numbered). */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head']);
/** Elements rendered inline by default (HTML standard, "Phrasing content" with display: inline): text flows through them. */
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

export interface Candidate {
  /** `node:offset:text`: where the occurrence starts (text node index in document order, UTF-16 offset) and what it is. */
  id: string;
  node: number;
  offset: number;
  endNode: number;
  endOffset: number;
  /** The page's characters. */
  text: string;
  /** The headword of the sense the occurrence is looked up as (the first pack's), shared by its aliases and plurals. */
  term: string;
  /** Matcher key (`term:…` or `avoid:…`). */
  key: string;
  kind: 'term' | 'avoid';
  /** For an avoid word: the packs that list it (a word that is also a term somewhere is matched as that term). */
  avoidOf: string[];
  before: string;
  after: string;
  /** The element path above the occurrence (up to five ancestors, nearest last), to help a labeler see where it is. */
  where: string;
}

export interface PageText {
  /** Every text node's data, in document order (the numbering candidates use). */
  nodes: string[];
  /** Indexes of the text nodes outside NOT_TEXT elements. */
  visible: number[];
  /** Whitespace-separated words in the visible text nodes. */
  words: number;
  candidates: Candidate[];
}

interface P5Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: P5Node[];
  content?: P5Node;
}

let cached: { index: CompiledIndex; matcher: Matcher; avoidOf: Map<string, string[]> } | undefined;

/** The bundled packs (glossary/*.yaml), compiled as the build compiles them, and the matcher over all of them. */
export function bundledMatcher(): { index: CompiledIndex; matcher: Matcher; avoidOf: Map<string, string[]> } {
  if (cached) return cached;
  const { packs, errors } = loadPackFiles(packFiles(join(ROOT, 'glossary')), ROOT);
  if (errors.length > 0) throw new Error(`Invalid glossary pack:\n${errors.map(formatError).join('\n')}`);
  const index = compileIndex(packs);
  const matcher = buildMatcher(matchPatterns(index));
  const avoidOf = new Map<string, string[]>();
  for (const entry of index.entries) {
    for (const word of entry.avoid) {
      const folded = word.toLowerCase();
      const list = avoidOf.get(folded) ?? [];
      if (!list.includes(entry.packId)) list.push(entry.packId);
      avoidOf.set(folded, list);
    }
  }
  cached = { index, matcher, avoidOf };
  return cached;
}

function describe(el: P5Node): string {
  const tag = el.tagName ?? el.nodeName;
  const attr = (n: string) => el.attrs?.find((a) => a.name === n)?.value;
  const id = attr('id');
  const cls = attr('class')?.trim().split(/\s+/).filter(Boolean).slice(0, 2).join('.');
  const testid = attr('data-testid');
  return `${tag}${id ? `#${id}` : ''}${cls ? `.${cls}` : ''}${testid ? `[data-testid=${testid}]` : ''}${attr('hidden') !== undefined ? '[hidden]' : ''}`;
}

interface Run {
  nodes: number[];
  starts: number[];
  text: string;
  path: string[];
}

/** Parses a page and finds its candidates. */
export function pageText(html: string): PageText {
  const { index, matcher, avoidOf } = bundledMatcher();
  const doc = parse(html, { scriptingEnabled: true }) as unknown as P5Node;
  const nodes: string[] = [];
  const visible: number[] = [];
  const runs: Run[] = [];
  let run: Run | null = null;
  const close = () => {
    if (run && run.text.trim() !== '') runs.push(run);
    run = null;
  };
  const walk = (node: P5Node, hidden: boolean, path: string[]) => {
    for (const child of node.childNodes ?? []) {
      if (child.nodeName === '#text') {
        const i = nodes.length;
        nodes.push(child.value ?? '');
        if (hidden) continue;
        visible.push(i);
        if (!run) run = { nodes: [], starts: [], text: '', path };
        run.nodes.push(i);
        run.starts.push(run.text.length);
        run.text += child.value ?? '';
        continue;
      }
      if (!child.tagName) continue;
      const tag = child.tagName;
      const skip = hidden || NOT_TEXT.has(tag);
      const inline = INLINE.has(tag);
      if (!inline) close();
      // Template contents are not in the document tree (a TreeWalker does not enter them either).
      walk(child, skip, inline ? path : [...path, describe(child)].slice(-5));
      if (!inline || tag === 'wbr') close();
      if (tag === 'br') close();
    }
  };
  walk(doc, false, []);
  close();

  const candidates: Candidate[] = [];
  const headword = new Map<string, string>();
  for (const r of runs) {
    const locate = (at: number, end: boolean): [number, number] => {
      // The node containing character `at` (for an end, the node containing at - 1).
      let k = r.starts.length - 1;
      const probe = end ? at - 1 : at;
      while (k > 0 && (r.starts[k] ?? 0) > probe) k--;
      return [r.nodes[k] ?? -1, at - (r.starts[k] ?? 0)];
    };
    for (const m of matcher.findAll(r.text)) {
      const key = matcher.keyOf(m.pattern);
      const kind = matcher.kindOf(m.pattern);
      let term = headword.get(key);
      if (term === undefined) {
        term = sensesForKey(index, key)[0]?.term ?? key.slice(key.indexOf(':') + 1);
        headword.set(key, term);
      }
      const text = r.text.slice(m.start, m.end);
      const [node, offset] = locate(m.start, false);
      const [endNode, endOffset] = locate(m.end, true);
      const flat = (s: string) => s.replace(/\s+/g, ' ');
      candidates.push({
        id: `${node}:${offset}:${text}`,
        node,
        offset,
        endNode,
        endOffset,
        text,
        term,
        key,
        kind,
        avoidOf: kind === 'avoid' ? (avoidOf.get(key.slice(key.indexOf(':') + 1).toLowerCase()) ?? []) : [],
        before: flat(r.text.slice(Math.max(0, m.start - CONTEXT_CHARS * 2), m.start)).slice(-CONTEXT_CHARS),
        after: flat(r.text.slice(m.end, m.end + CONTEXT_CHARS * 2)).slice(0, CONTEXT_CHARS),
        where: r.path.join(' > '),
      });
    }
  }
  const words = visible.reduce((n, i) => n + (nodes[i]?.match(/\S+/g)?.length ?? 0), 0);
  return { nodes, visible, words, candidates };
}

export function pageFile(page: string): string {
  return join(PAGES_DIR, `${page}.html`);
}

export function readPage(page: string): string {
  return readFileSync(pageFile(page), 'utf8');
}
