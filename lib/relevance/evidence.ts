// Which of a run's matches are worth a highlight. A highlight claims that this word, here, means what
// the glossary says, so the filter keeps a match only when the page backs that claim:
//
// - Where: only text people wrote. A site adapter names its prose (GitHub: comments, titles, commit
//   messages) or its interface (buttons, menus, dialogs); a match outside the prose is dropped.
// - Code is not prose: in code blocks and inline code, field names (`namespace:`), flags (`--values`),
//   paths (`/etc/traefik`, `values.yaml`) and user-chosen names (`cluster-example`) stay plain; the
//   values a reader looks up stay highlighted (`kind: PodDisruptionBudget`, `kubectl drain`, `traefik`).
// - Everyday words (page-relevance.ts: AMBIGUOUS) need evidence of the glossary's sense, taken from
//   the text and the matches the scan already has, never from layout:
//   - the value of a `kind:` field, or a qualifier: an unambiguous term of the same pack just before
//     ("Kubernetes Service", "kubectl drain");
//   - code formatting (`Service`) or the glossary's casing inside a sentence ("a Secret", "the Job"; not
//     at its start nor in Title Case), on a page that uses at least one unambiguous term of that pack
//     (a React page writes "a Component" and `context` in its own sense);
//   - the page is on the pack's topic: TOPIC_TERMS distinct unambiguous terms of that pack in its prose.
//   The page's terms may come after a block was scanned: its blocks with waiting matches are handed to
//   `onTopic` to be scanned again (at most twice per pack and page).
// - A team's own word where its pack's scope names the page (OWN_LANGUAGE) needs no more evidence.
// The filter runs once per matched run; its cost follows the matches, not the page or the glossary.
import type { TextMatch } from '../matcher/types';
import { AMBIGUOUS, CAPITALIZED, GROUP_SHIFT, OWN_LANGUAGE, type PageRelevance } from './page-relevance';

/** Distinct unambiguous terms of one pack that show a page is on that pack's topic. */
export const TOPIC_TERMS = 3;

export type Reason = 'code' | 'kind' | 'casing' | 'qualifier' | 'topic' | 'own';

/** What the filter needs of a run (lib/scan/walker.ts TextRun). */
export interface RunLike {
  owner: Node;
  nodes: readonly Text[];
  starts: readonly number[];
  text: string;
}

export interface RegionTest {
  /** Text people wrote on this site: a match elsewhere is dropped. Absent: everywhere but `chrome`. */
  prose?: string;
  /** The site's interface: a match inside is dropped. */
  chrome?: string;
  /** Code that is not in a code element (a diff's lines): read by the code rules, as `pre` is. */
  code?: string;
}

export interface EvidenceOptions {
  relevance: PageRelevance;
  regions?: RegionTest;
  /** Blocks whose waiting matches the topic now shows: scan them again. */
  onTopic?: (owners: Node[]) => void;
}

/**
 * The outermost elements under `roots` that match the prose selector, in document order, leaving out
 * those that `skipped` (the scan's skip rules: hidden, excluded by the site) says the walk from the
 * roots would not reach. With prose regions declared, a match anywhere else is dropped by the filter,
 * so a first scan walks only these (on GitHub most of a page is its interface).
 */
export function proseRoots(roots: readonly Node[], prose: string, skipped: (element: Element) => boolean = () => false): Element[] {
  const out: Element[] = [];
  // Per element on the way up: whether it or an ancestor is skipped (diff lines share their ancestors).
  const memo = new Map<Element, boolean>();
  const unreachable = (el: Element, root: Node): boolean => {
    const path: Element[] = [];
    let result = false;
    for (let a: Element | null = el; a && a !== root; a = a.parentElement) {
      const known = memo.get(a);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(a);
      if (skipped(a)) {
        result = true;
        break;
      }
    }
    for (const a of path) memo.set(a, result);
    return result;
  };
  for (const root of roots) {
    if (root.nodeType === 1 && (root as Element).matches(prose)) {
      out.push(root as Element);
      continue;
    }
    if (typeof (root as Partial<ParentNode>).querySelectorAll !== 'function') continue;
    let last: Element | null = null;
    for (const el of (root as ParentNode).querySelectorAll(prose)) {
      // Document order: a descendant of the last one kept comes right after it.
      if (last && last.contains(el)) continue;
      if (unreachable(el, root)) continue;
      out.push(el);
      last = el;
    }
  }
  return out;
}

