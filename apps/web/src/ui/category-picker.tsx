import type { Ref } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Category } from '../api/types';
import { categorySearch } from './category-search';
import { useI18n } from '../i18n/i18n';
import { Frame } from './fields';

interface CategoryPickerProps {
  categories: Category[];
  /** The chosen category's code ('' when none). */
  value: string;
  onPick(code: string): void;
  /** Called after Enter picked a category, to move on (the next field). */
  onPicked?(): void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  unitName(code: string): string;
}

/**
 * A type-ahead over category names and keywords (the ARIA 1.2 combobox pattern): typing filters, the arrows move,
 * Enter takes the highlighted one and moves on. The first match is highlighted, so "dziura⏎" is all it takes.
 */
export function CategoryPicker({
  categories,
  value,
  onPick,
  onPicked,
  error,
  inputRef,
  unitName,
}: CategoryPickerProps) {
  const { t } = useI18n();
  const search = useMemo(() => categorySearch(categories), [categories]);
  const chosen = categories.find((category) => category.code === value);
  const [text, setText] = useState(chosen?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = open ? search(text) : [];

  const pick = (category: Category) => {
    onPick(category.code);
    setText(category.name);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      // Matched against the text as it is now: a fast typist's Enter may come before the list is drawn.
      const current = search((event.currentTarget as HTMLInputElement).value);
      const highlighted = current[active] ?? current[0];
      if (highlighted) {
        pick(highlighted);
        onPicked?.();
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <Frame
      label={t('intake.category')}
      error={error}
      hint={open && text && !matches.length ? t('intake.noMatch') : t('intake.categoryHint')}
      class="combo"
    >
      {(control) => (
        <>
          <input
            {...control}
            ref={inputRef}
            type="text"
            role="combobox"
            autoComplete="off"
            spellcheck={false}
            aria-expanded={open && matches.length > 0}
            aria-controls={`${control.id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={open && matches[active] ? `${control.id}-option-${active}` : undefined}
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              setActive(0);
              setOpen(true);
              if (value) onPick('');
            }}
            onFocus={() => !value && setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          <ul
            id={`${control.id}-list`}
            role="listbox"
            class="combo__list"
            hidden={!open || !matches.length}
            aria-label={t('intake.category')}
          >
            {matches.map((category, index) => (
              <li
                key={category.code}
                id={`${control.id}-option-${index}`}
                role="option"
                class="combo__option"
                aria-selected={index === active}
                // mousedown, not click: the input's blur would close the list first
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(category);
                  onPicked?.();
                }}
              >
                {category.name}
                <small>{unitName(category.unitCode)}</small>
              </li>
            ))}
          </ul>
        </>
      )}
    </Frame>
  );
}
