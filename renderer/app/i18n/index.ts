// The i18n entry: the dictionaries, the translator for the chosen locale and a hook for components.
import { useMemo } from 'react';
import type { Locale } from '../../../shared/protocol/index.js';
import { useAppStore } from '../store.js';
import { en } from './en.js';
import { ru } from './ru.js';
import { makeTranslate, type Dictionary, type Translate } from './translate.js';

export type { MessageKey, Translate } from './translate.js';

export const dictionaries: Record<Locale, Dictionary> = { ru: ru as Dictionary, en };
export const LOCALES: readonly Locale[] = ['ru', 'en'];
/** Each language names itself in its own words in the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { ru: 'Русский', en: 'English' };

export function translator(locale: Locale): Translate {
  return makeTranslate(locale, dictionaries[locale]);
}

export function useT(): Translate {
  const locale = useAppStore((s) => s.prefs.locale);
  return useMemo(() => translator(locale), [locale]);
}

/** Times are stored as UTC epoch ms; the dispatcher reads local wall-clock time. */
export function useTimeFormat(): (epochMs: number) => string {
  const locale = useAppStore((s) => s.prefs.locale);
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    return (epochMs: number) => fmt.format(epochMs);
  }, [locale]);
}
