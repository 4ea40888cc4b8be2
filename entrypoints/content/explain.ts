// The hover card's behaviour: find the term under the pointer (from stored matches, no re-matching),
// show the card after a short delay, keep it while the pointer is on it, hide it after a grace
// period, on Esc, on scrolling away and on navigation. Also the keyboard command and Tab/Esc focus.
import type { PatternKind } from '../../lib/glossary/compile';
import type { Rect } from '../../lib/card/place';
import type { Matcher } from '../../lib/matcher/types';
import { matchRects } from '../../lib/scan/dom';
import type { HitTester } from '../../lib/scan/hit-test';
import type { Match, MatchStore } from '../../lib/scan/match-store';
import type { Protocol } from '../../lib/protocol';
import { silenceScope } from '../../lib/card/silence';
import { trustedOnly } from '../../lib/card/trusted';
import { DEFAULT_CARD_PREFS, parseCardPrefs, type CardPrefs } from '../../lib/settings/card';
import { cardPrefsItem } from '../../utils/card-prefs';
import { addSilenced, removeKnownTerms, removeSilenced } from '../../utils/known-terms';
import { send } from '../../utils/messaging';
import type { CardContent, CardHost } from './card-api';
import { loadCardModule } from './card-loader';

/** The default pause before the card opens (the options page may choose another, or a modifier key). */
export const SHOW_DELAY_MS = 300;
export const HIDE_GRACE_MS = 300;
/** After "I know this" or "Not here" the card stays this long with its Undo. */
export const UNDO_MS = 6000;

type Lookup = Protocol['lookup']['response'];

export interface ExplainerOptions {
  doc: Document;
  store: MatchStore;
  matcher: Matcher;
  hits: HitTester;
  host: string;
  /** The site adapter's preferred site, for choosing the first sense. */
  site: () => string;
  /** "I know this" on the card: these (lower-case) keys stop being highlighted. */
  onKnow(keys: string[]): void;
  /** Why a match is highlighted, when it was not obvious (the scan's evidence). */
  reasonFor?(match: Match): string | null;
}

interface Target {
  key: string;
  kind: PatternKind;
  surface: string;
  /** Where the card goes; recomputed on scroll. */
  anchor: () => Rect | null;
  match: Match | null;
  /** Why it is highlighted, when the scan says. */
  reason?: string;
  /** Selected words no pack matches: the card says so and offers to suggest them. */
  unknown?: true;
}

export class Explainer {
  private readonly o: ExplainerOptions;
  private card: CardHost | null = null;
  private cardPromise: Promise<CardHost | null> | null = null;
  private readonly lookups = new Map<string, Promise<Lookup>>();
  private readonly abort = new AbortController();
  private pointer: { x: number; y: number; target: EventTarget | null; shift: boolean; alt: boolean } | null = null;
  /** When the card opens (the options page's choice). */
  private prefs: CardPrefs = DEFAULT_CARD_PREFS;
  private frame = 0;
  /** The match under the pointer now. */
  private over: Match | null = null;
  /** What the card shows (or is about to show). */
  private shown: Target | null = null;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private pointerInCard = false;
  private returnFocus: HTMLElement | null = null;
  /** Bumped whenever what should be shown changes, so late look-ups are dropped. */
  private generation = 0;
  private destroyed = false;

  constructor(options: ExplainerOptions) {
    this.o = options;
    const { doc } = options;
    const signal = this.abort.signal;
    const view = doc.defaultView ?? window;
    // Pointer and keys: the user's own input only, never a page script's synthetic events.
    doc.addEventListener(
      'pointermove',
      trustedOnly((e: PointerEvent) => this.onPointerMove(e)),
      { capture: true, passive: true, signal },
    );
    doc.documentElement.addEventListener(
      'pointerleave',
      trustedOnly(() => this.onPointerOff()),
      { passive: true, signal },
    );
    view.addEventListener(
      'keydown',
      trustedOnly((e: KeyboardEvent) => this.onKeyDown(e)),
      { capture: true, signal },
    );
    view.addEventListener('scroll', () => this.onScroll(), { capture: true, passive: true, signal });
    view.addEventListener('resize', () => this.onScroll(), { passive: true, signal });
    view.addEventListener(
      'keyup',
      trustedOnly((e: KeyboardEvent) => this.onModifier(e, false)),
      { capture: true, passive: true, signal },
    );
    void Promise.resolve()
      .then(() => cardPrefsItem.getValue())
      .then(
        (v) => (this.prefs = parseCardPrefs(v)),
        () => undefined,
      );
    const unwatch = (() => {
      try {
        return cardPrefsItem.watch((v) => (this.prefs = parseCardPrefs(v)));
      } catch {
        return () => undefined;
      }
    })();
    signal.addEventListener('abort', unwatch);
  }

