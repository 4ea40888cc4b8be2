// "Not here": a term silenced in one place only. The place is a GitHub repository
// (`github.com/owner/repo`) on a repository page, otherwise the host. Pure, for the content script
// and the options page.

export interface Silenced {
  /** Lower-case pattern key (`term:argo cd`). */
  key: string;
  /** `github.com/owner/repo` or a host. */
  scope: string;
}

const GITHUB_REPO = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)(?:\/|$)/;
const GITHUB_NOT_OWNERS = new Set([
  'settings',
  'orgs',
  'notifications',
  'marketplace',
  'explore',
  'topics',
  'search',
  'login',
  'sponsors',
  'features',
]);

/** The scope "Not here" applies to on this page. */
export function silenceScope(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host === 'www.github.com') {
    const m = GITHUB_REPO.exec(url.pathname);
    if (m && !GITHUB_NOT_OWNERS.has(m[1]!.toLowerCase())) return `github.com/${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}`;
  }
  return host;
}

/** The keys silenced on this page: the entries whose scope is the page's host or repository. */
export function silencedHere(entries: readonly Silenced[], url: URL): string[] {
  const scope = silenceScope(url);
  const host = url.hostname.toLowerCase();
  return entries.filter((e) => e.scope === scope || e.scope === host).map((e) => e.key);
}
