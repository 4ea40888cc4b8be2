// The content script: finds glossary terms, highlights them (CSS Custom Highlight API, never DOM
// changes) and explains them on hover. Registered for github.com here; other sites the user grants
// are registered at runtime by the background (utils/page-support.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startTermlens } from './app';
import { installEarlyStyle } from './page-style';

export default defineContentScript({
  matches: ['https://github.com/*'],
  // document_start: the highlight style goes in before the page is laid out (see installEarlyStyle) and
  // the matcher request overlaps the page's loading; the scan itself waits for the DOM (app.ts).
  runAt: 'document_start',
  main(ctx) {
    installEarlyStyle(document);
    void startTermlens(ctx);
  },
});
