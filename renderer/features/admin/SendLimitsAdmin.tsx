// The thresholds above which compose asks a second time before sending: SMS per person (a long
// text splits into many) and SMS in all. An empty field means "never ask"; saving is confirmed
// with what changes, and applies to the next send on every desk.
import { useEffect, useState, type FormEvent } from 'react';
import type { SendLimits } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { ResultLine, useConfirm } from './ConfirmDialog.js';
import { ChangeList } from './UsersAdmin.js';
import { adminTestIds as ids } from './testids.js';

const KEYS: readonly (keyof SendLimits)[] = ['smsPerPerson', 'smsTotal'];
type Fields = Record<keyof SendLimits, string>;
const fieldsOf = (l: SendLimits): Fields => ({ smsPerPerson: l.smsPerPerson === null ? '' : String(l.smsPerPerson), smsTotal: l.smsTotal === null ? '' : String(l.smsTotal) });

export function SendLimitsAdmin(props: { onChanged?: () => void }) {
  const t = useT();
  const station = useStation();
  const [limits, setLimits] = useState<SendLimits | null>(null);
  const [defaults, setDefaults] = useState<SendLimits | null>(null);
  const [fields, setFields] = useState<Fields | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { ask, dialog, result } = useConfirm();
  const adopt = (r: { limits: SendLimits; defaults: SendLimits }) => {
    setLimits(r.limits);
    setDefaults(r.defaults);
    setFields(fieldsOf(r.limits));
  };
  useEffect(() => {
    station.request?.('sendLimits.get', {}).then(adopt, (e: unknown) => setLoadError(messageOf(e)));
  }, [station]);
  if (!limits || !fields || !defaults) return loadError ? <p className="form-error" role="alert">{loadError}</p> : null;

  const before = fieldsOf(limits);
  const changed = KEYS.filter((k) => fields[k].trim() !== before[k]);
  const invalid = KEYS.some((k) => fields[k].trim() !== '' && !(Number.isInteger(Number(fields[k])) && Number(fields[k]) > 0));
  const show = (v: string) => (v === '' ? t('admin.sendLimits.never') : t('admin.sendLimits.sms', { count: Number(v) }));
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (changed.length === 0 || invalid) return;
    const next: SendLimits = {
      smsPerPerson: fields.smsPerPerson.trim() === '' ? null : Number(fields.smsPerPerson),
      smsTotal: fields.smsTotal.trim() === '' ? null : Number(fields.smsTotal),
    };
    ask({
      title: t('admin.sendLimits.confirm'),
      body: <ChangeList lines={changed.map((k) => `${t(`admin.sendLimits.${k}`)}: ${show(before[k])} → ${show(fields[k].trim())}`)} />,
      confirmLabel: t('admin.save'),
      run: async () => {
        adopt(await station.request!('sendLimits.set', next));
        props.onChanged?.();
      },
      done: t('admin.sendLimits.saved'),
    });
  };
  return (
    <section className="admin-section" aria-labelledby="admin-send-limits-h" data-testid={ids.sendLimits}>
      <h3 id="admin-send-limits-h">{t('admin.sendLimits')}</h3>
      <p className="hint">{t('admin.sendLimits.hint')}</p>
      <form className="settings-form" onSubmit={save}>
        {KEYS.map((k) => (
          <label key={k} className="settings-field">
            <span>{t(`admin.sendLimits.${k}`)}</span>
            <input
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={fields[k]}
              placeholder={t('admin.sendLimits.never')}
              onChange={(e) => setFields({ ...fields, [k]: e.target.value })}
              data-testid={ids.sendLimit(k)}
            />
            <span className="hint">{t('admin.sendLimits.default', { value: show(defaults[k] === null ? '' : String(defaults[k])) })}</span>
          </label>
        ))}
        <div>
          <button type="submit" className="button primary" disabled={changed.length === 0 || invalid} data-testid={ids.sendLimitsSave}>
            {t('admin.save')}
          </button>
        </div>
      </form>
      <ResultLine result={result} testId={ids.sendLimitsResult} />
      {dialog}
    </section>
  );
}
