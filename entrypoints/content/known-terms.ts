// "I know this, stop highlighting it": dismissed words, kept locally. Values are pattern keys in lower
// case (`term:argo cd`), so a dismissal covers every case variant of the word.
import { storage } from 'wxt/utils/storage';

export const knownTermsItem = storage.defineItem<string[]>('local:knownTerms', { fallback: [], version: 1 });

export async function addKnownTerms(keys: readonly string[]): Promise<void> {
  const current = await knownTermsItem.getValue();
  const next = new Set(current);
  for (const k of keys) next.add(k.toLowerCase());
  if (next.size !== current.length) await knownTermsItem.setValue([...next]);
}
