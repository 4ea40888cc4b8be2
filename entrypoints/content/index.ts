// The content script: finds glossary terms, highlights them (CSS Custom Highlight API, never DOM
// changes) and explains them on hover. Registered for github.com here; other sites the user grants
// are registered at runtime by the background (entrypoints/background/page-support.ts).
//
// This file is only the loader. The browser evaluates it inside the page's parser task, so it sends
// the matcher request (its answer is what the first paint's highlights wait for) and asks the
// background to inject the scanner (entrypoints/page-scanner.ts), which starts in a task of its own.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../../utils/messaging';
import { requestMatcher } from './matcher-request';
import { loadedScanner } from './scanner-api';
// Injected by the browser before the page is parsed (manifest `css`, and `css` of the runtime registration).
import './highlights.css';

export default defineContentScript({
  matches: ['https://github.com/*'],
  // document_start: the matcher request overlaps the page's loading; nothing touches the page until the
  // DOM is parsed (app.ts waits for it), so the page's own scripts never see Termlens.
  runAt: 'document_start',
  // Every frame of a site Termlens may read, with the same rules: documentation previews, dashboards
  // and embedded views live in frames. Frames of other sites get nothing (no access), and an about:blank
  // or srcdoc frame counts as the site that made it.
  allFrames: true,
  matchOriginAsFallback: true,
  // Only the custom event tells an older copy of this script (an extension update) to stop: a
  // postMessage to the page costs time inside the parser's task and reaches the page's own listeners.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const request = requestMatcher();
    const start = () => {
      const scanner = loadedScanner();
      if (!scanner) throw new Error('Termlens: the scanner script did not load');
      if (!ctx.isInvalid) void scanner.startTermlens(ctx, request);
    };
    // Asked every time, even when a scanner is in this world already: one left by the version before an
    // extension update must not run, and the injection replaces it.
    send('loadScanner', {}).then(start, (error: unknown) => {
      console.warn('Termlens: could not load the scanner', error);
    });
  },
});
