// The term card. Inside the page it lives in a shadow root, so page styles cannot reach it and these
// rules cannot leak out. Colours follow data-theme on the wrapper ("light" or "dark").
// A string (not a .css import) so the page card, the popup and the unit tests all get the same text.
export const TERM_CARD_CSS = `.tl-root {
  --tl-bg: #ffffff;
  --tl-fg: #1f2328;
  --tl-muted: #59636e;
  --tl-border: #d1d9e0;
  --tl-accent: #0969da;
  --tl-code-bg: rgba(129, 139, 152, 0.16);
  --tl-avoid-bg: #fff1e5;
  --tl-avoid-fg: #953800;
  --tl-shadow: 0 8px 24px rgba(66, 74, 83, 0.2);
  all: initial;
  display: block;
  box-sizing: border-box;
  width: max-content;
  max-width: min(380px, calc(100vw - 16px));
  max-height: 320px;
  overflow: hidden;
  overscroll-behavior: contain;
  font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: var(--tl-fg);
  background: var(--tl-bg);
  border: 1px solid var(--tl-border);
  border-radius: 8px;
  box-shadow: var(--tl-shadow);
  text-align: left;
}
.tl-root > .tl-card { max-height: inherit; }
.tl-root[data-theme="dark"] {
  --tl-bg: #151b23;
  --tl-fg: #f0f6fc;
  --tl-muted: #9198a1;
  --tl-border: #3d444d;
  --tl-accent: #4493f8;
  --tl-code-bg: rgba(101, 108, 118, 0.3);
  --tl-avoid-bg: #3a2413;
  --tl-avoid-fg: #f0b37e;
  --tl-shadow: 0 8px 24px rgba(1, 4, 9, 0.7);
}
.tl-root:focus { outline: none; }
.tl-root:focus-visible { outline: 2px solid var(--tl-accent); outline-offset: 1px; }
.tl-card { display: flex; flex-direction: column; max-height: inherit; padding: 10px 12px 8px; }
.tl-body { flex: 1 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain; overflow-wrap: anywhere; }
.tl-title { flex: 1; min-width: 0; }
.tl-category { text-transform: none; letter-spacing: 0; }
.tl-reason { font-size: 11px; color: var(--tl-muted); }
.tl-link { all: unset; cursor: pointer; color: var(--tl-accent); text-decoration: underline; }
.tl-link:focus-visible, .tl-more:focus-visible { outline: 2px solid var(--tl-accent); outline-offset: 1px; }
.tl-more { all: unset; cursor: pointer; font-size: 12px; color: var(--tl-accent); padding: 2px 0; }
.tl-spacer { flex: 1; }
.tl-done { margin: 0; display: flex; align-items: center; gap: 8px; font-size: 12px; color: var(--tl-muted); }
.tl-card *, .tl-card *::before, .tl-card *::after { box-sizing: border-box; }
.tl-head { display: flex; align-items: flex-start; gap: 8px; }
.tl-headword { margin: 0; font-size: 15px; font-weight: 600; line-height: 1.3; }
.tl-qualifier { font-weight: 400; color: var(--tl-muted); }
.tl-close {
  all: unset; cursor: pointer; width: 20px; height: 20px; text-align: center; line-height: 20px;
  border-radius: 4px; color: var(--tl-muted); font-size: 16px;
}
.tl-close:hover { background: var(--tl-code-bg); color: var(--tl-fg); }
.tl-close:focus-visible, .tl-know:focus-visible, .tl-card a:focus-visible { outline: 2px solid var(--tl-accent); outline-offset: 1px; }
.tl-card p { margin: 4px 0 0; }
.tl-pack { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--tl-muted); }
.tl-label { color: var(--tl-muted); }
.tl-aliases, .tl-see, .tl-avoid-list, .tl-details { color: var(--tl-fg); }
.tl-definition { font-size: 13px; }
.tl-avoid { padding: 4px 8px; border-radius: 6px; background: var(--tl-avoid-bg); color: var(--tl-avoid-fg); }
.tl-notes { margin: 4px 0 0; padding-left: 18px; color: var(--tl-muted); }
.tl-card code {
  font: 12px/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace;
  padding: 0 4px; border-radius: 4px; background: var(--tl-code-bg);
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
}
.tl-card a { color: var(--tl-accent); text-decoration: underline; }
.tl-others { margin-top: 8px; padding-top: 6px; border-top: 1px solid var(--tl-border); }
.tl-others-title { margin: 0; font-size: 11px; font-weight: 600; color: var(--tl-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.tl-other { margin-top: 6px; }
.tl-other-head { margin: 0; font-size: 13px; font-weight: 600; }
.tl-foot { flex: none; margin-top: 6px; padding-top: 6px; border-top: 1px solid var(--tl-border); display: flex; align-items: center; gap: 6px; }
.tl-know {
  all: unset; cursor: pointer; font-size: 12px; padding: 2px 8px; border-radius: 6px;
  border: 1px solid var(--tl-border); color: var(--tl-muted);
}
.tl-know:hover { color: var(--tl-fg); background: var(--tl-code-bg); }
.tl-empty { margin: 0; color: var(--tl-muted); }
.tl-updated { margin: 0 0 4px; font-size: 12px; font-weight: 600; color: var(--tl-accent); }
.tl-home { margin: 4px 0 0; font-size: 12px; color: var(--tl-muted); }
.tl-suggest { margin: 4px 0 0; font-size: 12px; }
`;
