// When the card opens: the stored choice read defensively, and the options control that sets it.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardOpenSetting } from '../../components/CardOpenSetting';
import { choiceOf, parseCardPrefs } from '../../lib/settings/card';
import { cardPrefsItem } from '../../utils/card-prefs';

afterEach(cleanup);

describe('card opening preferences', () => {
  it('reads any stored value into a valid one', () => {
    expect(parseCardPrefs(undefined)).toEqual({ openDelayMs: 300, modifier: 'none' });
    expect(parseCardPrefs({ openDelayMs: 99999, modifier: 'ctrl' })).toEqual({ openDelayMs: 2000, modifier: 'none' });
    expect(choiceOf({ openDelayMs: 0, modifier: 'shift' })).toBe('shift');
  });

  it('stores "hold Shift" from the options page', async () => {
    render(<CardOpenSetting onError={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Open the card'), { target: { value: 'shift' } });
    await vi.waitFor(async () => expect(await cardPrefsItem.getValue()).toEqual({ openDelayMs: 0, modifier: 'shift' }));
  });
});
