// The contract between the content script's loader (entrypoints/content/index.ts) and the scanner
// (entrypoints/page-scanner.ts), which the background injects into the same isolated world.
// Type-only imports: the loader carries none of the scanner's code.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageSetup } from '../../lib/protocol';

/** Where the scanner script leaves its API in the content-script world (shared by all our scripts in a frame). */
export const SCANNER_GLOBAL = '__termlensScanner';

export interface ScannerModule {
  /** `request`: the matcher request the loader already sent. */
  startTermlens(ctx: ContentScriptContext, request: Promise<PageSetup>): Promise<void>;
}

export function loadedScanner(): ScannerModule | undefined {
  return (globalThis as Record<string, unknown>)[SCANNER_GLOBAL] as ScannerModule | undefined;
}
