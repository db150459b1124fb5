// Station settings that change what the station does: the reply window, how long a poll or
// confirmation takes answers by phone alone, how long a login lasts, and on the bad day how soon
// an SMS waiting for a troubled route moves to the next one and how long an SMS in doubt waits
// for its late answer (docs/carriers.md). An empty field follows the station's config (shown
// beside it); saving is confirmed with the list of changes.
import { useEffect, useState, type FormEvent } from 'react';
import type { SettingKey, SettingsResult } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { ResultLine, useConfirm } from './ConfirmDialog.js';
import { ChangeList } from './UsersAdmin.js';
import { adminTestIds as ids } from './testids.js';

const KEYS: readonly SettingKey[] = ['replyWindowHours', 'questionWindowHours', 'sessionHours', 'alertMoveSeconds', 'moveSeconds', 'inDoubtGraceSeconds'];
/** Hours, or seconds for the outbox's bounds; the smallest value the station takes. */
const UNIT: Record<SettingKey, { unit: 'hours' | 'seconds'; min: number }> = {
  replyWindowHours: { unit: 'hours', min: 0.5 },
  questionWindowHours: { unit: 'hours', min: 0.5 },
  sessionHours: { unit: 'hours', min: 1 },
  alertMoveSeconds: { unit: 'seconds', min: 0 },
  moveSeconds: { unit: 'seconds', min: 0 },
  inDoubtGraceSeconds: { unit: 'seconds', min: 1 },
};
type Fields = Record<SettingKey, string>;

const fieldsOf = (s: SettingsResult): Fields =>
  Object.fromEntries(KEYS.map((k) => [k, s.stored[k] === undefined ? '' : String(s.stored[k])])) as Fields;

export function SettingsAdmin(props: { onChanged?: () => void }) {
  const t = useT();
  const station = useStation();
  const [settings, setSettings] = useState<SettingsResult | null>(null);
  const [fields, setFields] = useState<Fields | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { ask, dialog, result } = useConfirm();

  const adopt = (s: SettingsResult) => {
    setSettings(s);
    setFields(fieldsOf(s));
  };
  useEffect(() => {
    station.request?.('settings.get', {}).then(adopt, (e: unknown) => setLoadError(messageOf(e)));
  }, [station]);

  if (!settings || !fields) return loadError ? <p className="form-error" role="alert">{loadError}</p> : null;
  const before = fieldsOf(settings);
  const changedKeys = KEYS.filter((k) => fields[k].trim() !== before[k]);
  const invalid = KEYS.some((k) => fields[k].trim() !== '' && !(Number(fields[k]) >= UNIT[k].min));

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (changedKeys.length === 0 || invalid) return;
    const patch = Object.fromEntries(changedKeys.map((k) => [k, fields[k].trim() === '' ? null : Number(fields[k])]));
    const show = (k: SettingKey, v: string) =>
      UNIT[k].unit === 'hours'
        ? v === ''
          ? t('admin.settings.fromConfig', { value: settings.defaults[k] })
          : t('admin.settings.hours', { count: Number(v) })
        : v === ''
          ? t('admin.settings.fromConfigSeconds', { value: settings.defaults[k] })
          : t('admin.settings.seconds', { count: Number(v) });
    ask({
      title: t('admin.settings.confirm'),
      body: <ChangeList lines={changedKeys.map((k) => `${t(`admin.settings.${k}`)}: ${show(k, before[k])} → ${show(k, fields[k].trim())}`)} />,
      confirmLabel: t('admin.save'),
      run: async () => {
        adopt(await station.request!('settings.set', patch));
        props.onChanged?.();
      },
      done: t('admin.settings.saved'),
    });
  };

  return (
    <section className="admin-section" aria-labelledby="admin-settings-h" data-testid={ids.settings}>
      <h3 id="admin-settings-h">{t('admin.settings')}</h3>
      <form className="settings-form" onSubmit={save}>
        {KEYS.map((k) => (
          <label key={k} className="settings-field">
            <span>{t(`admin.settings.${k}`)}</span>
            <input
              type="number"
              min={UNIT[k].min}
              step="any"
              inputMode="decimal"
              value={fields[k]}
              placeholder={String(settings.defaults[k])}
              onChange={(e) => setFields({ ...fields, [k]: e.target.value })}
              aria-describedby={`admin-setting-${k}-hint`}
              data-testid={ids.setting(k)}
            />
            <span id={`admin-setting-${k}-hint`} className="hint">
              {t(`admin.settings.${k}.hint`)} {t(UNIT[k].unit === 'hours' ? 'admin.settings.now' : 'admin.settings.nowSeconds', { count: settings.effective[k] })}
              {settings.stored[k] === undefined ? ` ${t('admin.settings.followsConfig')}` : ''}
            </span>
          </label>
        ))}
        <div>
          <button type="submit" className="button primary" disabled={changedKeys.length === 0 || invalid} data-testid={ids.settingsSave}>
            {t('admin.save')}
          </button>
        </div>
      </form>
      <ResultLine result={result} testId={ids.settingsResult} />
      {dialog}
    </section>
  );
}
