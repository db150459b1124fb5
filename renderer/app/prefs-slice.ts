// Workstation preferences: language, theme, text size and how replies are announced. Kept in
// localStorage because they belong to the desk (a wall screen stays dark and large), not to the
// session.
import type { StateCreator } from 'zustand';
import type { Locale } from '../../shared/protocol/index.js';
import type { AppState } from './store.js';

export type Theme = 'dark' | 'light';
/** Text size: 1 for a desk at 1366×768, larger for a wall screen read from across the room. */
export const SCALES = [1, 1.25, 1.5] as const;
export type Scale = (typeof SCALES)[number];

/** Which replies make a sound or a notification. */
export type ReplyScope = 'off' | 'alerts' | 'all';
export interface ReplyAlerts {
  sound: ReplyScope;
  notify: ReplyScope;
}

export interface PrefsSlice {
  prefs: {
    locale: Locale;
    theme: Theme;
    /** The dispatcher chose the language on this desk. */
    localeChosen: boolean;
    scale: Scale;
    replyAlerts: ReplyAlerts;
  };
  setLocale(locale: Locale): void;
  /** The user's own locale from the station, unless this desk already chose one. */
  adoptUserLocale(locale: Locale): void;
  setTheme(theme: Theme): void;
  setScale(scale: Scale): void;
  setReplyAlerts(alerts: Partial<ReplyAlerts>): void;
}

const LOCALE_KEY = 'switchboard.locale';
const THEME_KEY = 'switchboard.theme';
const SCALE_KEY = 'switchboard.scale';
const REPLY_ALERTS_KEY = 'switchboard.replyAlerts';
const DEFAULT_REPLY_ALERTS: ReplyAlerts = { sound: 'alerts', notify: 'alerts' };

function replyAlertsOf(raw: string | null): ReplyAlerts {
  const scope = (v: unknown): v is ReplyScope => v === 'off' || v === 'alerts' || v === 'all';
  try {
    const v = JSON.parse(raw ?? 'null') as Partial<ReplyAlerts> | null;
    return {
      sound: scope(v?.sound) ? v.sound : DEFAULT_REPLY_ALERTS.sound,
      notify: scope(v?.notify) ? v.notify : DEFAULT_REPLY_ALERTS.notify,
    };
  } catch {
    return DEFAULT_REPLY_ALERTS;
  }
}

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
  const scale = Number(stored(SCALE_KEY));
  return {
    locale: locale === 'en' || locale === 'ru' ? locale : 'ru',
    theme: theme === 'light' ? 'light' : 'dark',
    localeChosen: locale === 'en' || locale === 'ru',
    scale: (SCALES as readonly number[]).includes(scale) ? (scale as Scale) : 1,
    replyAlerts: replyAlertsOf(stored(REPLY_ALERTS_KEY)),
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
  setScale: (scale) => {
    store(SCALE_KEY, String(scale));
    set((s) => ({ prefs: { ...s.prefs, scale } }));
  },
  setReplyAlerts: (alerts) => {
    const replyAlerts = { ...get().prefs.replyAlerts, ...alerts };
    store(REPLY_ALERTS_KEY, JSON.stringify(replyAlerts));
    set((s) => ({ prefs: { ...s.prefs, replyAlerts } }));
  },
});
