// Prefilled GitHub new-issue links for "Suggest for <pack>" and "Suggest a fix".
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entryTemplate, githubRepoOf, suggestFixUrl, suggestTermUrl } from '../../lib/card/suggest';

const params = (url: string) => {
  const u = new URL(url);
  return { base: `${u.origin}${u.pathname}`, title: u.searchParams.get('title') ?? '', body: u.searchParams.get('body') ?? '' };
};

describe('githubRepoOf', () => {
  it('reads the repository from the ways a source names one', () => {
    expect(githubRepoOf('github.com/acme/glossary')).toEqual({ owner: 'acme', repo: 'glossary' });
    expect(githubRepoOf('https://github.com/acme/glossary.git')).toEqual({ owner: 'acme', repo: 'glossary' });
    expect(githubRepoOf('https://github.com/acme/docs/blob/main/glossary/platform.md')).toEqual({
      owner: 'acme',
      repo: 'docs',
      ref: 'main',
      path: 'glossary/platform.md',
    });
    expect(githubRepoOf('https://raw.githubusercontent.com/acme/docs/v2/terms.yaml')).toEqual({
      owner: 'acme',
      repo: 'docs',
      ref: 'v2',
      path: 'terms.yaml',
    });
    expect(githubRepoOf('git@github.com:acme/glossary.git')).toEqual({ owner: 'acme', repo: 'glossary' });
  });

  it('is null for anything that is not a GitHub repository', () => {
    for (const s of [
      undefined,
      '',
      'https://docs.acme.example/glossary.md',
      'github.com/acme',
      'Chapter 8',
      'file:///tmp/x.yaml',
      'https://gitlab.com/acme/glossary',
    ])
      expect(githubRepoOf(s)).toBeNull();
  });
});

describe('entryTemplate', () => {
  it('writes a pack entry as a YAML list item that parses back', () => {
    const t = entryTemplate('pack', { term: 'Frobnicator: v2', aliases: ['FROB'], definition: 'It frobs.' });
    expect(t.language).toBe('yaml');
    expect(parse(t.text)).toEqual([{ term: 'Frobnicator: v2', aliases: ['FROB'], definition: 'It frobs.' }]);
  });

  it('follows the Markdown shapes', () => {
    expect(entryTemplate('bold', { term: 'WP', definition: 'Widget pool.' }).text).toBe('**WP**: Widget pool.');
    expect(entryTemplate('table', { term: 'WP', definition: 'a | b' }).text).toBe('| WP | a \\| b |');
    expect(entryTemplate('deflist', { term: 'WP' }).text).toBe('WP\n: What it means here, in a sentence or two.');
    expect(entryTemplate('csv', { term: 'WP', definition: 'Say "pool", not queue' }).text).toBe('WP,"Say ""pool"", not queue"');
  });
});

describe('suggest links', () => {
  const repo = { owner: 'acme', repo: 'glossary', ref: 'main', path: 'platform.yaml' };

  it('suggestTermUrl opens a new issue with the words, the page and a template', () => {
    const { base, title, body } = params(
      suggestTermUrl({
        repo,
        packName: 'ACME platform',
        format: 'pack',
        selected: '  blast\n radius ',
        pageUrl: 'https://github.com/acme/api/pull/7',
      }),
    );
    expect(base).toBe('https://github.com/acme/glossary/issues/new');
    expect(title).toBe('Glossary: add “blast radius”');
    expect(body).toContain('A reader met “blast radius” and ACME platform has no entry for it.');
    expect(body).toContain('Seen on: https://github.com/acme/api/pull/7');
    expect(body).toContain('```yaml\n- term: blast radius\n  definition: What it means here, in a sentence or two.\n```');
    expect(body).toContain('File: `platform.yaml`');
  });

  it('suggestFixUrl carries the entry as it stands', () => {
    const { title, body } = params(
      suggestFixUrl({
        repo,
        packName: 'ACME',
        format: 'bold',
        entry: { term: 'Widget pool', aliases: ['WP'], definition: 'Where widgets wait.' },
        surface: 'WP',
        pageUrl: 'https://grafana.acme.example/d/1',
      }),
    );
    expect(title).toBe('Glossary: fix “Widget pool”');
    expect(body).toContain('The entry for “Widget pool” (read as “WP”) in ACME is wrong or missing something.');
    expect(body).toContain('```markdown\n**Widget pool** (WP): Where widgets wait.\n```');
  });

  it('keeps a link with a very long entry within what a browser accepts', () => {
    const url = suggestFixUrl({ repo, packName: 'ACME', entry: { term: 'Long', definition: 'word '.repeat(3000) } });
    expect(url.length).toBeLessThanOrEqual(6000);
    expect(params(url).title).toBe('Glossary: fix “Long”');
  });
});
