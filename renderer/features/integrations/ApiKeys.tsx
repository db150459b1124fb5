// The API keys table: who each key acts for, when it was made and last used, revoked or not;
// a new key is made in a dialog that shows it once, a revoke asks first.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ApiKeyView, KeyOwner, RateLimitDefaults } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { CreateKeyDialog } from './CreateKeyDialog.js';
import { RevokeKeyDialog } from './RevokeKeyDialog.js';
import { KeyLimitsDialog, useLimitText } from './KeyLimitsDialog.js';
import { M2mSignInDialog } from './M2mSignInDialog.js';
import { m2mTestIds } from './m2m-testids.js';
import { useDateTime } from './format.js';
import { integrationsTestIds as ids } from './testids.js';

export function ApiKeys() {
  const t = useT();
  const station = useStation();
  const fmt = useDateTime();
  const headingId = useId();
  const [keys, setKeys] = useState<ApiKeyView[] | null>(null);
  const [owners, setOwners] = useState<KeyOwner[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [limiting, setLimiting] = useState<ApiKeyView | null>(null);
  const [signIn, setSignIn] = useState<ApiKeyView | null>(null);
  const [defaults, setDefaults] = useState<RateLimitDefaults | null>(null);
  const limitText = useLimitText();
  const newButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    try {
      const list = await station.request!('apikeys.list', {});
      setKeys(list.keys);
      setOwners(list.owners);
      setDefaults(list.rateDefaults ?? null);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [station]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="integrations-section" aria-labelledby={headingId} data-testid={ids.keys}>
      <div className="integrations-head">
        <h3 id={headingId}>{t('integrations.keys')}</h3>
        <button
          ref={newButton}
          type="button"
          className="button primary small"
          onClick={() => setCreating(true)}
          disabled={keys === null}
          data-testid={ids.newKey}
        >
          {t('integrations.keys.new')}
        </button>
        {/* Last use changes as scripts call in; the list is read when opened, so offer a re-read. */}
        <button type="button" className="button small" onClick={() => void load()} data-testid={ids.keysRefresh}>
          {t('integrations.keys.refresh')}
        </button>
      </div>
      <p className="hint">{t('integrations.keys.hint')}</p>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {error}
        </p>
      ) : null}
      {keys !== null && keys.length === 0 ? <p className="empty">{t('integrations.keys.empty')}</p> : null}
      {keys !== null && keys.length > 0 ? (
        <div className="integrations-scroll">
          <table className="integrations-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t('integrations.keys.name')}</th>
                <th scope="col">{t('integrations.keys.owner')}</th>
                <th scope="col">{t('integrations.keys.prefix')}</th>
                <th scope="col">{t('integrations.keys.created')}</th>
                <th scope="col">{t('integrations.keys.lastUsed')}</th>
                <th scope="col">{t('integrations.keys.state')}</th>
                <th scope="col">{t('integrations.keys.limit')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('integrations.keys.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} data-testid={ids.keyRow(k.id)} className={k.revokedAt !== null ? 'key-revoked' : undefined}>
                  <th scope="row">{k.name}</th>
                  <td>{k.userLogin}</td>
                  <td>
                    <code>{k.prefix}…</code>
                    {k.legacy ? (
                      <span className="badge key-legacy" title={t('integrations.keys.legacyTitle')}>
                        {t('integrations.keys.legacy')}
                      </span>
                    ) : null}
                    {k.m2mLogin !== null || k.m2mToken ? (
                      <span className="badge key-legacy" data-testid={m2mTestIds.badge(k.id)}>
                        {k.m2mLogin !== null ? t('m2m.badge', { login: k.m2mLogin }) : t('m2m.badgeToken')}
                      </span>
                    ) : null}
                  </td>
                  <td>{fmt(k.createdAt)}</td>
                  <td>{k.lastUsedAt !== null ? fmt(k.lastUsedAt) : <span className="muted">{t('integrations.keys.never')}</span>}</td>
                  <td data-testid={ids.keyState(k.id)} data-state={k.revokedAt !== null ? 'revoked' : 'live'}>
                    {k.revokedAt !== null ? (
                      <span className="key-state-revoked">{t('integrations.keys.revokedAt', { at: fmt(k.revokedAt) })}</span>
                    ) : (
                      <span className="key-state-live">{t('integrations.keys.live')}</span>
                    )}
                  </td>
                  <td data-testid={ids.limits(k.id)} data-own={k.ratePerMinute != null || k.burst != null}>
                    {limitText(k, defaults)}
                    {k.revokedAt === null ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button small ghost"
                          aria-label={t('integrations.keys.limitEditLabel', { name: k.name })}
                          onClick={() => setLimiting(k)}
                          data-testid={ids.limitsEdit(k.id)}
                        >
                          {t('integrations.keys.limitEdit')}
                        </button>
                      </>
                    ) : null}
                  </td>
                  <td className="integrations-actions">
                    {k.revokedAt === null ? (
                      <button
                        type="button"
                        className="button small"
                        aria-label={t('m2m.signInLabel', { name: k.name })}
                        onClick={() => setSignIn(k)}
                        data-testid={m2mTestIds.signIn(k.id)}
                      >
                        {t('m2m.signIn')}
                      </button>
                    ) : null}{' '}
                    {k.revokedAt === null ? (
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={t('integrations.keys.revokeLabel', { name: k.name, prefix: k.prefix })}
                        onClick={() => setRevoking(k)}
                        data-testid={ids.revoke(k.id)}
                      >
                        {t('integrations.keys.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? (
        <CreateKeyDialog owners={owners} onCreated={() => void load()} onClose={() => setCreating(false)} />
      ) : null}
      {limiting ? (
        <KeyLimitsDialog
          apiKey={limiting}
          defaults={defaults}
          onSaved={(view) => setKeys((prev) => prev && prev.map((k) => (k.id === view.id ? view : k)))}
          onClose={() => setLimiting(null)}
        />
      ) : null}
      {signIn ? (
        <M2mSignInDialog
          apiKey={signIn}
          onSaved={(view) => setKeys((prev) => prev && prev.map((k) => (k.id === view.id ? view : k)))}
          onClose={() => setSignIn(null)}
        />
      ) : null}
      {revoking ? (
        <RevokeKeyDialog
          apiKey={revoking}
          fallbackFocus={newButton}
          onRevoked={(view) => setKeys((prev) => prev && prev.map((k) => (k.id === view.id ? view : k)))}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </section>
  );
}
