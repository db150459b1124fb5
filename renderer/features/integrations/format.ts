// Date and time in the control room's language: the admin screens show days-old times
// (key created, last used), so unlike the feed they need the date too; the webhook log, where
// several deliveries share a minute, shows seconds.
import { useMemo } from 'react';
import { useAppStore } from '../../app/store.js';

export function useDateTime(precision: 'minutes' | 'seconds' = 'minutes'): (epochMs: number) => string {
  const locale = useAppStore((s) => s.prefs.locale);
  return useMemo(() => {
    const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: precision === 'seconds' ? 'medium' : 'short',
    });
    return (epochMs: number) => fmt.format(epochMs);
  }, [locale, precision]);
}
