// The language of an HTTP answer: scripts get English unless their Accept-Language prefers Russian
// (`ru`, `ru-RU;q=0.9, en;q=0.5`), so a Russian-speaking integrator can ask for Russian errors.
import type { Locale } from '../../../shared/protocol/index.js';

export function localeOfAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en';
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag = '', ...attrs] = part.trim().toLowerCase().split(';');
    const lang = tag.trim().split('-')[0];
    if (lang !== 'ru' && lang !== 'en') continue;
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: lang, q };
  }
  return best?.locale ?? 'en';
}
