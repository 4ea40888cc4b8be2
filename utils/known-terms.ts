// The "I know this" list: dismissed words, kept locally. Values are pattern keys in lower case
// (`term:argo cd`), so a dismissal covers every case variant of the word. The content script adds to
// it, the options page lists and restores, the background resets and backs it up. In its own module,
// not in storage.ts: the content script uses it, and storage.ts would bring zod and the settings code along.
import { storage } from 'wxt/utils/storage';
import type { Silenced } from '../lib/card/silence';

export type { Silenced } from '../lib/card/silence';

export const KNOWN_TERMS_KEY = 'local:knownTerms';

export const knownTermsItem = storage.defineItem<string[]>(KNOWN_TERMS_KEY, { fallback: [], version: 1 });

// Read, change, write: within one page the changes run one after another, so two quick ones cannot
// both start from the same list and the second drop the first's keys.
let queue: Promise<unknown> = Promise.resolve();
function update(change: (current: readonly string[]) => string[] | null): Promise<void> {
  const run = queue.then(async () => {
    const next = change(await knownTermsItem.getValue());
    if (next) await knownTermsItem.setValue(next);
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Add dismissed keys. Never rejects: the page calls it fire-and-forget from the card, so a storage
 * failure is logged and the term simply stays highlighted.
 */
export async function addKnownTerms(keys: readonly string[]): Promise<string[]> {
  const added: string[] = [];
  try {
    await update((current) => {
      const next = new Set(current);
      for (const k of keys) {
        const key = k.toLowerCase();
        if (!next.has(key)) added.push(key);
        next.add(key);
      }
      return next.size !== current.length ? [...next] : null;
    });
  } catch (error) {
    console.warn('Termlens: could not save the terms marked as known', error);
    return [];
  }
  return added;
}

/** Highlight these keys again ("Show again" in the options). Rejects when storage fails, for the page to say so. */
export function removeKnownTerms(keys: readonly string[]): Promise<void> {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return update((current) => {
    const next = current.filter((k) => !drop.has(k));
    return next.length !== current.length ? next : null;
  });
}

// ---- "Not here": terms silenced on one site or GitHub repository -----------------------------------

export const SILENCED_TERMS_KEY = 'local:silencedTerms';

export const silencedTermsItem = storage.defineItem<Silenced[]>(SILENCED_TERMS_KEY, { fallback: [], version: 1 });

let silenceQueue: Promise<unknown> = Promise.resolve();
function updateSilenced(change: (current: readonly Silenced[]) => Silenced[]): Promise<void> {
  const run = silenceQueue.then(async () => silencedTermsItem.setValue(change(await silencedTermsItem.getValue())));
  silenceQueue = run.catch(() => undefined);
  return run;
}

/** Silence keys in one scope. Never rejects (the card calls it fire-and-forget). */
export async function addSilenced(keys: readonly string[], scope: string): Promise<void> {
  try {
    await updateSilenced((current) => {
      const seen = new Set(current.map((e) => `${e.scope} ${e.key}`));
      const added = keys.map((k) => ({ key: k.toLowerCase(), scope })).filter((e) => !seen.has(`${e.scope} ${e.key}`));
      return [...current, ...added];
    });
  } catch (error) {
    console.warn('Termlens: could not save the terms silenced here', error);
  }
}

/** Highlight these keys in that scope again (the card's Undo, the options page). */
export function removeSilenced(keys: readonly string[], scope: string): Promise<void> {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return updateSilenced((current) => current.filter((e) => !(e.scope === scope && drop.has(e.key))));
}
