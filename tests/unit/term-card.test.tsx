// The term card: what it shows for one sense, several senses and an avoid word, that glossary text
// stays text, and the page host (closed shadow root, no identifying attribute, dialog role and label,
// placement, the user's input only).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cardShadowMode, createCardHost } from '../../components/card-host';
import { TermCard } from '../../components/TermCard';
import type { IndexEntry } from '../../lib/glossary/compile';
import { placeCard } from '../../lib/card/place';

function entry(partial: Partial<IndexEntry> & Pick<IndexEntry, 'id' | 'packId' | 'term' | 'definition'>): IndexEntry {
  return { aliases: [], see: [], avoid: [], related: [], notes: [], sites: [], caseSensitive: false, match: 'word', ...partial };
}

const packNames = { k8s: 'Kubernetes production guide', homelab: 'Homelab infrastructure', platform: 'Platform guide' };

const secretK8s = entry({
  id: 'k8s/secret',
  packId: 'k8s',
  term: 'Secret',
  qualifier: 'Kubernetes',
  aliases: ['Secrets'],
  definition:
    'An object holding *small* amounts of sensitive data, mounted into a `Pod`. See [docs](https://kubernetes.io/docs/concepts/configuration/secret/).',
  see: ['Chapter 8', 'https://kubernetes.io/docs/concepts/configuration/secret/'],
  notes: ['Flagged ambiguity: also means a Vault secret.'],
});
const secretHomelab = entry({
  id: 'homelab/secret',
  packId: 'homelab',
  term: 'Secret',
  qualifier: 'Vault',
  definition: 'A value stored in Vault under `kv/`.',
});
const ingressAuth = entry({
  id: 'homelab/ingress-auth',
  packId: 'homelab',
  term: 'Ingress auth',
  definition: 'Authentication enforced at the Ingress by oauth2-proxy.',
  avoid: ['auth tier'],
});

afterEach(cleanup);

