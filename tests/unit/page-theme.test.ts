import { describe, expect, it } from 'vitest';
import { pageTheme } from '../../lib/card/page-theme';

describe('the card’s theme', () => {
  it('follows the page’s own background, light or dark', () => {
    document.body.style.backgroundColor = 'rgb(13, 17, 23)';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(pageTheme(document)).toBe('light');
    document.body.style.backgroundColor = '';
  });
});
