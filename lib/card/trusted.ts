// The page's own scripts can dispatch any event (`el.dispatchEvent(new PointerEvent(...))`,
// `button.click()`), and those events reach the content script's listeners like the user's.
// Only events the browser makes from real input are trusted (`isTrusted`), so the card opens, moves
// and acts on those alone: a page cannot open a card to read it, nor press its buttons.

/** Wraps a listener so that it runs for trusted events only. */
export function trustedOnly<E extends Event>(listener: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted === true) listener(event);
  };
}

/**
 * A capture listener for a shadow root: an untrusted event is stopped there, before the UI inside sees
 * it, and its default action (following a link, submitting) is cancelled.
 */
export function stopUntrusted(event: Event): void {
  if (event.isTrusted === true) return;
  event.stopImmediatePropagation();
  if (event.cancelable) event.preventDefault();
}

/** The events a card's controls act on (React listens for them at its root, inside the shadow root). */
export const CARD_INPUT_EVENTS = [
  'click',
  'auxclick',
  'dblclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'change',
  'submit',
  'beforeinput',
] as const;
