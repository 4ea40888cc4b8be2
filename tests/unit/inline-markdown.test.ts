// Glossary text is untrusted: the inline Markdown reader yields tokens (never HTML), links only for
// http(s) URLs, and leaves anything it does not recognise as literal text.
import { describe, expect, it } from 'vitest';
import { inlineText, parseInline, safeHttpUrl } from '../../lib/card/inline-markdown';

describe('parseInline', () => {
  it('reads code, emphasis, strong and links', () => {
    expect(
      parseInline('Run `kubectl get pods` to see *every* **running** [Pod](https://kubernetes.io/docs/concepts/workloads/pods/).'),
    ).toEqual([
      { type: 'text', text: 'Run ' },
      { type: 'code', text: 'kubectl get pods' },
      { type: 'text', text: ' to see ' },
      { type: 'em', children: [{ type: 'text', text: 'every' }] },
      { type: 'text', text: ' ' },
      { type: 'strong', children: [{ type: 'text', text: 'running' }] },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://kubernetes.io/docs/concepts/workloads/pods/', children: [{ type: 'text', text: 'Pod' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('keeps HTML as text', () => {
    const tokens = parseInline('<script>alert(1)</script> and <img src=x onerror=alert(1)>');
    expect(tokens).toEqual([{ type: 'text', text: '<script>alert(1)</script> and <img src=x onerror=alert(1)>' }]);
  });

  it('does not link javascript:, data: or relative targets, but keeps their label', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: 'click' }]);
    expect(parseInline('[x](data:text/html,<b>hi</b>) [y](/relative)')).toEqual([{ type: 'text', text: 'x y' }]);
    expect(parseInline('[ok](http://example.org/a?b=1)')).toEqual([
      { type: 'link', href: 'http://example.org/a?b=1', children: [{ type: 'text', text: 'ok' }] },
    ]);
  });

  it('leaves identifiers and unmatched markers alone', () => {
    expect(inlineText(parseInline('goose_db_version and snake_case_name'))).toBe('goose_db_version and snake_case_name');
    expect(parseInline('goose_db_version')).toEqual([{ type: 'text', text: 'goose_db_version' }]);
    expect(parseInline('2 * 3 = 6, a ` tick, [brackets] (parens)')).toEqual([
      { type: 'text', text: '2 * 3 = 6, a ` tick, [brackets] (parens)' },
    ]);
    expect(parseInline('code keeps `*stars*` literal')).toEqual([
      { type: 'text', text: 'code keeps ' },
      { type: 'code', text: '*stars*' },
      { type: 'text', text: ' literal' },
    ]);
    expect(parseInline('an \\*escaped\\* star')).toEqual([{ type: 'text', text: 'an *escaped* star' }]);
  });

  it('nests emphasis inside links and strong', () => {
    expect(parseInline('**see [the *docs*](https://a.example/)**')).toEqual([
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'see ' },
          {
            type: 'link',
            href: 'https://a.example/',
            children: [
              { type: 'text', text: 'the ' },
              { type: 'em', children: [{ type: 'text', text: 'docs' }] },
            ],
          },
        ],
      },
    ]);
  });
});

describe('safeHttpUrl', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(safeHttpUrl('https://github.com/org/repo')).toBe('https://github.com/org/repo');
    expect(safeHttpUrl(' HTTP://example.org ')).toBe('http://example.org/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('07-delivery/04-gitops-argocd.md')).toBeNull();
    expect(safeHttpUrl('Chapter 8')).toBeNull();
    expect(safeHttpUrl('https://')).toBeNull();
  });
});

describe('parseInline on hostile definitions', () => {
  const best = (fn: () => void) => {
    let t = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      fn();
      t = Math.min(t, performance.now() - t0);
    }
    return t;
  };
  // Linear is 8×, quadratic 64×; the constant covers timer and GC noise beside other test files.
  it.each(['[', '[a](', '(', '*', '_', '**', '`', '*a', '\\[', '[a]', '](', '[*'])(
    'a long run of %j: 8× the input takes well under 64× the time',
    (run) => {
      const small = run.repeat(Math.ceil(4_000 / run.length));
      const large = run.repeat(Math.ceil(32_000 / run.length));
      const tSmall = best(() => parseInline(small));
      const tLarge = best(() => parseInline(large));
      expect(tLarge, `${tSmall.toFixed(1)} ms → ${tLarge.toFixed(1)} ms`).toBeLessThan(24 * tSmall + 50);
      expect(inlineText(parseInline(large)).length).toBeGreaterThan(0);
    },
  );

  it('still reads links whose brackets and parentheses nest', () => {
    expect(parseInline('[a [b]](https://x.example/(c)) [d](e')).toEqual([
      { type: 'link', href: 'https://x.example/(c)', children: [{ type: 'text', text: 'a [b]' }] },
      { type: 'text', text: ' [d](e' },
    ]);
  });
});
