// Collects "runs": the text of consecutive text nodes that read as one phrase (inline elements
// join, block elements, <br> and skipped elements break), so a match can cross "<b>Argo</b> CD".
// The walk is resumable: `step(deadline)` stops when the time budget is spent and continues later.
//
// Cost: each DOM call from the content script's isolated world makes a wrapper for the node it
// returns, so the walk is priced per node touched. It touches every element and text once (nextNode,
// parentNode, nodeType, then localName or data) and allocates nothing per element. Walking text nodes
// only, with each element classified from the text inside it, does not pay: it still needs a wrapper for every element that holds text (most of them), plus
// sibling reads between texts to find <br>s and empty blocks, and it enters excluded regions.
import {
  ATTRIBUTE_SKIP_SELECTOR,
  BREAK,
  classify,
  classifyByTag,
  classifyWithShadow,
  INLINE,
  mayHostShadow,
  SKIP,
  type ExcludeRule,
} from './classify';

export interface TextRun {
  /** The nearest block-level ancestor (or shadow root) the run belongs to. */
  owner: Node;
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  text: string;
}

export interface RunSink {
  run(run: TextRun): void;
  /** Before the walk produces runs for a block, so data from an earlier scan of it can be dropped. */
  enterOwner?(owner: Node): void;
  /** An open shadow root found on the way: scanned as a scope of its own. */
  shadowRoot?(root: ShadowRoot): void;
}

/**
 * - `deep`: everything under root.
 * - `shallow`: only the root block's own runs; nested blocks are left alone (they did not change).
 * - `nested`: root is an inline element inside `outerOwner`; only blocks nested in it are collected
 *   (its own inline text belongs to the outer block's runs, rescanned shallowly).
 */
export type WalkMode = 'deep' | 'shallow' | 'nested';

export interface Scope {
  root: Node;
  mode: WalkMode;
  /** The block the root's inline content belongs to, when root itself is inline. */
  outerOwner?: Node;
}

