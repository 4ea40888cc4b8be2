// Where the card goes: next to the word without covering it, below by default, flipped above when
// there is no room, shifted sideways to stay inside the viewport.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** Height the card must not exceed to stay on screen on that side. */
  maxHeight: number;
}

export function placeCard(
  anchor: Rect,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 6,
  margin = 8,
): Placement {
  const below = viewport.height - anchor.bottom - gap - margin;
  const above = anchor.top - gap - margin;
  const side = card.height <= below || below >= above ? 'below' : 'above';
  const room = Math.max(0, side === 'below' ? below : above);
  // On a tiny viewport the card may cover the word rather than leave the screen.
  const maxHeight = Math.max(room, Math.min(80, viewport.height - 2 * margin));
  const height = Math.min(card.height, maxHeight);
  let top = side === 'below' ? anchor.bottom + gap : anchor.top - gap - height;
  top = clamp(top, margin, Math.max(margin, viewport.height - margin - height));
  const width = Math.min(card.width, viewport.width - 2 * margin);
  const left = clamp(anchor.left, margin, Math.max(margin, viewport.width - margin - width));
  return { left, top, side, maxHeight };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
