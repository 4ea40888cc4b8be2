// The options page's scope control of one pack: what it says, and what it sends.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeScope, PackScope, parseScopeInput } from '../../components/PackScope';

afterEach(cleanup);

describe('a pack’s scope on the options page', () => {
  it('says where a pack applies', () => {
    expect(describeScope({ id: 'a', name: 'A' })).toMatch(
      /^Home unknown: its terms show everywhere, its house rules \(avoid words\) nowhere/,
    );
    expect(describeScope({ id: 'a', name: 'A', private: true })).toMatch(/^Applies nowhere until you give it a scope/);
    expect(describeScope({ id: 'a', name: 'A', scope: ['*'] })).toBe('Applies everywhere, house rules included');
    expect(describeScope({ id: 'a', name: 'A', scope: ['github.com/acme', 'grafana.acme.io'] })).toBe(
      'Applies on github.com/acme, grafana.acme.io',
    );
  });

  it('reads entries one per line or comma and names the first that is not one', () => {
    expect(parseScopeInput('github.com/acme\n grafana.acme.io , *')).toEqual({ scope: ['github.com/acme', 'grafana.acme.io', '*'] });
    expect(parseScopeInput('github.com/acme\nnot a scope')).toMatchObject({ invalid: 'not a scope' });
  });

  it('edits the scope, refuses a wrong entry with a reason, and gives the pack back its own', () => {
    const onChange = vi.fn();
    const { rerender } = render(<PackScope pack={{ id: 'team', name: 'Team' }} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Change where Team applies' }));
    const box = screen.getByRole('textbox');
    fireEvent.change(box, { target: { value: 'github.com/acme\nnot a scope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save scope' }));
    expect(screen.getByRole('alert').textContent).toContain('“not a scope” is not a scope entry');
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: 'github.com/acme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save scope' }));
    expect(onChange).toHaveBeenLastCalledWith(['github.com/acme']);
    rerender(<PackScope pack={{ id: 'team', name: 'Team', scope: ['github.com/acme'], scopeByUser: true }} onChange={onChange} />);
    expect(screen.getByText(/Applies on github.com\/acme \(your choice\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Give Team back its own scope' }));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });
});