describe('TermCard', () => {
  it('shows the headword, aliases, definition with inline Markdown, pack, notes and references', () => {
    render(<TermCard senses={[secretK8s]} packNames={packNames} surface="Secret" expanded />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Secret (Kubernetes)');
    expect(screen.getByText('Kubernetes production guide')).toBeTruthy();
    expect(screen.getByText('Secrets')).toBeTruthy();
    const definition = document.querySelector('.tl-definition')!;
    expect(definition.textContent).toBe('An object holding small amounts of sensitive data, mounted into a Pod. See docs.');
    expect(definition.querySelector('em')?.textContent).toBe('small');
    expect(definition.querySelector('code')?.textContent).toBe('Pod');
    expect(
      within(definition as HTMLElement)
        .getByRole('link', { name: 'docs' })
        .getAttribute('href'),
    ).toBe('https://kubernetes.io/docs/concepts/configuration/secret/');
    expect(screen.getByText('Flagged ambiguity: also means a Vault secret.')).toBeTruthy();
    // "see": a URL is a link, a chapter reference is text.
    const see = document.querySelector('.tl-see')!;
    expect(see.textContent).toContain('Chapter 8');
    expect(see.querySelectorAll('a')).toHaveLength(1);
  });

  it('shows every other sense, each labelled with its pack, preferred first', () => {
    render(<TermCard senses={[secretK8s, secretHomelab]} packNames={packNames} surface="Secret" />);
    // The other senses wait behind "More".
    expect(document.querySelectorAll('.tl-sense')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /^More/ }));
    const senses = [...document.querySelectorAll('.tl-sense')];
    expect(senses.map((s) => s.getAttribute('data-sense'))).toEqual(['k8s/secret', 'homelab/secret']);
    // The preferred sense's pack heads the card; each other sense names its own.
    expect(document.querySelector('.tl-head .tl-pack')?.textContent).toBe('Kubernetes production guide');
    expect(senses[1]!.querySelector('.tl-pack')?.textContent).toBe('Homelab infrastructure');
    const others = screen.getByRole('region', { name: 'Other senses' });
    expect(within(others).getByRole('heading', { level: 4 }).textContent).toBe('Secret (Vault)');
    expect(within(others).getByText('kv/').tagName).toBe('CODE');
  });

  it('says which term the team prefers for an avoid word', () => {
    render(<TermCard senses={[ingressAuth]} packNames={packNames} surface="auth tier" kind="avoid" />);
    expect(screen.getByRole('note').textContent).toBe('The team avoids “auth tier”: prefer Ingress auth');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Ingress auth');
  });

  it('renders HTML in a definition as text and never links javascript: targets', () => {
    const evil = entry({
      id: 'x/evil',
      packId: 'k8s',
      term: 'Evil',
      definition: '<script>alert(1)</script> [click](javascript:alert(1)) <b>bold</b>',
    });
    const { container } = render(<TermCard senses={[evil]} packNames={packNames} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(document.querySelector('.tl-definition')!.textContent).toBe('<script>alert(1)</script> click <b>bold</b>');
  });

  it('offers "I know this" and close when asked to', () => {
    const onKnow = vi.fn();
    const onClose = vi.fn();
    render(<TermCard senses={[secretK8s]} packNames={packNames} onKnow={onKnow} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: /I know this/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onKnow).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('the page card host', () => {
  /** The card's closed shadow root, as attachShadow returned it (the page's view has none). */
  let attached: ShadowRoot[] = [];
  beforeEach(() => {
    attached = [];
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      attached.push(root);
      return root;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.querySelectorAll('termlens-card').forEach((e) => e.remove());
  });

  it('keeps the root closed in every build but the e2e tests', () => {
    expect(cardShadowMode()).toBe('closed');
    expect(cardShadowMode(false)).toBe('closed');
    expect(cardShadowMode(true)).toBe('open');
  });

  it('renders into a closed shadow root of a <termlens-card> with no identifying attribute, a dialog role and a label', () => {
    const host = createCardHost(document);
    host.show(
      { key: 'term:secret', kind: 'term', surface: 'Secret', senses: [secretK8s, secretHomelab], packNames },
      { left: 100, top: 100, right: 150, bottom: 118 },
    );
    const element = document.querySelector('termlens-card') as HTMLElement;
    expect(element.parentNode).toBe(document.documentElement);
    // Only the style that places it: nothing names the term or the pack.
    expect(element.getAttributeNames()).toEqual(['style']);
    expect(element.outerHTML).not.toMatch(/secret|k8s/i);
    expect(element.shadowRoot).toBeNull();
    expect(Element.prototype.attachShadow).toHaveBeenCalledWith({ mode: 'closed' });
    const shadow = attached[0]!;
    expect(shadow.mode).toBe('closed');
    const dialog = shadow.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-label')).toBe('Termlens: Secret (Kubernetes)');
    expect(shadow.querySelector('style')!.textContent).toContain('.tl-root');
    expect(shadow.querySelectorAll('.tl-sense')).toHaveLength(1);
    expect(shadow.querySelector('.tl-more')!.textContent).toBe('More (4)');
    expect(host.visible).toBe(true);
    expect(host.focus()).toBe(true);
    expect(host.hasFocus()).toBe(true);
    host.hide();
    expect(host.visible).toBe(false);
    expect(element.style.display).toBe('none');
    host.destroy();
    expect(document.querySelector('termlens-card')).toBeNull();
  });

  it("acts on the user's clicks only: a page's .click() or synthetic events press nothing", () => {
    const onKnow = vi.fn();
    const onNotHere = vi.fn();
    const onPointer = vi.fn();
    const host = createCardHost(document, { onKnow, onNotHere, onPointer });
    host.show(
      { key: 'term:secret', kind: 'term', surface: 'Secret', senses: [secretK8s], packNames, hereLabel: 'example.com' },
      { left: 100, top: 100, right: 150, bottom: 118 },
    );
    const element = document.querySelector('termlens-card') as HTMLElement;
    const shadow = attached[0]!;
    const button = (name: string) => [...shadow.querySelectorAll('button')].find((b) => b.textContent === name)!;
    button('I know this').click();
    button('Not here').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    button('Not here').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    element.dispatchEvent(new PointerEvent('pointerenter'));
    expect(onKnow).not.toHaveBeenCalled();
    expect(onNotHere).not.toHaveBeenCalled();
    expect(onPointer).not.toHaveBeenCalled();
    expect(button('I know this')).toBeTruthy();

    // The same events, as the browser makes them from real input.
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    button('I know this').dispatchEvent(click);
    expect(onKnow).toHaveBeenCalledTimes(1);
    const enter = new PointerEvent('pointerenter');
    Object.defineProperty(enter, 'isTrusted', { value: true });
    element.dispatchEvent(enter);
    expect(onPointer).toHaveBeenCalledWith(true);
    host.destroy();
  });
});

describe('placeCard', () => {
  const viewport = { width: 1000, height: 800 };
  const card = { width: 300, height: 200 };

  it('goes below the word without covering it', () => {
    const p = placeCard({ left: 100, top: 100, right: 160, bottom: 118 }, card, viewport);
    expect(p).toMatchObject({ side: 'below', left: 100 });
    expect(p.top).toBeGreaterThanOrEqual(118);
  });

  it('flips above near the bottom edge and shifts left near the right edge', () => {
    const p = placeCard({ left: 900, top: 700, right: 960, bottom: 718 }, card, viewport);
    expect(p.side).toBe('above');
    expect(p.top + card.height).toBeLessThanOrEqual(700);
    expect(p.left + card.width).toBeLessThanOrEqual(1000 - 8);
  });

  it('stays on screen when neither side has room', () => {
    const p = placeCard({ left: -50, top: 380, right: 10, bottom: 398 }, { width: 300, height: 700 }, viewport);
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.top).toBeGreaterThanOrEqual(8);
    expect(p.top + Math.min(700, p.maxHeight)).toBeLessThanOrEqual(800 - 8);
  });
});
