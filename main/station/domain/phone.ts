// Phone numbers arrive as dispatchers and HR spreadsheets write them: `8 916 123-45-67`,
// `+7 (916) 1234567`, `9161234567`. The store keeps E.164 only.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { SaidError } from './said.js';
import { fastE164 } from './phone-fast-path.js';

export const DEFAULT_REGION: CountryCode = 'RU';

export class PhoneError extends SaidError {
  override readonly name = 'PhoneError';
  constructor(readonly input: string) {
    super(`"${input}" is not a valid phone number. Write it as +7 916 123-45-67 or 8 916 123-45-67.`, 'phone.invalid', { input });
  }
}

/**
 * Parsed numbers, by region and input, for the forms the fast path leaves to libphonenumber: the
 * same few thousand phones reply all day, and parsing one costs more than storing the reply.
 */
const parsed = new Map<string, string | null>();
const PARSED_MAX = 10_000;
const MAX_INPUT = 40;

/** Returns the number in E.164 (`+79161234567`) or throws PhoneError naming the input. */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_REGION): string {
  const raw = input.trim();
  // +7 numbers, most of what is sent, are read without the library (its very answer, cheaper than
  // the cache's key): a send to a number never seen before costs as little as a known one.
  let e164 = raw.length > MAX_INPUT ? null : fastE164(raw, region);
  if (e164 === undefined) {
    const key = `${region}\u0000${input}`;
    e164 = parsed.get(key);
    if (e164 === undefined) {
      e164 = libraryE164(raw, region);
      if (parsed.size >= PARSED_MAX) parsed.clear();
      parsed.set(key, e164);
    }
  }
  if (e164 === null) throw new PhoneError(input);
  return e164;
}

/**
 * libphonenumber's reading of a trimmed input after the Russian trunk-prefix habit, null when not
 * valid: what the fast path must agree with.
 */
export function libraryE164(raw: string, region: CountryCode): string | null {
  if (raw.length === 0 || raw.length > MAX_INPUT || /[^\d\s()+\-.]/.test(raw)) return null;
  let candidate = raw;
  const digits = raw.replace(/\D/g, '');
  // Russian habit: a trunk prefix 8 before ten digits means +7; so does a bare 7 before ten.
  if (region === 'RU' && !raw.startsWith('+')) {
    if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) candidate = `+7${digits.slice(1)}`;
  }
  const number = parsePhoneNumberFromString(candidate, region);
  return number && number.isValid() ? number.number : null;
}

/** Like normalizePhone, but null instead of an exception. */
export function tryNormalizePhone(input: string, region: CountryCode = DEFAULT_REGION): string | null {
  try {
    return normalizePhone(input, region);
  } catch {
    return null;
  }
}

/** `+79161234567` → `+7 916 123-45-67`, for display. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
