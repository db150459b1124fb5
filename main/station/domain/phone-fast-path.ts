// The commonest number forms (`+7 916 123-45-67`, `8 916 123-45-67`, `79161234567`, `9161234567`)
// answered without libphonenumber's parser, which builds metadata wrappers, option objects and
// regular expressions anew on every call. The answer must be exactly libphonenumber-js/max's (the
// E.164 number or invalid): the region's own metadata is read once from the same library and the
// steps its parser takes for these forms are followed; every form whose parse could take another
// branch (a national prefix, an IDD prefix, a calling code typed without '+', an eleventh digit)
// is left to the library. test/unit/phone-fast-path.test.ts compares the two over a large sample.
import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/max/metadata';

/** What the library's Metadata object offers at run time beyond its published typings. */
interface Plan {
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  IDDPrefix(): string | undefined;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface MetadataAtRunTime {
  selectNumberingPlan(country: string, callingCode?: string): MetadataAtRunTime;
  numberingPlan: Plan;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

// getNumberType's order: a number is valid when it is of any of these types.
const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

interface CompiledPlan {
  /** `search(...) === 0`, as getCountryByNationalNumber tests it; null when the plan has none. */
  leadingDigits: RegExp | null;
  valid: (national: string) => boolean;
}

/** matchesEntirely's expression, compiled once. */
const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);

function compilePlan(plan: Plan): CompiledPlan {
  const nnp = whole(plan.nationalNumberPattern());
  const leading = plan.leadingDigits();
  if (!plan.hasTypes()) return { leadingDigits: leading ? new RegExp(leading) : null, valid: (n) => nnp.test(n) };
  const types: { re: RegExp; lengths: number[] | undefined }[] = [];
  for (const name of TYPES) {
    const t = plan.type(name);
    if (!t || !t.pattern()) continue;
    types.push({ re: whole(t.pattern()), lengths: t.possibleLengths() });
  }
  return {
    leadingDigits: leading ? new RegExp(leading) : null,
    valid: (n) => nnp.test(n) && types.some((t) => (!t.lengths || t.lengths.includes(n.length)) && t.re.test(n)),
  };
}

/** Calling code +7 (Russia, Kazakhstan): the only one whose forms the fast path reads. */
const CALLING_CODE = '7';
const NATIONAL_DIGITS = 10;

const metadata = new Metadata(metadataJson) as unknown as MetadataAtRunTime;
const countries = (metadata.getCountryCodesForCallingCode(CALLING_CODE) ?? []).map((country) => ({
  country,
  plan: compilePlan(metadata.selectNumberingPlan(country).numberingPlan),
}));
// A number with a calling code is read under the calling code's main plan until its country is
// known; a national one under the default region's (Russia here, the same plan).
const main = metadata.selectNumberingPlan(CALLING_CODE).numberingPlan;
const mainPlan = compilePlan(main);
const prefixForParsing = main.nationalPrefixForParsing() ? new RegExp(`^(?:${main.nationalPrefixForParsing()})`) : null;
const ru = metadata.selectNumberingPlan('RU').numberingPlan;
const ruPlan = compilePlan(ru);
const ruIdd = ru.IDDPrefix() ? new RegExp(ru.IDDPrefix()!) : null;
const ruPrefixForParsing = ru.nationalPrefixForParsing() ? new RegExp(`^(?:${ru.nationalPrefixForParsing()})`) : null;

/**
 * The ten national digits after +7, valid or not, as libphonenumber judges them. `otherwise`:
 * the plan that judges a number no country claims (the calling code's main plan for `+7…`, the
 * default region's for a national number).
 */
function plus7(national: string, otherwise: CompiledPlan): string | null {
  // getCountryByNationalNumber: the first country whose leading digits start the number, or
  // (for a plan without leading digits) whose types it is of.
  for (const { plan } of countries) {
    if (plan.leadingDigits) {
      if (national.search(plan.leadingDigits) === 0) return plan.valid(national) ? `+7${national}` : null;
    } else if (plan.valid(national)) {
      return `+7${national}`;
    }
  }
  return otherwise.valid(national) ? `+7${national}` : null;
}

// Digits, ASCII spaces, brackets, dashes and dots: punctuation the parser skips and none of which
// can begin an extension (`ext`, `x`, `#`, `;`, `,`, `~`) or an RFC 3966 URI.
const PLAIN = /^\+?[0-9 ()\-.]+$/;
const DIGITS = /\D/g;

/**
 * The E.164 number or null (not valid), exactly as libphonenumber-js/max reads the input under the
 * default region after domain/phone.ts's trunk-prefix rule; undefined when the input is not a form
 * this path reads (ask the library). `raw` is trimmed and has passed phone.ts's character check.
 */
export function fastE164(raw: string, region: string): string | null | undefined {
  if (!PLAIN.test(raw)) return undefined;
  const digits = raw.replace(DIGITS, '');
  let national: string;
  let otherwise = mainPlan;
  if (raw.charCodeAt(0) === 0x2b /* + */) {
    if (digits.length !== NATIONAL_DIGITS + 1 || digits[0] !== CALLING_CODE) return undefined;
    national = digits.slice(1);
  } else if (region !== 'RU') {
    return undefined;
  } else if (digits.length === NATIONAL_DIGITS + 1 && (digits[0] === '8' || digits[0] === '7')) {
    // phone.ts hands the library `+7` and the ten digits.
    national = digits.slice(1);
  } else if (digits.length === NATIONAL_DIGITS) {
    // Read as national: an IDD prefix, a leading calling code or a national prefix would each
    // send the parser down another branch.
    if (ruIdd && digits.search(ruIdd) === 0) return undefined;
    if (digits.startsWith(CALLING_CODE)) return undefined;
    if (ruPrefixForParsing && ruPrefixForParsing.test(digits)) return undefined;
    national = digits;
    otherwise = ruPlan;
  } else {
    return undefined;
  }
  // A national prefix (8 in Russia) at the start may be stripped, or not, by rules of its own.
  if (prefixForParsing && prefixForParsing.test(national)) return undefined;
  return plus7(national, otherwise);
}
