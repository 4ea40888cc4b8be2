// The page's card: a <termlens-card> element with a closed shadow root holding its styles and a React
// root. It is the only element Termlens adds to a page (the highlight rules come with the content
// script's own stylesheet); it is created on first use and hidden (not removed) between uses.
// The page's scripts share the document: the root is closed and the host carries no attribute
// naming the term, so they can neither read what the card says nor reach its buttons.
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { pageTheme } from '../lib/card/page-theme';
import { placeCard, type Rect } from '../lib/card/place';
import { CARD_INPUT_EVENTS, stopUntrusted, trustedOnly } from '../lib/card/trusted';
import type { IndexEntry, PatternKind } from '../lib/glossary/compile';
import type { CardExtras } from '../lib/protocol';
import { CARD_TAG } from '../lib/scan/classify';
import { TERM_CARD_CSS } from './term-card-css';
import { headwordOf, TermCard } from './TermCard';

export interface CardContent {
  /** The matcher key of the word (what "I know this" dismisses). */
  key: string;
  surface: string;
  kind: PatternKind;
  senses: IndexEntry[];
  packNames: Record<string, string>;
  /** Pack id → homepage, for `see` paths. */
  packHomepages?: Record<string, string>;
  /** Why the word is highlighted here, one line. */
  reason?: string;
  /** Where "Not here" applies (the host, or `github.com/owner/repo`). */
  hereLabel?: string;
  /** Each pack's home, suggestion links and "updated" notes (lib/protocol.ts CardExtras). */
  extras?: CardExtras;
}

export interface CardHandlers {
  /** Returns what undoes it. */
  onKnow?(content: CardContent): (() => void) | void;
  onNotHere?(content: CardContent): (() => void) | void;
  /** A related term was chosen on the card. */
  onRelated?(term: string): void;
  onClose?(): void;
  /** The pointer entered (true) or left (false) the card. */
  onPointer?(inside: boolean): void;
}

export interface CardHost {
  readonly visible: boolean;
  readonly content: CardContent | null;
  /** The host element, once created. */
  readonly element: HTMLElement | null;
  show(content: CardContent, anchor: Rect): void;
  /** Move next to a new anchor position (the page scrolled). */
  reposition(anchor: Rect): void;
  hide(): void;
  /** Whether an event target (retargeted to the host outside the shadow root) is the card. */
  contains(target: EventTarget | null): boolean;
  /** Focus the card itself (keyboard users start there); returns false when hidden. */
  focus(): boolean;
  /** Focus the first control inside the card (Tab from the page). */
  focusFirst(): boolean;
  /** Whether focus is inside the card. */
  hasFocus(): boolean;
  destroy(): void;
}

declare const __TERMLENS_TEST__: boolean | undefined;
/** The e2e tests' builds (TERMLENS_TEST=1, `npm run test:e2e`). */
const TEST_BUILD = typeof __TERMLENS_TEST__ !== 'undefined' && __TERMLENS_TEST__;

/**
 * The card's shadow root mode: closed in every build a user gets. The e2e tests' builds open it,
 * because the tests read the card from the page's main world, where a closed root is out of reach.
 */
export function cardShadowMode(testBuild: boolean = TEST_BUILD): ShadowRootMode {
  return testBuild ? 'open' : 'closed';
}

const HOST_STYLE = 'all: initial; position: fixed; left: 0; top: 0; z-index: 2147483647; display: block;';

export function createCardHost(doc: Document, handlers: CardHandlers = {}): CardHost {
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  let root: Root | null = null;
  let content: CardContent | null = null;
  let visible = false;

  const ensure = () => {
    if (!host) {
      host = doc.createElement(CARD_TAG);
      host.setAttribute('style', `${HOST_STYLE} visibility: hidden;`);
      shadow = host.attachShadow({ mode: cardShadowMode() });
      const style = doc.createElement('style');
      style.textContent = TERM_CARD_CSS;
      const container = doc.createElement('div');
      shadow.append(style, container);
      // The card's controls ("I know this", "Not here", Undo, links) act on the user's input only.
      for (const type of CARD_INPUT_EVENTS) shadow.addEventListener(type, stopUntrusted, { capture: true });
      root = createRoot(container);
      host.addEventListener(
        'pointerenter',
        trustedOnly(() => handlers.onPointer?.(true)),
      );
      host.addEventListener(
        'pointerleave',
        trustedOnly(() => handlers.onPointer?.(false)),
      );
    }
    // A page may have re-rendered its root: put the host back.
    if (!host.isConnected) doc.documentElement.append(host);
    return { host, shadow: shadow!, root: root! };
  };

  const dialog = () => shadow?.querySelector<HTMLElement>('.tl-root') ?? null;

  const place = (anchor: Rect) => {
    const el = dialog();
    if (!host || !el) return;
    const view = doc.defaultView;
    const viewport = { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 };
    el.style.maxHeight = '';
    const box = el.getBoundingClientRect();
    const p = placeCard(anchor, { width: box.width, height: box.height }, viewport);
    // A preview, not a document: never taller than 320 px, whatever the room.
    el.style.maxHeight = `${Math.floor(Math.min(320, p.maxHeight))}px`;
    host.setAttribute('style', `${HOST_STYLE} left: ${Math.round(p.left)}px; top: ${Math.round(p.top)}px;`);
  };

  const api: CardHost = {
    get visible() {
      return visible;
    },
    get content() {
      return content;
    },
    get element() {
      return host;
    },
    show(next, anchor) {
      const parts = ensure();
      content = next;
      visible = true;
      const first = next.senses[0];
      const label = `Termlens: ${first ? headwordOf(first) : next.surface}`;
      parts.host.setAttribute('style', `${HOST_STYLE} visibility: hidden;`);
      flushSync(() => {
        parts.root.render(
          <div className="tl-root" role="dialog" aria-label={label} tabIndex={-1} data-theme={pageTheme(doc)}>
            <TermCard
              senses={next.senses}
              packNames={next.packNames}
              surface={next.surface}
              kind={next.kind}
              packHomepages={next.packHomepages}
              reason={next.reason}
              hereLabel={next.hereLabel}
              extras={next.extras}
              onKnow={handlers.onKnow ? () => handlers.onKnow?.(next) : undefined}
              onNotHere={handlers.onNotHere ? () => handlers.onNotHere?.(next) : undefined}
              onRelated={handlers.onRelated ? (term) => handlers.onRelated?.(term) : undefined}
              onClose={() => handlers.onClose?.()}
            />
          </div>,
        );
      });
      place(anchor);
    },
    reposition(anchor) {
      if (visible) place(anchor);
    },
    hide() {
      if (!visible || !host) return;
      visible = false;
      content = null;
      // A hidden card must not keep focus: the browser would only move it out at its next style update.
      (shadow?.activeElement as HTMLElement | null)?.blur();
      host.setAttribute('style', `${HOST_STYLE} display: none;`);
    },
    contains(target) {
      return host !== null && target instanceof Node && (target === host || host.contains(target) || (shadow?.contains(target) ?? false));
    },
    focus() {
      const el = dialog();
      if (!visible || !el) return false;
      el.focus();
      return true;
    },
    focusFirst() {
      const el = dialog();
      if (!visible || !el) return false;
      const first = el.querySelector<HTMLElement>('a[href], button, [tabindex]:not([tabindex="-1"])');
      (first ?? el).focus();
      return true;
    },
    hasFocus() {
      return visible && shadow !== null && shadow.activeElement !== null;
    },
    destroy() {
      root?.unmount();
      host?.remove();
      host = null;
      shadow = null;
      root = null;
      visible = false;
      content = null;
    },
  };
  return api;
}