/** A very long run (a huge <pre>) is cut so a single match call stays small. */
export const MAX_RUN_CHARS = 32_768;
/** Nodes between two `shouldYield()` calls (each reads the clock, ~1 µs in an isolated world). */
const CHECK_EVERY = 64;

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export class ScopeWalk {
  readonly scope: Scope;
  private readonly walker: TreeWalker;
  private readonly exclude?: ExcludeRule;
  /**
   * The ancestors of the current node that were entered, each with the block its text belongs to and
   * whether leaving it breaks the run, up to `depth` (parallel arrays, overwritten in place: no object
   * per element). ENGINE-SHAPED: emptied in place, never replaced. V8 compiles the walk against these
   * fields as constants; a walk that replaces them at its end throws that compiled code away.
   */
  private readonly stackNodes: Node[] = [];
  private readonly stackOwners: Node[] = [];
  private readonly stackBreaks: boolean[] = [];
  private depth = -1;
  private breakPending = false;
  private runOwner: Node | null = null;
  private nodes: Text[] = [];
  private starts: number[] = [];
  private parts: string[] = [];
  private length = 0;
  private started = false;
  /** Set by skipChildren: the next node to visit (null: the scope is done). */
  private jump: Node | null | undefined;
  done = false;
  /** Nodes visited so far, for the scan's statistics. */
  visited = 0;
  /**
   * The scope's elements that classify() must look at closely (hidden, contenteditable), found by one
   * native query when the walk starts: the others are classified by tag alone. Per-element attribute
   * reads were a large part of the walk (each DOM call costs about twice as much from the content
   * script's isolated world). An element inserted or changed during a multi-slice walk is corrected by
   * the update that replays the scan's mutations (attribute changes are not observed at all).
   */
  private readonly attributeSkips: ReadonlySet<Element> | null;

  constructor(scope: Scope, exclude?: ExcludeRule) {
    this.scope = scope;
    this.exclude = exclude;
    const doc = scope.root.nodeType === 9 ? (scope.root as Document) : scope.root.ownerDocument!;
    this.walker = doc.createTreeWalker(scope.root, SHOW_ELEMENT | SHOW_TEXT);
    const root = scope.root as Partial<ParentNode>;
    this.attributeSkips = typeof root.querySelectorAll === 'function' ? new Set(root.querySelectorAll(ATTRIBUTE_SKIP_SELECTOR)) : null;
  }

  /** The open shadow root found by the last classifyElement() call (no allocation per element). */
  private shadowFound: ShadowRoot | null = null;

  /** classify() with shadow hosts (classifyWithShadow), the attribute reads only for the elements the start-of-walk query found. */
  private classifyElement(element: Element): number {
    const skips = this.attributeSkips;
    let cls: number;
    let shadow: ShadowRoot | null = null;
    if (skips === null) {
      cls = classify(element, this.exclude);
      if (cls !== SKIP) shadow = element.shadowRoot;
    } else {
      const tag = element.localName;
      cls = skips.has(element) ? classify(element, this.exclude) : classifyByTag(element, tag, this.exclude);
      if (cls !== SKIP && mayHostShadow(tag)) shadow = element.shadowRoot;
    }
    this.shadowFound = shadow;
    return shadow ? BREAK : cls;
  }

  /** Walk until done or until `shouldYield()` says the slice is over. Returns true when done. */
  step(sink: RunSink, shouldYield: () => boolean): boolean {
    if (this.done) return true;
    if (!this.started) {
      this.started = true;
      if (!this.enterRoot(sink)) return this.finish(sink);
    } else {
      // The page may have changed between two slices.
      if (this.jump && !this.jump.isConnected) this.jump = undefined;
      if (!this.walker.currentNode.isConnected && !this.recover()) return this.finish(sink);
    }
    return this.walkSome(sink, shouldYield) ? false : this.finish(sink);
  }

  /**
   * The walk's loop, apart from finish(). ENGINE-SHAPED: V8 optimizes this loop during a long first
   * scan, before any walk has ended; a call to finish() inside it has no type feedback then, and
   * reaching it deoptimizes the loop at the end of every later walk. Returns true when it yielded.
   */
  private walkSome(sink: RunSink, shouldYield: () => boolean): boolean {
    const mode = this.scope.mode;
    const stackNodes = this.stackNodes;
    const stackOwners = this.stackOwners;
    const stackBreaks = this.stackBreaks;
    let count = 0;
    for (let node = this.advance(); node; node = this.advance()) {
      this.visited++;
      const parent = node.parentNode;
      // Leave the frames of elements we walked out of; leaving a block breaks the run.
      let top = this.depth;
      while (stackNodes[top] !== parent && top > 0) {
        if (stackBreaks[top]) this.breakPending = true;
        top--;
      }
      this.depth = top;
      if (stackNodes[top] !== parent) {
        // The page moved things between two slices: rebuild the ancestor frames of this node.
        const rebuilt = this.rebuild(node);
        if (rebuilt === null) break;
        if (rebuilt === false) continue;
        top = this.depth;
      }
      const type = node.nodeType;
      if (type === TEXT_NODE) {
        const text = node as Text;
        const owner = stackOwners[top]!;
        if (mode === 'nested' && owner === this.scope.outerOwner) continue;
        const data = text.data;
        if (data.length === 0) continue;
        if (this.runOwner !== null && (this.breakPending || owner !== this.runOwner || this.length + data.length > MAX_RUN_CHARS)) {
          this.flush(sink);
        }
        this.breakPending = false;
        this.runOwner = owner;
        this.nodes.push(text);
        this.starts.push(this.length);
        this.parts.push(data);
        this.length += data.length;
      } else if (type === ELEMENT_NODE) {
        const element = node as Element;
        const cls = this.classifyElement(element);
        const shadow = this.shadowFound;
        if (cls === SKIP) {
          this.breakPending = true;
          this.skipChildren(element);
        } else if (cls === INLINE) {
          this.push(element, stackOwners[top]!, false);
        } else {
          this.breakPending = true;
          if (mode === 'shallow') {
            // Nested blocks keep their own runs: they did not change.
            this.skipChildren(element);
          } else {
            sink.enterOwner?.(element);
            this.push(element, element, true);
            if (shadow) sink.shadowRoot?.(shadow);
          }
        }
      }
      if (++count % CHECK_EVERY === 0 && shouldYield()) return true;
    }
    return false;
  }

  private push(node: Node, owner: Node, isBreak: boolean): void {
    const at = ++this.depth;
    this.stackNodes[at] = node;
    this.stackOwners[at] = owner;
    this.stackBreaks[at] = isBreak;
  }

  private enterRoot(sink: RunSink): boolean {
    const { root, mode, outerOwner } = this.scope;
    if (!root.isConnected) return false;
    if (root.nodeType === ELEMENT_NODE) {
      const element = root as Element;
      const cls = classifyWithShadow(element, this.exclude);
      if (cls === SKIP) return false;
      if (mode === 'nested') {
        if (cls === INLINE && outerOwner) {
          this.push(root, outerOwner, false);
          return true;
        }
        // The "inline" root turned out to be a block: scan it whole.
      }
      const owner = cls === INLINE && outerOwner ? outerOwner : root;
      if (owner === root) sink.enterOwner?.(root);
      this.push(root, owner, owner === root);
      if (cls === BREAK && element.shadowRoot && mode !== 'shallow') sink.shadowRoot?.(element.shadowRoot);
      return true;
    }
    // Document, shadow root or fragment: its top-level text forms its own runs.
    sink.enterOwner?.(root);
    this.push(root, root, true);
    return true;
  }

  /** The next node in tree order, or the node a skip jumped to. */
  private advance(): Node | null {
    const jump = this.jump;
    if (jump === undefined) return this.walker.nextNode();
    this.jump = undefined;
    if (jump) this.walker.currentNode = jump;
    return jump;
  }

  /** Continue after `element` without entering it. */
  private skipChildren(element: Element): void {
    const root = this.scope.root;
    for (let node: Node | null = element; node !== null && node !== root; node = node.parentNode) {
      const next = node.nextSibling;
      if (next !== null) {
        this.jump = next;
        return;
      }
    }
    this.jump = null;
  }

  /**
   * Recompute the frames from the root down to `node`'s parent. Returns true when the top frame is
   * the parent's, false when the node is inside a skipped element (the walk jumped past it), null when
   * it left the scope.
   */
  private rebuild(node: Node): boolean | null {
    const root = this.scope.root;
    const chain: Node[] = [];
    let p = node.parentNode;
    while (p && p !== root) {
      chain.push(p);
      p = p.parentNode;
    }
    if (p !== root) return null;
    this.depth = 0;
    this.breakPending = true;
    for (let i = chain.length - 1; i >= 0; i--) {
      const element = chain[i] as Element;
      const cls = classifyWithShadow(element, this.exclude);
      if (cls === SKIP || (cls === BREAK && this.scope.mode === 'shallow')) {
        this.skipChildren(element);
        return false;
      }
      if (cls === INLINE) this.push(element, this.stackOwners[this.depth]!, false);
      else this.push(element, element, true);
    }
    return true;
  }

  /** The walker's node left the document (the page re-rendered): resume from a connected ancestor. */
  private recover(): boolean {
    this.dropRun();
    this.breakPending = true;
    let top = this.depth;
    while (top >= 0 && !this.stackNodes[top]!.isConnected) top--;
    this.depth = top;
    if (top < 0) return false;
    // Re-walk that ancestor's content: runs found again replace the ones found before.
    this.walker.currentNode = this.stackNodes[top]!;
    this.jump = undefined;
    return true;
  }

  private flush(sink: RunSink): void {
    if (this.runOwner !== null && this.nodes.length > 0) {
      const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
      sink.run({ owner: this.runOwner, nodes: this.nodes, starts: this.starts, text });
    }
    this.dropRun();
  }

  private dropRun(): void {
    this.runOwner = null;
    this.nodes = [];
    this.starts = [];
    this.parts = [];
    this.length = 0;
  }

  private finish(sink: RunSink): boolean {
    this.flush(sink);
    this.stackNodes.length = 0;
    this.stackOwners.length = 0;
    this.stackBreaks.length = 0;
    this.depth = -1;
    this.done = true;
    return true;
  }
}

/** Walk a scope to the end in one go (tests, small updates). */
export function collectRuns(scope: Scope, exclude?: ExcludeRule): TextRun[] {
  const runs: TextRun[] = [];
  new ScopeWalk(scope, exclude).step({ run: (r) => runs.push(r) }, () => false);
  return runs;
}
