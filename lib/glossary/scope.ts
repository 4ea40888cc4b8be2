// Where a pack applies. A team's language is its org's or its repo's: its house rules (avoid words)
// and, for a private pack, its very terms belong there and nowhere else.
//
// A scope is a list of entries; a page is in scope when one entry matches its URL:
// - `*`                                  everywhere;
// - `github.com/acme`                    a GitHub org (any repo under it), `github.com/acme/infra` one repo;
// - `grafana.example.com`, `*.corp.example` a host, or a host and its subdomains (any path);
// - `https://docs.example.com/platform/*` a URL pattern: `*` stands for any run of characters.
// A path without `*` matches itself and everything below it (`/acme` covers `/acme/infra/pull/1`,
// not `/acme-other`). No scheme matches http and https; a port must match when the entry names one.

export type Scope = readonly string[];

export const EVERYWHERE = '*';

/** A scope entry's shape, for the schema: no white space, no query or fragment. */
export const SCOPE_ENTRY = /^(?:\*|(?:https?:\/\/)?[a-z0-9*][a-z0-9*.-]*(?::\d{1,5})?(?:\/[^\s?#]*)?)$/i;

interface ParsedEntry {
  scheme: string | null;
  host: string;
  port: string | null;
  path: string;
}

function parseEntry(entry: string): ParsedEntry | null {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(entry.trim());
  if (!m) return null;
  return { scheme: m[1]?.toLowerCase() ?? null, host: m[2]!.toLowerCase(), port: m[3] ?? null, path: m[4] ?? '' };
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) || host === pattern.slice(2);
  if (!pattern.includes('*')) return host === 'www.' + pattern;
  return wildcard(pattern).test(host);
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern === '' || pattern === '/') return true;
  if (pattern.includes('*')) return wildcard(pattern).test(path);
  const prefix = pattern.replace(/\/+$/, '');
  const lower = path.toLowerCase();
  const p = prefix.toLowerCase();
  return lower === p || lower.startsWith(p + '/');
}

/** Does one scope entry cover this URL? */
export function entryMatches(entry: string, url: URL): boolean {
  if (entry.trim() === EVERYWHERE) return true;
  const parsed = parseEntry(entry);
  if (!parsed) return false;
  if (parsed.scheme && parsed.scheme + ':' !== url.protocol) return false;
  if (parsed.port && parsed.port !== url.port) return false;
  if (!hostMatches(parsed.host, url.hostname.toLowerCase())) return false;
  return pathMatches(parsed.path, url.pathname);
}

/** Is the URL inside the scope? An absent or empty scope (home unknown) covers nothing. */
export function inScope(scope: Scope | undefined, url: URL): boolean {
  return scope !== undefined && scope.some((entry) => entryMatches(entry, url));
}

/** The scope a GitHub repository's own glossary gets by default: that repo. */
export function githubRepoScope(owner: string, repo: string): string[] {
  return [`github.com/${owner.toLowerCase()}/${repo.toLowerCase()}`];
}

/** From a github.com URL of a file (blob, raw or raw.githubusercontent.com), the repo's scope. */
export function scopeFromSourceUrl(source: string): string[] | undefined {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return undefined;
  }
  const parts = url.pathname.split('/').filter(Boolean);
  if ((url.hostname === 'github.com' || url.hostname === 'raw.githubusercontent.com') && parts.length >= 2) {
    return githubRepoScope(parts[0]!, parts[1]!);
  }
  return undefined;
}

/** The scope entry for "here": the repository on github.com, the host anywhere else. */
export function hereEntry(url: URL): string {
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'github.com' && parts.length >= 2) return githubRepoScope(parts[0]!, parts[1]!)[0]!;
  return url.host.toLowerCase();
}

/** Does a pack apply at this URL: inside its scope, or anywhere when its home is unknown (unless private)? */
export function appliesAt(scope: Scope | undefined, isPrivate: boolean | undefined, url: URL): boolean {
  if (scope === undefined || scope.length === 0) return !isPrivate;
  return inScope(scope, url);
}

/**
 * The scope a glossary fetched from `source` gets when it states none. A CONTEXT.md (the `context`
 * shape) is one repository's language: that repository. Any other glossary in a GitHub repository is
 * its team's, so its organisation's. From anywhere else its home is unknown: no scope.
 */
export function defaultScope(source: string, format: string): string[] | undefined {
  const repo = scopeFromSourceUrl(source);
  if (!repo) return undefined;
  const file = (() => {
    try {
      return new URL(source).pathname.split('/').pop() ?? '';
    } catch {
      return '';
    }
  })();
  if (format === 'context' || /^context\.md$/i.test(file)) return repo;
  return [repo[0]!.split('/').slice(0, 2).join('/')];
}
