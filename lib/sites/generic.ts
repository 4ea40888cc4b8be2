// Any other page the user turned Termlens on for: scan the whole body, exclude nothing beyond what the
// scanner always skips (scripts, styles, form fields, editable regions, hidden elements, Termlens's UI).
import { defineSite, type SiteAdapter } from './types';

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  matches: () => true,
  roots: (doc) => (doc.body ? [doc.body] : []),
  // A page's own navigation, banner, footer, buttons and menus are interface, not what it says.
  regions: {
    chrome: [
      'nav',
      'footer',
      'button',
      'body > header',
      '[role="navigation"]',
      '[role="banner"]',
      '[role="contentinfo"]',
      '[role="menu"]',
      '[role="menubar"]',
      '[role="tooltip"]',
      '[role="search"]',
      // Tables of contents and side bars of the common documentation generators (Docusaurus, Hugo, MkDocs, Sphinx, Starlight).
      '.table-of-contents',
      '.theme-doc-toc-desktop',
      '.theme-doc-sidebar-container',
      '#TableOfContents',
      '.md-sidebar',
      '.sphinxsidebar',
      'starlight-toc',
    ].join(', '),
  },
  exclude: () => false,
  // No pack names "generic" in `sites`: no sense is preferred, the user's pack order decides.
  preferredSite: 'generic',
  navigationEvents: ['popstate', 'hashchange'],
};

export const genericSite = defineSite({
  id: 'generic',
  name: 'Other sites',
  recognisedBy: 'fallback',
  adapter: genericAdapter,
  settings: [],
  testUrls: [
    { url: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/', shows: 'prose, code blocks, tables' },
    { url: 'https://cloudnative-pg.io/documentation/current/', shows: 'docs site with navigation and code' },
  ],
});
