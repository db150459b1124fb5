// Templates kept by the station: pick one to put its text (and kind, and a poll's options) into
// compose; save what is written under a name; delete the chosen one. Shared templates (every desk)
// and the dispatcher's own are listed apart; only what the station says you may change offers a
// delete, and only an administrator may share. Placeholders stay as written: {name} is rendered
// per recipient by the station, {order} from the order number.
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TemplateView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { composeTestIds as ids } from './testids.js';

export function Templates() {
  const t = useT();
  const station = useStation();
  const { ready, text, kind, options, update } = useAppStore(
    useShallow((s) => ({ ready: s.connection.synced, text: s.compose.text, kind: s.compose.kind, options: s.compose.options, update: s.updateDraft })),
  );
  const me = useAppStore((s) => s.session.user);
  const isAdmin = me?.role === 'admin';
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [share, setShare] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!ready || !station.request) return;
    station.request('templates.list', {}).then((r) => setTemplates(r.templates), () => undefined);
  }, [ready, station]);
  useEffect(() => {
    if (naming) nameInput.current?.focus();
  }, [naming]);

  const apply = (id: number) => {
    setChosen(id);
    const tpl = templates.find((x) => x.id === id);
    if (!tpl) return;
    update({ text: tpl.text, kind: tpl.kind, ...(tpl.options ? { options: [...tpl.options] } : {}) });
    document.getElementById('compose-text')?.focus();
  };

  const save = async () => {
    if (!station.request || name.trim() === '') return;
    try {
      const filled = options.map((o) => o.trim()).filter(Boolean);
      const r = await station.request('templates.save', {
        name: name.trim(),
        text,
        kind,
        ...(kind === 'poll' ? { options: filled } : {}),
        ...(isAdmin && share ? { shared: true } : {}),
      });
      setTemplates(r.templates);
      setNote({ text: t('compose.templates.saved', { name: name.trim() }), error: false });
      setNaming(false);
      setName('');
    } catch (error) {
      setNote({ text: t('compose.templates.failed', { message: messageOf(error) }), error: true });
    }
  };

  const remove = async () => {
    const tpl = templates.find((x) => x.id === chosen);
    if (!station.request || !tpl) return;
    try {
      const r = await station.request('templates.delete', { id: tpl.id });
      setTemplates(r.templates);
      setChosen(null);
      setNote({ text: t('compose.templates.deleted', { name: tpl.name }), error: false });
    } catch (error) {
      setNote({ text: messageOf(error), error: true });
    }
  };

  const chosenTpl = templates.find((x) => x.id === chosen);
  // What the station says this user may change; an older station says nothing: offer it as before.
  const chosenName = chosenTpl && chosenTpl.mayChange !== false ? chosenTpl.name : undefined;
  return (
    <div className="templates" data-testid={ids.templates}>
      <label className="field field-inline">
        <span>{t('compose.templates')}</span>
        <select value={chosen ?? ''} onChange={(e) => (e.target.value ? apply(Number(e.target.value)) : setChosen(null))} data-testid={ids.templatePick}>
          <option value="">{t('compose.templates.choose')}</option>
          {[
            { label: t('compose.templates.shared'), list: templates.filter((tpl) => tpl.shared) },
            { label: t('compose.templates.own'), list: templates.filter((tpl) => !tpl.shared && (tpl.ownerId ?? me?.id) === me?.id) },
            // An administrator sees the dispatchers' own templates too, to tidy them up.
            { label: t('compose.templates.others'), list: templates.filter((tpl) => !tpl.shared && (tpl.ownerId ?? me?.id) !== me?.id) },
          ]
            .filter((g) => g.list.length > 0)
            .map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.list.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name}
                    {!tpl.shared && tpl.ownerName && tpl.ownerId !== me?.id ? ` (${tpl.ownerName})` : ''}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </label>
      {chosenName ? (
        <button type="button" className="button small ghost" aria-label={t('compose.templates.deleteNamed', { name: chosenName })} onClick={() => void remove()} data-testid={ids.templateDelete}>
          {t('compose.templates.delete')}
        </button>
      ) : null}
      {naming ? (
        <span className="template-name">
          <input
            ref={nameInput}
            type="text"
            maxLength={80}
            value={name}
            aria-label={t('compose.templates.name')}
            placeholder={t('compose.templates.name')}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              } else if (e.key === 'Escape') {
                e.stopPropagation();
                setNaming(false);
              }
            }}
            data-testid={ids.templateName}
          />
          {isAdmin ? (
            <label className="check-inline">
              <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} data-testid={ids.templateShared} />
              {t('compose.templates.shareAll')}
            </label>
          ) : null}
          <button type="button" className="button small" disabled={name.trim() === ''} onClick={() => void save()} data-testid={ids.templateSaveConfirm}>
            {t('compose.templates.saveConfirm')}
          </button>
          <button type="button" className="button small ghost" onClick={() => setNaming(false)}>
            {t('compose.templates.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="button small ghost" disabled={text.trim() === ''} onClick={() => setNaming(true)} data-testid={ids.templateSave}>
          {t('compose.templates.save')}
        </button>
      )}
      <span className="hint template-help">{t('compose.templates.placeholders')}</span>
      {note ? (
        <span className={note.error ? 'form-error' : 'hint'} role="status" data-testid={ids.templateNote}>
          {note.text}
        </span>
      ) : null}
    </div>
  );
}
