// Sign-in. Shown on first load and after sign-out or a rejected token; while the station is
// unreachable the form stays usable to type in, and says why it cannot submit yet.
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LinkIndicator, PrefsControls } from '../../app/Header.js';
import { useT } from '../../app/i18n/index.js';
import { StationBanners } from '../../app/StationBanners.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { loginTestIds } from './testids.js';

export function LoginScreen() {
  const t = useT();
  const station = useStation();
  const { phase, error, link } = useAppStore(
    useShallow((s) => ({ phase: s.session.phase, error: s.session.error, link: s.connection.link })),
  );
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const busy = phase === 'signing-in' || phase === 'starting';
  const canSubmit = link === 'open' && !busy && login.trim() !== '' && password !== '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    void station.login(login.trim(), password);
  };

  return (
    <div className="login-page">
      <header className="app-header">
        <h1 className="brand">{t('app.title')}</h1>
        <LinkIndicator />
        <div className="spacer" />
        <PrefsControls />
      </header>
      <StationBanners showCarriers={false} />
      <main className="login-main">
        <form className="login-card" onSubmit={submit} data-testid={loginTestIds.form} aria-labelledby="login-heading">
          <h2 id="login-heading">{t('login.heading')}</h2>
          <label className="field">
            <span>{t('login.login')}</span>
            <input
              name="login"
              autoComplete="username"
              autoFocus
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              data-testid={loginTestIds.login}
            />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid={loginTestIds.password}
            />
          </label>
          {error ? (
            <p className="form-error" role="alert" data-testid={loginTestIds.error}>
              {t('login.failed', { message: error })}
            </p>
          ) : null}
          {link !== 'open' ? <p className="hint">{t('login.waitStation')}</p> : null}
          <button type="submit" className="button primary" disabled={!canSubmit} data-testid={loginTestIds.submit}>
            {phase === 'signing-in' ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
