// The typeahead beside the picked chips: find a person by name, phone or position, a #tag by
// name, or type a number. ARIA combobox: arrows move, Enter picks, Escape closes (and a second
// Escape clears the query).
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { searchRecipients, type Suggestion } from './search.js';
import { composeTestIds as ids } from './testids.js';

function keyOf(s: Suggestion): string {
  return s.kind === 'contact' ? `c${s.contact.id}` : s.kind === 'tag' ? `t${s.tag.id}` : `p${s.phone}`;
}

export function RecipientSearch() {
  const t = useT();
  const listId = useId();
  const { directory, pickedTags, addContact, addPhone, togglePickTag } = useAppStore(
    useShallow((s) => ({
      directory: s.directory,
      pickedTags: s.pickedTags,
      addContact: s.addContact,
      addPhone: s.addPhone,
      togglePickTag: s.togglePickTag,
    })),
  );
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const found = useMemo(() => searchRecipients(query, directory), [query, directory]);
  const shown = open && query.trim() !== '';

  const pick = (s: Suggestion) => {
    if (s.kind === 'contact') addContact({ id: s.contact.id, name: s.contact.name, phone: s.contact.phone });
    else if (s.kind === 'phone') addPhone(s.phone, null);
    else if (!pickedTags.includes(s.tag.name)) togglePickTag(s.tag.name);
    setQuery('');
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (found.length === 0) return;
      setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % found.length : (i - 1 + found.length) % found.length));
    } else if (e.key === 'Enter') {
      // Enter never submits the form from here: it picks, or does nothing.
      e.preventDefault();
      const s = found[active];
      if (shown && s) pick(s);
    } else if (e.key === 'Escape') {
      if (shown) {
        e.stopPropagation();
        setOpen(false);
      } else if (query !== '') {
        e.stopPropagation();
        setQuery('');
      }
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="recipient-search">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {t('compose.search.label')}
      </label>
      <input
        id={`${listId}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && found[active] ? optionId(active) : undefined}
        placeholder={t('compose.search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        data-testid={ids.search}
      />
      {shown ? (
        <ul id={listId} role="listbox" className="search-list" aria-label={t('compose.search.label')} data-testid={ids.searchList}>
          {found.length === 0 ? (
            <li className="search-empty" role="option" aria-selected="false" aria-disabled="true">
              {t('compose.search.none')}
            </li>
          ) : (
            found.map((s, i) => (
              <li
                key={keyOf(s)}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-item active' : 'search-item'}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(s);
                }}
                onMouseEnter={() => setActive(i)}
                data-testid={ids.searchItem(keyOf(s))}
              >
                {s.kind === 'contact' ? (
                  <>
                    <span className="search-name">{s.contact.name}</span>
                    {s.contact.position ? <span className="muted">{s.contact.position}</span> : null}
                    <span className="muted search-phone">{s.contact.phone}</span>
                  </>
                ) : s.kind === 'tag' ? (
                  <>
                    <span className="search-name">#{s.tag.name}</span>
                    <span className="muted">{t('compose.search.tag', { count: s.tag.subscribers })}</span>
                  </>
                ) : (
                  <span className="search-name">{t('compose.search.phone', { phone: s.phone })}</span>
                )}
              </li>
            ))
          )}
        </ul>
      ) : null}
      <span className="visually-hidden" aria-live="polite">
        {shown ? t('compose.search.found', { count: found.length }) : ''}
      </span>
    </div>
  );
}
