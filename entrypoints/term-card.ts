// The card's code (React + TermCard), injected on first use into the content script's world by the
// background (`loadCard`), so the content script itself stays small.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createCardHost } from '../components/card-host';
import { CARD_GLOBAL, type CardModule } from './content/card-api';

export default defineUnlistedScript(() => {
  const module: CardModule = { createCardHost };
  (globalThis as Record<string, unknown>)[CARD_GLOBAL] = module;
});
