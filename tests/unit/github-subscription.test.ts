// @vitest-environment node
// Subscribing to a glossary in a (private) GitHub repository: the background's real subscription code
// against a local server that answers as GitHub does — the file's raw URL redirects a signed-in reader
// (session cookie) to a one-time raw URL, a reader without access gets 404, and one whose session
// GitHub wants renewed gets its sign-in page. The background's fetch reaches that server in place of
// github.com and raw.githubusercontent.com; nothing else is faked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGlossaryService } from '../../entrypoints/background/glossary-service';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { githubAnswerProblem, githubFile } from '../../lib/glossary/github-file';
import type { Protocol, RequestType } from '../../lib/protocol';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';
import { listen, send } from '../../utils/messaging';

const GLOSSARY = `# Platform glossary

**Frobnicator**: The service that frobs the widgets.

**Widget pool (WP)**: Where widgets wait before a frob.
`;

let bundled: CompiledIndex;
let server: Server;
let base: string;
/** What the server saw: path and whether the session cookie came with it. */
const seen: Array<{ path: string; cookie: boolean }> = [];
/** The browser's github.com session: sent as a cookie by a request with credentials. */
let signedIn = true;
let askSignIn = false;

beforeAll(async () => {
  const { packs } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
  bundled = compileIndex(packs);
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const cookie = (req.headers.cookie ?? '').includes('user_session=abc');
    seen.push({ path, cookie });
    if (path.startsWith('/gh/acme/platform/raw/main/GLOSSARY.md')) {
      if (askSignIn) return void res.writeHead(302, { location: `${base}/login?return_to=%2Facme%2Fplatform` }).end();
      if (!cookie) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      return void res.writeHead(302, { location: `${base}/raw/acme/platform/main/GLOSSARY.md?token=ONE-TIME` }).end();
    }
    if (path === '/raw/acme/platform/main/GLOSSARY.md?token=ONE-TIME')
      return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(GLOSSARY);
    if (path.startsWith('/login'))
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<form action="/session">Sign in to GitHub</form>');
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** The browser's fetch as the background sees it: github.com is the local server, and a request with credentials carries the session cookie. */
const browserFetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input).replace('https://github.com/', `${base}/gh/`);
  const headers = new Headers(init?.headers);
  if (init?.credentials === 'include' && signedIn) headers.set('cookie', 'user_session=abc');
  return fetch(url, { ...init, headers });
};

const ask = <T extends RequestType>(type: T, request: Protocol[T]['request']) => send(type, request);
const BLOB = 'https://github.com/acme/platform/blob/main/GLOSSARY.md';

describe('a glossary in a private GitHub repository', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    seen.length = 0;
    signedIn = true;
    askSignIn = false;
    const service = createGlossaryService({ bundled, fetch: browserFetch as typeof fetch, now: () => 1_000_000 });
    listen(service.handlers() as Parameters<typeof listen>[0]);
  });

  it('is read from the pasted blob URL with the browser’s github.com session, following GitHub’s redirect', async () => {
    const result = await ask('subscribe', { url: BLOB, commit: true });
    expect(result).toMatchObject({ ok: true, committed: true, preview: { pack: { id: 'platform-glossary', termCount: 2 } } });
    expect(seen).toEqual([
      { path: '/gh/acme/platform/raw/main/GLOSSARY.md', cookie: true },
      { path: '/raw/acme/platform/main/GLOSSARY.md?token=ONE-TIME', cookie: true },
    ]);
    // Subscribed under the URL the user pasted, and refreshed through the same session.
    const info = (await ask('packs', {})).packs.find((p) => p.id === 'platform-glossary');
    expect(info).toMatchObject({ origin: { kind: 'subscription', url: BLOB } });
    expect(await ask('refreshSubscription', { packId: 'platform-glossary' })).toMatchObject({ ok: true, changed: false });
  });

  it('says plainly when the browser is not signed in or the account has no access, and stores nothing', async () => {
    signedIn = false;
    const before = await fakeBrowser.storage.local.get();
    const result = await ask('subscribe', { url: BLOB, commit: true });
    expect(result).toEqual({
      ok: false,
      errors: [
        `${BLOB}: acme/platform: GitHub answered 404: the file does not exist, or this browser is not signed in to github.com with an account that can read acme/platform. Termlens reads it with your github.com session in this browser (no token is asked for or stored).`,
      ],
    });
    expect(await fakeBrowser.storage.local.get()).toEqual(before);
  });

  it('says to sign in when GitHub answers with its sign-in page', async () => {
    askSignIn = true;
    const result = await ask('subscribe', { url: BLOB, commit: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/GitHub asked to sign in\. .*sign in to github\.com, then try again\./);
  });
});

describe('GitHub file URLs', () => {
  it('maps blob and raw URLs of github.com to the raw URL, and nothing else', () => {
    expect(githubFile(BLOB)).toEqual({ repo: 'acme/platform', raw: 'https://github.com/acme/platform/raw/main/GLOSSARY.md' });
    expect(githubFile('https://github.com/acme/platform/raw/v2/docs/a%20b.md')?.raw).toBe(
      'https://github.com/acme/platform/raw/v2/docs/a%20b.md',
    );
    expect(githubFile('https://github.com/acme/platform')).toBeNull();
    expect(githubFile('https://raw.githubusercontent.com/acme/platform/main/GLOSSARY.md')).toBeNull();
    expect(githubFile('http://github.com/acme/platform/blob/main/x.md')).toBeNull();
  });

  it('reads a 200 web page as GitHub’s page, not the file', () => {
    const file = githubFile(BLOB)!;
    expect(
      githubAnswerProblem(file, {
        status: 200,
        url: 'https://raw.githubusercontent.com/acme/platform/main/GLOSSARY.md',
        contentType: 'text/plain',
      }),
    ).toBeNull();
    expect(
      githubAnswerProblem(file, { status: 200, url: 'https://github.com/acme/platform/raw/main/GLOSSARY.md', contentType: 'text/html' }),
    ).toMatch(/a web page, not the file/);
  });
});
