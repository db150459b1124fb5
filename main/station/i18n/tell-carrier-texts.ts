// The boundary where a carrier's English sentence reaches a desk that reads Russian: each template
// of carrier-texts.ts is turned into a pattern once (its params become capture groups), and a text
// that matches one is told again in the desk's language from the params read out of it. Texts
// built from several sentences ("Connected, but … 2 SMS in doubt …") are told sentence by sentence;
// `smpp-1: …` keeps its carrier id. What no template knows stays as it was.
import type { Locale } from '../../../shared/protocol/index.js';
import type { Entry, MessageParams } from './catalog.js';
import { carrierTexts } from './carrier-texts.js';

export type CarrierTextKey = keyof typeof carrierTexts;

/** The English of a carrier text: what a carrier writes into a status or an error. */
type TextParams<K extends CarrierTextKey> = Parameters<(typeof carrierTexts)[K]['en']>[0];
export function carrierText<K extends CarrierTextKey>(key: K, ...[params]: keyof TextParams<K> extends never ? [params?: TextParams<K>] : [params: TextParams<K>]): string {
  return (carrierTexts[key] as Entry<MessageParams>).en((params ?? {}) as MessageParams);
}

interface Pattern {
  key: CarrierTextKey;
  names: string[];
  re: RegExp;
  /** Literal characters: the more, the more specific (tried first). */
  weight: number;
}

const MARK = '\u0001';
/** Params that are always a number in these templates. */
const NUMERIC = new Set(['count', 'seconds', 'ms', 'status', 'of', 'waiting', 'baud', 'signal', 'resent']);
let patterns: Pattern[] | null = null;

function compile(): Pattern[] {
  const out: Pattern[] = [];
  for (const [key, e] of Object.entries(carrierTexts) as [CarrierTextKey, Entry<MessageParams>][]) {
    const names: string[] = [];
    const params = new Proxy({} as MessageParams, {
      get: (_t, prop) => {
        if (typeof prop !== 'string') return undefined;
        names.push(prop);
        return `${MARK}${names.length - 1}${MARK}`;
      },
    });
    const english = e.en(params);
    const parts = english.split(new RegExp(`${MARK}\\d+${MARK}`));
    // A count is digits; any other param is text that does not run on into a next sentence.
    const group = (i: number) => (NUMERIC.has(names[i]!) ? '(\\d+(?:[.,]\\d+)?)' : '((?:(?![.…] [A-ZА-Я]).)+?)');
    const source = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).reduce((acc, p, i) => (i === 0 ? p : `${acc}${group(i - 1)}${p}`), '');
    out.push({ key, names, re: new RegExp(`^${source}$`, 's'), weight: parts.join('').length });
  }
  return out.sort((a, b) => b.weight - a.weight);
}

const cache = new Map<string, string>();
const CACHE_MAX = 5_000;

function tellOne(text: string, depth: number): string {
  patterns ??= compile();
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (!m) continue;
    const params: MessageParams = {};
    p.names.forEach((name, i) => {
      const v = m[i + 1]!;
      // A param may itself be a carrier sentence ("Bind failed: <why>").
      params[name] = depth < 3 ? tell(v, depth + 1) : v;
    });
    return (carrierTexts[p.key] as Entry<MessageParams>).ru(params);
  }
  return text;
}

function tell(text: string, depth = 0): string {
  const whole = tellOne(text, depth);
  if (whole !== text) return whole;
  const prefixed = /^([A-Za-z0-9_.-]+): (.+)$/s.exec(text);
  if (prefixed) {
    const rest = tell(prefixed[2]!, depth + 1);
    if (rest !== prefixed[2]) return `${prefixed[1]}: ${rest}`;
  }
  const sentences = text.split(/(?<=[.…])\s+(?=[A-ZА-Я0-9])/);
  if (sentences.length > 1) {
    const told = sentences.map((s) => tellOne(s, depth));
    if (told.some((s, i) => s !== sentences[i])) return told.join(' ');
  }
  return text;
}

/** The carrier's sentence in `locale` (English stays as written). */
export function tellCarrierText(text: string, locale: Locale): string {
  if (locale === 'en' || text === '') return text;
  const known = cache.get(text);
  if (known !== undefined) return known;
  const told = tell(text);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(text, told);
  return told;
}

const TOLD_FIELDS = new Set(['detail', 'error', 'sentence']);

/**
 * A reply or an event on its way to a desk reading `locale`: every carrier sentence in a
 * `detail`, `error` or `sentence` field (statuses, messages, probe verdicts) told in it.
 * Returns the value itself when nothing changed, so an English desk costs nothing.
 */
export function tellCarrierTexts<T>(value: T, locale: Locale): T {
  if (locale === 'en') return value;
  return walk(value, locale) as T;
}

function walk(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((v, i) => {
      const w = walk(v, locale);
      if (w !== v) (out ??= value.slice())[i] = w;
    });
    return out ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const w = typeof v === 'string' ? (TOLD_FIELDS.has(k) ? tellCarrierText(v, locale) : v) : walk(v, locale);
    if (w !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = w;
  }
  return out ?? value;
}
