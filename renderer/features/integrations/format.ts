// Date and time in the control room's language: the admin screens show days-old times
// (key created, last used), so unlike the feed they need the date too.
import { useMemo } from 'react';
import { useAppStore } from '../../app/store.js';

export function useDateTime(): (epochMs: number) => string {
  const locale = useAppStore((s) => s.prefs.locale);
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
    return (epochMs: number) => fmt.format(epochMs);
  }, [locale]);
}
