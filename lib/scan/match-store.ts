// Matches are kept as data, never as DOM changes: per text node for hover look-ups, in document
// order for viewport windowing and "first occurrence", and per block so a rescan replaces its runs.
// A large page has tens of thousands of matches and the content script's heap is part of its cost, so
// the store keeps them compactly: one Group per run that matched, holding the text nodes its matches
// touch and five small integers per match. Match objects are views made on demand (for the few
// matches near the viewport, under the pointer, or when a list is asked for).
import type { TextMatch } from '../matcher/types';
import { compareTreeOrder } from './tree-order';
import type { Scope, TextRun } from './walker';

/** Integers per match: pattern, start node, start offset, end node, end offset (nodes are indexes into the group's nodes). */
const FIELDS = 5;
const PATTERN = 0;
const START_NODE = 1;
const START_OFFSET = 2;
const END_NODE = 3;
const END_OFFSET = 4;
/** compareDocumentPosition: the other node comes first. */
const PRECEDING = 0x02;
/** compareDocumentPosition: the other node comes after. */
const FOLLOWING = 0x04;
/** Match keys are `uid * KEY_SPAN + index`: a run holds fewer matches than this (it is cut at MAX_RUN_CHARS). */
const KEY_SPAN = 0x10000;

/** The matches of one run, kept together in document order. */
export class Group {
  /** The block (or shadow root, document) the run belongs to. */
  readonly owner: Node;
  /**
   * The text nodes the matches touch, in order (not the whole run: the rest would only cost memory),
   * then FIELDS integers per match. One exactly sized array per group: a page has thousands of groups.
   */
  private readonly data: ReadonlyArray<Text | number>;
  readonly nodeCount: number;
  /** Unique for the store's lifetime (never reused): makes match keys. */
  readonly uid: number;
  /**
   * In the store (set by it once the group is made). ENGINE-SHAPED: starting false matters. V8
   * compiles code against a field stored only once as a constant, and the first group ever dropped
   * (usually in the first update after the scan) would then deoptimize the scan's hottest functions.
   */
  live = false;

  constructor(owner: Node, data: ReadonlyArray<Text | number>, nodeCount: number, uid: number) {
    this.owner = owner;
    this.data = data;
    this.nodeCount = nodeCount;
    this.uid = uid;
  }

  /** Number of matches. */
  get size(): number {
    return (this.data.length - this.nodeCount) / FIELDS;
  }

  /** The k-th text node the matches touch. */
  node(k: number): Text {
    return this.data[k] as Text;
  }

  /** Field `field` of the i-th match. */
  field(i: number, field: number): number {
    return this.data[this.nodeCount + i * FIELDS + field] as number;
  }

  /** A view of the i-th match (a new object each call; compare matches by `key`). */
  match(i: number): Match {
    return new Match(this, i);
  }

  patternAt(i: number): number {
    return this.field(i, PATTERN);
  }

  /** A key for the i-th match without making its view. */
  keyAt(i: number): number {
    return this.uid * KEY_SPAN + i;
  }
}

/** One match, as a view on its group's data. */
export class Match {
  readonly group: Group;
  readonly index: number;

  constructor(group: Group, index: number) {
    this.group = group;
    this.index = index;
  }

  /** Identifies the match for as long as the store lives (two views of one match have the same key). */
  get key(): number {
    return this.group.keyAt(this.index);
  }

  /** Index into the matcher's patterns. */
  get pattern(): number {
    return this.group.field(this.index, PATTERN);
  }

  get startNode(): Text {
    return this.group.node(this.group.field(this.index, START_NODE));
  }

  get startOffset(): number {
    return this.group.field(this.index, START_OFFSET);
  }

  get endNode(): Text {
    return this.group.node(this.group.field(this.index, END_NODE));
  }

  get endOffset(): number {
    return this.group.field(this.index, END_OFFSET);
  }

