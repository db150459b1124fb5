// The root: login until signed in, then the shell. Also keeps <html lang> and the theme
// attribute in step with the preferences (CSS variables switch on [data-theme]).
import { useEffect } from 'react';
import { LoginScreen } from '../features/login/LoginScreen.js';
import { Shell } from './Shell.js';
import { useAppStore } from './store.js';

export function App() {
  const phase = useAppStore((s) => s.session.phase);
  const locale = useAppStore((s) => s.prefs.locale);
  const theme = useAppStore((s) => s.prefs.theme);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
  }, [locale, theme]);
  return phase === 'signed-in' ? <Shell /> : <LoginScreen />;
}
