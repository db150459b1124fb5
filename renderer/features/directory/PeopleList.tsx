// The people of the group picked (or everyone, or those in no group): found by name, phone or
// position the way compose finds them; ticked for bulk actions (into a group, moved to another,
// out of this one, switched off or on — each asked first, naming who); added to the open group
// by search, one Enter each. A click opens the person's card.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContactView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import type { useConfirm } from '../../ui/ConfirmDialog.js';
import { findContacts } from '../compose/search.js';
import { groupOptions, type DirectoryView } from './GroupEditor.js';
import { directoryTestIds as ids } from './testids.js';

/** Rows drawn at once: a list of thousands is narrowed by the search, not scrolled through. */
const SHOWN = 200;
const ADD_RESULTS = 6;

/** "Иванов, Петров и ещё 3" for a confirmation. */
function someNames(people: readonly ContactView[], more: (n: number) => string): string {
  const names = people.slice(0, 6).map((p) => p.name).join(', ');
  return people.length > 6 ? `${names} ${more(people.length - 6)}` : names;
}

function AddBySearch(props: { group: { id: number; name: string }; members: Set<number> }) {
  const t = useT();
  const station = useStation();
  const contacts = useAppStore((s) => s.directory.contacts);
  const [query, setQuery] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const found = query.trim() === '' ? [] : findContacts(query, contacts.filter((c) => !props.members.has(c.id)), ADD_RESULTS);
  const add = async (c: ContactView) => {
    const asked = query;
    try {
      await station.request!('groups.addMembers', { groupId: props.group.id, contactIds: [c.id] });
      setOutcome({ ok: true, text: t('directory.added', { name: c.name, group: props.group.name }) });
      // Cleared for the next name, unless the next name is already being typed.
      setQuery((now) => (now === asked ? '' : now));
    } catch (e) {
      setOutcome({ ok: false, text: messageOf(e) });
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (found[0]) void add(found[0]);
  };
  return (
    <div className="directory-add">
      <label className="field">
        <span>{t('directory.add', { name: props.group.name })}</span>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('directory.addPlaceholder')}
          autoComplete="off"
          data-testid={ids.addSearch}
        />
      </label>
      {query.trim() !== '' ? (
        <ul className="directory-add-results" aria-live="polite">
          {found.length === 0 ? <li className="muted">{t('directory.addNone')}</li> : null}
          {found.map((c) => (
            <li key={c.id}>
              <span>
                {c.name} <span className="muted">{c.phone}</span> {c.position ? <span className="muted">· {c.position}</span> : null}
              </span>
              <button type="button" className="button small" onClick={() => void add(c)} aria-label={t('directory.addOf', { name: c.name, group: props.group.name })} data-testid={ids.addResult(c.id)}>
                {t('directory.addOne')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {outcome ? (
        <p className={outcome.ok ? 'ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'} data-testid={ids.addOutcome}>
          {outcome.text}
        </p>
      ) : null}
    </div>
  );
}

export function PeopleList(props: {
  view: DirectoryView;
  openId: number | 'new' | null;
  onOpen(id: number | 'new'): void;
  canEdit: boolean;
  ask: ReturnType<typeof useConfirm>['ask'];
}) {
  const t = useT();
  const station = useStation();
  const { groups, contacts } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, contacts: s.directory.contacts })));
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState<number | ''>('');
  const group = typeof props.view === 'number' ? groups.find((g) => g.id === props.view) : undefined;

  const inView = useMemo(
    () =>
      contacts.filter((c) =>
        props.view === 'all' ? true : props.view === 'none' ? c.groupIds.length === 0 : c.groupIds.includes(props.view),
      ),
    [contacts, props.view],
  );
  const members = useMemo(() => new Set(group ? inView.map((c) => c.id) : []), [group, inView]);
  const matching = useMemo(() => (filter.trim() === '' ? inView : findContacts(filter, inView, Infinity)), [filter, inView]);
  const shown = matching.slice(0, SHOWN);
  const picked = contacts.filter((c) => selected.has(c.id));
  const allShownPicked = shown.length > 0 && shown.every((c) => selected.has(c.id));

  const toggle = (id: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const targetGroup = groups.find((g) => g.id === target);
  const who = t('directory.bulk.people', { count: picked.length, names: someNames(picked, (n) => t('directory.andMore', { count: n })) });
  const bulk = (title: string, label: string, run: () => Promise<unknown>, extra?: string, danger = false) =>
    props.ask({
      title,
      body: (
        <>
          <p>{who}</p>
          {extra ? <p className="muted">{extra}</p> : null}
        </>
      ),
      confirmLabel: label,
      danger,
      run: async () => {
        await run();
        setSelected(new Set());
      },
      done: t('directory.bulk.done'),
    });
  const ids_ = () => picked.map((c) => c.id);

  return (
    <section className="directory-people" aria-labelledby="directory-people-h">
      <div className="directory-people-head">
        <h3 id="directory-people-h">{group ? t('directory.peopleOf', { name: group.name }) : props.view === 'none' ? t('directory.ungrouped') : t('directory.all')}</h3>
        {props.canEdit ? (
          <button type="button" className="button small" onClick={() => props.onOpen('new')} data-testid={ids.newContact}>
            + {t('directory.newContact')}
          </button>
        ) : null}
      </div>
      {props.canEdit && group ? <AddBySearch group={group} members={members} /> : null}
      <label className="field">
        <span className="visually-hidden">{t('directory.filter')}</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('directory.filterPlaceholder')} aria-label={t('directory.filter')} data-testid={ids.filter} />
      </label>
      <p className="muted directory-count" data-testid={ids.count} data-count={matching.length}>
        {t('directory.shown', { count: shown.length, total: inView.length })}
      </p>

      {props.canEdit && picked.length > 0 ? (
        <div className="directory-bulk" role="group" aria-label={t('directory.selected', { count: picked.length })} data-testid={ids.bulk} data-count={picked.length}>
          <strong>{t('directory.selected', { count: picked.length })}</strong>
          <select value={target} onChange={(e) => setTarget(e.target.value === '' ? '' : Number(e.target.value))} aria-label={t('directory.bulk.target')} data-testid={ids.bulkTarget}>
            <option value="">{t('directory.bulk.target')}…</option>
            {groupOptions(groups).map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button small"
            disabled={!targetGroup}
            onClick={() => bulk(t('directory.bulk.addTitle', { group: targetGroup!.name }), t('directory.bulk.addTo'), () => station.request!('groups.addMembers', { groupId: targetGroup!.id, contactIds: ids_() }))}
            data-testid={ids.bulkAdd}
          >
            {t('directory.bulk.addTo')}
          </button>
          {group ? (
            <>
              <button
                type="button"
                className="button small"
                disabled={!targetGroup || targetGroup.id === group.id}
                onClick={() =>
                  bulk(t('directory.bulk.moveTitle', { from: group.name, group: targetGroup!.name }), t('directory.bulk.moveTo'), () =>
                    station.request!('groups.addMembers', { groupId: targetGroup!.id, contactIds: ids_(), from: group.id }),
                  )
                }
                data-testid={ids.bulkMove}
              >
                {t('directory.bulk.moveTo')}
              </button>
              <button
                type="button"
                className="button small danger"
                onClick={() => bulk(t('directory.bulk.removeTitle', { group: group.name }), t('directory.bulk.remove', { name: group.name }), () => station.request!('groups.removeMembers', { groupId: group.id, contactIds: ids_() }), undefined, true)}
                data-testid={ids.bulkRemove}
              >
                {t('directory.bulk.remove', { name: group.name })}
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="button small danger"
            onClick={() => bulk(t('directory.bulk.deactivateTitle'), t('directory.bulk.deactivate'), () => station.request!('contacts.setActive', { ids: ids_(), active: false }), t('directory.bulk.deactivateBody'), true)}
            data-testid={ids.bulkDeactivate}
          >
            {t('directory.bulk.deactivate')}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => bulk(t('directory.bulk.activateTitle'), t('directory.bulk.activate'), () => station.request!('contacts.setActive', { ids: ids_(), active: true }))}
            data-testid={ids.bulkActivate}
          >
            {t('directory.bulk.activate')}
          </button>
          <button type="button" className="button small ghost" onClick={() => setSelected(new Set())}>
            {t('directory.bulk.clear')}
          </button>
        </div>
      ) : null}

      {shown.length === 0 ? (
        <p className="empty">{t('directory.none')}</p>
      ) : (
        <div className="directory-scroll">
          <table className="directory-table">
            <thead>
              <tr>
                {props.canEdit ? (
                  <th scope="col" className="directory-check">
                    <input
                      type="checkbox"
                      checked={allShownPicked}
                      onChange={() => setSelected(allShownPicked ? new Set() : new Set([...selected, ...shown.map((c) => c.id)]))}
                      aria-label={t('directory.selectAll')}
                      data-testid={ids.selectAll}
                    />
                  </th>
                ) : null}
                <th scope="col">{t('directory.field.name')}</th>
                <th scope="col">{t('directory.field.phone')}</th>
                <th scope="col">{t('directory.field.position')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id} className={`${c.active ? '' : 'inactive'} ${props.openId === c.id ? 'current' : ''}`} data-testid={ids.person(c.id)} data-active={c.active}>
                  {props.canEdit ? (
                    <td className="directory-check">
                      <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} aria-label={t('directory.select', { name: c.name })} data-testid={ids.personPick(c.id)} />
                    </td>
                  ) : null}
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => props.onOpen(c.id)} aria-current={props.openId === c.id}>
                      {c.name}
                    </button>
                    {c.active ? null : <span className="badge">{t('directory.inactive')}</span>}
                  </th>
                  <td className="mono">{c.phone}</td>
                  <td>{c.position ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {matching.length > SHOWN ? <p className="muted">{t('directory.more', { count: SHOWN })}</p> : null}
        </div>
      )}
    </section>
  );
}
