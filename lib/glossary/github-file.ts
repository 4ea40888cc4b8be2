// A glossary file in a GitHub repository, private ones included, read with the user's own github.com
// session: Termlens has github.com access from the install and never asks for or stores a token.
// GitHub serves a repository file at github.com/<owner>/<repo>/raw/<ref>/<path>, which answers a
// signed-in reader with a redirect to a one-time raw.githubusercontent.com URL, a reader without
// access with 404 (a private repository does not admit it exists) and some requests with its sign-in
// page.

export interface GithubFile {
  /** `owner/repo` as written in the URL. */
  repo: string;
  /** The URL that answers with the file's text. */
  raw: string;
}

/** The origin a signed-in read is redirected to: it needs host access of its own. */
export const GITHUB_RAW_ORIGIN = 'https://raw.githubusercontent.com/*';

/** `https://github.com/acme/platform/blob/main/GLOSSARY.md` (or `/raw/`) → its raw URL; null for any other URL. */
export function githubFile(url: string): GithubFile | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || (u.hostname !== 'github.com' && u.hostname !== 'www.github.com')) return null;
  const [owner, repo, kind, ref, ...path] = u.pathname.split('/').filter(Boolean);
  if (!owner || !repo || (kind !== 'blob' && kind !== 'raw') || !ref || path.length === 0) return null;
  return { repo: `${owner}/${repo}`, raw: `https://github.com/${owner}/${repo}/raw/${ref}/${path.join('/')}` };
}

/** What a github.com answer means when it is not the file, in words a reader can act on; null when it is the file. */
export function githubAnswerProblem(file: GithubFile, answer: { status: number; url: string; contentType: string }): string | null {
  const session = 'Termlens reads it with your github.com session in this browser (no token is asked for or stored)';
  let path = '';
  try {
    path = new URL(answer.url).pathname;
  } catch {
    /* an answer without a URL: judged by its status */
  }
  if (/^\/(login|session|sessions)\b/.test(path)) return `${file.repo}: GitHub asked to sign in. ${session}: sign in to github.com, then try again.`;
  if (answer.status === 404 || answer.status === 403)
    return `${file.repo}: GitHub answered ${answer.status}: the file does not exist, or this browser is not signed in to github.com with an account that can read ${file.repo}. ${session}.`;
  if (answer.status >= 200 && answer.status < 300 && /^text\/html\b/i.test(answer.contentType))
    return `${file.repo}: GitHub answered with a web page, not the file (its sign-in page, or a blob page). ${session}: sign in to github.com, then try again.`;
  return null;
}
