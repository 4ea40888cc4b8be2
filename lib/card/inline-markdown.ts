// A tiny inline Markdown reader for glossary text: `code`, *emphasis*, **strong** and [links](https://…).
// It returns tokens, never HTML: the UI renders them as elements, so text from a pack (untrusted)
// can never become markup. Anything it does not recognise stays literal text.

export type InlineToken =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'em'; children: InlineToken[] }
  | { type: 'strong'; children: InlineToken[] }
  | { type: 'link'; href: string; children: InlineToken[] };

/** An absolute http(s) URL, normalised; null for anything else (javascript:, data:, relative paths). */
export function safeHttpUrl(raw: string): string | null {
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function parseInline(source: string): InlineToken[] {
  return parse(source, 0);
}

const MAX_DEPTH = 4;

function parse(src: string, depth: number): InlineToken[] {
  const out: InlineToken[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  // Every bracket's partner is found once, and a marker that has no close from some position has
  // none from any later one: each character is then looked at a bounded number of times, however
  // many brackets or markers never close.
  const partner = partners(src);
  const noCloseFrom = new Map<string, number>();
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length && /[\\`*_[\]()]/.test(src[i + 1]!)) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      // A run of n backticks closes with the same run.
      let n = 1;
      while (src[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      const close = src.indexOf(fence, i + n);
      if (close !== -1) {
        flush();
        const inner = src.slice(i + n, close);
        out.push({ type: 'code', text: inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') ? inner.slice(1, -1) : inner });
        i = close + n;
        continue;
      }
      text += fence;
      i += n;
      continue;
    }
    if (depth < MAX_DEPTH && (ch === '*' || ch === '_')) {
      const strong = src[i + 1] === ch;
      const marker = strong ? ch + ch : ch;
      const from = i + marker.length;
      const close = from >= (noCloseFrom.get(marker) ?? Infinity) ? -1 : findClose(src, from, marker);
      if (close === -1) noCloseFrom.set(marker, Math.min(from, noCloseFrom.get(marker) ?? Infinity));
      // "snake_case" is not emphasis: underscores must not sit inside a word.
      const intraword = ch === '_' && (/\w/.test(src[i - 1] ?? '') || /\w/.test(src[close + marker.length] ?? ''));
      if (close > i + marker.length && !/\s/.test(src[i + marker.length]!) && !/\s/.test(src[close - 1]!) && !intraword) {
        flush();
        const children = parse(src.slice(i + marker.length, close), depth + 1);
        out.push(strong ? { type: 'strong', children } : { type: 'em', children });
        i = close + marker.length;
        continue;
      }
    }
    if (ch === '[' && depth < MAX_DEPTH) {
      const link = readLink(src, i, partner);
      if (link) {
        flush();
        const children = parse(link.label, depth + 1);
        const href = safeHttpUrl(link.url);
        // Not an http(s) URL: keep the label as text and drop the target.
        if (href) out.push({ type: 'link', href, children });
        else out.push(...children);
        i = link.end;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  return merge(out);
}

function findClose(src: string, from: number, marker: string): number {
  let i = from;
  while (i < src.length) {
    if (src[i] === '\\') {
      i += 2;
      continue;
    }
    if (src[i] === '`') {
      const close = src.indexOf('`', i + 1);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
    }
    if (src.startsWith(marker, i)) {
      // For single markers, do not close on the first half of a double one.
      if (marker.length === 1 && src[i + 1] === marker) {
        i += 2;
        continue;
      }
      return i;
    }
    i++;
  }
  return -1;
}

function readLink(src: string, open: number, partner: Int32Array): { label: string; url: string; end: number } | null {
  const i = partner[open]!;
  if (i === -1 || src[i + 1] !== '(') return null;
  // The target may contain balanced parentheses (Wikipedia-style URLs, "javascript:alert(1)").
  const close = partner[i + 1]!;
  if (close === -1) return null;
  const url =
    src
      .slice(i + 2, close)
      .trim()
      .split(/\s+/)[0] ?? '';
  return { label: src.slice(open + 1, i), url, end: close + 1 };
}

/**
 * For each "[" the "]" that closes it (backslash escapes skipped), for each "(" the ")" that closes
 * it, -1 where none does: one pass with a stack each.
 */
function partners(src: string): Int32Array {
  const partner = new Int32Array(src.length).fill(-1);
  const brackets: number[] = [];
  const parens: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(') parens.push(i);
    else if (c === ')' && parens.length > 0) partner[parens.pop()!] = i;
  }
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') brackets.push(i);
    else if (c === ']' && brackets.length > 0) partner[brackets.pop()!] = i;
  }
  return partner;
}

function merge(tokens: InlineToken[]): InlineToken[] {
  const out: InlineToken[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t.type === 'text' && prev?.type === 'text') prev.text += t.text;
    else out.push(t);
  }
  return out;
}

/** The tokens as plain text (labels for screen readers, search). */
export function inlineText(tokens: readonly InlineToken[]): string {
  return tokens.map((t) => (t.type === 'text' || t.type === 'code' ? t.text : inlineText(t.children))).join('');
}
