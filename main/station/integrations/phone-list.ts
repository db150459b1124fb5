// A bulk list of numbers from a script, split the way the operator treated it: the numbers that
// are numbers go out, each malformed one is reported back with its reason, and one typo never
// holds back an alert to everybody else. Number forms are those of domain/phone.ts
// (`8XXXXXXXXXX`, `+7…`, `7…`, ten digits `9…`, spaces, dashes and brackets).
import { normalizePhone, PhoneError } from '../domain/phone.js';
import { refusal, type StationRefusal } from '../i18n/refusals.js';
import { msg } from '../i18n/text.js';

export interface PhoneEntry {
  /** As the caller wrote it. */
  raw: string;
  /** E.164, or null when `raw` is not a number. */
  phone: string | null;
}

export interface PhoneSplit {
  /** Every entry in the caller's order. */
  entries: PhoneEntry[];
  /** The distinct valid numbers, E.164, in first-seen order. */
  phones: string[];
  /** One refusal per malformed entry, naming it as written. */
  refused: StationRefusal[];
}

export function splitPhones(raw: readonly string[]): PhoneSplit {
  const entries: PhoneEntry[] = [];
  const phones: string[] = [];
  const refused: StationRefusal[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    let phone: string | null = null;
    try {
      phone = normalizePhone(r);
    } catch (err) {
      if (!(err instanceof PhoneError)) throw err;
      refused.push(refusal('phone', r, msg('phone.invalid', { input: r })));
    }
    entries.push({ raw: r, phone });
    if (phone !== null && !seen.has(phone)) {
      seen.add(phone);
      phones.push(phone);
    }
  }
  return { entries, phones, refused };
}
