// `npx tsx bench/relevance/transplant.ts <source.json>…`: builds a GitHub issue or pull-request page from
// a real public thread (bench/relevance/sources/<page>.json: title, repository, comments as Markdown)
// placed into a real saved GitHub page (the skeleton: OctoLinker's saved issue or PR page, already in
// pages/). The skeleton's title, repository, first comment and timeline are replaced; its header,
// sidebar, forms and footer stay as GitHub rendered them. Markdown is rendered as GitHub renders it
// (GFM, `dir="auto"` paragraphs, `notranslate` code, highlighted YAML keys).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { pageFile, RELEVANCE_DIR } from './candidates';

export interface ThreadSource {
  /** Output page name. */
  page: string;
  skeleton: 'issue' | 'pull';
  /** owner/name */
  repository: string;
  number: number;
  title: string;
  /** Where the text was taken from (kept for ORIGINS.md). */
  from: string;
  comments: Array<{ author: string; date: string; body: string }>;
}

const SKELETONS = {
  issue: { page: 'github-issue-octolinker-code', title: 'Issue with some code blocks', number: 2 },
  pull: { page: 'github-pr-octolinker-conversation', title: 'Update popular-cat-names.js', number: 1 },
} as const;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** GitHub's rendering of a comment's Markdown, close enough for text: GFM, code blocks in highlight divs. */
export function renderMarkdown(markdown: string): string {
  let html = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  html = html.replace(/<(p|h[1-6]|ul|ol|blockquote|table)>/g, '<$1 dir="auto">');
  html = html.replace(
    /<pre><code(?: class="language-([\w+-]+)")?>([\s\S]*?)<\/code><\/pre>/g,
    (_all, lang: string | undefined, code: string) => {
      if (!lang)
        return `<div class="snippet-clipboard-content notranslate position-relative overflow-auto"><pre class="notranslate"><code>${code}</code></pre></div>`;
      const body =
        lang === 'yaml' || lang === 'yml' ? code.replace(/^(\s*(?:- )?)([\w./-]+)(:)/gm, '$1<span class="pl-ent">$2</span>$3') : code;
      return `<div class="highlight highlight-source-${lang === 'yml' ? 'yaml' : lang} notranslate position-relative overflow-auto" dir="auto"><pre>${body}</pre></div>`;
    },
  );
  return html.replace(/<code>/g, '<code class="notranslate">');
}

function must(i: number, what: string): number {
  if (i < 0) throw new Error(`skeleton: ${what} not found`);
  return i;
}

export function transplant(source: ThreadSource): string {
  const skeleton = SKELETONS[source.skeleton];
  let html = readFileSync(pageFile(skeleton.page), 'utf8');
  const start = must(html.indexOf('<div class="TimelineItem pt-0 js-comment-container'), 'first comment');
  const loader = must(html.indexOf('<div id="js-timeline-progressive-loader"', start), 'timeline loader');
  const end = must(html.indexOf('<!-- Rendered timeline since', loader), 'timeline end');
  // The issue page wraps the timeline in a bare <div> (closed after the timeline marker, kept); the PR page does not.
  const before = html.slice(start, loader);
  const wrapper = /<div>\s*$/.exec(before);
  const block = wrapper ? before.slice(0, wrapper.index) : before;
  const bodyStart = must(block.indexOf('js-comment-body">'), 'comment body') + 'js-comment-body">'.length;
  const bodyEnd = must(block.indexOf('</td>', bodyStart), 'comment body end');
  const [owner, name] = source.repository.split('/');
  const comment = (c: ThreadSource['comments'][number], first: boolean) => {
    const date = new Date(c.date);
    const shown = date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    const filled = `${block.slice(0, bodyStart)}\n${renderMarkdown(c.body)}\n      ${block.slice(bodyEnd)}`
      .replace(/stefanbuck/g, c.author)
      .replace(/datetime="[^"]*"/g, `datetime="${date.toISOString().replace('.000', '')}"`)
      .replace(/>(?:Oct|Mar) \d+, \d{4}</g, `>${shown}<`);
    return first
      ? filled
      : `<div class="js-timeline-item js-timeline-progressive-focus-container">\n${filled.replace('TimelineItem pt-0 js-comment-container', 'TimelineItem js-comment-container')}\n</div>\n`;
  };
  const [description, ...rest] = source.comments;
  if (!description) throw new Error(`${source.page}: a thread needs at least its first comment`);
  html = `${html.slice(0, start)}${comment(description, true)}\n${wrapper ? '<div>\n' : ''}  <div id="js-timeline-progressive-loader">\n${rest.map((c) => comment(c, false)).join('\n')}\n  </div>\n${html.slice(end)}`;
  const title = escapeHtml(source.title);
  html = html
    .split(skeleton.title)
    .join(title)
    .replace(/OctoLinker\/testrepo/g, source.repository)
    .replace(/>testrepo</g, `>${name}<`)
    .replace(/>OctoLinker</g, `>${owner}<`)
    .replace(new RegExp(`(Issue|Pull Request) #${skeleton.number}\\b`, 'g'), `$1 #${source.number}`)
    .replace(new RegExp(`>#${skeleton.number}<`, 'g'), `>#${source.number}<`)
    .replace(new RegExp(`/(issues|pull)/${skeleton.number}\\b`, 'g'), `/$1/${source.number}`)
    // The skeleton's author (header, branch names, sidebar) becomes the thread's.
    .replace(/stefanbuck/g, description.author);
  return html;
}

if (process.argv[1] && basename(process.argv[1]) === 'transplant.ts') {
  for (const file of process.argv.slice(2)) {
    const source = JSON.parse(readFileSync(file.includes('/') ? file : join(RELEVANCE_DIR, 'sources', file), 'utf8')) as ThreadSource;
    const html = transplant(source);
    writeFileSync(pageFile(source.page), html);
    console.log(`${pageFile(source.page)}: ${html.length} bytes, ${source.comments.length} comments`);
  }
}
