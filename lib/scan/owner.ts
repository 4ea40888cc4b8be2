// Which block a changed node's text belongs to, or null when it sits in a region that is never
// scanned (script, editable, hidden, Termlens's own UI). Memoised for one batch of mutations.
import { BREAK, classifyWithShadow, SKIP, type ExcludeRule } from './classify';

interface Resolved {
  skip: boolean;
  owner: Node;
}

const SKIPPED: Resolved = { skip: true, owner: null as unknown as Node };

export class OwnerResolver {
  private readonly memo = new Map<Node, Resolved>();
  private readonly exclude?: ExcludeRule;

  constructor(exclude?: ExcludeRule) {
    this.exclude = exclude;
  }

  /** The block (or shadow root, or document) whose runs contain `node`'s inline content. */
  ownerOf(node: Node): Node | null {
    const r = this.resolve(node);
    return r.skip ? null : r.owner;
  }

  /** Whether `node` itself would be scanned (not skipped, not inside a skipped element). */
  isScanned(node: Node): boolean {
    return !this.resolve(node).skip;
  }

  private resolve(node: Node): Resolved {
    const cached = this.memo.get(node);
    if (cached) return cached;
    let result: Resolved;
    if (node.nodeType === 9) {
      result = { skip: false, owner: node };
    } else if (node.nodeType === 11) {
      const host = (node as ShadowRoot).host;
      result = host ? (this.resolve(host).skip ? SKIPPED : { skip: false, owner: node }) : SKIPPED;
    } else if (node.nodeType === 1) {
      const element = node as Element;
      const parent = element.parentNode;
      if (!parent) result = SKIPPED;
      else {
        const up = this.resolve(parent);
        if (up.skip) result = SKIPPED;
        else {
          const cls = classifyWithShadow(element, this.exclude);
          result = cls === SKIP ? SKIPPED : cls === BREAK ? { skip: false, owner: element } : { skip: false, owner: up.owner };
        }
      }
    } else {
      // Text and other leaves take their parent's place.
      result = node.parentNode ? this.resolve(node.parentNode) : SKIPPED;
    }
    this.memo.set(node, result);
    return result;
  }
}
