// The search box and the filters beside it. The text is searched on Enter or the button; a
// filter applies as soon as it is changed (one click, like the feed's filters).
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MessageStatus } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { emptyForm, type FilterForm } from './filter.js';
import { SyntaxHelp } from './SyntaxHelp.js';
import { historyTestIds as ids } from './testids.js';

const STATUSES = MessageStatus.options;

/** Groups as a flat list with their depth, in tree order, for an indented <select>. */
function groupOptions(groups: { id: number; parentId: number | null; name: string }[]): { id: number; label: string }[] {
  const children = new Map<number | null, typeof groups>();
  for (const g of groups) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
  const out: { id: number; label: string }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const g of children.get(parent) ?? []) {
      out.push({ id: g.id, label: `${'\u00a0\u00a0'.repeat(depth)}${g.name}` });
      walk(g.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function SearchForm(props: { form: FilterForm; onChange(form: FilterForm): void; onSearch(form: FilterForm): void }) {
  const t = useT();
  const [help, setHelp] = useState(false);
  const { contacts, groups, tags, carriers } = useAppStore(
    useShallow((s) => ({ contacts: s.directory.contacts, groups: s.directory.groups, tags: s.directory.tags, carriers: s.carriers })),
  );
  const form = props.form;
  const apply = (patch: Partial<FilterForm>) => {
    const next = { ...form, ...patch };
    props.onChange(next);
    props.onSearch(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSearch(form);
  };
  const sortedContacts = [...contacts].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <form className="history-form" role="search" onSubmit={submit} aria-label={t('history.searchLabel')}>
      <div className="history-query-row">
        <label className="visually-hidden" htmlFor="history-query">
          {t('history.searchLabel')}
        </label>
        <input
          id="history-query"
          type="search"
          className="history-query"
          value={form.q}
          placeholder={t('history.placeholder')}
          aria-describedby={help ? 'history-syntax' : undefined}
          maxLength={500}
          onChange={(e) => props.onChange({ ...form, q: e.target.value })}
          data-testid={ids.query}
        />
        <button type="submit" className="button primary" data-testid={ids.search}>
          {t('history.search')}
        </button>
        <button type="button" className="button ghost" aria-expanded={help} aria-controls="history-syntax" onClick={() => setHelp(!help)}>
          {t('history.syntax.toggle')}
        </button>
      </div>
      {help ? <SyntaxHelp id="history-syntax" /> : null}
      <div className="history-filters">
        <label className="field">
          <span>{t('history.filter.from')}</span>
          <input type="date" value={form.from} max={form.to || undefined} onChange={(e) => apply({ from: e.target.value })} data-testid={ids.from} />
        </label>
        <label className="field">
          <span>{t('history.filter.to')}</span>
          <input type="date" value={form.to} min={form.from || undefined} onChange={(e) => apply({ to: e.target.value })} data-testid={ids.to} />
        </label>
        <label className="field">
          <span>{t('history.filter.direction')}</span>
          <select value={form.direction} onChange={(e) => apply({ direction: e.target.value as FilterForm['direction'] })} data-testid={ids.direction}>
            <option value="">{t('history.filter.any')}</option>
            <option value="out">{t('history.direction.out')}</option>
            <option value="in">{t('history.direction.in')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('history.filter.contact')}</span>
          <select value={form.contactId} onChange={(e) => apply({ contactId: e.target.value })} data-testid={ids.contact}>
            <option value="">{t('history.filter.anyone')}</option>
            {sortedContacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.phone}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('history.filter.group')}</span>
          <select value={form.groupId} onChange={(e) => apply({ groupId: e.target.value })} data-testid={ids.group}>
            <option value="">{t('history.filter.any')}</option>
            {groupOptions(groups).map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('history.filter.tag')}</span>
          <select value={form.tag} onChange={(e) => apply({ tag: e.target.value })} data-testid={ids.tag}>
            <option value="">{t('history.filter.any')}</option>
            {tags.map((x) => (
              <option key={x.id} value={x.name}>
                #{x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('history.filter.carrier')}</span>
          <select value={form.carrierId} onChange={(e) => apply({ carrierId: e.target.value })} data-testid={ids.carrier}>
            <option value="">{t('history.filter.any')}</option>
            {carriers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field history-broadcast-field">
          <span>{t('history.filter.broadcast')}</span>
          <input
            type="text"
            inputMode="numeric"
            value={form.broadcastId}
            placeholder="№"
            onChange={(e) => props.onChange({ ...form, broadcastId: e.target.value })}
            onBlur={() => props.onSearch(form)}
            data-testid={ids.broadcast}
          />
        </label>
        <fieldset className="history-statuses">
          <legend>{t('history.filter.status')}</legend>
          {STATUSES.map((st) => (
            <label key={st} className="check">
              <input
                type="checkbox"
                checked={form.status.includes(st)}
                onChange={(e) => apply({ status: e.target.checked ? [...form.status, st] : form.status.filter((x) => x !== st) })}
                data-testid={ids.status(st)}
              />
              {t(`status.${st}`)}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button ghost history-clear" onClick={() => apply(emptyForm)} data-testid={ids.clear}>
          {t('history.filter.clear')}
        </button>
      </div>
    </form>
  );
}
