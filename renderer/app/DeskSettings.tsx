// This desk's settings, a click away in the header: text size (a wall screen is read from across
// the room), and the sound and notification for replies. Remembered on the desk (prefs-slice).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Popover } from '../ui/Popover.js';
import type { ReplyScope, Scale } from './prefs-slice.js';
import { SCALES } from './prefs-slice.js';
import { useT } from './i18n/index.js';
import { notificationsUsable } from './reply-outlets.js';
import { useAppStore } from './store.js';
import { shellTestIds } from './testids.js';

const SCOPES: readonly ReplyScope[] = ['off', 'alerts', 'all'];

function NotificationPermission() {
  const t = useT();
  const [permission, setPermission] = useState(() => (notificationsUsable() ? Notification.permission : 'granted'));
  if (permission === 'granted') return null;
  if (permission === 'denied') return <p className="hint">{t('settings.notifyDenied')}</p>;
  return (
    <button
      type="button"
      className="button small"
      onClick={() => void Notification.requestPermission().then(setPermission)}
      data-testid={shellTestIds.notifyPermission}
    >
      {t('settings.notifyAllow')}
    </button>
  );
}

export function DeskSettings() {
  const t = useT();
  const { scale, alerts, setScale, setReplyAlerts } = useAppStore(
    useShallow((s) => ({ scale: s.prefs.scale, alerts: s.prefs.replyAlerts, setScale: s.setScale, setReplyAlerts: s.setReplyAlerts })),
  );
  return (
    <Popover title={t('settings.title')} label={t('settings.button')} testId={shellTestIds.settings} className="popover-end" buttonClassName="button ghost">
      <fieldset className="settings-group">
        <legend>{t('settings.scale')}</legend>
        {SCALES.map((s: Scale) => (
          <label key={s} className="check">
            <input type="radio" name="desk-scale" checked={scale === s} onChange={() => setScale(s)} data-testid={shellTestIds.scale(s)} />
            <span>{t(`settings.scale.${s === 1 ? 'normal' : s === 1.25 ? 'large' : 'wall'}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('settings.sound')}</span>
        <select value={alerts.sound} onChange={(e) => setReplyAlerts({ sound: e.target.value as ReplyScope })} data-testid={shellTestIds.replySound}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`settings.scope.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('settings.notify')}</span>
        <select value={alerts.notify} onChange={(e) => setReplyAlerts({ notify: e.target.value as ReplyScope })} data-testid={shellTestIds.replyNotify}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`settings.scope.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {alerts.notify !== 'off' ? <NotificationPermission /> : null}
    </Popover>
  );
}
