// "Open the card": after a pause (how long), or only while holding Shift or Alt. Stored on its own
// (utils/card-prefs.ts); pages follow at once (the content script watches it).
import { useEffect, useState } from 'react';
import { CARD_OPEN_CHOICES, choiceOf, DEFAULT_CARD_PREFS, parseCardPrefs, type CardPrefs } from '../lib/settings/card';
import { cardPrefsItem } from '../utils/card-prefs';

export function CardOpenSetting({ onError }: { onError: (e: unknown) => void }) {
  const [prefs, setPrefs] = useState<CardPrefs>(DEFAULT_CARD_PREFS);
  useEffect(() => {
    cardPrefsItem.getValue().then((v) => setPrefs(parseCardPrefs(v)), onError);
    return cardPrefsItem.watch((v) => setPrefs(parseCardPrefs(v)));
  }, [onError]);
  return (
    <p className="inline-field">
      <label htmlFor="card-open">Open the card</label>{' '}
      <select
        id="card-open"
        className="ui-input narrow"
        value={choiceOf(prefs)}
        onChange={(e) => {
          const next = CARD_OPEN_CHOICES.find((c) => c.id === e.target.value)?.prefs;
          if (next) cardPrefsItem.setValue(next).catch(onError);
        }}
      >
        {CARD_OPEN_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </p>
  );
}
