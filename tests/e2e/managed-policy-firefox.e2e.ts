// The same policy as tests/e2e/managed-policy.e2e.ts, deployed the Firefox way: `policies.json` in the
// application's distribution folder, `3rdparty.Extensions.<add-on id>`, read by real Firefox ESR into
// storage.managed. The file applies to every Firefox on the machine, so the test builds Termlens under
// an add-on id of its own (TERMLENS_GECKO_ID) and removes the file after; it needs write access to the
// Firefox folder (root), and runs only with it.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_PATH, launchFirefoxExtension, type FirefoxExtensionBrowser } from './firefox-harness';
import { ROOT } from './harness';

const GECKO_ID = 'termlens-policy-e2e@example.org';
const OUT_DIR = join(ROOT, '.output/policy-e2e');
const DISTRIBUTION = join(dirname(realpathSync(FIREFOX_PATH)), 'distribution');
const POLICY_FILE = join(DISTRIBUTION, 'policies.json');

function distributionWritable(): boolean {
  try {
    accessSync(DISTRIBUTION, constants.W_OK);
    // Somebody's own policies.json is never replaced.
    return !existsSync(POLICY_FILE);
  } catch {
    return false;
  }
}

const writable = distributionWritable();
if (!writable)
  console.warn(
    `managed-policy-firefox.e2e: ${POLICY_FILE} cannot be written (not root, or a policies.json exists); the Firefox policy test does not run`,
  );

describe.runIf(writable)('a Firefox policies.json for Termlens', () => {
  let firefox: FirefoxExtensionBrowser;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], {
      cwd: ROOT,
      env: { ...process.env, TERMLENS_OUT_DIR: OUT_DIR, TERMLENS_GECKO_ID: GECKO_ID },
      stdio: 'ignore',
    });
    const policy = {
      bundledPacks: { off: ['homelab-infra'] },
      sites: ['grafana.acme.example'],
      locked: { style: 'underline', firstOnly: true },
    };
    writeFileSync(POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }, null, 2));
    firefox = await launchFirefoxExtension({ extensionDir: join(OUT_DIR, 'firefox-mv3'), geckoId: GECKO_ID });
  }, 120_000);

  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    await firefox?.close();
  });

  it('reads the policy into storage.managed and applies it over the user settings', async () => {
    const page = await firefox.openExtensionPage('options.html');
    const ask = (message: Record<string, unknown>) =>
      page.evaluate(
        (m) =>
          (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage(m),
        message,
      );
    await expect
      .poll(async () => ((await ask({ type: 'managed' })) as { value?: { active?: boolean } }).value?.active, { timeout: 15_000 })
      .toBe(true);
    const info = (await ask({ type: 'managed' })) as { value: { errors: string[]; sites: Array<{ host: string; granted: boolean }> } };
    expect(info.value.errors).toEqual([]);
    expect(info.value.sites).toEqual([expect.objectContaining({ host: 'grafana.acme.example', granted: false })]);
    const settings = (await ask({ type: 'settings' })) as {
      value: { settings: { style: string; firstOnly: boolean }; packs: Array<{ id: string; enabled: boolean; managed?: unknown }> };
    };
    expect(settings.value.settings).toMatchObject({ style: 'underline', firstOnly: true });
    expect(settings.value.packs.find((p) => p.id === 'homelab-infra')).toMatchObject({ enabled: false, managed: { enabled: true } });
    expect(await ask({ type: 'setSettings', patch: { style: 'none' } })).toEqual({ ok: false, error: 'style: set by your organization' });
    await page.close();
    const options = await firefox.openExtensionPage('options.html');
    await options.waitForSelector('#managed-title');
    expect(await options.$eval('section[aria-labelledby="managed-title"]', (s) => s.textContent)).toContain(
      'Your organization turned on Termlens for grafana.acme.example',
    );
    await options.close();
  });
});
