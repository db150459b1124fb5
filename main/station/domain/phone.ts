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

/** Returns the number in E.164 (`+79161234567`) or throws PhoneError naming the input. */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_REGION): string {
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 40 || /[^\d\s()+\-.]/.test(raw)) throw new PhoneError(input);
  let candidate = raw;
  const digits = raw.replace(/\D/g, '');
  // Russian habit: a trunk prefix 8 before ten digits means +7; so does a bare 7 before ten.
  if (region === 'RU' && !raw.startsWith('+')) {
    if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) candidate = `+7${digits.slice(1)}`;
  }
  const parsed = parsePhoneNumberFromString(candidate, region);
  if (!parsed || !parsed.isValid()) throw new PhoneError(input);
  return parsed.number;
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
