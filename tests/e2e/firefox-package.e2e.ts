// The Firefox package as addons.mozilla.org sees it: its manifest, and `web-ext lint` (Mozilla's
// addons-linter) with nothing to report but React DOM's own innerHTML assignments, each checked to be
// that code.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_DIR } from './firefox-harness';
import { ROOT } from './harness';

interface LintMessage {
  code: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

function lint(): { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] } {
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/web-ext'),
    ['lint', '--source-dir', FIREFOX_EXTENSION_DIR, '--output', 'json', '--no-config-discovery'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`web-ext lint printed no report: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout.slice(start));
}

/** The code around a lint message's position. */
function around(m: LintMessage, width = 120): string {
  const lines = readFileSync(join(FIREFOX_EXTENSION_DIR, m.file!), 'utf8').split('\n');
  const line = lines[(m.line ?? 1) - 1] ?? '';
  const at = m.column ?? 0;
  return line.slice(Math.max(0, at - width), at + width);
}

/** Every source file of ours, to prove none of it sets innerHTML (React's dangerouslySetInnerHTML included). */
function ourSources(): string[] {
  const list = spawnSync('git', ['ls-files', 'components', 'entrypoints', 'utils', 'lib'], { cwd: ROOT, encoding: 'utf8' }).stdout.split(
    '\n',
  );
  return list.filter((f) => /\.(ts|tsx)$/.test(f));
}

describe('the Firefox package', () => {
  it('is MV3 with the gecko id, a minimum version that has the Highlight API, and github.com as its only required host', () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko).toMatchObject({ id: 'termlens@example.org', strict_min_version: '140.0' });
    // Chrome's minimum is Chrome's: Firefox warns on keys it does not know.
    expect(manifest.minimum_chrome_version).toBeUndefined();
    expect(manifest.host_permissions).toEqual(['https://github.com/*']);
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
  });

  it('passes web-ext lint: no error, no notice, and no warning but React DOM’s dangerouslySetInnerHTML, which Termlens never uses, and micromark’s write()', () => {
    const report = lint();
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    // addons-linter has no per-rule suppression. React DOM applies a `dangerouslySetInnerHTML` prop
    // with `innerHTML = props.__html` (one assignment for the initial render, one for updates), in
    // each bundle that carries React DOM. That is the only code allowed to be reported, and only
    // while no source of ours uses the prop.
    const vendor = report.warnings.filter(
      (m) =>
        m.code === 'UNSAFE_VAR_ASSIGNMENT' &&
        /innerHTML/.test(m.message) &&
        /\.__html,\w+!=null\)\{if\(\w+\.children!=null\)throw Error\(\w+\(60\)\);\w+\?\.__html!==\w+&&\(\w+\.innerHTML=\w+\)/.test(
          around(m),
        ),
    );
    // micromark, the Markdown parser the importers run, feeds its tokenizer with
    // `parse().document().write(chunks)`: a method of its own named like document.write, which the
    // linter reports by name. Allowed in that exact call shape only, once per bundle that carries the
    // importers: the import Worker's, and the background's (it reads imports itself where no Worker starts).
    const micromark = report.warnings.filter(
      (m) =>
        m.code === 'UNSAFE_VAR_ASSIGNMENT' &&
        /\.document\(\)\.write for argument 0/.test(m.message) &&
        /\(\w+\)\.document\(\)\.write\(\w+\(\)\(\w+,\w+,!0\)\)/.test(around(m)),
    );
    expect(micromark.length).toBeLessThanOrEqual(2);
    expect(report.warnings.filter((m) => !vendor.includes(m) && !micromark.includes(m))).toEqual([]);
    // Two per copy of React DOM; the package has at most two copies (the card's own bundle and its chunk).
    const perFile = Object.values(Object.groupBy(vendor, (m) => m.file!)).map((ms) => ms!.length);
    expect(perFile.every((n) => n === 2) && perFile.length <= 2).toBe(true);
    const uses = ourSources().filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\b|\beval\(|new Function\(/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(uses).toEqual([]);
  });
});