  /** Holding (or letting go of) the chosen modifier key over a term opens (or stops opening) the card. */
  private onModifier(e: KeyboardEvent, down: boolean): void {
    if (!this.pointer || this.prefs.modifier === 'none') return;
    if ((e.key === 'Shift' && this.prefs.modifier === 'shift') || (e.key === 'Alt' && this.prefs.modifier === 'alt')) {
      this.pointer = {
        ...this.pointer,
        shift: e.key === 'Shift' ? down : this.pointer.shift,
        alt: e.key === 'Alt' ? down : this.pointer.alt,
      };
      if (!this.frame) this.frame = requestAnimationFrame(() => this.check());
    }
  }

  get visible(): boolean {
    return this.card?.visible ?? false;
  }

  destroy(): void {
    this.destroyed = true;
    // A card or look-up still on its way must not show up after the session ended.
    this.generation++;
    this.abort.abort();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.card?.destroy();
    this.card = null;
  }

  /** Hide the card (navigation, the site turned off). */
  hide(restoreFocus = false): void {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    this.generation++;
    const hadFocus = this.card?.hasFocus() ?? false;
    this.card?.hide();
    this.shown = null;
    this.pointerInCard = false;
    if ((restoreFocus || hadFocus) && this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }

  /** Forget cached look-ups (the packs changed). */
  resetLookups(): void {
    this.lookups.clear();
  }

  // ---- pointer ------------------------------------------------------------------------------------

  private onPointerMove(e: PointerEvent): void {
    this.pointer = { x: e.clientX, y: e.clientY, target: e.target, shift: e.shiftKey, alt: e.altKey };
    // One hit test per frame at most, however fast the pointer moves.
    if (!this.frame) this.frame = requestAnimationFrame(() => this.check());
  }

  private check(): void {
    this.frame = 0;
    const p = this.pointer;
    if (!p) return;
    if (this.card?.contains(p.target)) {
      this.onCardPointer(true);
      return;
    }
    const match = this.o.hits.at(p.x, p.y);
    const held = this.prefs.modifier === 'none' || (this.prefs.modifier === 'shift' ? p.shift : p.alt);
    if (match && held) this.onPointerOver(match);
    else if (match && this.visible) clearTimeout(this.hideTimer);
    else this.onPointerOff();
  }

  private onPointerOver(match: Match): void {
    clearTimeout(this.hideTimer);
    if (this.shown?.match === match && this.visible) return;
    if (this.over === match) return;
    this.over = match;
    clearTimeout(this.showTimer);
    // Start fetching the card's code and the senses now: the delay hides their latency.
    void this.ensureCard().catch(() => undefined);
    void this.lookup(this.o.matcher.keyOf(match.pattern)).catch(() => undefined);
    this.showTimer = setTimeout(() => {
      if (this.over === match) void this.show(this.targetFor(match), false);
    }, this.prefs.openDelayMs);
  }

  private onPointerOff(): void {
    this.over = null;
    clearTimeout(this.showTimer);
    if (this.visible && !this.pointerInCard) this.scheduleHide();
  }

  private onCardPointer(inside: boolean): void {
    this.pointerInCard = inside;
    if (inside) {
      this.over = null;
      clearTimeout(this.showTimer);
      clearTimeout(this.hideTimer);
    } else if (this.visible) this.scheduleHide();
  }

  private scheduleHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      // Keyboard users keep the card while focus is in it.
      if (!this.pointerInCard && !this.card?.hasFocus()) this.hide();
    }, HIDE_GRACE_MS);
  }

  // ---- keyboard -----------------------------------------------------------------------------------

  private onKeyDown(e: KeyboardEvent): void {
    this.onModifier(e, true);
    if (!this.visible) return;
    if (e.key === 'Escape') {
      const focused = this.card?.hasFocus() ?? false;
      this.hide(true);
      if (focused) {
        // Esc was meant for the card, not for the page's own dialogs.
        e.preventDefault();
        e.stopPropagation();
      }
    } else if (e.key === 'Tab' && !e.shiftKey && !this.card?.hasFocus() && !isEditable(deepActiveElement(this.o.doc))) {
      // Tab is never taken from an editable field: it moves to the field's next control as always.
      // Tab moves into the open card first.
      this.returnFocus = deepActiveElement(this.o.doc);
      if (this.card?.focusFirst()) e.preventDefault();
    }
  }

  private onScroll(): void {
    if (!this.visible || !this.shown) return;
    const anchor = this.shown.anchor();
    const height = this.o.doc.defaultView?.innerHeight ?? 0;
    if (!anchor || anchor.bottom < 0 || anchor.top > height) this.hide();
    else this.card?.reposition(anchor);
  }

  // ---- showing ------------------------------------------------------------------------------------

  private targetFor(match: Match): Target {
    const { doc, matcher } = this.o;
    const pointer = this.pointer;
    return {
      key: matcher.keyOf(match.pattern),
      kind: matcher.kindOf(match.pattern),
      surface: match.text,
      match,
      ...((reason) => (reason ? { reason } : {}))(this.o.reasonFor?.(match) ?? null),
      anchor: () => {
        const rects = matchRects(doc, match);
        if (rects.length === 0) return null;
        // The line under the pointer when the match wraps, otherwise its first line.
        const under = pointer && rects.find((r) => pointer.y >= r.top && pointer.y <= r.bottom);
        return under ?? rects[0]!;
      },
    };
  }

  private lookup(key: string, surface?: string): Promise<Lookup> {
    let found = this.lookups.get(key);
    if (!found) {
      found = send('lookup', {
        key,
        host: this.o.host,
        site: this.o.site(),
        url: this.o.doc.location?.href ?? '',
        ...(surface !== undefined ? { surface } : {}),
      });
      this.lookups.set(key, found);
      found.catch(() => this.lookups.delete(key));
    }
    return found;
  }

  /** The card, loaded on first use; null once the session has ended (nothing is added to the page then). */
  private ensureCard(): Promise<CardHost | null> {
    if (this.card) return Promise.resolve(this.card);
    this.cardPromise ??= loadCardModule().then((module) => {
      if (this.destroyed) return null;
      this.card = module.createCardHost(this.o.doc, {
        onKnow: (content) => this.know(content),
        onNotHere: (content) => this.notHere(content),
        onRelated: (term) => void this.showRelated(term),
        onClose: () => this.hide(true),
        onPointer: (inside) => this.onCardPointer(inside),
      });
      return this.card;
    });
    this.cardPromise.catch(() => {
      this.cardPromise = null;
    });
    return this.cardPromise;
  }

  private async show(target: Target, focus: boolean): Promise<boolean> {
    const generation = ++this.generation;
    clearTimeout(this.hideTimer);
    const [card, result] = await Promise.all([this.ensureCard(), this.lookup(target.key, target.unknown ? target.surface : undefined)]);
    if (generation !== this.generation || !card) return false;
    const anchor = target.anchor();
    if (!anchor || (result.senses.length === 0 && !target.unknown)) return false;
    const updates = result.extras?.updates;
    const content: CardContent = {
      key: target.key,
      kind: target.kind,
      surface: target.surface,
      senses: result.senses,
      packNames: result.packNames,
      ...(result.packHomepages ? { packHomepages: result.packHomepages } : {}),
      ...(target.reason ? { reason: target.reason } : {}),
      hereLabel: silenceScope(new URL(this.o.doc.location?.href ?? `https://${this.o.host}/`)),
      ...(result.extras ? { extras: result.extras } : {}),
    };
    card.show(content, anchor);
    // An "updated" note shows once: forgotten here and in the background as soon as a card showed it.
    if (updates && result.extras) {
      const { updates: _shown, ...rest } = result.extras;
      result.extras = rest;
      void send('seenUpdates', { ids: Object.keys(updates) }).catch(() => undefined);
    }
    this.shown = target;
    if (focus) {
      this.returnFocus = deepActiveElement(this.o.doc);
      card.focus();
    }
    return true;
  }

  /** The keys one dismissal covers: the matched key, and for a term its headword and aliases. */
  private keysOf(content: CardContent): string[] {
    const keys = [content.key];
    const first = content.senses[0];
    if (first && content.kind === 'term') for (const text of [first.term, ...first.aliases]) keys.push(`term:${text}`);
    return keys.map((k) => k.toLowerCase());
  }

  private know(content: CardContent): () => void {
    const keys = this.keysOf(content);
    this.o.onKnow(keys);
    this.linger();
    return () => void removeKnownTerms(keys).catch(() => undefined);
  }

  private notHere(content: CardContent): () => void {
    const keys = this.keysOf(content);
    const scope = content.hereLabel ?? this.o.host;
    void addSilenced(keys, scope);
    this.linger();
    return () => void removeSilenced(keys, scope).catch(() => undefined);
  }

  /** Keep the card (with its Undo) a while, then hide it unless the pointer or focus is in it. */
  private linger(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (!this.pointerInCard && !this.card?.hasFocus()) this.hide();
    }, UNDO_MS);
  }

  /** A related term from the card: its entry in the same place. */
  private async showRelated(term: string): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const lower = `term:${term.toLowerCase()}`;
    let key = lower;
    const found = await this.lookup(lower).catch(() => null);
    if (!found || found.senses.length === 0) key = `term:${term}`;
    await this.show({ ...shown, key, kind: 'term', surface: term }, true);
  }

  // ---- the keyboard command -----------------------------------------------------------------------

  /** Explain the selected text, or the term at the caret; the card opens focused. */
  async explainSelection(): Promise<boolean> {
    const target = this.selectionTarget();
    if (!target) return false;
    this.over = null;
    clearTimeout(this.showTimer);
    return this.show(target, true);
  }

  private selectionTarget(): Target | null {
    const { doc, store, matcher } = this.o;
    const field = deepActiveElement(doc);
    // Text fields keep their selection out of the document's Selection.
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      const start = field.selectionStart ?? 0;
      const end = field.selectionEnd ?? start;
      const found = start === end ? matchAround(matcher, field.value, start) : firstMatch(matcher, field.value.slice(start, end));
      if (!found) return null;
      return this.textTarget(found.text, found.pattern, () => field.getBoundingClientRect());
    }
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0).cloneRange();
    // A stored match at the selection's start is exact (it crosses elements where needed).
    const atStart = store.at(range.startContainer, range.startOffset).find((m) => m.group.live);
    const inside = !range.collapsed && atStart && range.toString().includes(atStart.text.trim()) ? atStart : null;
    if (range.collapsed && atStart) return this.targetFor(atStart);
    if (inside) return this.targetFor(inside);
    const node = range.startContainer;
    const found = range.collapsed
      ? node.nodeType === 3
        ? matchAround(matcher, (node as Text).data, range.startOffset)
        : null
      : firstMatch(matcher, range.toString());
    const anchor = () => {
      const r = range.getBoundingClientRect();
      return r.width === 0 && r.height === 0 ? null : r;
    };
    if (!found) return range.collapsed ? null : this.unknownTarget(range.toString(), anchor);
    return this.textTarget(found.text, found.pattern, anchor);
  }

  /** Selected words no pack knows: a few words, not a paragraph, get the "No entry" card and its suggestions. */
  private unknownTarget(text: string, anchor: () => Rect | null): Target | null {
    const words = text.replace(/\s+/g, ' ').trim();
    if (words.length === 0 || words.length > 80 || words.split(' ').length > 6) return null;
    return { key: `term:${words.toLowerCase()}`, kind: 'term', surface: words, anchor, match: null, unknown: true };
  }

  private textTarget(surface: string, pattern: number, anchor: () => Rect | null): Target {
    const { matcher } = this.o;
    return { key: matcher.keyOf(pattern), kind: matcher.kindOf(pattern), surface, anchor, match: null };
  }
}

/** Text the user is typing in: Tab there belongs to the page. */
function isEditable(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio', 'image'].includes(el.type);
  return el.isContentEditable;
}

/** The focused element, looking into open shadow roots. */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== doc.body ? active : null;
}

function firstMatch(matcher: Matcher, text: string): { text: string; pattern: number } | null {
  const m = matcher.findAll(text)[0];
  return m ? { text: text.slice(m.start, m.end), pattern: m.pattern } : null;
}

/** The match covering a caret, looking at enough context around it for multi-word terms. */
function matchAround(matcher: Matcher, text: string, offset: number): { text: string; pattern: number } | null {
  const from = Math.max(0, offset - 64);
  const slice = text.slice(from, offset + 64);
  const at = offset - from;
  const m = matcher.findAll(slice).find((x) => x.start <= at && at <= x.end);
  return m ? { text: slice.slice(m.start, m.end), pattern: m.pattern } : null;
}
