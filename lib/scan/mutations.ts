// Turn a batch of MutationRecords into the few scopes that need scanning again, and drop the data
// of removed text. Only what changed is rescanned: the changed block's own runs (shallow) and added
// subtrees (deep; many additions to a small block: the block).
import { classify, classifyWithShadow, INLINE, SKIP, type ExcludeRule } from './classify';
import type { MatchStore } from './match-store';
import { OwnerResolver } from './owner';
import type { Scope } from './walker';

export interface MutationPlan {
  scopes: Scope[];
  /** Text nodes (or, after a sweep, runs) whose data was dropped because they left the page. */
  removed: number;
}

const SHOW_TEXT = 0x4;
/** Above this many removed elements, sweep the stored matches instead of walking the removed tree. */
const BIG_SUBTREE = 2000;
/**
 * Nodes added under one block are scanned as one walk of that block (one walker, one placement in the
 * store) rather than one walk each, when the block is small next to what was added: at most this many
 * elements per added node, plus BATCH_SLACK (so appending to a long list does not rescan the list).
 */
const BATCH_FACTOR = 2;
const BATCH_SLACK = 64;

export function planMutations(records: readonly MutationRecord[], store: MatchStore, exclude?: ExcludeRule): MutationPlan {
  const owners = new OwnerResolver(exclude);
  const shallow = new Set<Node>();
  const deep = new Set<Node>();
  const nested = new Map<Node, Node>();
  let removed = 0;
  /** Nodes added directly under a block, by block. */
  const underBlock = new Map<Node, NodeList[]>();

  const addNode = (node: Node, owner: Node) => {
    if (!node.isConnected) return;
    if (node.nodeType === 3) {
      shallow.add(owner);
    } else if (node.nodeType === 1) {
      const element = node as Element;
      const cls = classifyWithShadow(element, exclude);
      if (cls === SKIP) return;
      if (cls === INLINE) {
        shallow.add(owner);
        if (element.firstElementChild) nested.set(element, owner);
      } else {
        deep.add(element);
      }
    }
  };

  let sweep = false;
  const dropSubtree = (node: Node) => {
    if (node.isConnected || store.nodeCount === 0 || sweep) return;
    if (node.nodeType === 3) {
      if (store.has(node as Text)) {
        store.removeNode(node as Text);
        removed++;
      }
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    // A whole page body going away (Turbo navigation, a framework remounting its root): checking the
    // stored matches is cheaper than walking everything that was removed.
    if ((node as Element).getElementsByTagName?.('*').length > BIG_SUBTREE) {
      sweep = true;
      return;
    }
    const walker = (node.ownerDocument ?? document).createTreeWalker(node, SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (store.has(t as Text)) {
        store.removeNode(t as Text);
        removed++;
      }
    }
  };

  for (const record of records) {
    const target = record.target;
    if (record.type === 'characterData') {
      if (!target.isConnected) continue;
      const owner = owners.ownerOf(target);
      if (owner) shallow.add(owner);
      continue;
    }
    if (record.type !== 'childList') continue;
    for (const node of record.removedNodes) dropSubtree(node);
    if (!target.isConnected) continue;
    const owner = owners.ownerOf(target);
    if (!owner) continue;
    if (record.removedNodes.length > 0) {
      // Text around a removed inline node may now join differently.
      for (const node of record.removedNodes) {
        if (node.nodeType === 3 || (node.nodeType === 1 && classify(node as Element, exclude) === INLINE)) {
          shallow.add(owner);
          break;
        }
      }
    }
    if (record.addedNodes.length === 0) continue;
    if (owner === target && target.nodeType === 1) {
      // Added straight under a block: decided below, once every record of the batch is seen.
      const lists = underBlock.get(target);
      if (lists) lists.push(record.addedNodes);
      else underBlock.set(target, [record.addedNodes]);
      continue;
    }
    for (const node of record.addedNodes) addNode(node, owner);
  }

  for (const [block, lists] of underBlock) {
    if (deep.has(block)) continue;
    // Added nodes, texts included (counting elements alone would cost a DOM call per node).
    let added = 0;
    for (const list of lists) added += list.length;
    // item(n) walks only n elements: a bounded look at the block's size.
    if (added > 1 && !(block as Element).getElementsByTagName('*').item(added * BATCH_FACTOR + BATCH_SLACK)) {
      deep.add(block);
      continue;
    }
    for (const list of lists) for (const node of list) addNode(node, block);
  }

  if (sweep) removed += store.sweepDisconnected();

  // A scope inside a deep scope is covered by it. Siblings share their ancestors: remember the answers.
  const coveredMemo = new Map<Node, boolean>();
  const covered = (node: Node): boolean => {
    const path: Node[] = [];
    let answer = false;
    for (let p = node.parentNode; p; p = p.parentNode) {
      const known = coveredMemo.get(p);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (deep.has(p)) {
        answer = true;
        break;
      }
      path.push(p);
    }
    for (const p of path) coveredMemo.set(p, answer);
    return answer;
  };
  const scopes: Scope[] = [];
  const many = deep.size > 0 && shallow.size + deep.size + nested.size > 1;
  for (const root of deep) if (!many || !covered(root)) scopes.push({ root, mode: 'deep' });
  for (const root of shallow) if (!deep.has(root) && (!many || !covered(root))) scopes.push({ root, mode: 'shallow' });
  for (const [root, outerOwner] of nested) if (!many || !covered(root)) scopes.push({ root, mode: 'nested', outerOwner });
  return { scopes, removed };
}
