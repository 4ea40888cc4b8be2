import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorList } from '../../components/ErrorList';
import { errorsOf } from '../../entrypoints/background/imports';

describe('import errors as a reader sees them', () => {
  it('keeps the shapes an import tried under the sentence they explain, one item per error', () => {
    const errors = errorsOf(
      'notes.md matches no glossary shape. Shapes tried:\n  - pack: YAML or JSON\n  - bold: **Term**: definition\n\nClosest shape: bold: one entry more',
    );
    expect(errors).toHaveLength(2);
    render(<ErrorList title="Nothing was imported." errors={errors} />);
    const alert = screen.getByRole('alert');
    const items = within(alert).getAllByRole('listitem');
    // Two errors; the first holds the two shapes as a list of its own.
    expect(items.map((li) => li.firstChild?.textContent)).toEqual([
      'notes.md matches no glossary shape. Shapes tried:',
      'pack: YAML or JSON',
      'bold: **Term**: definition',
      'Closest shape: bold: one entry more',
    ]);
    expect(
      within(items[0]!)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['pack: YAML or JSON', 'bold: **Term**: definition']);
  });
});