  /** The matched text as it reads on the page (read from the nodes: the store keeps no strings). */
  get text(): string {
    const g = this.group;
    const i = this.index;
    const first = g.field(i, START_NODE);
    const last = g.field(i, END_NODE);
    if (first === last) return g.node(first).data.slice(g.field(i, START_OFFSET), g.field(i, END_OFFSET));
    let text = g.node(first).data.slice(g.field(i, START_OFFSET));
    for (let k = first + 1; k < last; k++) text += g.node(k).data;
    return text + g.node(last).data.slice(0, g.field(i, END_OFFSET));
  }
}

/** Live matches in document order, addressed by position (a snapshot: valid until the store changes). */
export class MatchList {
  private readonly groups: readonly Group[];
  /** ends[g]: the position after group g's last match. */
  private readonly ends: Int32Array;
  readonly length: number;

  constructor(groups: readonly Group[]) {
    this.groups = groups;
    this.ends = new Int32Array(groups.length);
    let n = 0;
    for (let g = 0; g < groups.length; g++) this.ends[g] = n += groups[g]!.size;
    this.length = n;
  }

  /** The match at a position (a new view). */
  at(position: number): Match {
    const g = this.locate(position);
    return this.groups[g]!.match(position - (g > 0 ? this.ends[g - 1]! : 0));
  }

  patternAt(position: number): number {
    const g = this.locate(position);
    return this.groups[g]!.patternAt(position - (g > 0 ? this.ends[g - 1]! : 0));
  }

  /** Calls fn for every match in order, with its position (no views made). */
  forEach(fn: (group: Group, index: number, position: number) => void): void {
    let p = 0;
    for (const group of this.groups) for (let i = 0, n = group.size; i < n; i++) fn(group, i, p++);
  }

  /** The group holding a position: the first whose end is past it. */
  private locate(position: number): number {
    const ends = this.ends;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > position) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Where the groups of the walk in progress go (see beginWalk). */
interface WalkPlacement {
  /** Index in `groups` where the walk's groups are inserted. */
  cursor: number;
  /** This slice's groups, in document order, spliced in at `cursor` when the slice ends. */
  batch: Group[];
  /** The walk's latest group: a resumed walk must continue after it (checked once per slice). */
  last: Group | null;
  /** The walk resumed after a pause: its first group must be checked against `last`. */
  resumed: boolean;
}

export class MatchStore {
  /** Groups in document order; removed groups stay (live = false) until the next compaction. */
  private groups: Group[] = [];
  private dead = 0;
  private live = 0;
  private readonly byNode = new Map<Text, Group>();
  /** The live groups of each block (one group, or several), so rescanning a block finds its runs at once. */
  private readonly byOwner = new Map<Node, Group | Group[]>();
  private listCache: MatchList | null = null;
  private nextUid = 1;
  /** Scratch: a run node's index in the group's node list (reused between runs). */
  private nodeIndex = new Int32Array(64);
  private readonly nodesScratch: Text[] = [];
  private readonly intsScratch: number[] = [];
  private placement: WalkPlacement | null = null;
  /** Where the latest walk's groups ended in `groups`: the next walk is tried there first (beginWalk). */
  private finger = 0;
  /** The walk in progress dropped what it will find again when it started: removeOwner() has nothing to do. */
  private emptied = false;
  /** Bumped on every change: consumers cache derived data against it. */
  version = 0;
  /** Groups added since the last takeAdded(), for incremental highlight updates. */
  private added: Group[] = [];
  /** Groups removed since the last takeKilled(), when someone asked for them (trackKills). */
  private killed: Group[] | null = null;

  /** Number of live matches. */
  get size(): number {
    return this.live;
  }

  get nodeCount(): number {
    return this.byNode.size;
  }

  /** The groups added since the last call (some may have died since). */
  takeAdded(): Group[] {
    const added = this.added;
    this.added = [];
    return added;
  }

  /** Keep a list of the groups removed (takeKilled), so a consumer can follow removals without scanning its own data. */
  trackKills(): void {
    this.killed ??= [];
  }

  /** The groups removed since the last call (empty unless trackKills was called). */
  takeKilled(): Group[] {
    const killed = this.killed;
    if (!killed || killed.length === 0) return [];
    this.killed = [];
    return killed;
  }

