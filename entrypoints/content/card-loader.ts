// The card (React + the component) is not part of the content script: it is injected into the same
// isolated world on first use, so pages where nobody hovers a term never pay for it.
import { send } from '../../utils/messaging';
import { CARD_GLOBAL, type CardModule } from './card-api';

let loading: Promise<CardModule> | null = null;

function loaded(): CardModule | undefined {
  return (globalThis as Record<string, unknown>)[CARD_GLOBAL] as CardModule | undefined;
}

export function loadCardModule(): Promise<CardModule> {
  const ready = loaded();
  if (ready) return Promise.resolve(ready);
  loading ??= send('loadCard', {}).then(() => {
    const module = loaded();
    if (!module) throw new Error('Termlens: the card script did not load');
    return module;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
