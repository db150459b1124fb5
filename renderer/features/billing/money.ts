// Roubles as the finance office writes them; one formatter per locale for the page's life.
import type { Locale } from '../../../shared/protocol/index.js';

const formats = new Map<Locale, Intl.NumberFormat>();

export function rub(locale: Locale, amount: number): string {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { style: 'currency', currency: 'RUB', maximumFractionDigits: 2 });
    formats.set(locale, f);
  }
  return f.format(amount);
}

/** The local month, yyyy-mm, that <input type="month"> and billing.summary use. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
