// One browser with the built extension and 127.0.0.1 granted, plus the fixture server, shared by the
// tests of one file (launching Chromium is the slow part of an e2e file on this 2-core machine).
import { afterAll, beforeAll } from 'vitest';
import { launchExtension, serveFixtures, type ExtensionBrowser, type FixtureServer } from './harness';

export interface SharedBrowser {
  browser: ExtensionBrowser;
  server: FixtureServer;
}

/** Registers the file's beforeAll/afterAll; the fields are set once beforeAll has run. */
export function sharedGrantedBrowser(): SharedBrowser {
  const shared = {} as SharedBrowser;
  beforeAll(async () => {
    shared.browser = await launchExtension();
    shared.server = await serveFixtures();
    await shared.browser.grantHost('http://127.0.0.1/*');
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
