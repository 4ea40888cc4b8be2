// Builds the React fixture apps (tests/fixtures/apps/<name>/) into static files with Vite's JS API:
// tests/e2e/.artifacts/apps/<name>/index.html + assets/. A build is reused while the hash of its
// sources (and of the toolchain that builds them) is unchanged, so repeated e2e runs skip Vite.
//
// Serve the result with `serveFixtures(APPS_OUT, host)`: each app answers under `/<name>/…` and any
// deeper path falls back to the app's index.html (SPA routes such as /argocd/applications/argocd/my-app).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './harness';

export const FIXTURE_APPS = ['github-pr', 'grafana', 'argocd'] as const;
export type FixtureApp = (typeof FIXTURE_APPS)[number];

export const APPS_SRC = join(ROOT, 'tests/fixtures/apps');
export const APPS_OUT = join(ROOT, 'tests/e2e/.artifacts/apps');
const STAMP = '.build-hash';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/** Hash of everything that decides the output: the app's sources, shared sources, this builder, the toolchain. */
export function sourceHash(name: FixtureApp): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(join(APPS_SRC, name)),
    ...(existsSync(join(APPS_SRC, 'shared')) ? filesUnder(join(APPS_SRC, 'shared')) : []),
    join(ROOT, 'tests/e2e/fixture-apps.ts'),
  ];
  for (const file of inputs) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const pkg of ['vite', 'react', 'react-dom']) hash.update(`${pkg}@${packageVersion(pkg)}\0`);
  return hash.digest('hex');
}

function isFresh(name: FixtureApp, hash: string): boolean {
  const out = join(APPS_OUT, name);
  try {
    return readFileSync(join(out, STAMP), 'utf8') === hash && statSync(join(out, 'index.html')).isFile();
  } catch {
    return false;
  }
}

/**
 * Build the named fixture apps (all by default) unless their build is current. Returns APPS_OUT.
 * Builds run one after another: Vite is CPU-bound and this machine has two cores.
 */
export async function buildFixtureApps(names: readonly FixtureApp[] = FIXTURE_APPS): Promise<string> {
  const stale = names.map((name) => ({ name, hash: sourceHash(name) })).filter(({ name, hash }) => !isFresh(name, hash));
  if (stale.length === 0) return APPS_OUT;
  // Imported lazily: a run whose apps are all current never loads Vite.
  const { build } = await import('vite');
  for (const { name, hash } of stale) {
    const outDir = join(APPS_OUT, name);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    await build({
      root: join(APPS_SRC, name),
      // Assets are requested from /<name>/assets/… whatever the route the page was opened at.
      base: `/${name}/`,
      configFile: false,
      envDir: false,
      logLevel: 'warn',
      mode: 'production',
      // React 19's automatic JSX runtime, without the React plugin (no Fast Refresh in a static build).
      oxc: { jsx: { runtime: 'automatic' } },
      build: {
        outDir,
        emptyOutDir: true,
        // Minified: smaller pages load faster on this 2-core machine (names stay readable enough to debug).
        minify: true,
        sourcemap: false,
        reportCompressedSize: false,
        modulePreload: { polyfill: false },
      },
    });
    writeFileSync(join(outDir, STAMP), hash);
  }
  return APPS_OUT;
}
