// Which toolbar icon each state shows (lib/action-icon.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, actionLook } from '../../lib/action-icon';

const ROOT = resolve(import.meta.dirname, '../..');

describe('actionLook', () => {
  it('is coloured, without a badge, where the site is on', () => {
    const look = actionLook({ paused: false, siteEnabled: true });
    expect(Object.values(look.path)).toEqual(ICON_SIZES.map((s) => `icon/${s}.png`));
    expect(look.badge).toBe('');
    expect(look.title).toBe('Termlens');
  });

  it('is greyed, without a badge, where no content script runs (the default of every tab)', () => {
    const look = actionLook({ paused: false });
    expect(Object.values(look.path)).toEqual(ICON_SIZES.map((s) => `icon-off/${s}.png`));
    expect(look.badge).toBe('');
    expect(look.title).toBe('Termlens does not run on this page');
  });

  it('is greyed where the site is off, with no badge', () => {
    const look = actionLook({ paused: false, siteEnabled: false });
    expect(Object.values(look.path)).toEqual(ICON_SIZES.map((s) => `icon-off/${s}.png`));
    expect(look.badge).toBe('');
    expect(look.title).toBe('Termlens is off on this site');
  });

  it('is greyed with an "off" badge while paused, whatever the site', () => {
    for (const siteEnabled of [true, false, undefined]) {
      const look = actionLook({ paused: true, siteEnabled });
      expect(look.path['128']).toBe('icon-off/128.png');
      expect(look.badge).toBe('off');
      expect(look.title).toBe('Termlens is paused everywhere');
    }
  });

  it('names only icons that exist in public/', () => {
    for (const state of [{ paused: false }, { paused: true }]) {
      for (const file of Object.values(actionLook(state).path)) expect(existsSync(join(ROOT, 'public', file)), file).toBe(true);
    }
  });
});