  clear(): void {
    this.added = [];
    if (this.killed) this.killed = [];
    this.groups = [];
    this.dead = 0;
    this.live = 0;
    this.byNode.clear();
    this.byOwner.clear();
    this.listCache = null;
    this.placement = null;
    this.emptied = false;
    this.version++;
  }

  /**
   * A walk of `scope` starts. What it will find again is dropped now: for a deep walk everything stored
   * under its root, for a nested one what belongs to blocks inside it (see Scope). A deep walk's groups
   * are then placed at root's position without comparing each one's position with the stored ones (a
   * walk finds runs in document order, and nothing else is stored under root any more): one binary
   * search per walk instead of one per group, each comparison being a slow DOM call from the content
   * script's world. A shallow walk's groups are placed one by one.
   */
  beginWalk(scope: Scope): void {
    this.placement = null;
    this.emptied = false;
    const { root, mode, outerOwner } = scope;
    if (mode === 'shallow' || (mode === 'deep' && outerOwner) || !root.isConnected) return;
    if (this.dead > 0) this.compact();
    const groups = this.groups;
    // ENGINE-SHAPED: spelled out rather than in helpers. This body is compiled by the first scan; a
    // helper only when an update first calls it, inside the update's time.
    const tree = root.getRootNode();
    // Most walks start where the latest one ended: a feed or a log appends, an edit is next to the
    // last. Two comparisons with the neighbours there settle it. Chromium's compareDocumentPosition
    // crawls siblings from its argument backwards, so each is asked in the direction that stops at
    // once when the guess is right; a binary search over a long feed's paragraphs instead costs a
    // crawl from each midpoint to the first paragraph, and grows with the page's age.
    let lo = -1;
    const at = Math.min(this.finger, groups.length);
    const prev = at > 0 ? groups[at - 1]!.node(0) : null;
    const next = at < groups.length ? groups[at]!.node(0) : null;
    const afterPrev =
      prev === null ||
      (prev.getRootNode() === tree ? (prev.compareDocumentPosition(root) & FOLLOWING) !== 0 : compareTreeOrder(prev, root) < 0);
    if (afterPrev) {
      const beforeNext =
        next === null ||
        (next.getRootNode() === tree ? (root.compareDocumentPosition(next) & PRECEDING) === 0 : compareTreeOrder(next, root) >= 0);
      if (beforeNext) lo = at;
    }
    if (lo < 0) {
      // The first group after root in document order (root comes before everything inside it), then
      // those inside root.
      lo = 0;
      let hi = groups.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const node = groups[mid]!.node(0);
        const before =
          node.getRootNode() === tree ? (root.compareDocumentPosition(node) & PRECEDING) !== 0 : compareTreeOrder(node, root) < 0;
        if (before) lo = mid + 1;
        else hi = mid;
      }
    }
    let end = lo;
    for (; end < groups.length; end++) {
      // Inside root, shadow trees of hosts inside it included.
      let n: Node | null = groups[end]!.node(0);
      while (n !== null && n !== root) n = n.parentNode ?? (n as ShadowRoot).host ?? null;
      if (n === null) break;
    }
    if (mode === 'deep') {
      if (end > lo) {
        for (let g = lo; g < end; g++) this.drop(groups[g]!);
        groups.splice(lo, end - lo);
        this.listCache = null;
        this.version++;
      }
      this.placement = { cursor: lo, batch: [], last: null, resumed: false };
    } else {
      // Nested: the outer block's runs cross root's inline text; its shallow rescan replaces them.
      for (let g = lo; g < end; g++) if (groups[g]!.owner !== outerOwner) this.kill(groups[g]!);
      this.finger = end;
    }
    this.emptied = true;
  }

  /** The walk paused (its slice is over) or finished (or was abandoned): put this slice's groups in place. */
  endWalkSlice(done: boolean): void {
    if (done) this.emptied = false;
    const p = this.placement;
    if (!p) return;
    this.flushBatch(p);
    p.resumed = true;
    this.finger = p.cursor;
    if (done) this.placement = null;
  }

