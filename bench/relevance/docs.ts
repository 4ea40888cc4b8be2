// `npx tsx bench/relevance/docs.ts`: builds the corpus's documentation pages from the docs' published
// Markdown (bench/relevance/sources/docs-*.md) in the layout of the site that serves them (navigation bar,
// sidebar, table of contents, edit link, pager and footer with the site's own labels). The layout is
// hand-written after the sites' markup; the article text is the docs' own.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageFile, RELEVANCE_DIR } from './candidates';
import { renderMarkdown } from './transplant';

interface DocsSite {
  page: string;
  source: string;
  site: string;
  nav: string[];
  sidebar: string[];
  footer: string;
  pager: [string, string];
  edit: string;
}

const SITES: DocsSite[] = [
  {
    page: 'docs-k3s-networking-services',
    source: 'docs-k3s-networking-services.md',
    site: 'K3s',
    nav: ['Docs', 'GitHub', 'Releases', 'English', 'Search'],
    sidebar: [
      'Quick-Start Guide',
      'Installation',
      'Cluster Datastore',
      'Cluster Access',
      'Upgrades',
      'Security',
      'CLI Tools',
      'Networking',
      'Basic Network Options',
      'Networking Services',
      'Multus and IPAM plugins',
      'Helm',
      'Storage',
      'Advanced Options / Configuration',
      'FAQ',
      'Release Notes',
    ],
    footer:
      'Copyright © 2026 K3s Project Authors. All rights reserved. The Linux Foundation has registered trademarks and uses trademarks.',
    pager: ['Basic Network Options', 'Distributed hybrid or multicloud cluster'],
    edit: 'Edit this page',
  },
  {
    page: 'docs-react-context',
    source: 'docs-react-context.md',
    site: 'React',
    nav: ['Learn', 'Reference', 'Community', 'Blog', 'Search'],
    sidebar: [
      'Quick Start',
      'Installation',
      'Describing the UI',
      'Adding Interactivity',
      'Managing State',
      'Reacting to Input with State',
      'Choosing the State Structure',
      'Sharing State Between Components',
      'Preserving and Resetting State',
      'Extracting State Logic into a Reducer',
      'Passing Data Deeply with Context',
      'Scaling Up with Reducer and Context',
      'Escape Hatches',
    ],
    footer:
      'Copyright © Meta Platforms, Inc. Learn React · API Reference · Community · Code of Conduct · Meet the Team · Docs Contributors · Acknowledgements',
    pager: ['Extracting State Logic into a Reducer', 'Scaling Up with Reducer and Context'],
    edit: 'Edit this page',
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function docsPage(site: DocsSite): string {
  const text = readFileSync(join(RELEVANCE_DIR, 'sources', site.source), 'utf8');
  const title = /^title:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? site.page;
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const headings = [...body.matchAll(/^##+ (.+)$/gm)].map((m) => m[1] ?? '');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)} | ${esc(site.site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
</head>
<body>
<div id="__docusaurus">
<nav class="navbar navbar--fixed-top" aria-label="Main"><div class="navbar__inner"><a class="navbar__brand" href="/"><b class="navbar__title">${esc(site.site)}</b></a>${site.nav.map((n) => `<a class="navbar__item navbar__link" href="#">${esc(n)}</a>`).join('')}</div></nav>
<div class="main-wrapper docs-wrapper">
  <aside class="theme-doc-sidebar-container"><nav aria-label="Docs sidebar" class="menu thin-scrollbar"><ul class="theme-doc-sidebar-menu menu__list">${site.sidebar.map((s) => `<li class="menu__list-item"><a class="menu__link${s === title ? ' menu__link--active' : ''}" href="#">${esc(s)}</a></li>`).join('')}</ul></nav></aside>
  <main class="docMainContainer"><div class="container padding-top--md padding-bottom--lg"><div class="row">
    <div class="col docItemCol">
      <nav class="theme-doc-breadcrumbs" aria-label="Breadcrumbs"><ul class="breadcrumbs"><li class="breadcrumbs__item"><a href="/">Home</a></li><li class="breadcrumbs__item"><span>${esc(title)}</span></li></ul></nav>
      <article><div class="theme-doc-markdown markdown"><header><h1>${esc(title)}</h1></header>
${renderMarkdown(body)}
      </div></article>
      <footer class="theme-doc-footer docusaurus-mt-lg"><a href="#" class="theme-edit-this-page">${esc(site.edit)}</a></footer>
      <nav class="pagination-nav docusaurus-mt-lg" aria-label="Docs pages"><a class="pagination-nav__link pagination-nav__link--prev" href="#"><div class="pagination-nav__sublabel">Previous</div><div class="pagination-nav__label">${esc(site.pager[0])}</div></a><a class="pagination-nav__link pagination-nav__link--next" href="#"><div class="pagination-nav__sublabel">Next</div><div class="pagination-nav__label">${esc(site.pager[1])}</div></a></nav>
    </div>
    <div class="col col--3"><div class="tableOfContents thin-scrollbar theme-doc-toc-desktop"><ul class="table-of-contents">${headings.map((h) => `<li><a href="#" class="table-of-contents__link toc-highlight">${esc(h)}</a></li>`).join('')}</ul></div></div>
  </div></div></main>
</div>
<footer class="footer footer--dark"><div class="container container-fluid"><div class="footer__copyright">${esc(site.footer)}</div></div></footer>
</div>
</body>
</html>
`;
}

for (const site of SITES) {
  writeFileSync(pageFile(site.page), docsPage(site));
  console.log(`wrote ${site.page}`);
}
