// The shape of a message catalog: every entry renders in both languages from the same params, so
// an entry without Russian, or a Russian text reading a param English does not have, fails to compile.
import type { Locale } from '../../../shared/protocol/index.js';

export type MessageParams = Record<string, string | number>;
export type Entry<P extends MessageParams> = { readonly [L in Locale]: (p: P) => string };

/** One catalog entry; `P` is written once, both languages are checked against it. */
export function entry<P extends MessageParams = Record<never, never>>(texts: Entry<P>): Entry<P> {
  return texts;
}

/** Russian plural: 1 символ, 2 символа, 5 символов (21 символ, 11 символов). */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}
