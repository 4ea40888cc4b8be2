// The way an administrator deploys Termlens: a Chromium policy file in /etc/chromium/policies/managed
// with `3rdparty.extensions.<id>`, read by the real browser into storage.managed. The extension id of
// an unpacked build is derived from its path, so the test computes it as Chromium does, writes the
// policy before the browser starts, and removes the file after. Writing /etc needs root: without it
// the file's tests do not run (the policy logic is covered by the unit tests either way).
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchExtension, ROOT, sendFromPage, type ExtensionBrowser } from './harness';

const POLICY_DIR = '/etc/chromium/policies/managed';

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, 32 hex digits mapped 0-9a-f → a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

function policyDirWritable(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const writable = policyDirWritable();
if (!writable) console.warn(`managed-policy.e2e: ${POLICY_DIR} is not writable (not root?); the Chromium policy tests do not run`);

describe.runIf(writable)('a Chromium enterprise policy for Termlens', () => {
  const id = unpackedExtensionId(EXTENSION_DIR);
  const policyFile = join(POLICY_DIR, `termlens-e2e-${id}.json`);
  let glossaryServer: Server;
  let glossaryUrl: string;
  let browser: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    // The team's glossary host: like raw.githubusercontent.com, it allows any origin to read it.
    const yaml = readFileSync(join(ROOT, 'tests/fixtures/managed/acme-team.yaml'));
    glossaryServer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/yaml', 'access-control-allow-origin': '*' }).end(yaml),
    );
    await new Promise<void>((done) => glossaryServer.listen(0, '127.0.0.1', done));
    const address = glossaryServer.address();
    glossaryUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/acme-team.yaml`;
    const policy = {
      subscriptions: [{ url: glossaryUrl, name: 'ACME (managed)', scope: ['*'], refreshHours: 6 }],
      bundledPacks: { off: ['homelab-infra'] },
      sites: ['127.0.0.2'],
      locked: { style: 'underline' },
    };
    // Only this build's id is named: other Chromium runs on the machine see no policy for their extension.
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }, null, 2));
    browser = await launchExtension();
    options = await browser.openExtensionPage('options.html');
  });

  afterAll(async () => {
    rmSync(policyFile, { force: true });
    await browser?.close();
    await new Promise((done) => glossaryServer?.close(done));
  });

  it('loads the build under the id the policy names', () => {
    expect(browser.extensionId).toBe(id);
  });

  it('subscribes everyone to the managed glossary, which cannot be removed', async () => {
    const pack = options.locator('.pack[data-pack="acme-team"]');
    const info = await sendFromPage<{ errors: string[] }>(options, { type: 'managed' });
    expect(info.ok && info.value.errors).toEqual([]);
    await expect.poll(async () => (await options.reload(), await pack.count()), { timeout: 20_000 }).toBe(1);
    expect(await pack.textContent()).toContain('set by your organization');
    expect(await pack.textContent()).toContain('ACME (managed)');
    expect(await pack.textContent()).toContain('Maintainer: Platform team <platform@acme.example>');
    expect(await pack.getByRole('button', { name: 'Remove ACME (managed)' }).count()).toBe(0);
    const removed = await sendFromPage(options, { type: 'removePack', id: 'acme-team' });
    expect(removed).toEqual({ ok: false, error: '"acme-team" is set by your organization: it cannot be removed here' });
  });

  it('turns a bundled pack off and locks the style, leaving the stored settings the user own', async () => {
    const homelab = options.locator('.pack[data-pack="homelab-infra"] input[type="checkbox"]');
    expect(await homelab.isChecked()).toBe(false);
    expect(await homelab.isDisabled()).toBe(true);
    const section = options.getByRole('region', { name: 'Set by your organization' });
    expect(await section.textContent()).toContain('Highlight style: underline');
    expect(await section.textContent()).toContain(glossaryUrl);
    const refused = await sendFromPage(options, { type: 'setSettings', patch: { style: 'none' } });
    expect(refused).toEqual({ ok: false, error: 'style: set by your organization' });
    const settings = await sendFromPage<{ settings: { style: string } }>(options, { type: 'settings' });
    expect(settings.ok && settings.value.settings.style).toBe('underline');
    // Nothing managed is written into the user's synced settings.
    const stored = await options.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.sync.get('settings'),
    );
    expect(JSON.stringify(stored)).not.toContain('underline');
  });

  it('asks the user to allow the site the organization turned on, and stops asking once allowed', async () => {
    const allow = options.getByRole('button', { name: 'Allow Termlens on 127.0.0.2' });
    await allow.waitFor();
    // Headless Chromium shows no permission prompt: record the grant as the site-access menu does,
    // then the click's permissions.request succeeds at once.
    const ext = await browser.context.newPage();
    await ext.goto('chrome://extensions');
    await ext.evaluate(
      ([extId, pattern]) =>
        new Promise<void>((done) => {
          const api = (
            globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, p: string, cb: () => void): void } } }
          ).chrome;
          api.developerPrivate.addHostPermission(extId, pattern, done);
        }),
      [id, 'https://127.0.0.2/*'] as const,
    );
    await ext.close();
    await allow.click();
    await expect.poll(() => allow.count(), { timeout: 10_000 }).toBe(0);
    expect(await options.getByRole('region', { name: 'Set by your organization' }).textContent()).toContain('127.0.0.2 · allowed');
    const popup = await browser.openExtensionPage('popup.html');
    await popup.locator('.popup-foot').waitFor();
    expect(await popup.getByRole('button', { name: /^Allow Termlens on/ }).count()).toBe(0);
    await popup.close();
  });
});
