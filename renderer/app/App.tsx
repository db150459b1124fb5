// The root: login until signed in, then the shell. Also keeps <html lang> and the theme
// attribute and the text size in step with the preferences (CSS variables switch on [data-theme]).
import { useEffect } from 'react';
import { LoginScreen } from '../features/login/LoginScreen.js';
import { Shell } from './Shell.js';
import { useAppStore } from './store.js';

export function App() {
  const phase = useAppStore((s) => s.session.phase);
  const locale = useAppStore((s) => s.prefs.locale);
  const theme = useAppStore((s) => s.prefs.theme);
  const scale = useAppStore((s) => s.prefs.scale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
    // zoom, not font-size: panels are laid out in px, and the whole room must grow together.
    document.documentElement.style.zoom = scale === 1 ? '' : String(scale);
  }, [locale, theme, scale]);
  return phase === 'signed-in' ? <Shell /> : <LoginScreen />;
}
