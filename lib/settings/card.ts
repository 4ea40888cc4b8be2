// When the hover card opens: after a pause of `openDelayMs` over a term, or only while a modifier key
// is held. Kept apart from the synced settings object, read defensively (storage may hold anything).

export type CardModifier = 'none' | 'shift' | 'alt';

export interface CardPrefs {
  openDelayMs: number;
  modifier: CardModifier;
}

export const DEFAULT_CARD_PREFS: CardPrefs = Object.freeze({ openDelayMs: 300, modifier: 'none' }) as CardPrefs;

/** The choices the options page offers. */
export const CARD_OPEN_CHOICES: ReadonlyArray<{ id: string; label: string; prefs: CardPrefs }> = [
  { id: 'instant', label: 'As soon as the pointer rests on a term', prefs: { openDelayMs: 0, modifier: 'none' } },
  { id: 'short', label: 'After a short pause (300 ms)', prefs: { openDelayMs: 300, modifier: 'none' } },
  { id: 'long', label: 'After a long pause (800 ms)', prefs: { openDelayMs: 800, modifier: 'none' } },
  { id: 'shift', label: 'Only while holding Shift', prefs: { openDelayMs: 0, modifier: 'shift' } },
  { id: 'alt', label: 'Only while holding Alt', prefs: { openDelayMs: 0, modifier: 'alt' } },
];

export function parseCardPrefs(raw: unknown): CardPrefs {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_CARD_PREFS;
  const r = raw as Record<string, unknown>;
  const delay =
    typeof r.openDelayMs === 'number' && Number.isFinite(r.openDelayMs)
      ? Math.min(2000, Math.max(0, Math.round(r.openDelayMs)))
      : DEFAULT_CARD_PREFS.openDelayMs;
  const modifier = r.modifier === 'shift' || r.modifier === 'alt' ? r.modifier : 'none';
  return { openDelayMs: delay, modifier };
}

export function choiceOf(prefs: CardPrefs): string {
  return CARD_OPEN_CHOICES.find((c) => c.prefs.openDelayMs === prefs.openDelayMs && c.prefs.modifier === prefs.modifier)?.id ?? 'short';
}
