// A key's MTS Communicator sign-in: the login and password an old script already carries (it sends
// MD5 of the password) and/or its API 2.x token, so the script changes only its URL. The station
// keeps neither in clear; empty fields leave what is set, the boxes remove it.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiKeyView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { Modal } from '../../ui/Modal.js';
import { integrationsTestIds as common } from './testids.js';
import { m2mTestIds as ids } from './m2m-testids.js';

export function M2mSignInDialog(props: { apiKey: ApiKeyView; onSaved: (view: ApiKeyView) => void; onClose: () => void }) {
  const t = useT();
  const station = useStation();
  const k = props.apiKey;
  const loginId = useId();
  const hintId = useId();
  const first = useRef<HTMLInputElement>(null);
  const [login, setLogin] = useState(k.m2mLogin ?? '');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [dropPassword, setDropPassword] = useState(false);
  const [dropToken, setDropToken] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((password && password.length < 8) || (token && token.trim().length < 16)) {
      setError(t('m2m.short'));
      return;
    }
    setBusy(true);
    try {
      const { view } = await station.request!('apikeys.setM2m', {
        id: k.id,
        login: login.trim() === '' ? null : login.trim(),
        ...(dropPassword ? { password: null } : password ? { password } : {}),
        ...(dropToken ? { token: null } : token.trim() ? { token: token.trim() } : {}),
      });
      props.onSaved(view);
      props.onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('m2m.title', { name: k.name })} testId={ids.dialog} describedBy={hintId} initialFocus={first} onClose={props.onClose}>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <p id={hintId} className="hint">
          {t('m2m.hint', { login: k.userLogin })}
        </p>
        <div className="field">
          <label htmlFor={loginId}>{t('m2m.login')}</label>
          <input ref={first} id={loginId} autoComplete="off" spellCheck={false} maxLength={100} value={login} onChange={(e) => setLogin(e.target.value)} data-testid={ids.login} />
        </div>
        <SecretField
          label={t('m2m.password')}
          type="password"
          value={password}
          onChange={setPassword}
          isSet={k.m2mPassword}
          state={k.m2mPassword ? t('m2m.passwordSet') : t('m2m.passwordNone')}
          removeLabel={t('m2m.passwordRemove')}
          remove={dropPassword}
          onRemove={setDropPassword}
          testIds={[ids.password, ids.passwordRemove]}
        />
        <SecretField
          label={t('m2m.token')}
          type="text"
          value={token}
          onChange={setToken}
          isSet={k.m2mToken}
          state={k.m2mToken ? t('m2m.tokenSet') : t('m2m.tokenNone')}
          removeLabel={t('m2m.tokenRemove')}
          remove={dropToken}
          onRemove={setDropToken}
          testIds={[ids.token, ids.tokenRemove]}
        />
        {error ? (
          <p className="form-error" role="alert" data-testid={common.dialogError}>
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose} data-testid={common.cancel}>
            {t('integrations.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid={ids.save}>
            {busy ? t('m2m.saving') : t('m2m.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A secret the station never shows back: a field for a new one, whether one is set, and a box to remove it. */
function SecretField(props: {
  label: string;
  type: 'password' | 'text';
  value: string;
  onChange: (v: string) => void;
  isSet: boolean;
  state: string;
  removeLabel: string;
  remove: boolean;
  onRemove: (v: boolean) => void;
  testIds: [string, string];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        maxLength={200}
        value={props.value}
        disabled={props.remove}
        aria-describedby={`${id}-state`}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testIds[0]}
      />
      <p id={`${id}-state`} className="hint">
        {props.state}
      </p>
      {props.isSet ? (
        <label className="check-field">
          <input type="checkbox" checked={props.remove} onChange={(e) => props.onRemove(e.target.checked)} data-testid={props.testIds[1]} />
          {props.removeLabel}
        </label>
      ) : null}
    </div>
  );
}
