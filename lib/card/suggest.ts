// "Suggest a term" and "Suggest a fix": a prefilled new-issue page on the GitHub repository a pack
// comes from, with the words, the page they were read on and an entry to fill in, written in the
// pack's own shape so the maintainer can paste it. Pure: the background builds the links, the card
// only shows them. The reader sees the issue before sending it and can take out a private address.
import { stringify } from 'yaml';

export interface GithubRepo {
  owner: string;
  repo: string;
  /** The branch or tag and the file inside the repository, when the source names one. */
  ref?: string;
  path?: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

function repoFrom(
  owner: string | undefined,
  repo: string | undefined,
  rest: string[] = [],
  kind: 'web' | 'raw' = 'web',
): GithubRepo | null {
  if (!owner || !repo || !NAME.test(owner) || !NAME.test(repo)) return null;
  const out: GithubRepo = { owner, repo: repo.replace(/\.git$/, '') };
  // github.com/o/r/blob/<ref>/<path>, raw.githubusercontent.com/o/r/<ref>/<path>
  const tail = kind === 'web' ? (rest[0] === 'blob' || rest[0] === 'tree' ? rest.slice(1) : []) : rest;
  const [ref, ...path] = tail;
  if (ref) out.ref = ref;
  if (path.length) out.path = path.join('/');
  return out;
}

/** The GitHub repository a pack's `source` (or homepage) names: `github.com/o/r`, a github.com or raw URL, `git@github.com:o/r.git`. */
export function githubRepoOf(source: string | undefined): GithubRepo | null {
  if (!source) return null;
  const text = source.trim();
  const ssh = /^git@github\.com:([^/\s]+)\/([^/\s]+?)(?:\.git)?$/.exec(text);
  if (ssh) return repoFrom(ssh[1], ssh[2]);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host === 'www.github.com') return repoFrom(parts[0], parts[1], parts.slice(2), 'web');
  if (host === 'raw.githubusercontent.com') return repoFrom(parts[0], parts[1], parts.slice(2), 'raw');
  return null;
}

/** The fields of an entry a template shows. */
export interface TemplateEntry {
  term: string;
  qualifier?: string;
  aliases?: readonly string[];
  definition?: string;
  category?: string;
}

const PLACEHOLDER = 'What it means here, in a sentence or two.';

/**
 * An entry written the way the pack's file writes them (its importer format): a YAML list item for
 * packs, `**Term**: definition` for bold Markdown, a table row, a definition list, a CSV line…
 */
export function entryTemplate(format: string | undefined, entry: TemplateEntry): { language: string; text: string } {
  const definition = entry.definition ?? PLACEHOLDER;
  const head = entry.qualifier ? `${entry.term} (${entry.qualifier})` : entry.term;
  const aliases = entry.aliases?.length ? ` (${entry.aliases.join(', ')})` : '';
  switch (format) {
    case 'bold':
    case 'bullets':
      return { language: 'markdown', text: `${format === 'bullets' ? '- ' : ''}**${head}**${aliases}: ${definition}` };
    case 'table':
      return { language: 'markdown', text: `| ${head}${aliases} | ${definition.replace(/\|/g, '\\|')} |` };
    case 'deflist':
      return { language: 'markdown', text: `${head}${aliases}\n: ${definition}` };
    case 'headings':
      return { language: 'markdown', text: `## ${head}${aliases}\n\n${definition}` };
    case 'asciidoc':
      return { language: 'asciidoc', text: `${head}${aliases}:: ${definition}` };
    case 'csv':
      return { language: 'csv', text: [head, definition].map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') };
    default: {
      const item: Record<string, unknown> = { term: entry.term };
      if (entry.qualifier) item.qualifier = entry.qualifier;
      if (entry.aliases?.length) item.aliases = [...entry.aliases];
      item.definition = definition;
      if (entry.category) item.category = entry.category;
      return { language: 'yaml', text: stringify([item], { lineWidth: 0 }).trimEnd() };
    }
  }
}

/** A GitHub new-issue URL stays well under the length browsers and GitHub accept. */
const MAX_QUOTE = 300;
const MAX_URL = 6000;

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function fence(language: string, text: string): string {
  const ticks = /```/.test(text) ? '~~~' : '```';
  return `${ticks}${language}\n${text}\n${ticks}`;
}

function issueUrl(repo: GithubRepo, title: string, body: string): string {
  const base = `https://github.com/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}/issues/new`;
  let url = `${base}?${new URLSearchParams({ title, body }).toString()}`;
  // A very long body (a long definition) is cut at the end rather than refused by the browser.
  while (url.length > MAX_URL && body.length > 200) {
    body = `${body.slice(0, Math.floor(body.length * 0.8))}\n…`;
    url = `${base}?${new URLSearchParams({ title, body }).toString()}`;
  }
  return url;
}

function fileLine(repo: GithubRepo): string[] {
  return repo.path ? [`File: \`${repo.path}\``] : [];
}

export interface SuggestTermInput {
  repo: GithubRepo;
  packName: string;
  /** The pack's importer format, for the template's shape. */
  format?: string;
  /** The words the reader selected. */
  selected: string;
  /** Where they read them. */
  pageUrl?: string;
}

/** "Suggest for <pack>": a new-issue page proposing the selected words as a term. */
export function suggestTermUrl({ repo, packName, format, selected, pageUrl }: SuggestTermInput): string {
  const words = clip(selected, MAX_QUOTE);
  const template = entryTemplate(format, { term: clip(selected, 80) });
  const body = [
    `A reader met “${words}” and ${packName} has no entry for it.`,
    '',
    ...(pageUrl ? [`Seen on: ${pageUrl}`, ''] : []),
    `Proposed entry (in the shape of ${packName}):`,
    '',
    fence(template.language, template.text),
    '',
    ...fileLine(repo),
    '_Suggested from Termlens. Check the page address before sending: it may be private._',
  ].join('\n');
  return issueUrl(repo, `Glossary: add “${clip(selected, 60)}”`, body);
}

export interface SuggestFixInput {
  repo: GithubRepo;
  packName: string;
  format?: string;
  entry: TemplateEntry;
  /** The words as they read on the page (may differ from the headword). */
  surface?: string;
  pageUrl?: string;
}

/** "Suggest a fix": a new-issue page with the entry as it stands, ready to be corrected. */
export function suggestFixUrl({ repo, packName, format, entry, surface, pageUrl }: SuggestFixInput): string {
  const head = entry.qualifier ? `${entry.term} (${entry.qualifier})` : entry.term;
  const template = entryTemplate(format, entry);
  const seenAs = surface && surface.trim().toLowerCase() !== entry.term.toLowerCase() ? ` (read as “${clip(surface, 80)}”)` : '';
  const body = [
    `The entry for “${head}”${seenAs} in ${packName} is wrong or missing something.`,
    '',
    ...(pageUrl ? [`Seen on: ${pageUrl}`, ''] : []),
    'What is wrong:',
    '',
    '',
    'The entry as it stands, to correct:',
    '',
    fence(template.language, template.text),
    '',
    ...fileLine(repo),
    '_Suggested from Termlens. Check the page address before sending: it may be private._',
  ].join('\n');
  return issueUrl(repo, `Glossary: fix “${clip(head, 60)}”`, body);
}
