import { describe, expect, it } from 'vitest';
import { proseRoots } from '../../../lib/relevance/evidence';
import { GITHUB_REGIONS } from '../../../lib/sites/github';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('proseRoots', () => {
  it('keeps the outermost prose elements in document order, nothing of the interface around them', () => {
    const body = page(`
      <header><button>Argo CD</button></header>
      <h1><bdi class="js-issue-title" id="t">Sync is stuck</bdi></h1>
      <div class="comment-body" id="a"><div class="markdown-body" id="inner"><p>Argo CD</p></div></div>
      <nav>Service</nav>
      <div class="markdown-body" id="b"><p>kubectl</p></div>`);
    expect(proseRoots([body], GITHUB_REGIONS.prose).map((el) => el.id)).toEqual(['t', 'a', 'b']);
  });

  it('keeps a root that is prose itself, and finds nothing where there is no prose', () => {
    const body = page('<div class="markdown-body" id="m"><div class="comment-body"></div></div><p>plain</p>');
    const m = document.getElementById('m')!;
    expect(proseRoots([m], GITHUB_REGIONS.prose)).toEqual([m]);
    expect(proseRoots([body.querySelector('p')!], GITHUB_REGIONS.prose)).toEqual([]);
  });
});

describe('proseRoots and the skip rules', () => {
  it('leaves out prose the walk would not reach: inside a skipped region, or skipped itself', () => {
    const body = page(`
      <table><tr><td class="blob-code"><span class="blob-code-inner" id="diff">kubectl</span></td></tr></table>
      <div hidden><div class="markdown-body" id="hidden">Argo CD</div></div>
      <div class="markdown-body" id="shown"><p>Service</p></div>`);
    const skipped = (el: Element) => el.hasAttribute('hidden') || el.classList.contains('blob-code');
    expect(proseRoots([body], GITHUB_REGIONS.prose, skipped).map((el) => el.id)).toEqual(['shown']);
  });
});
