// How people answer by SMS, as pure functions: poll options by number or by word, a
// confirmation, an order code quoted in a reply, and `+#tag` / `-#tag` subscription commands.
import { normalizeTag } from './tags.js';

/** Lower case, ё → е, punctuation to spaces, collapsed: "Да, ЕДУ!" → "да еду". */
export function normalizeAnswer(text: string): string {
  // toLowerCase folds Cyrillic the same as the ru locale would (only tr/az/lt differ), and is far cheaper.
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The option (1..n) a reply picks, or null. A reply picks an option by its number as the first
 * word ("2", "2 буду позже") or by the option's words at its start ("Опоздаю", "опоздаю на час").
 * A number outside 1..n picks nothing, so "15 минут" is not option 15 of a three-option poll.
 */
export function parseAnswer(text: string, options: readonly string[]): number | null {
  return pickOption(normalizeAnswer(text), options);
}

/** parseAnswer for a text normalized already (a reply is read against several questions). */
export function pickOption(norm: string, options: readonly string[]): number | null {
  if (norm.length === 0) return null;
  const first = norm.split(' ')[0]!;
  if (/^\d+$/.test(first)) {
    const n = Number(first);
    return n >= 1 && n <= options.length ? n : null;
  }
  // Longest option first, so "не приеду" is not taken for an option "не".
  const ranked = options
    .map((o, i) => ({ norm: normalizeAnswer(o), n: i + 1 }))
    .filter((o) => o.norm.length > 0)
    .sort((a, b) => b.norm.length - a.norm.length);
  for (const o of ranked) {
    if (norm === o.norm || norm.startsWith(`${o.norm} `)) return o.n;
  }
  return null;
}

/** Words that confirm an alert besides its option 1. */
export const CONFIRM_WORDS = ['принял', 'принято', 'приняла', 'да', 'ок', 'ok', 'понял', 'поняла', 'yes', 'confirm'];

/** Whether a reply confirms an alert that asked to "ответьте 1". */
export function isConfirmation(text: string): boolean {
  return confirms(normalizeAnswer(text));
}

/** isConfirmation for a text normalized already. */
export function confirms(norm: string): boolean {
  if (pickOption(norm, ['принял']) === 1) return true;
  return CONFIRM_WORDS.includes(norm.split(' ')[0] ?? '');
}

/** The order code a text carries: `#4711` anywhere. Three digits or more, so `#1` stays a tag. */
export function orderCodeOf(text: string): string | null {
  const m = /(?<![\p{L}\p{N}_&])#(\d{3,12})(?![\p{L}\p{N}_])/u.exec(text);
  return m ? m[1]! : null;
}

/** The code a reply quotes: `#4711 готово`, or a bare `4711 принял` at the start. */
export function quotedCode(text: string): string | null {
  const tagged = orderCodeOf(text);
  if (tagged) return tagged;
  const bare = /^\s*(\d{3,12})(?![\p{L}\p{N}_])/u.exec(text);
  return bare ? bare[1]! : null;
}

export interface SubscriptionCommand {
  join: boolean;
  /** Normalised tag, without '#'. */
  tag: string;
}

/** `+#авария -#учения` → commands; null when the text is anything else (a reply, a question). */
export function parseSubscriptionCommands(text: string): SubscriptionCommand[] | null {
  const tokens = text.trim().split(/[\s,;]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  const out: SubscriptionCommand[] = [];
  for (const t of tokens) {
    const m = /^([+-])#([\p{L}\p{N}_]{1,64})$/u.exec(t);
    if (!m) return null;
    out.push({ join: m[1] === '+', tag: normalizeTag(m[2]!) });
  }
  return out;
}
