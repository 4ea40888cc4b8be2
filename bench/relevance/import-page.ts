// `npx tsx bench/relevance/import-page.ts <saved.html> <name>`: brings a saved page into the corpus as
// bench/relevance/pages/<name>.html, kept small and inert: <script> elements removed (the page must not
// run or fetch anything; its DOM is what was saved), data: URLs over 1 KB emptied, the markup kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { pageFile } from './candidates';

export function stripPage(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '').replace(/data:[a-z+/.-]+;base64,[A-Za-z0-9+/=]{1024,}/g, 'data:,');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [source, name] = process.argv.slice(2);
  if (!source || !name) {
    console.error('usage: tsx bench/relevance/import-page.ts <saved.html> <name>');
    process.exit(2);
  }
  const out = stripPage(readFileSync(source, 'utf8'));
  writeFileSync(pageFile(name), out);
  console.log(`${pageFile(name)}: ${out.length} bytes`);
}