  /** Store the matches the matcher found in a run (offsets into run.text). Replaces any earlier data for its nodes. */
  addRun(run: TextRun, found: readonly TextMatch[]): Group | null {
    if (found.length === 0) return null;
    const { nodes: runNodes, starts } = run;
    if (this.nodeIndex.length < runNodes.length) this.nodeIndex = new Int32Array(runNodes.length * 2);
    const nodeIndex = this.nodeIndex;
    const nodes = this.nodesScratch;
    const ints = this.intsScratch;
    nodes.length = 0;
    ints.length = 0;
    let i = 0;
    let lastPushed = -1;
    for (const f of found) {
      // The node holding the first character, then the one holding the last.
      while (i + 1 < runNodes.length && starts[i + 1]! <= f.start) i++;
      let j = i;
      while (j + 1 < runNodes.length && starts[j + 1]! < f.end) j++;
      for (let k = Math.max(i, lastPushed + 1); k <= j; k++) {
        nodeIndex[k] = nodes.length;
        nodes.push(runNodes[k]!);
      }
      if (j > lastPushed) lastPushed = j;
      // `| 0`: small integers only (a double would box the number).
      ints.push(f.pattern | 0, nodeIndex[i]!, (f.start - starts[i]!) | 0, nodeIndex[j]!, (f.end - starts[j]!) | 0);
    }
    const data = new Array<Text | number>(nodes.length + ints.length);
    for (let k = 0; k < nodes.length; k++) data[k] = nodes[k]!;
    for (let k = 0; k < ints.length; k++) data[nodes.length + k] = ints[k]!;
    const group = new Group(run.owner, data, nodes.length, this.nextUid++);
    group.live = true;
    // A node scanned again (overlapping scopes, a walk resumed after the page changed) keeps only its
    // newest data: a node belongs to one group.
    const byNode = this.byNode;
    for (const node of nodes) {
      const previous = byNode.get(node);
      if (previous && previous !== group) this.kill(previous);
      byNode.set(node, group);
    }
    nodes.length = 0;
    const mates = this.byOwner.get(run.owner);
    if (mates === undefined) this.byOwner.set(run.owner, group);
    else if (Array.isArray(mates)) mates.push(group);
    else this.byOwner.set(run.owner, [mates, group]);
    this.live += group.size;
    this.place(group);
    this.added.push(group);
    this.listCache = null;
    this.version++;
    return group;
  }

  /** Drop every run of a block (before rescanning it). */
  removeOwner(owner: Node): void {
    // Deep and nested walks dropped it all when they started (beginWalk). Otherwise (a shallow walk's
    // root) its groups, from the index: a scan of every group cost ~0.2 ms per small edit on a large page.
    if (this.emptied) return;
    const mates = this.byOwner.get(owner);
    if (mates === undefined) return;
    if (Array.isArray(mates)) for (const g of mates.slice()) this.kill(g);
    else this.kill(mates);
  }

  /** Drop the run a text node takes part in (the node left the page or changed). */
  removeNode(node: Text): void {
    const group = this.byNode.get(node);
    if (group) this.kill(group);
  }

  /** Whether a text node has matches (cheap check before walking removed subtrees). */
  has(node: Text): boolean {
    return this.byNode.has(node);
  }

  /** The matches touching `offset` in `node` (boundaries included: a caret after the last letter still counts). */
  at(node: Node, offset: number): Match[] {
    const group = this.byNode.get(node as Text);
    if (!group) return [];
    let k = 0;
    while (k < group.nodeCount && group.node(k) !== node) k++;
    const out: Match[] = [];
    for (let i = 0, n = group.size; i < n; i++) {
      const first = group.field(i, START_NODE);
      if (first > k) break;
      const last = group.field(i, END_NODE);
      if (last < k) continue;
      const start = first === k ? group.field(i, START_OFFSET) : 0;
      const end = last === k ? group.field(i, END_OFFSET) : Number.POSITIVE_INFINITY;
      if (offset >= start && offset <= end) out.push(group.match(i));
      else if (start > offset) break;
    }
    return out;
  }

  /** Every live match in document order, by position (cached until the next change). */
  list(): MatchList {
    if (this.listCache) return this.listCache;
    if (this.dead > 0) this.compact();
    this.listCache = new MatchList(this.groups);
    return this.listCache;
  }

