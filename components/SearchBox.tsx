// The popup's search field. The results list it controls is announced through aria-activedescendant,
// so focus stays in the field while arrow keys move through the results.
import type { KeyboardEvent, Ref } from 'react';

export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  /** The id of the listbox it controls, and of the active option in it. */
  listId: string;
  activeId?: string;
  ref?: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onChange, onKeyDown, listId, activeId, ref }: SearchBoxProps) {
  return (
    <input
      ref={ref}
      className="ui-input search-box"
      type="search"
      role="searchbox"
      aria-label="Search glossary"
      placeholder="Search glossary"
      aria-controls={listId}
      aria-activedescendant={activeId}
      autoFocus
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
