// Templates kept by the station: pick one to put its text (and kind, and a poll's options) into
// compose; save what is written under a name; delete the chosen one. Placeholders stay as
// written: {name} is rendered per recipient by the station, {order} from the order number.
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
  const [templates, setTemplates] = useState<TemplateView[]>([]);
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
      const r = await station.request('templates.save', { name: name.trim(), text, kind, ...(kind === 'poll' ? { options: filled } : {}) });
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

  const chosenName = templates.find((x) => x.id === chosen)?.name;
  return (
    <div className="templates" data-testid={ids.templates}>
      <label className="field field-inline">
        <span>{t('compose.templates')}</span>
        <select value={chosen ?? ''} onChange={(e) => (e.target.value ? apply(Number(e.target.value)) : setChosen(null))} data-testid={ids.templatePick}>
          <option value="">{t('compose.templates.choose')}</option>
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
            </option>
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