  /** Every live match in document order, as views (made on each call: prefer list() in hot paths). */
  ordered(): Match[] {
    const out: Match[] = [];
    this.list().forEach((group, i) => out.push(group.match(i)));
    return out;
  }

  /** How many times each pattern occurs (the popup's "on this page"). */
  counts(): Map<number, number> {
    const counts = new Map<number, number>();
    this.list().forEach((group, i) => {
      const p = group.patternAt(i);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    });
    return counts;
  }

  /** Drop groups whose nodes left the page; returns how many were dropped. */
  sweepDisconnected(): number {
    let dropped = 0;
    for (const g of this.groups) {
      if (g.live && !allConnected(g)) {
        this.kill(g);
        dropped++;
      }
    }
    return dropped;
  }

  private kill(group: Group): void {
    if (!group.live) return;
    this.drop(group);
    this.dead++;
    this.listCache = null;
    this.version++;
  }

  /** Mark a group dead and forget it everywhere but in `groups`. */
  private drop(group: Group): void {
    if (!group.live) return;
    group.live = false;
    this.live -= group.size;
    this.killed?.push(group);
    // A node belongs to one group, so its entry goes with the group.
    for (let k = 0; k < group.nodeCount; k++) {
      const node = group.node(k);
      if (this.byNode.get(node) === group) this.byNode.delete(node);
    }
    const mates = this.byOwner.get(group.owner);
    if (mates === group) this.byOwner.delete(group.owner);
    else if (Array.isArray(mates)) {
      const at = mates.indexOf(group);
      if (at >= 0) mates.splice(at, 1);
      if (mates.length === 1) this.byOwner.set(group.owner, mates[0]!);
    }
  }

  private compact(): void {
    const p = this.placement;
    if (p) {
      // Keep the walk's insertion point on the same neighbours.
      let before = 0;
      for (let g = 0; g < p.cursor; g++) if (!this.groups[g]!.live) before++;
      p.cursor -= before;
    }
    this.groups = this.groups.filter((g) => g.live);
    this.dead = 0;
  }

  /** Keep `groups` in document order. */
  private place(group: Group): void {
    const p = this.placement;
    if (p) {
      // A walk is in document order within a slice; after a pause (the page may have changed and
      // the walk re-walked part of it) its first group is checked against the previous one.
      if (!p.resumed || !p.last || compareTreeOrder(p.last.node(0), group.node(0)) < 0) {
        p.resumed = false;
        p.batch.push(group);
        p.last = group;
        return;
      }
      // Out of order: place this one by search, and the rest of the walk too.
      this.flushBatch(p);
      this.placement = null;
    }
    this.insert(group);
  }

  private flushBatch(p: WalkPlacement): void {
    // A group can die before it is placed (its nodes were found again): leave it out.
    const batch = p.batch.filter((g) => g.live);
    p.batch = [];
    if (batch.length === 0) return;
    const groups = this.groups;
    // ENGINE-SHAPED: one path for the end (the first scan) and the middle (updates). A branch the
    // first scan never takes has no type feedback, and reaching it in the first update deoptimizes.
    if (batch.length <= 1000) groups.splice(p.cursor, 0, ...batch);
    else this.groups = groups.slice(0, p.cursor).concat(batch, groups.slice(p.cursor));
    p.cursor += batch.length;
  }

  /** Binary-search insert (groups placed one by one: shallow rescans, out-of-order walks). */
  private insert(group: Group): void {
    if (this.dead > 0) this.compact();
    const groups = this.groups;
    const node = group.node(0);
    const last = groups[groups.length - 1];
    if (!last || compareTreeOrder(last.node(0), node) <= 0) {
      groups.push(group);
      return;
    }
    let lo = 0;
    let hi = groups.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTreeOrder(groups[mid]!.node(0), node) <= 0) lo = mid + 1;
      else hi = mid;
    }
    groups.splice(lo, 0, group);
  }
}

function allConnected(group: Group): boolean {
  for (let k = 0; k < group.nodeCount; k++) if (!group.node(k).isConnected) return false;
  return true;
}
