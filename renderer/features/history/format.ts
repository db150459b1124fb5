// Date and time for history rows: unlike the live feed (today, so time alone), history spans
// months, so the date is always shown. One formatter per locale for the page's life.
import type { Locale } from '../../../shared/protocol/index.js';
import { useAppStore } from '../../app/store.js';

const dateTimes = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(locale: Locale, epochMs: number): string {
  let f = dateTimes.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dateTimes.set(locale, f);
  }
  return f.format(epochMs);
}

export function useDateTime(): (epochMs: number) => string {
  const locale = useAppStore((s) => s.prefs.locale);
  return (ms) => formatDateTime(locale, ms);
}

/** The desk's IANA zone, for exports and billing months; the station's own if the browser has none. */
export function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
