// A translator small enough to read in one sitting: dictionaries are plain objects, a plural is
// chosen with Intl.PluralRules (Russian needs one/few/many), placeholders are {name}.
import type { Locale } from '../../../shared/protocol/index.js';
import type { ru } from './ru.js';

export type MessageKey = keyof typeof ru;
type Plural = { one: string; other: string; few?: string; many?: string };
export type Dictionary = { [K in MessageKey]: (typeof ru)[K] extends string ? string : Plural };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pick(locale: Locale, entry: Plural, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const category = rules.select(count) as keyof Plural;
  return entry[category] ?? entry.other;
}

export function makeTranslate(locale: Locale, dictionary: Dictionary): Translate {
  return (key, params) => {
    const entry = dictionary[key] as string | Plural | undefined;
    if (entry === undefined) return key; // Visible in the UI and in tests, never a crash.
    const template = typeof entry === 'string' ? entry : pick(locale, entry, Number(params?.count ?? 0));
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}
