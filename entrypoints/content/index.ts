// The content script: finds glossary terms, highlights them (CSS Custom Highlight API, never DOM
// changes) and explains them on hover. Registered for github.com here; other sites the user grants
// are registered at runtime by the background (utils/page-support.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startTermlens } from './app';

export default defineContentScript({
  matches: ['https://github.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    void startTermlens(ctx);
  },
});
