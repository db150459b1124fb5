// Workstation preferences: language and theme. Kept in localStorage because they belong to the
// desk (a wall screen stays dark), not to the session.
import type { StateCreator } from 'zustand';
import type { Locale } from '../../shared/protocol/index.js';
import type { AppState } from './store.js';

export type Theme = 'dark' | 'light';

export interface PrefsSlice {
  prefs: { locale: Locale; theme: Theme; /** The dispatcher chose the language on this desk. */ localeChosen: boolean };
  setLocale(locale: Locale): void;
  /** The user's own locale from the station, unless this desk already chose one. */
  adoptUserLocale(locale: Locale): void;
  setTheme(theme: Theme): void;
}

const LOCALE_KEY = 'switchboard.locale';
const THEME_KEY = 'switchboard.theme';

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // Storage disabled by policy: fall back to defaults.
  }
}

function store(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* Preferences are a convenience; losing one is not an error worth showing. */
  }
}

export function initialPrefs(): PrefsSlice['prefs'] {
  const locale = stored(LOCALE_KEY);
  const theme = stored(THEME_KEY);
  return {
    locale: locale === 'en' || locale === 'ru' ? locale : 'ru',
    theme: theme === 'light' ? 'light' : 'dark',
    localeChosen: locale === 'en' || locale === 'ru',
  };
}

export const createPrefsSlice: StateCreator<AppState, [], [], PrefsSlice> = (set, get) => ({
  prefs: initialPrefs(),
  setLocale: (locale) => {
    store(LOCALE_KEY, locale);
    set((s) => ({ prefs: { ...s.prefs, locale, localeChosen: true } }));
  },
  adoptUserLocale: (locale) => {
    if (get().prefs.localeChosen) return;
    set((s) => ({ prefs: { ...s.prefs, locale } }));
  },
  setTheme: (theme) => {
    store(THEME_KEY, theme);
    set((s) => ({ prefs: { ...s.prefs, theme } }));
  },
});
