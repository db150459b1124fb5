import { describe, expect, it } from 'vitest';
import type { CountryCode } from 'libphonenumber-js/max';
import { fastE164 } from '../../main/station/domain/phone-fast-path.js';
import { libraryE164, normalizePhone, tryNormalizePhone } from '../../main/station/domain/phone.js';

// Deterministic, so a failure names the same inputs on every run.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261204);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Digits with punctuation put between them as people type it (and as they mistype it). */
function formatted(d: string): string {
  let out = '';
  for (let i = 0; i < d.length; i++) {
    if (i > 0 && rnd() < 0.3) out += pick([' ', '-', '.', '(', ')', ' (', ') ', '  ', '--', '\t', '\u00a0', '/', '+']);
    out += d[i];
  }
  return out;
}

/** The national part of the sample: ten digits, every prefix of a few digits, random tails. */
function nationals(): string[] {
  const out: string[] = [];
  for (let p = 0; p < 10_000; p++) for (let t = 0; t < 3; t++) out.push(pad(p, 4) + digits(6));
  // Kazakhstan's plan (+7 7…) tells its numbers apart by up to six digits.
  for (let p = 0; p < 100_000; p += 1) if (p % 7 === 0) out.push(`7${pad(p, 5)}${digits(4)}`);
  return out;
}

interface Tally {
  fast: number;
  all: number;
}

/** Each input read by the fast path (where it answers) and by the library alone: one answer. */
function compare(inputs: readonly string[], region: CountryCode, tally: Tally): string[] {
  const wrong: string[] = [];
  for (const input of inputs) {
    const raw = input.trim();
    const fast = raw.length > 40 ? null : fastE164(raw, region);
    tally.all++;
    if (fast === undefined) continue;
    tally.fast++;
    const slow = libraryE164(raw, region);
    if (fast !== slow) wrong.push(`${JSON.stringify(input)} ${region}: fast ${fast}, library ${slow}`);
  }
  return wrong;
}

describe('phone fast path', () => {
  const national = nationals();

  it('gives libphonenumber-js/max\'s answer for +7 and ten digits, every prefix of four digits', () => {
    const tally = { fast: 0, all: 0 };
    const inputs = national.flatMap((d) => [`+7${d}`, `8${d}`, `7${d}`, d]);
    expect(compare(inputs, 'RU', tally).slice(0, 20)).toEqual([]);
    // It must answer most of them itself, or the comparison above proves nothing.
    expect(tally.fast).toBeGreaterThan(tally.all * 0.6);
  });

  it('agrees on formatted numbers, a stray + or tab among them', () => {
    const tally = { fast: 0, all: 0 };
    const inputs: string[] = [];
    for (let i = 0; i < national.length; i += 3) {
      const d = national[i]!;
      inputs.push(`+7 ${formatted(d)}`, formatted(`8${d}`), formatted(`7${d}`), formatted(d), `+${formatted(`7${d}`)}`);
      inputs.push(`+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`, `8 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`);
      inputs.push(` ${d} `, `(${d.slice(0, 3)}) ${d.slice(3)}`, `+7${d}.`, `+7${d})`, `(+7)${d}`, `+(7)${d}`);
    }
    expect(compare(inputs, 'RU', tally).slice(0, 20)).toEqual([]);
    expect(tally.fast).toBeGreaterThan(tally.all * 0.3);
  });

  it('agrees on numbers of nine to twelve digits, other calling codes and junk', () => {
    const tally = { fast: 0, all: 0 };
    const inputs: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const len = 9 + (i % 4);
      const d = digits(len);
      inputs.push(`+7${d}`, `8${d}`, `7${d}`, d, `+${d}`, `+7${d.slice(0, 10 - (i % 3))}`, `+77${digits(9)}`, `+70${digits(9)}`);
      inputs.push(`+${pick(['1', '44', '49', '380', '375', '998', '86', '33', '7', '77', '8'])}${digits(7 + (i % 6))}`);
      inputs.push(`00${digits(11)}`, `810${digits(11)}`, `8 10 ${digits(10)}`, `++7${digits(10)}`, `+7+${digits(10)}`);
      const ten = digits(10);
      inputs.push(
        `+7${ten}#`,
        `+7${ten} x12`,
        `+7${ten};ext=1`,
        `+7${ten},,1`,
        `+7 ${ten.slice(0, 3)}～${ten.slice(3)}`,
        `+7${ten.slice(0, 5)}\n${ten.slice(5)}`,
        `＋7${ten}`,
        `+7${ten.replace(/\d/, (c) => String.fromCharCode(0xff10 + Number(c)))}`,
        `tel:+7${ten}`,
        `+7${ten}${' '.repeat(i % 40)}`,
        `+7${' '.repeat(i % 35)}${ten}`,
        `8${'-'.repeat(i % 35)}${ten}`,
        ten.split('').join(' '),
        `+7 ${ten.split('').join('  ')}`,
        '',
        '+',
        '+7',
        '()',
        '-.-',
        `${ten}a`,
      );
    }
    expect(compare(inputs, 'RU', tally).slice(0, 20)).toEqual([]);
    expect(tally.fast).toBeGreaterThan(10_000);
  });

  it('agrees under other default regions, where only +7 is read', () => {
    for (const region of ['KZ', 'US', 'DE', 'UA'] as CountryCode[]) {
      const tally = { fast: 0, all: 0 };
      const inputs: string[] = [];
      for (let i = 0; i < national.length; i += 4) {
        const d = national[i]!;
        inputs.push(`+7${d}`, `+7 ${formatted(d)}`, `8${d}`, `7${d}`, d);
      }
      expect(compare(inputs, region, tally).slice(0, 20)).toEqual([]);
      expect(tally.fast).toBeGreaterThan(tally.all * 0.15);
    }
  });

  it('leaves to the library what would take another branch of its parser', () => {
    // A national prefix (8 inside +7), an IDD prefix (810), a calling code typed without '+', an
    // eleventh digit, letters, a second '+', a tab.
    for (const input of ['+78005553535', '8101234567', '7912345678', '+791612345678', '+7916123456', '+7 916 123 45 67 x1', '+7+9161234567', '+7\t9161234567', '+49301234567']) {
      expect(fastE164(input, 'RU')).toBeUndefined();
    }
    expect(fastE164('9161234567', 'KZ')).toBeUndefined();
  });

  it('answers the common forms itself, valid or not', () => {
    expect(fastE164('+79161234567', 'RU')).toBe('+79161234567');
    expect(fastE164('8 916 123-45-67', 'RU')).toBe('+79161234567');
    expect(fastE164('+7 (495) 123-45-67', 'US')).toBe('+74951234567');
    expect(fastE164('+77011234567', 'RU')).toBe('+77011234567'); // Kazakhstan
    expect(fastE164('+71161234567', 'RU')).toBeNull();
    expect(fastE164('2161234567', 'RU')).toBeNull();
  });

  it('keeps normalizePhone\'s answers and errors for both paths', () => {
    expect(normalizePhone(' +7 916 123-45-67 ')).toBe('+79161234567');
    expect(normalizePhone('8 800 555-35-35')).toBe('+78005553535');
    expect(tryNormalizePhone('+71161234567')).toBeNull();
    expect(tryNormalizePhone(`+7${' '.repeat(40)}9161234567`)).toBeNull();
    expect(() => normalizePhone('+71161234567')).toThrow('"+71161234567"');
  });
});