const CODE_SELECTOR = 'code, pre, kbd, samp, tt';
const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'tt']);
const LETTER = /\p{L}/u;
const SENTENCE_END = /[.!?:;•|>([{"“]/;
const UPPER = /\p{Lu}/u;

export class EvidenceFilter {
  private readonly flags: readonly number[];
  private readonly topicNames: readonly string[];
  private readonly regions: RegionTest;
  private readonly onTopic?: (owners: Node[]) => void;
  /**
   * Where matched text sits, per element holding it: in the prose (and outside the interface)? in which
   * code element? Decided once per block (one `closest` each), then per inline element by a short walk
   * up to its block: `closest` from every element would cost more than the scan's own walk.
   */
  private readonly places = new WeakMap<Node, Place>();
  /** Unambiguous term patterns seen in prose, and per topic group how many. */
  private readonly seen = new Set<number>();
  private readonly topicCounts: number[] = [];
  /** Topic groups with TOPIC_TERMS terms on the page, and with at least one. */
  private topicMask = 0;
  private usedMask = 0;
  /** Per topic group bit: blocks holding matches that wait for that topic. */
  private readonly waiting = new Map<number, Set<Node>>();
  /** Why a shown ambiguous match was shown: per text node, by start offset. */
  private readonly reasons = new WeakMap<Text, Map<number, Reason>>();

  constructor(options: EvidenceOptions) {
    this.flags = options.relevance.flags;
    this.topicNames = options.relevance.topics;
    this.regions = options.regions ?? {};
    this.onTopic = options.onTopic;
  }

  /** Keep in `found` (in place) only the matches worth a highlight. */
  filter(run: RunLike, found: TextMatch[]): void {
    const text = run.text;
    // Outside what people wrote: dropped before anything else.
    let inside = 0;
    for (const m of found) if (this.placeOf(run, m.start).prose) found[inside++] = m;
    found.length = inside;
    // First the unambiguous terms: they are topic evidence for the ambiguous ones of this very run.
    for (const m of found) {
      const f = this.flags[m.pattern] ?? 0;
      if (f & AMBIGUOUS) continue;
      if (this.placeOf(run, m.start).code && !codeValue(text, m.start, m.end)) continue;
      this.noteTopic(m.pattern, f);
    }
    let kept = 0;
    let previous: TextMatch | null = null;
    for (const m of found) {
      const f = this.flags[m.pattern] ?? 0;
      const code = this.placeOf(run, m.start).code;
      let keep = true;
      let reason: Reason | null = null;
      if (code && !codeValue(text, m.start, m.end)) keep = false;
      else if (f & OWN_LANGUAGE) reason = 'own';
      else if (f & AMBIGUOUS) {
        reason = this.evidence(run, m, f, code, previous);
        if (reason === null) {
          keep = false;
          this.wait(run.owner, f);
        }
      }
      if (keep) {
        found[kept++] = m;
        if (reason) this.remember(run, m.start, reason);
      }
      previous = m;
    }
    found.length = kept;
  }

  /** Why a shown match was shown, when it was not obvious (a card's "why" line). */
  reasonAt(node: Text, offset: number): Reason | null {
    return this.reasons.get(node)?.get(offset) ?? null;
  }

  /** The pack names whose topic a pattern's page showed (for "this page is about …"). */
  topicsOf(pattern: number): string[] {
    const f = this.flags[pattern] ?? 0;
    const names: string[] = [];
    for (let g = 0; g < this.topicNames.length; g++) if (f & this.topicMask & (1 << (g + GROUP_SHIFT))) names.push(this.topicNames[g]!);
    return names;
  }

  /** Forget the topic evidence (a new page: a full rescan after navigation). */
  reset(): void {
    this.seen.clear();
    this.topicCounts.length = 0;
    this.topicMask = 0;
    this.usedMask = 0;
    this.waiting.clear();
  }

  private evidence(run: RunLike, m: TextMatch, f: number, code: Element | null, previous: TextMatch | null): Reason | null {
    const text = run.text;
    if (code && /\bkind:\s*["']?$/.test(text.slice(Math.max(0, m.start - 12), m.start))) return 'kind';
    if (previous && this.qualifies(text, previous, m, f)) return 'qualifier';
    // A word of a Title Case phrase names something of its own (a heading, a panel, a product):
    // the page's topic says nothing about which sense it is.
    if (f & this.topicMask && !inTitlePhrase(text, m.start, m.end)) return 'topic';
    if (!(f & this.usedMask)) return null;
    // Inline code that is just the word: `Service`.
    if (code && code.localName !== 'pre' && (code.textContent ?? '').trim().length <= m.end - m.start + 1) return 'code';
    if (f & CAPITALIZED && capitalizedInSentence(text, m.start, m.end) && !inTitlePhrase(text, m.start, m.end)) return 'casing';
    return null;
  }

  /** An unambiguous term of a shared pack right before ("Kubernetes Service", "kubectl drain"). */
  private qualifies(text: string, previous: TextMatch, m: TextMatch, f: number): boolean {
    const pf = this.flags[previous.pattern] ?? 0;
    if (pf & AMBIGUOUS || (pf & f) >>> GROUP_SHIFT === 0) return false;
    const gap = text.slice(previous.end, m.start);
    return gap.length > 0 && gap.length <= 2 && /^[\s-]+$/.test(gap);
  }

  private noteTopic(pattern: number, f: number): void {
    if (this.seen.has(pattern)) return;
    this.seen.add(pattern);
    let shown: number[] | null = null;
    for (let bits = f >>> GROUP_SHIFT, g = 0; bits !== 0; bits >>>= 1, g++) {
      if (!(bits & 1)) continue;
      const count = (this.topicCounts[g] ?? 0) + 1;
      this.topicCounts[g] = count;
      if (count === 1) this.usedMask |= 1 << (g + GROUP_SHIFT);
      if (count === TOPIC_TERMS) this.topicMask |= 1 << (g + GROUP_SHIFT);
      if (count === 1 || count === TOPIC_TERMS) (shown ??= []).push(g);
    }
    if (!shown) return;
    const owners = new Set<Node>();
    for (const g of shown) {
      for (const owner of this.waiting.get(g) ?? []) owners.add(owner);
      // Once on topic nothing waits for this pack any more; before, blocks wait for the topic.
      if (this.topicMask & (1 << (g + GROUP_SHIFT))) this.waiting.delete(g);
      else this.waiting.get(g)?.clear();
    }
    // After this run is stored: the blocks are scanned again with the topic known.
    if (owners.size > 0 && this.onTopic) queueMicrotask(() => this.onTopic!([...owners]));
  }

  private wait(owner: Node, f: number): void {
    for (let bits = f >>> GROUP_SHIFT, g = 0; bits !== 0; bits >>>= 1, g++) {
      if (!(bits & 1) || this.topicMask & (1 << (g + GROUP_SHIFT))) continue;
      let set = this.waiting.get(g);
      if (!set) this.waiting.set(g, (set = new Set()));
      set.add(owner);
    }
  }

  private remember(run: RunLike, start: number, reason: Reason): void {
    const k = nodeIndex(run.starts, start);
    const node = run.nodes[k]!;
    let map = this.reasons.get(node);
    if (!map) this.reasons.set(node, (map = new Map()));
    map.set(start - run.starts[k]!, reason);
  }

  private placeOf(run: RunLike, start: number): Place {
    const node = run.nodes[nodeIndex(run.starts, start)]!;
    const parent = node.parentElement;
    const owner = run.owner;
    if (!parent || parent === owner) return this.blockPlace(owner);
    let place = this.places.get(parent);
    if (place) return place;
    // Up from the inline element to its block: the innermost code element, any prose or interface region.
    const block = this.blockPlace(owner);
    const { prose, chrome, code: codeRegion } = this.regions;
    let inProse = block.prose;
    let inChrome = false;
    let code: Element | null = null;
    for (let el: Element | null = parent; el && el !== owner; el = el.parentElement) {
      if (!code && (CODE_TAGS.has(el.localName) || (codeRegion !== undefined && el.matches(codeRegion)))) code = el;
      if (!inProse && prose && el.matches(prose)) inProse = true;
      if (chrome && el.matches(chrome)) inChrome = true;
    }
    place = { prose: inProse && !inChrome && (block.prose || !block.chrome), chrome: inChrome || block.chrome, code: code ?? block.code };
    this.places.set(parent, place);
    return place;
  }

  /** The place of a block (or of text right under a shadow root or the document). */
  private blockPlace(owner: Node): Place {
    let place = this.places.get(owner);
    if (place) return place;
    const element = owner.nodeType === 1 ? (owner as Element) : ((owner as ShadowRoot).host ?? null);
    const { prose, chrome } = this.regions;
    if (!element) place = { prose: !prose, chrome: false, code: null };
    else {
      const inChrome = chrome ? element.closest(chrome) !== null : false;
      const codeSelector = this.regions.code ? `${CODE_SELECTOR}, ${this.regions.code}` : CODE_SELECTOR;
      place = { prose: (!prose || element.closest(prose) !== null) && !inChrome, chrome: inChrome, code: element.closest(codeSelector) };
    }
    this.places.set(owner, place);
    return place;
  }
}

interface Place {
  prose: boolean;
  chrome: boolean;
  code: Element | null;
}

/** The index of the run's text node holding character `offset`. */
function nodeIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * In code, is the match a value a reader would look up? Not a field name (`namespace:` at the start of a
 * line), a flag (`--values`), part of a path or file name (`/etc/traefik`, `values.yaml`) or of a
 * user-chosen compound name (`cluster-example`, `my_service`), nor the value of a `name:` field.
 */
export function codeValue(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (before === '-' || before === '/' || before === '.' || before === '_' || before === '$' || before === '@') return false;
  if (
    after === '/' ||
    after === '_' ||
    (after === '-' && LETTER.test(text.charAt(end + 1))) ||
    (after === '.' && LETTER.test(text.charAt(end + 1)))
  )
    return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const head = text.slice(lineStart, start);
  // A field name: the first word of its line, followed by ":".
  if (/^[\s\-"']*$/.test(head) && /^["']?\s*:/.test(text.slice(end, end + 3))) return false;
  // The value of a name-like field is a name someone chose (`name:`, `secretName:`, `targetPort:`).
  if (/\b(?:\w*[nN]ame|namespace|app|release|instance|host|\w*[pP]ort):\s*["']?$/.test(head)) return false;
  // A flag's value: `--disable=traefik`.
  if (before === '=' && /(?:^|\s)--?[\w-]+=$/.test(text.slice(Math.max(lineStart, start - 40), start))) return false;
  return true;
}

/**
 * Capitalized next to a capitalized word that does not start a sentence: "Cluster Dashboard",
 * "Managing Packaged Components", "Last Base Backup". "The Service selects…" is not one.
 */
export function inTitlePhrase(text: string, start: number, end: number): boolean {
  const first = text.charAt(start);
  if (first === first.toLowerCase()) return false;
  if (text.charAt(end) === ' ' && UPPER.test(text.charAt(end + 1))) return true;
  if (text.charAt(start - 1) !== ' ') return false;
  let w = start - 1;
  while (w > 0 && LETTER.test(text.charAt(w - 1))) w--;
  if (w === start - 1 || !UPPER.test(text.charAt(w))) return false;
  let i = w - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  return i >= 0 && !SENTENCE_END.test(text.charAt(i));
}

/**
 * Written with the glossary's capital inside a sentence: not at the start of the run or of a sentence,
 * not in a Title Case phrase (the word before is capitalized too), not in capitals throughout.
 */
export function capitalizedInSentence(text: string, start: number, end: number): boolean {
  const first = text.charAt(start);
  if (first === first.toLowerCase()) return false;
  const word = text.slice(start, end);
  if (word.length > 1 && word === word.toUpperCase()) return false;
  let i = start - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  if (i < 0 || SENTENCE_END.test(text.charAt(i))) return false;
  let w = i;
  while (w > 0 && LETTER.test(text.charAt(w - 1))) w--;
  const previous = text.charAt(w);
  return !(LETTER.test(previous) && previous !== previous.toLowerCase());
}
