// The i18n entry: the dictionaries, the translator for the chosen locale and a hook for components.
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

// One translator and one time formatter per locale for the page's life: a feed row mounts
// many times a second under load, and an Intl.DateTimeFormat costs about a millisecond to build.
const translators = new Map<Locale, Translate>();
const timeFormats = new Map<Locale, (epochMs: number) => string>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslate(locale, dictionaries[locale])));
  return t;
}

function timeFormat(locale: Locale): (epochMs: number) => string {
  let f = timeFormats.get(locale);
  if (!f) {
    const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    timeFormats.set(locale, (f = (epochMs: number) => fmt.format(epochMs)));
  }
  return f;
}

export function useT(): Translate {
  return translator(useAppStore((s) => s.prefs.locale));
}

/** Times are stored as UTC epoch ms; the dispatcher reads local wall-clock time. */
export function useTimeFormat(): (epochMs: number) => string {
  return timeFormat(useAppStore((s) => s.prefs.locale));
}

const whenFormats = new Map<Locale, (epochMs: number) => string>();

function whenFormat(locale: Locale): (epochMs: number) => string {
  let f = whenFormats.get(locale);
  if (!f) {
    const tag = locale === 'ru' ? 'ru-RU' : 'en-GB';
    const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
    const dated = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    whenFormats.set(
      locale,
      (f = (epochMs: number) => (new Date(epochMs).toDateString() === new Date().toDateString() ? time.format(epochMs) : dated.format(epochMs))),
    );
  }
  return f;
}

/** A moment ahead or behind: the time alone today, with the day otherwise ("14:30", "12 дек., 14:30"). */
export function useWhen(): (epochMs: number) => string {
  return whenFormat(useAppStore((s) => s.prefs.locale));
}
