// The content script: finds glossary terms, highlights them (CSS Custom Highlight API, never DOM
// changes) and explains them on hover. Registered for github.com here; other sites the user grants
// are registered at runtime by the background (entrypoints/background/page-support.ts).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { requestMatcher, startTermlens } from './app';
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
    // The script is evaluated inside the parser's task: only the matcher request goes out from it (its
    // answer is what the first paint's highlights wait for); the rest of the start-up runs in a task of
    // its own, right after.
    const request = requestMatcher();
    ctx.setTimeout(() => void startTermlens(ctx, request), 0);
  },
});
