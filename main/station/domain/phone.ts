// Phone numbers arrive as dispatchers and HR spreadsheets write them: `8 916 123-45-67`,
// `+7 (916) 1234567`, `9161234567`. The store keeps E.164 only.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { SaidError } from './said.js';

export const DEFAULT_REGION: CountryCode = 'RU';

export class PhoneError extends SaidError {
  override readonly name = 'PhoneError';
  constructor(readonly input: string) {
    super(`"${input}" is not a valid phone number. Write it as +7 916 123-45-67 or 8 916 123-45-67.`, 'phone.invalid', { input });
  }
}

/**
 * Parsed numbers, by region and input: the same few thousand phones reply all day, and parsing one
 * (libphonenumber builds its metadata object per call) costs more than storing the reply.
 */
const parsed = new Map<string, string | null>();
const PARSED_MAX = 10_000;

/** Returns the number in E.164 (`+79161234567`) or throws PhoneError naming the input. */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_REGION): string {
  const key = `${region}\u0000${input}`;
  let e164 = parsed.get(key);
  if (e164 === undefined) {
    e164 = parse(input, region);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(key, e164);
  }
  if (e164 === null) throw new PhoneError(input);
  return e164;
}

function parse(input: string, region: CountryCode): string | null {
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 40 || /[^\d\s()+\-.]/.test(raw)) return null;
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
