// `npx tsx bench/relevance/diff-page.ts`: builds a GitHub commit page with its diff from a real public
// commit (bench/relevance/sources/<page>.diff, `git show` output) placed into OctoLinker's saved commit
// page (pages/github-commit-octolinker.html): the skeleton's file block (header, diff table, rows) is
// repeated for each file of the diff, the commit title, author, SHA and repository replaced. YAML lines
// get GitHub's syntax classes (keys `pl-ent`, comments `pl-c`, strings `pl-s`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageFile, RELEVANCE_DIR } from './candidates';

interface CommitSource {
  page: string;
  repository: string;
  sha: string;
  author: string;
  title: string;
  diff: string;
}

const SKELETON = {
  page: 'github-commit-octolinker',
  repository: 'OctoLinker/testrepo',
  sha: 'b0775a93ea27ee381858ddd9fa2bb953d5b74acb',
  title: 'my personal favorites',
  author: 'stefanbuck',
  path: 'sourcereader/popular-rabbit-names.js',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function highlightYaml(line: string): string {
  const comment = line.indexOf('#');
  const [code, rest] =
    comment >= 0 && !/["'][^"']*#/.test(line.slice(0, comment + 1)) ? [line.slice(0, comment), line.slice(comment)] : [line, ''];
  // Strings first: the key's span brings quotes of its own.
  let out = esc(code)
    .replace(/"([^"]*)"/g, '<span class="pl-s"><span class="pl-pds">"</span>$1<span class="pl-pds">"</span></span>')
    .replace(/^(\s*(?:- )?)([\w./-]+)(:)/, '$1<span class="pl-ent">$2</span>$3');
  if (rest) out += `<span class="pl-c"><span class="pl-c">#</span>${esc(rest.slice(1))}</span>`;
  return out;
}

interface FileDiff {
  path: string;
  hunks: Array<{ header: string; lines: string[] }>;
}

export function parseDiff(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  for (const part of diff.split(/^diff --git /m).slice(1)) {
    const path = /^\+\+\+ b\/(.+)$/m.exec(part)?.[1] ?? '';
    const hunks: FileDiff['hunks'] = [];
    for (const line of part.split('\n')) {
      if (line.startsWith('@@')) hunks.push({ header: line, lines: [] });
      else if (hunks.length > 0 && /^[ +-]/.test(line)) hunks[hunks.length - 1]?.lines.push(line);
    }
    files.push({ path, hunks });
  }
  return files;
}

export function diffPage(source: CommitSource): string {
  let html = readFileSync(pageFile(SKELETON.page), 'utf8');
  const container = html.indexOf('<div class="js-diff-progressive-container">');
  const fileStart = html.indexOf('<div id="diff-', container);
  const tableStart = html.indexOf('<table', fileStart);
  const tableEnd = html.indexOf('</table>', tableStart) + '</table>'.length;
  if (container < 0 || fileStart < 0 || tableStart < 0 || tableEnd < tableStart)
    throw new Error('skeleton: diff container, file or table not found');
  const header = html.slice(fileStart, tableStart);
  const openTag = /^<table[^>]*>/.exec(html.slice(tableStart))?.[0] ?? '<table class="diff-table js-diff-table">';
  // The divs the file block leaves open at its table (closed after it).
  const depth = (header.match(/<div\b/g)?.length ?? 0) - (header.match(/<\/div>/g)?.length ?? 0);
  let afterTable = tableEnd;
  for (let i = 0; i < depth; i++) afterTable = html.indexOf('</div>', afterTable) + '</div>'.length;
  const blocks = parseDiff(source.diff).map((file, f) => {
    const anchor = `diff-${f.toString(16).padStart(8, '0')}`;
    const yaml = /\.ya?ml$/.test(file.path);
    let line = 0;
    const rows = file.hunks.map((h) => {
      line = Number(/\+(\d+)/.exec(h.header)?.[1] ?? '1') - 1;
      const hunk = `<tr class="js-expandable-line"><td class="blob-num blob-num-hunk non-expandable" data-line-number="..."></td><td class="blob-num blob-num-hunk non-expandable" data-line-number="..."></td><td class="blob-code blob-code-inner blob-code-hunk">${esc(h.header)}</td></tr>`;
      const body = h.lines.map((l) => {
        const marker = l.charAt(0);
        const kind = marker === '+' ? 'addition' : marker === '-' ? 'deletion' : 'context';
        if (marker !== '-') line++;
        const code = l.slice(1);
        const inner = code === '' ? '<br>' : yaml ? highlightYaml(code) : esc(code);
        return `<tr><td class="blob-num blob-num-${kind} empty-cell"></td><td id="${anchor}R${line}" data-line-number="${line}" class="blob-num blob-num-${kind} js-linkable-line-number js-code-nav-line-number"></td><td class="blob-code blob-code-${kind} js-file-line"><span class='blob-code-inner blob-code-marker js-code-nav-pass ' data-code-marker="${marker}">${inner}</span></td></tr>`;
      });
      return [hunk, ...body].join('\n');
    });
    const ext = /\.[^./]+$/.exec(file.path)?.[0] ?? '';
    const fileHeader = header
      .split(SKELETON.path)
      .join(file.path)
      .replace(/diff-3aba12a19dd2692abeef04223c768a43f56d96a2b6fed07d5520090255c36a92/g, anchor)
      .replace(/data-file-type="\.js"/g, `data-file-type="${ext}"`)
      .replace(/data-tagsearch-lang="JavaScript"/, `data-tagsearch-lang="${yaml ? 'YAML' : 'Text'}"`);
    return `${fileHeader}${openTag}\n${rows.join('\n')}\n</table>${'\n</div>'.repeat(depth)}\n`;
  });
  html = `${html.slice(0, fileStart)}${blocks.join('\n')}${html.slice(afterTable)}`;
  const first = parseDiff(source.diff)[0]?.path ?? '';
  return html
    .split(SKELETON.path)
    .join(first)
    .split(SKELETON.title)
    .join(esc(source.title))
    .split(SKELETON.repository)
    .join(source.repository)
    .split(SKELETON.sha)
    .join(source.sha)
    .split(SKELETON.sha.slice(0, 7))
    .join(source.sha.slice(0, 7))
    .split(SKELETON.author)
    .join(source.author)
    .replace(/>testrepo</g, `>${source.repository.split('/')[1]}<`)
    .replace(/>OctoLinker</g, `>${source.repository.split('/')[0]}<`);
}

const SOURCES: Array<Omit<CommitSource, 'diff'> & { diffFile: string }> = [
  {
    page: 'github-commit-cnpg-dashboard-chart',
    repository: 'cloudnative-pg/grafana-dashboards',
    sha: '7386bf68c619e081ec0035e7bc21a2477476a567',
    author: 'itay-grudev',
    title: 'Cluster Dashboard chart initial commit',
    diffFile: 'github-commit-cnpg-dashboard-chart.diff',
  },
];

for (const s of SOURCES) {
  const diff = readFileSync(join(RELEVANCE_DIR, 'sources', s.diffFile), 'utf8');
  writeFileSync(pageFile(s.page), diffPage({ ...s, diff }));
  console.log(`wrote ${s.page}`);
}
