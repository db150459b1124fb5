// Accounts and addresses locked or slowed down after wrong passwords (issue 14): what the station
// refuses now, how many tries it took, until when; the administrator lifts a lock (audited).
import { useEffect, useState } from 'react';
import type { LoginLockView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { adminTestIds as ids } from './testids.js';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function LoginLocks(props: { onChanged?: () => void }) {
  const t = useT();
  const station = useStation();
  const [locks, setLocks] = useState<LoginLockView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => station.request?.('security.logins', {}).then((r) => setLocks(r.locks), (e: unknown) => setError(messageOf(e)));
  useEffect(() => {
    void load();
  }, [station]);
  const unlock = async (l: LoginLockView) => {
    setError(null);
    try {
      setLocks((await station.request!('security.unlock', { kind: l.kind, key: l.key })).locks);
      props.onChanged?.();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section className="admin-section" aria-labelledby="admin-locks-h" data-testid={ids.locks}>
      <h3 id="admin-locks-h">{t('admin.locks')}</h3>
      <p className="hint">{t('admin.locks.hint')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {locks && locks.length === 0 ? <p className="muted">{t('admin.locks.none')}</p> : null}
      {locks && locks.length > 0 ? (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.locks.account')} / {t('admin.locks.address')}</th>
              <th scope="col">{t('admin.locks.failures')}</th>
              <th scope="col">{t('admin.locks.until')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.locks.unlock')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {locks.map((l) => (
              <tr key={`${l.kind}:${l.key}`} data-testid={ids.lockRow(l.kind, l.key)}>
                <td>
                  {l.kind === 'account' ? t('admin.locks.account') : t('admin.locks.address')}: <strong>{l.key}</strong>
                </td>
                <td>{l.failures}</td>
                <td>{l.lockedUntil !== null ? time(l.lockedUntil) : l.retryAt !== null ? t('admin.locks.slowed', { time: time(l.retryAt) }) : ''}</td>
                <td>
                  <button type="button" className="button small" onClick={() => void unlock(l)} data-testid={ids.unlock(l.kind, l.key)} aria-label={t('admin.locks.unlockOf', { key: l.key })}>
                    {t('admin.locks.unlock')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="button small ghost" onClick={() => void load()}>
        {t('admin.locks.refresh')}
      </button>
    </section>
  );
}
