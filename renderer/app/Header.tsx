// The top bar: who is signed in, the link and carriers at a glance, language, theme, sign-out.
import { useShallow } from 'zustand/react/shallow';
import type { CarrierStatus, Locale } from '../../shared/protocol/index.js';
import { DeskSettings } from './DeskSettings.js';
import { LOCALE_NAMES, LOCALES, useT } from './i18n/index.js';
import { useStation } from './station-context.js';
import { useAppStore } from './store.js';
import { shellTestIds } from './testids.js';

const TROUBLE: Record<CarrierStatus['state'], number> = { down: 0, degraded: 1, connecting: 2, up: 3, disabled: 4 };

export function LinkIndicator() {
  const t = useT();
  const link = useAppStore((s) => s.connection.link);
  return (
    <span className={`link link-${link}`} data-testid={shellTestIds.link} data-link={link} role="status">
      <span className="dot" aria-hidden="true" />
      {t(`shell.link.${link}`)}
    </span>
  );
}

export function PrefsControls() {
  const t = useT();
  const { locale, theme, setLocale, setTheme } = useAppStore(
    useShallow((s) => ({ locale: s.prefs.locale, theme: s.prefs.theme, setLocale: s.setLocale, setTheme: s.setTheme })),
  );
  return (
    <>
      <label className="inline-field">
        <span className="visually-hidden">{t('shell.language')}</span>
        <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid={shellTestIds.locale}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button ghost"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        data-testid={shellTestIds.theme}
        aria-pressed={theme === 'light'}
      >
        {t(theme === 'dark' ? 'shell.theme.toLight' : 'shell.theme.toDark')}
      </button>
    </>
  );
}

function Carriers() {
  const t = useT();
  const carriers = useAppStore(useShallow((s) => s.carriers));
  // Without the station we don't know how the carriers are; showing the last "up" would lie.
  const known = useAppStore((s) => s.connection.link === 'open');
  if (carriers.length === 0) return null;
  // Trouble first: when the header cannot show every route, what is cut off is what works.
  const shown = known ? [...carriers].sort((a, b) => TROUBLE[a.state] - TROUBLE[b.state]) : carriers;
  return (
    <ul className="carriers" aria-label={t('shell.carriers')}>
      {shown.map((c) => (
        <li
          key={c.id}
          className={`carrier carrier-${known ? c.state : 'unknown'}`}
          data-testid={shellTestIds.carrier(c.id)}
          data-state={known ? c.state : 'unknown'}
          title={c.detail ?? undefined}
        >
          <span className="dot" aria-hidden="true" />
          {c.name}: {t(known ? `carrier.state.${c.state}` : 'carrier.state.unknown')}
        </li>
      ))}
    </ul>
  );
}

export function Header() {
  const t = useT();
  const station = useStation();
  const user = useAppStore((s) => s.session.user);
  const openOverlay = useAppStore((s) => s.openOverlay);
  return (
    <header className="app-header">
      <h1 className="brand">{t('app.title')}</h1>
      <LinkIndicator />
      <Carriers />
      <div className="spacer" />
      <button
        type="button"
        className="button ghost"
        onClick={() => openOverlay('shortcuts')}
        aria-keyshortcuts="Shift+?"
        data-testid={shellTestIds.shortcutsButton}
      >
        {t('shortcuts.button')}
      </button>
      <PrefsControls />
      <DeskSettings />
      {user ? (
        <>
          <span className="user" data-testid={shellTestIds.user}>
            {t('shell.user', { name: user.name, role: t(`role.${user.role}`) })}
          </span>
          <button type="button" className="button ghost" onClick={() => void station.logout()} data-testid={shellTestIds.logout}>
            {t('shell.logout')}
          </button>
        </>
      ) : null}
    </header>
  );
}
