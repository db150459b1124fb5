// An alert that asks for confirmation: to one group, re-sent after N minutes to whoever is
// silent, then escalated to another group. Sent through the same `send` request as compose.
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SendResult } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { dispatchTestIds as ids } from './testids.js';

export function ConfirmForm() {
  const t = useT();
  const station = useStation();
  const groups = useAppStore(useShallow((s) => s.directory.groups));
  const [text, setText] = useState('');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [minutes, setMinutes] = useState('10');
  const [escalateTo, setEscalateTo] = useState<number | null>(null);
  const [result, setResult] = useState<SendResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (groupId === null) return;
    setBusy(true);
    setError(null);
    try {
      const r = await station.send({
        text,
        kind: 'confirm',
        groups: [groupId],
        confirm: { afterMinutes: Number(minutes), resends: 1, escalateTo: escalateTo === null ? [] : [escalateTo] },
      });
      setResult(r);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="panel panel-confirm" data-testid={ids.form}>
      <summary className="panel-head">
        <h2>{t('confirm.heading')}</h2>
      </summary>
      <form className="confirm-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('confirm.text')}</span>
          <textarea value={text} rows={2} placeholder={t('confirm.textPlaceholder')} onChange={(e) => setText(e.target.value)} data-testid={ids.text} required />
        </label>
        <div className="confirm-row">
          <label className="field">
            <span>{t('confirm.group')}</span>
            <select value={groupId ?? ''} onChange={(e) => setGroupId(e.target.value ? Number(e.target.value) : null)} data-testid={ids.group} required>
              <option value="" />
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.totalCount})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('confirm.minutes')}</span>
            <input type="number" min="0.05" step="any" value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid={ids.minutes} />
          </label>
          <label className="field">
            <span>{t('confirm.escalateTo')}</span>
            <select value={escalateTo ?? ''} onChange={(e) => setEscalateTo(e.target.value ? Number(e.target.value) : null)} data-testid={ids.escalateTo}>
              <option value="">{t('confirm.noEscalation')}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button primary" disabled={busy || groupId === null || text.trim() === ''} data-testid={ids.send}>
            {t('confirm.send')}
          </button>
        </div>
        {result ? (
          <p className="hint" role="status" data-testid={ids.result} data-broadcast-id={result.broadcastId ?? ''} data-recipients={result.recipients}>
            {result.broadcastId !== null ? t('confirm.sent', { id: result.broadcastId, count: result.recipients }) : null}{' '}
            {result.refused.length > 0 ? t('confirm.refused', { count: result.refused.length }) : null}
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert" data-testid={ids.error}>
            {error}
          </p>
        ) : null}
      </form>
    </details>
  );
}
