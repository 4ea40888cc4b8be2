// Renders glossary text (inline Markdown, untrusted) as React elements: text stays text, links only
// for http(s) URLs. Never innerHTML.
import { Fragment, type ReactNode } from 'react';
import { parseInline, safeHttpUrl, type InlineToken } from '../lib/card/inline-markdown';

export function InlineMarkdown({ text }: { text: string }) {
  return <>{renderTokens(parseInline(text))}</>;
}

function renderTokens(tokens: readonly InlineToken[]): ReactNode[] {
  return tokens.map((t, i) => {
    switch (t.type) {
      case 'text':
        return <Fragment key={i}>{t.text}</Fragment>;
      case 'code':
        return <code key={i}>{t.text}</code>;
      case 'em':
        return <em key={i}>{renderTokens(t.children)}</em>;
      case 'strong':
        return <strong key={i}>{renderTokens(t.children)}</strong>;
      case 'link':
        return (
          <a key={i} href={t.href} target="_blank" rel="noopener noreferrer">
            {renderTokens(t.children)}
          </a>
        );
    }
  });
}

/** A `see` reference: a link when it is an http(s) URL, plain text otherwise ("Chapter 8"). */
export function Reference({ text }: { text: string }) {
  const href = safeHttpUrl(text);
  if (!href) return <InlineMarkdown text={text} />;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}
