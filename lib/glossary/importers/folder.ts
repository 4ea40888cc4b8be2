// Shape 5: a folder of one Markdown file per term with YAML front matter: `title` (or `id`), a short
// `description`, aliases (`aka`, `aliases`), `tags` (first → category, rest → related), a `link`
// or `url` (→ see); the body becomes details (or the definition when there is no description).
import { parseDocument } from 'yaml';
import { collapse, extractSee } from './common';
import type { Importer, ImportInput, ParseResult, RawEntry, SourceFile } from './types';

const MARKDOWN = /\.(?:md|markdown|mdx)$/i;
const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/;

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(list);
  if (typeof value === 'string') return value.split(/\s*,\s*/).map((s) => s.trim()).filter(Boolean);
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (typeof value === 'object') {
    // `links: [{ title, url }]`
    const o = value as Record<string, unknown>;
    const url = o.url ?? o.href ?? o.link;
    return typeof url === 'string' ? [url] : [];
  }
  return [];
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function frontMatterLines(text: string): number {
  const m = FRONT_MATTER.exec(text);
  return m ? m[0].split(/\n/).length - (m[0].endsWith('\n') ? 1 : 0) : 0;
}

function hasFrontMatter(f: SourceFile): boolean {
  return MARKDOWN.test(f.path) && FRONT_MATTER.test(f.text);
}

function parseFile(f: SourceFile, warnings: string[]): RawEntry | undefined {
  const m = FRONT_MATTER.exec(f.text);
  if (!m) {
    warnings.push(`${f.path}:1:1: no YAML front matter: skipped`);
    return undefined;
  }
  const doc = parseDocument(m[1] ?? '');
  const error = doc.errors[0];
  if (error) {
    // Front matter starts on line 2 (after `---`).
    const line = 2 + (m[1] ?? '').slice(0, error.pos[0]).split('\n').length - 1;
    warnings.push(`${f.path}:${line}:1: front matter is not valid YAML (${error.message.split('\n')[0]}): skipped`);
    return undefined;
  }
  const data: unknown = doc.toJS();
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    warnings.push(`${f.path}:2:1: front matter is not a mapping: skipped`);
    return undefined;
  }
  // Hugo reads front matter keys case-insensitively (`Title:` is `title:`).
  const fm = Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  // A draft is not published by the site, but its definition is the team's: kept, and said.
  if (fm.draft === true) warnings.push(`${f.path}:2:1: a draft (\`draft: true\`): kept`);
  const bodyStart = frontMatterLines(f.text) + 1;
  let body = hugoText(f.text.slice(m[0].length)).trim();
  // A leading "# Title" repeats the headword.
  const h1 = /^#\s+(.+)\n?/.exec(body);
  const headword = str(fm.title) ?? str(fm.term) ?? str(fm.name) ?? str(fm.id) ?? (h1 ? h1[1]?.trim() : undefined);
  if (h1) body = body.slice(h1[0].length).trim();
  const where = `${f.path}:1:1`;
  if (!headword) {
    warnings.push(`${where}: front matter has no title or id: skipped`);
    return undefined;
  }
  // Kubernetes' glossary: the text before `<!--more-->` is the definition, the rest is details.
  const more = body.indexOf('<!--more-->');
  const described = str(fm.description) ?? str(fm.definition) ?? str(fm.summary) ?? str(fm.short_description) ?? str(fm.hovertext);
  let definition = more > 0 ? collapse(body.slice(0, more)) : described;
  if (more > 0) body = body.slice(more + '<!--more-->'.length).trim();
  const paragraphs = body ? body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) : [];
  if (!definition) {
    const first = paragraphs.shift();
    if (first) {
      definition = collapse(first);
      warnings.push(`${f.path}:${bodyStart}:1: no description in the front matter: used the first paragraph as the definition`);
    }
  }
  if (!definition) {
    warnings.push(`${where}: "${headword}" has no description and no body: skipped`);
    return undefined;
  }
  const { text, see: chapterSee } = extractSee(collapse(definition));
  const tags = list(fm.tags ?? fm.categories);
  const category = str(fm.category) ?? tags[0] ?? dirCategory(f.path);
  const related = [...list(fm.related), ...list(fm.see_also), ...list(fm.seeAlso), ...tags.filter((t) => t !== category)];
  const see = [...chapterSee, ...list(fm.link), ...list(fm.url), ...list(fm.full_link), ...list(fm.links), ...list(fm.see), ...list(fm.source)];
  return {
    headword,
    definition: text,
    where,
    aliases: [...list(fm.aka), ...list(fm.aliases), ...list(fm.alias), ...list(fm.synonyms), ...list(fm.abbreviation)],
    ...(str(fm.qualifier) ? { qualifier: str(fm.qualifier) } : {}),
    ...(paragraphs.length ? { details: paragraphs.join('\n\n') } : {}),
    ...(category ? { category } : {}),
    see,
    avoid: list(fm.avoid),
    related,
    notes: list(fm.notes),
  };
}

/**
 * Hugo shortcodes as text: `{{< glossary_tooltip text="containers" term_id="container" >}}` →
 * containers; other shortcodes are dropped.
 */
function hugoText(s: string): string {
  return s.replace(/\{\{[<%]([^}]*)[>%]\}\}/g, (_m, inner: string) => {
    const text = /\btext="([^"]*)"/.exec(inner)?.[1];
    const id = /\bterm_id="([^"]*)"/.exec(inner)?.[1];
    return text ?? id ?? '';
  });
}

/** "terms/networking/cni.md" → "networking"; files at the top level have no folder category. */
function dirCategory(path: string): string | undefined {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length >= 3 ? parts[parts.length - 2] : undefined;
}

export const folderImporter: Importer = {
  name: 'folder',
  describe: 'folder of one Markdown file per term with YAML front matter (`title`, `description`, `aka`, `tags`, `link`)',
  detect(input: ImportInput): number {
    if (input.kind !== 'files') return 0;
    return input.files.filter(hasFrontMatter).length;
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'files') return { ok: false, error: `${input.name}: the folder shape reads a folder of Markdown files, not one file` };
    const warnings: string[] = [];
    const entries: RawEntry[] = [];
    const files = [...input.files].sort((a, b) => a.path.localeCompare(b.path));
    let description: string | undefined;
    let title: string | undefined;
    for (const f of files) {
      if (!MARKDOWN.test(f.path)) {
        warnings.push(`${f.path}:1:1: not a Markdown file: skipped`);
        continue;
      }
      // A README/index without front matter describes the folder.
      if (/(?:^|[\\/])(?:readme|index|_index)\.(?:md|markdown|mdx)$/i.test(f.path) && !FRONT_MATTER.test(f.text)) {
        const h1 = /^#\s+(.+)$/m.exec(f.text);
        title ??= h1?.[1]?.trim();
        const para = f.text.replace(/^#.*$/gm, '').trim().split(/\n\s*\n/)[0];
        if (para) description ??= collapse(para);
        continue;
      }
      const entry = parseFile(f, warnings);
      if (entry) entries.push(entry);
    }
    return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(description ? { description } : {}) };
  },
};
