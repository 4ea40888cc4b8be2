// The hover card's controller (entrypoints/content/explain.ts): around the end of a session, a card
// or look-up still on its way when the session stops must not put anything on the page; and a page's
// synthetic pointer and key events open, move or close nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { patternKey, type MatcherPattern } from '../../lib/glossary/compile';
import { buildMatcher } from '../../lib/matcher';
import type { HitTester } from '../../lib/scan/hit-test';
import { MatchStore, type Match } from '../../lib/scan/match-store';
import type { CardHost, CardModule } from '../../entrypoints/content/card-api';
import { loadCardModule } from '../../entrypoints/content/card-loader';
import { Explainer } from '../../entrypoints/content/explain';
import { send } from '../../utils/messaging';

vi.mock('../../entrypoints/content/card-loader', () => ({ loadCardModule: vi.fn() }));
vi.mock('../../utils/messaging', () => ({ send: vi.fn() }));

const pattern = (text: string): MatcherPattern => ({
  text,
  kind: 'term',
  caseSensitive: false,
  prefix: false,
  key: patternKey('term', text, false),
});
const matcher = buildMatcher([pattern('kubelet')]);

function fakeCard(): CardHost {
  return { show: vi.fn(), hide: vi.fn(), focus: vi.fn(), hasFocus: () => false, destroy: vi.fn(), visible: false } as unknown as CardHost;
}

let resolveModule: (m: CardModule) => void;
let createCardHost: ReturnType<typeof vi.fn>;

beforeEach(() => {
  document.body.innerHTML = '<input id="field" value="the kubelet runs">';
  const field = document.querySelector<HTMLInputElement>('#field')!;
  field.focus();
  field.setSelectionRange(6, 6);
  const card = fakeCard();
  createCardHost = vi.fn(() => card);
  vi.mocked(loadCardModule).mockReturnValue(new Promise((done) => (resolveModule = done)));
  vi.mocked(send).mockResolvedValue({ senses: [{ term: 'kubelet', aliases: [], definition: 'The node agent.' }], packNames: {} } as never);
});
afterEach(() => vi.clearAllMocks());

const explainer = () =>
  new Explainer({
    doc: document,
    store: new MatchStore(),
    matcher,
    hits: {} as HitTester,
    host: 'example.com',
    site: () => 'generic',
    onKnow: vi.fn(),
  });

describe('Explainer', () => {
  it('shows the card for the term at the caret once the card script has loaded', async () => {
    const e = explainer();
    const shown = e.explainSelection();
    resolveModule({ createCardHost } as unknown as CardModule);
    expect(await shown).toBe(true);
    expect(createCardHost).toHaveBeenCalledTimes(1);
    expect(vi.mocked(send)).toHaveBeenCalledWith('lookup', expect.objectContaining({ key: 'term:kubelet' }));
    const card = createCardHost.mock.results[0]!.value as CardHost;
    expect(card.show).toHaveBeenCalledTimes(1);
    e.destroy();
    expect(card.destroy).toHaveBeenCalled();
  });

  it('adds no card to the page when the session ended while the card script was loading', async () => {
    const e = explainer();
    const shown = e.explainSelection();
    e.destroy();
    resolveModule({ createCardHost } as unknown as CardModule);
    expect(await shown).toBe(false);
    expect(createCardHost).not.toHaveBeenCalled();
  });
});

/** An event as the browser makes it from real input (happy-dom has no `isTrusted`; browsers set it). */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

const nextFrame = () => new Promise((done) => requestAnimationFrame(() => done(undefined)));

describe("Explainer and the page's own events", () => {
  it('hit-tests and starts the look-up for a real pointer over a term, never for a synthetic one', async () => {
    const match = { pattern: 0, text: 'kubelet' } as unknown as Match;
    const at = vi.fn(() => match);
    const e = new Explainer({
      doc: document,
      store: new MatchStore(),
      matcher,
      hits: { at } as unknown as HitTester,
      host: 'example.com',
      site: () => 'generic',
      onKnow: vi.fn(),
    });
    const move = () => new PointerEvent('pointermove', { clientX: 12, clientY: 34, bubbles: true });
    document.body.dispatchEvent(move());
    document.body.dispatchEvent(new MouseEvent('mouseover', { clientX: 12, clientY: 34, bubbles: true }));
    await nextFrame();
    await nextFrame();
    expect(at).not.toHaveBeenCalled();
    expect(vi.mocked(send)).not.toHaveBeenCalled();
    expect(vi.mocked(loadCardModule)).not.toHaveBeenCalled();

    document.body.dispatchEvent(trusted(move()));
    await nextFrame();
    await nextFrame();
    expect(at).toHaveBeenCalledWith(12, 34);
    expect(vi.mocked(send)).toHaveBeenCalledWith('lookup', expect.objectContaining({ key: 'term:kubelet' }));
    expect(vi.mocked(loadCardModule)).toHaveBeenCalledTimes(1);
    e.destroy();
  });

  it("closes the open card on the user's Esc, not on a synthetic one", async () => {
    let visible = false;
    const card = {
      ...fakeCard(),
      show: vi.fn(() => (visible = true)),
      hide: vi.fn(() => (visible = false)),
      get visible() {
        return visible;
      },
    } as unknown as CardHost;
    const e = explainer();
    const shown = e.explainSelection();
    resolveModule({ createCardHost: () => card } as unknown as CardModule);
    expect(await shown).toBe(true);
    expect(e.visible).toBe(true);
    const esc = () => new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    window.dispatchEvent(esc());
    document.body.dispatchEvent(esc());
    expect(card.hide).not.toHaveBeenCalled();
    expect(e.visible).toBe(true);
    window.dispatchEvent(trusted(esc()));
    expect(card.hide).toHaveBeenCalledTimes(1);
    expect(e.visible).toBe(false);
    e.destroy();
  });
});
