// Document order across shadow trees: compareDocumentPosition only orders nodes of the same tree.

const PRECEDING = 0x02;
const FOLLOWING = 0x04;

/** The node, then the host of each shadow tree it is in, out to the document tree. */
function hostChain(node: Node): Node[] {
  const chain = [node];
  let root = node.getRootNode();
  while ((root as ShadowRoot).host) {
    const host = (root as ShadowRoot).host;
    chain.push(host);
    root = host.getRootNode();
  }
  return chain.reverse();
}

/** Negative when `a` comes first in the flattened document order, positive when after, 0 when equal or unrelated. */
export function compareTreeOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  if (a.getRootNode() !== b.getRootNode()) {
    const ca = hostChain(a);
    const cb = hostChain(b);
    let i = 0;
    while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
    // One is the host of the other's shadow tree: the host comes first.
    if (i === ca.length) return -1;
    if (i === cb.length) return 1;
    a = ca[i]!;
    b = cb[i]!;
  }
  const pos = a.compareDocumentPosition(b);
  if (pos & FOLLOWING) return -1;
  if (pos & PRECEDING) return 1;
  return 0;
}
