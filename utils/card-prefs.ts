// The card's opening preferences (lib/settings/card.ts) in storage.sync, its own small key.
import { storage } from 'wxt/utils/storage';
import { DEFAULT_CARD_PREFS, type CardPrefs } from '../lib/settings/card';

export const cardPrefsItem = storage.defineItem<CardPrefs>('sync:cardPrefs', { fallback: DEFAULT_CARD_PREFS, version: 1 });
