// Hours and minutes in the dispatcher's language: shift changes and calls need no seconds.
import { useAppStore } from '../../app/store.js';

const formats = new Map<string, Intl.DateTimeFormat>();

export function shortTime(locale: string, epochMs: number): string {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit' })));
  return f.format(epochMs);
}

export function useShortTime(): (epochMs: number) => string {
  const locale = useAppStore((s) => s.prefs.locale);
  return (ms) => shortTime(locale, ms);
}
