// The scanner (find, highlight, explain: entrypoints/content/app.ts and what it uses), injected by the
// background (`loadScanner`) into the content script's world as soon as the loader asks. The loader is
// what the browser evaluates inside the page's parser task, so that task carries only a few KB.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startTermlens } from './content/app';
import { SCANNER_GLOBAL, type ScannerModule } from './content/scanner-api';

export default defineUnlistedScript(() => {
  const module: ScannerModule = { startTermlens };
  (globalThis as Record<string, unknown>)[SCANNER_GLOBAL] = module;
});
