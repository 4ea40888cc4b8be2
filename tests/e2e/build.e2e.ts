import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, ROOT } from './harness';

describe('the production build', () => {
  it('asks for github.com only; every other site is optional', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    // The CSS Custom Highlight API arrived in Chrome 105.
    expect(manifest.minimum_chrome_version).toBe('105');
    expect(manifest.host_permissions).toEqual(['https://github.com/*']);
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.permissions).not.toContain('<all_urls>');
    expect(manifest.permissions).not.toContain('tabs');
    expect(manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)).toEqual(['https://github.com/*']);
    expect(JSON.stringify(manifest)).not.toContain('unsafe-eval');
  });

  it('fails on a broken pack and names file:line:col and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'termlens-broken-'));
    writeFileSync(
      join(dir, 'team.yaml'),
      'id: team\nname: Team\nversion: "1"\ndescription: d\nterms:\n  - term: etcd\n    definition: A store.\n  - term: PDB\n    aliases: [PodDisruptionBudget, 7]\n    definition: Limits disruptions.\n',
    );
    const result = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
      cwd: ROOT,
      env: { ...process.env, TERMLENS_GLOSSARY_DIR: dir, TERMLENS_OUT_DIR: join(dir, 'out') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/team\.yaml:9:36: terms\[1\]\.aliases\[1\]: expected string, got number/);
  });
});
