// Tags: each with its subscriber count and whether employees may join or leave it by SMS
// (`+#tag`, `-#tag`); create a tag; open one to add or remove subscribers with a contact picker.
// Every change is confirmed; the directory's tags follow, so compose and the rights matrix see them.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { TagSubscriberView, TagView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { findContacts } from '../compose/search.js';
import { ResultLine, useConfirm } from './ConfirmDialog.js';
import { adminTestIds as ids } from './testids.js';

const PICKER_LIMIT = 8;

export function TagsAdmin(props: { onTagsChanged?: () => void; onChanged?: () => void }) {
  const t = useT();
  const station = useStation();
  const [tags, setTags] = useState<TagView[]>([]);
  const [openTag, setOpenTag] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const { ask, dialog, result } = useConfirm();

  const adopt = (list: TagView[]) => {
    setTags(list);
    const s = useAppStore.getState();
    s.directoryLoaded({ ...s.directory, tags: list });
  };
  const reload = useCallback(async () => {
    try {
      adopt((await station.request!('tags.list', {})).tags);
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [station]);
  useEffect(() => {
    if (station.request) void reload();
  }, [reload, station]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim().replace(/^#/, '');
    if (!clean) return;
    ask({
      title: t('admin.tags.confirmCreate', { tag: clean }),
      body: <p>{t('admin.tags.createBody', { tag: clean })}</p>,
      confirmLabel: t('admin.tags.create'),
      run: async () => {
        adopt((await station.request!('tags.create', { name: clean })).tags);
        setName('');
        props.onTagsChanged?.();
      },
      done: t('admin.tags.created', { tag: clean }),
    });
  };
  const toggleSelfService = (tag: TagView) =>
    ask({
      title: t(tag.selfService ? 'admin.tags.confirmSelfOff' : 'admin.tags.confirmSelfOn', { tag: tag.name }),
      body: <p>{t(tag.selfService ? 'admin.tags.selfOffBody' : 'admin.tags.selfOnBody', { tag: tag.name })}</p>,
      confirmLabel: t(tag.selfService ? 'admin.tags.selfOff' : 'admin.tags.selfOn'),
      run: async () => {
        await station.request!('tags.selfService', { tagId: tag.id, on: !tag.selfService });
        await reload();
        props.onChanged?.();
      },
      done: t(tag.selfService ? 'admin.tags.selfOffDone' : 'admin.tags.selfOnDone', { tag: tag.name }),
    });

  return (
    <section className="admin-section" aria-labelledby="admin-tags-h" data-testid={ids.tags}>
      <h3 id="admin-tags-h">{t('admin.tags')}</h3>
      <form className="admin-form" onSubmit={create} aria-label={t('admin.tags.createHeading')}>
        <label>
          <span>{t('admin.tags.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={51} placeholder="#авария" autoComplete="off" data-testid={ids.tagCreateName} />
        </label>
        <button type="submit" className="button primary" disabled={!name.trim().replace(/^#/, '')} data-testid={ids.tagCreateSubmit}>
          {t('admin.tags.create')}
        </button>
      </form>
      <div className="admin-scroll">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.tags.tag')}</th>
              <th scope="col">{t('admin.tags.subscribers')}</th>
              <th scope="col">{t('admin.tags.selfService')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.id} data-testid={ids.tagRow(tag.name)}>
                <th scope="row">#{tag.name}</th>
                <td className="admin-num" data-testid={ids.tagCount(tag.name)} data-count={tag.subscribers}>
                  {tag.subscribers}
                </td>
                <td>
                  <label className="inline-check">
                    <input type="checkbox" checked={tag.selfService} onChange={() => toggleSelfService(tag)} data-testid={ids.tagSelf(tag.name)} />
                    <span>{t('admin.tags.bySms', { tag: tag.name })}</span>
                  </label>
                </td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    aria-expanded={openTag === tag.id}
                    onClick={() => setOpenTag(openTag === tag.id ? null : tag.id)}
                    data-testid={ids.tagOpen(tag.name)}
                    aria-label={t('admin.tags.manageOf', { tag: tag.name })}
                  >
                    {t('admin.tags.manage')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {openTag !== null && tags.some((x) => x.id === openTag) ? (
        <Subscribers
          key={openTag}
          tag={tags.find((x) => x.id === openTag)!}
          ask={ask}
          onChanged={async () => {
            await reload();
            props.onChanged?.();
          }}
        />
      ) : null}
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      <ResultLine result={result} testId={ids.tagsResult} />
      {dialog}
    </section>
  );
}

function Subscribers(props: { tag: TagView; ask: ReturnType<typeof useConfirm>['ask']; onChanged: () => Promise<void> }) {
  const t = useT();
  const station = useStation();
  const contacts = useAppStore((s) => s.directory.contacts);
  const [subs, setSubs] = useState<TagSubscriberView[]>([]);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const { tag } = props;

  const load = useCallback(async () => {
    try {
      setSubs((await station.request!('tags.subscribers', { tagId: tag.id })).subscribers);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [station, tag.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const subscribed = new Set(subs.map((s) => s.contactId));
  const q = query.trim();
  // The same matching as compose's typeahead: ё = е, a number typed as 8 916… finds +7 916….
  const matches = q ? findContacts(q, contacts.filter((c) => !subscribed.has(c.id)), PICKER_LIMIT) : [];
  const change = (contact: { id: number; name: string; phone: string }, on: boolean) =>
    props.ask({
      title: t(on ? 'admin.tags.confirmAdd' : 'admin.tags.confirmRemove', { tag: tag.name, name: contact.name }),
      body: <p>{t(on ? 'admin.tags.addBody' : 'admin.tags.removeBody', { tag: tag.name, name: contact.name, phone: contact.phone })}</p>,
      confirmLabel: t(on ? 'admin.tags.add' : 'admin.tags.remove'),
      danger: !on,
      run: async () => {
        await station.request!('tags.subscribe', { tagId: tag.id, contactId: contact.id, subscribed: on });
        await load();
        await props.onChanged();
        if (on) setQuery('');
      },
      done: t(on ? 'admin.tags.added' : 'admin.tags.removed', { tag: tag.name, name: contact.name }),
    });

  return (
    <div className="tag-subscribers" data-testid={ids.tagSubscribers} aria-label={t('admin.tags.subscribersOf', { tag: tag.name })} role="region">
      <h4>{t('admin.tags.subscribersOf', { tag: tag.name })}</h4>
      <label className="picker">
        <span>{t('admin.tags.pick')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-controls={listId} autoComplete="off" data-testid={ids.tagPicker} />
      </label>
      <ul id={listId} className="picker-results" aria-live="polite">
        {matches.map((c) => (
          <li key={c.id}>
            <span>
              {c.name} <span className="muted">{c.phone}</span>
            </span>
            <button type="button" className="button small" onClick={() => change(c, true)} data-testid={ids.tagAdd(c.id)} aria-label={t('admin.tags.addOf', { name: c.name, tag: tag.name })}>
              {t('admin.tags.add')}
            </button>
          </li>
        ))}
        {q && matches.length === 0 ? <li className="muted">{t('admin.tags.noMatch')}</li> : null}
      </ul>
      {subs.length === 0 ? <p className="muted">{t('admin.tags.none')}</p> : null}
      <ul className="subscriber-list">
        {subs.map((s) => (
          <li key={s.contactId} data-testid={ids.tagSubscriber(s.contactId)} className={s.active ? undefined : 'muted'}>
            <span>
              {s.name} <span className="muted">{s.phone}</span> <span className="badge">{t(`admin.tags.source.${s.source}`)}</span>
              {s.active ? null : <span className="badge">{t('admin.tags.inactive')}</span>}
            </span>
            <button
              type="button"
              className="button small danger"
              onClick={() => change({ id: s.contactId, name: s.name, phone: s.phone }, false)}
              data-testid={ids.tagRemove(s.contactId)}
              aria-label={t('admin.tags.removeOf', { name: s.name, tag: tag.name })}
            >
              {t('admin.tags.remove')}
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
