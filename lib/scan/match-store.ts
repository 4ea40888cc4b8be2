// Matches are kept as data, never as DOM changes: per text node for hover look-ups, in document
// order for viewport windowing and "first occurrence", and per block so a rescan replaces its runs.
import type { TextMatch } from '../matcher/types';
import { compareTreeOrder } from './tree-order';
import type { TextRun } from './walker';

export interface Match {
  /** Index into the matcher's patterns. */
  readonly pattern: number;
  readonly startNode: Text;
  readonly startOffset: number;
  readonly endNode: Text;
  readonly endOffset: number;
  /** Text nodes strictly between start and end (a match across "<b>Argo</b> <i>C</i>D"). */
  readonly middle?: readonly Text[];
  readonly group: Group;
  /** The matched text as it reads on the page. */
  readonly text: string;
}

/** The matches of one run, kept together in document order. */
export interface Group {
  readonly owner: Node;
  readonly matches: Match[];
  live: boolean;
}

export class MatchStore {
  /** Groups in document order; removed groups stay (live = false) until the next compaction. */
  private groups: Group[] = [];
  private dead = 0;
  private readonly byNode = new Map<Text, Match[]>();
  private readonly byOwner = new Map<Node, Group[]>();
  private orderedCache: Match[] | null = null;
  /** Bumped on every change: consumers cache derived data against it. */
  version = 0;
  /** Whether groups are known to arrive in document order (the first full scan): skips comparisons. */
  appendOnly = false;
  /** Groups added since the last takeAdded(), for incremental highlight updates. */
  private added: Group[] = [];

  get size(): number {
    let n = 0;
    for (const g of this.groups) if (g.live) n += g.matches.length;
    return n;
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

  clear(): void {
    this.added = [];
    this.groups = [];
    this.dead = 0;
    this.byNode.clear();
    this.byOwner.clear();
    this.orderedCache = null;
    this.version++;
  }

  /** Store the matches the matcher found in a run (offsets into run.text). Replaces any earlier data for its nodes. */
  addRun(run: TextRun, found: readonly TextMatch[]): Group | null {
    if (found.length === 0) return null;
    const group: Group = { owner: run.owner, matches: [], live: true };
    const { nodes, starts, text } = run;
    let i = 0;
    for (const f of found) {
      // The node holding the first character, then the one holding the last.
      while (i + 1 < nodes.length && starts[i + 1]! <= f.start) i++;
      let j = i;
      while (j + 1 < nodes.length && starts[j + 1]! < f.end) j++;
      const match: Match = {
        pattern: f.pattern,
        startNode: nodes[i]!,
        startOffset: f.start - starts[i]!,
        endNode: nodes[j]!,
        endOffset: f.end - starts[j]!,
        middle: j > i + 1 ? nodes.slice(i + 1, j) : undefined,
        group,
        text: text.slice(f.start, f.end),
      };
      group.matches.push(match);
    }
    // A node scanned again (overlapping scopes, a walk resumed after the page changed) keeps only its
    // newest data: a node's list always belongs to one group, so its first entry says whose it is.
    const byNode = this.byNode;
    for (const m of group.matches) {
      this.index(byNode, m.startNode, m, group);
      if (m.middle) for (const n of m.middle) this.index(byNode, n, m, group);
      if (m.endNode !== m.startNode) this.index(byNode, m.endNode, m, group);
    }
    push(this.byOwner, run.owner, group);
    this.insert(group);
    this.added.push(group);
    this.orderedCache = null;
    this.version++;
    return group;
  }

  /** Drop every run of a block (before rescanning it). */
  removeOwner(owner: Node): void {
    const groups = this.byOwner.get(owner);
    if (!groups) return;
    this.byOwner.delete(owner);
    for (const g of groups) this.kill(g, false);
  }

  /** Drop the runs a text node takes part in (the node left the page or changed). */
  removeNode(node: Text): void {
    const matches = this.byNode.get(node);
    if (!matches) return;
    for (const m of [...matches]) this.kill(m.group, true);
  }

  /** Whether a text node has matches (cheap check before walking removed subtrees). */
  has(node: Text): boolean {
    return this.byNode.has(node);
  }

  /** The matches touching `offset` in `node` (boundaries included: a caret after the last letter still counts). */
  at(node: Node, offset: number): Match[] {
    const list = this.byNode.get(node as Text);
    if (!list) return [];
    const out: Match[] = [];
    for (const m of list) {
      const start = m.startNode === node ? m.startOffset : 0;
      const end = m.endNode === node ? m.endOffset : Number.POSITIVE_INFINITY;
      if (offset >= start && offset <= end) out.push(m);
      else if (start > offset) break;
    }
    return out;
  }

  /** Every live match in document order (cached until the next change). */
  ordered(): readonly Match[] {
    if (this.orderedCache) return this.orderedCache;
    if (this.dead > 0) this.compact();
    const out: Match[] = [];
    for (const g of this.groups) for (const m of g.matches) out.push(m);
    this.orderedCache = out;
    return out;
  }

  /** How many times each pattern occurs (the popup's "on this page"). */
  counts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const m of this.ordered()) counts.set(m.pattern, (counts.get(m.pattern) ?? 0) + 1);
    return counts;
  }

  /** Drop groups whose nodes left the page; returns how many were dropped. */
  sweepDisconnected(): number {
    let dropped = 0;
    for (const g of this.groups) {
      if (g.live && !g.matches.every((m) => m.startNode.isConnected && m.endNode.isConnected)) {
        this.kill(g, true);
        dropped++;
      }
    }
    return dropped;
  }

  private index(byNode: Map<Text, Match[]>, node: Text, m: Match, group: Group): void {
    let list = byNode.get(node);
    if (list && list[0]!.group !== group) {
      this.kill(list[0]!.group, true);
      list = undefined;
    }
    if (list) list.push(m);
    else byNode.set(node, [m]);
  }

  private kill(group: Group, fromOwner: boolean): void {
    if (!group.live) return;
    group.live = false;
    this.dead++;
    for (const m of group.matches) {
      // A node belongs to one run, so its whole list goes with the group.
      forEachNode(m, (node) => {
        if (this.byNode.get(node)?.[0]?.group === group) this.byNode.delete(node);
      });
    }
    if (fromOwner) {
      const list = this.byOwner.get(group.owner);
      if (list) {
        const rest = list.filter((g) => g !== group);
        if (rest.length > 0) this.byOwner.set(group.owner, rest);
        else this.byOwner.delete(group.owner);
      }
    }
    this.orderedCache = null;
    this.version++;
  }

  private compact(): void {
    this.groups = this.groups.filter((g) => g.live);
    this.dead = 0;
  }

  /** Keep `groups` in document order: append in the common case, binary-search insert otherwise. */
  private insert(group: Group): void {
    if (!this.appendOnly && this.dead > 0) this.compact();
    const last = this.groups[this.groups.length - 1];
    if (this.appendOnly || !last) {
      this.groups.push(group);
      return;
    }
    const node = group.matches[0]!.startNode;
    if (compareTreeOrder(last.matches[0]!.startNode, node) <= 0) {
      this.groups.push(group);
      return;
    }
    let lo = 0;
    let hi = this.groups.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTreeOrder(this.groups[mid]!.matches[0]!.startNode, node) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.groups.splice(lo, 0, group);
  }
}

function forEachNode(m: Match, fn: (node: Text) => void): void {
  fn(m.startNode);
  if (m.middle) for (const n of m.middle) fn(n);
  if (m.endNode !== m.startNode) fn(m.endNode);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
