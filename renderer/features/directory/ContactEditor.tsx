// One person's card: the fields the import knows (checked by the station with the same rules, the
// reason shown under the field), the groups they are in (out of one asked first, into another from
// a list), their tag subscriptions and latest messages, and the way into their whole conversation.
// Switching someone off is asked first: they then get nothing.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContactDetail } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { StationError } from '../../app/station-client.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import type { useConfirm } from '../../ui/ConfirmDialog.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { useDateTime } from '../integrations/format.js';
import { groupOptions } from './GroupEditor.js';
import { directoryTestIds as ids } from './testids.js';

type FieldName = 'name' | 'phone' | 'position' | 'email' | 'notes';
const FIELDS: readonly FieldName[] = ['name', 'phone', 'position', 'email', 'notes'];
type Fields = Record<FieldName, string> & { active: boolean };

const blank = (): Fields => ({ name: '', phone: '', position: '', email: '', notes: '', active: true });
const fieldsOf = (c: ContactDetail): Fields => ({
  name: c.name,
  phone: c.phone,
  position: c.position ?? '',
  email: c.email ?? '',
  notes: c.notes ?? '',
  active: c.active,
});

export function ContactEditor(props: {
  /** A contact's id, or 'new' with the group it goes into. */
  id: number | 'new';
  newInGroup: number | null;
  canEdit: boolean;
  ask: ReturnType<typeof useConfirm>['ask'];
  onCreated(id: number): void;
  onClose(): void;
}) {
  const t = useT();
  const date = useDateTime();
  const station = useStation();
  const { groups, contacts, openHistory } = useAppStore(
    useShallow((s) => ({ groups: s.directory.groups, contacts: s.directory.contacts, openHistory: s.openHistoryView })),
  );
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [fields, setFields] = useState<Fields>(blank);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isNew = props.id === 'new';
  // The card follows changes made elsewhere (another desk, a bulk action) to this person's groups.
  const live = isNew ? undefined : contacts.find((c) => c.id === props.id);

  // A card just created becomes that person's card and keeps saying it was created.
  const wasNew = useRef(false);
  useEffect(() => {
    setError(null);
    if (!wasNew.current) setSaved(null);
    wasNew.current = props.id === 'new';
    if (props.id === 'new') {
      setDetail(null);
      setFields(blank());
      return;
    }
    let current = true;
    station.request!('contacts.get', { id: props.id }).then(
      (r) => {
        if (!current) return;
        setDetail(r.contact);
        setFields(fieldsOf(r.contact));
      },
      (e: unknown) => current && setError({ field: null, text: messageOf(e) }),
    );
    return () => {
      current = false;
    };
  }, [station, props.id]);

  const failed = (e: unknown) => setError({ field: e instanceof StationError ? (e.field ?? null) : null, text: messageOf(e) });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!props.canEdit || busy) return;
    const payload = {
      name: fields.name,
      phone: fields.phone,
      position: fields.position.trim() || null,
      email: fields.email.trim() || null,
      notes: fields.notes.trim() || null,
    };
    // Switching off is the one edit that changes who gets alerts: asked first.
    if (!isNew && detail?.active && !fields.active) {
      props.ask({
        title: t('directory.deactivateTitle', { name: detail.name }),
        body: <p>{t('directory.bulk.deactivateBody')}</p>,
        confirmLabel: t('directory.bulk.deactivate'),
        danger: true,
        run: async () => {
          const r = await station.request!('contacts.update', { id: detail.id, ...payload, active: false });
          setDetail(r.contact);
          setFields(fieldsOf(r.contact));
          setSaved(t('directory.saved', { name: r.contact.name }));
        },
        done: t('directory.saved', { name: fields.name }),
      });
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      if (isNew) {
        const r = await station.request!('contacts.create', { ...payload, active: fields.active, groupIds: props.newInGroup !== null ? [props.newInGroup] : [] });
        setSaved(t('directory.createdContact', { name: r.contact.name }));
        props.onCreated(r.contact.id);
      } else {
        const r = await station.request!('contacts.update', { id: props.id as number, ...payload, active: fields.active });
        setDetail(r.contact);
        setFields(fieldsOf(r.contact));
        setSaved(t('directory.saved', { name: r.contact.name }));
      }
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };

  const groupIds = live?.groupIds ?? detail?.groupIds ?? [];
  const memberOf = groups.filter((g) => groupIds.includes(g.id));
  const joinable = groupOptions(groups).filter((o) => !groupIds.includes(o.id));
  const leave = (groupId: number) => {
    const g = groups.find((x) => x.id === groupId)!;
    props.ask({
      title: t('directory.leaveTitle', { name: fields.name, group: g.name }),
      body: <p>{t('directory.bulk.people', { count: 1, names: fields.name })}</p>,
      confirmLabel: t('directory.leaveGroup', { name: g.name }),
      danger: true,
      run: async () => {
        await station.request!('groups.removeMembers', { groupId, contactIds: [props.id as number] });
      },
      done: t('directory.bulk.done'),
    });
  };
  const join = async (groupId: number) => {
    try {
      await station.request!('groups.addMembers', { groupId, contactIds: [props.id as number] });
    } catch (e) {
      failed(e);
    }
  };

  const fieldError = (f: string) =>
    error && error.field === f ? (
      <span className="form-error" role="alert" data-testid={ids.fieldError(f)}>
        {error.text}
      </span>
    ) : null;

  return (
    <section className="directory-editor" aria-labelledby="directory-editor-h" data-testid={ids.editor} data-contact={isNew ? 'new' : props.id}>
      <div className="directory-people-head">
        <h3 id="directory-editor-h">{isNew ? t('directory.editorNew') : t('directory.editor')}</h3>
        <button type="button" className="button small ghost" onClick={props.onClose} aria-label={t('directory.close')}>
          ×
        </button>
      </div>
      <form className="directory-form" onSubmit={(e) => void save(e)}>
        {FIELDS.map((f) => (
          <label key={f} className="field">
            <span>{t(`directory.field.${f}`)}</span>
            {f === 'notes' ? (
              <textarea rows={2} value={fields[f]} readOnly={!props.canEdit} onChange={(e) => setFields({ ...fields, [f]: e.target.value })} aria-invalid={error?.field === f} data-testid={ids.field(f)} />
            ) : (
              <input
                value={fields[f]}
                readOnly={!props.canEdit}
                inputMode={f === 'phone' ? 'tel' : undefined}
                type={f === 'email' ? 'email' : 'text'}
                autoComplete="off"
                onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
                aria-invalid={error?.field === f}
                data-testid={ids.field(f)}
              />
            )}
            {fieldError(f)}
          </label>
        ))}
        <label className="inline-check">
          <input type="checkbox" checked={fields.active} disabled={!props.canEdit} onChange={(e) => setFields({ ...fields, active: e.target.checked })} data-testid={ids.field('active')} />
          <span>{t('directory.field.active')}</span>
        </label>
        {error && (error.field === null || !FIELDS.includes(error.field as FieldName)) ? (
          <p className="form-error" role="alert">
            {error.text}
          </p>
        ) : null}
        {props.canEdit ? (
          <div>
            <button type="submit" className="button primary" disabled={busy || (!isNew && detail === null)} data-testid={ids.save}>
              {isNew ? t('directory.create') : t('directory.save')}
            </button>
          </div>
        ) : null}
        {saved ? (
          <p className="ok" role="status" data-testid={ids.editorResult}>
            {saved}
          </p>
        ) : null}
      </form>

      {!isNew && detail ? (
        <>
          <h4>{t('directory.groupsOf')}</h4>
          {memberOf.length === 0 ? <p className="muted">{t('directory.noGroups')}</p> : null}
          <ul className="chips">
            {memberOf.map((g) => (
              <li key={g.id} className="chip" data-testid={ids.editorGroup(g.id)}>
                {g.name}
                {props.canEdit ? (
                  <button type="button" className="chip-remove" onClick={() => leave(g.id)} aria-label={t('directory.leaveGroup', { name: g.name })} data-testid={ids.leaveGroup(g.id)}>
                    ×
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {props.canEdit && joinable.length > 0 ? (
            <select value="" onChange={(e) => e.target.value !== '' && void join(Number(e.target.value))} aria-label={t('directory.joinGroup')} data-testid={ids.joinGroup}>
              <option value="">{t('directory.joinGroup')}</option>
              {joinable.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : null}

          <h4>{t('directory.subscriptions')}</h4>
          {detail.tags.length === 0 ? (
            <p className="muted">{t('directory.noSubscriptions')}</p>
          ) : (
            <ul className="directory-tags">
              {detail.tags.map((tag) => (
                <li key={tag.id}>
                  #{tag.name} <span className="muted">({t(`admin.tags.source.${tag.source}`)}, {t('directory.since', { date: date(tag.since) })})</span>
                </li>
              ))}
            </ul>
          )}

          <div className="directory-people-head">
            <h4>{t('directory.recent')}</h4>
            <button type="button" className="button small ghost" onClick={() => openHistory({ kind: 'contact', contactId: detail.id })} data-testid={ids.history}>
              {t('directory.history')}
            </button>
          </div>
          {detail.recent.length === 0 ? (
            <p className="muted">{t('directory.noRecent')}</p>
          ) : (
            <ul className="directory-recent">
              {detail.recent.map((m) => (
                <li key={m.id} className={`feed-${m.direction}`}>
                  <span className="muted">{date(m.createdAt)}</span> <span aria-hidden="true">{m.direction === 'in' ? '←' : '→'}</span> <span className="directory-recent-text">{m.text}</span>{' '}
                  <StatusBadge status={m.status} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
