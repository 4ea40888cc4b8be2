// The contract between the content script and the lazily loaded card code (entrypoints/term-card.ts).
// Type-only imports: nothing of React ends up in the content script itself.
import type { CardHandlers, CardHost } from '../../components/card-host';

export type { CardContent, CardHandlers, CardHost } from '../../components/card-host';

/** Where the card script leaves its API in the content-script world (shared by all our scripts in a frame). */
export const CARD_GLOBAL = '__termlensCard';

export interface CardModule {
  createCardHost(doc: Document, handlers: CardHandlers): CardHost;
}
