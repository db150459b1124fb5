import { describe, expect, it } from 'vitest';
import { countSegments, splitParts, splitPartsWithin, CONCAT16_LIMITS, LIMITS } from '../../shared/sms/segments.js';
import { fromSeptets, gsm7Width, isGsm7, toSeptets } from '../../shared/sms/gsm7.js';

describe('countSegments', () => {
  it('counts an empty text as no SMS', () => {
    expect(countSegments('')).toMatchObject({ segments: 0, units: 0 });
  });

  it('fits 160 GSM-7 characters in one SMS and splits the 161st into two parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', segments: 2, remaining: 153 * 2 - 161 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(countSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts extension characters as two septets', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(80) + 'a')).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits an escape pair across parts', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const { parts } = splitParts(text);
    expect(parts[0]).toBe('a'.repeat(152));
    expect(parts[1]).toBe('€' + 'b'.repeat(10));
  });

  it('switches to UCS-2 for Cyrillic: 70 alone, 67 per part', () => {
    expect(countSegments('я'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(countSegments('я'.repeat(71))).toMatchObject({ encoding: 'ucs2', segments: 2 });
    expect(countSegments('я'.repeat(134))).toMatchObject({ segments: 2 });
    expect(countSegments('я'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('counts an emoji as two UTF-16 units and keeps its surrogate pair in one part', () => {
    expect(countSegments('🔥')).toMatchObject({ encoding: 'ucs2', units: 2, characters: 1 });
    const { parts } = splitParts('я'.repeat(66) + '🔥' + 'я'.repeat(10));
    expect(parts[0]).toBe('я'.repeat(66));
    expect(parts[1]!.startsWith('🔥')).toBe(true);
  });

  it('rejoins parts into the original text', () => {
    const text = 'Авария на подстанции №12. '.repeat(12);
    expect(splitParts(text).parts.join('')).toBe(text);
  });
});

describe('GSM-7 alphabet', () => {
  it('round-trips the basic and extension tables', () => {
    const text = '@£$¥èéùìòÇ\nØø\rÅå_ !"#%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà{}[]~^|\\€';
    expect(fromSeptets(toSeptets(text))).toBe(text);
    expect(isGsm7(text)).toBe(true);
  });

  it('knows Cyrillic and emoji are not GSM-7', () => {
    expect(isGsm7('привет')).toBe(false);
    expect(isGsm7('ok 👍')).toBe(false);
    expect(() => toSeptets('ж')).toThrow(RangeError);
  });
});

describe('segment counting against a per-character reference', () => {
  // The plain reading of the rules: code point by code point, width from the GSM-7 tables.
  type Limits = { readonly [E in 'gsm7' | 'ucs2']: { readonly single: number; readonly part: number } };
  const reference = (text: string, limits: Limits = LIMITS) => {
    const chars = Array.from(text);
    const encoding = chars.every((ch) => gsm7Width(ch) > 0) ? 'gsm7' : 'ucs2';
    const width = (ch: string) => (encoding === 'gsm7' ? gsm7Width(ch) : ch.length);
    const units = chars.reduce((n, ch) => n + width(ch), 0);
    const parts: string[] = [];
    if (units <= limits[encoding].single) parts.push(text);
    else {
      let current = '';
      let used = 0;
      for (const ch of chars) {
        if (used + width(ch) > limits[encoding].part) {
          parts.push(current);
          current = '';
          used = 0;
        }
        current += ch;
        used += width(ch);
      }
      if (current) parts.push(current);
    }
    return { encoding, units, characters: chars.length, parts };
  };

  it('agrees on random texts of GSM-7, extension characters, Cyrillic, emoji and lone surrogates', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pools = ['abcXYZ 0123.,!?@£$¥èΔ_\n\r', '{}[]~^|\\€\f', 'абвгдеёжзЯ', '🔥👍', '\ud83d', '\udd25', '\u001b\u00a0©'];
    for (let i = 0; i < 20_000; i++) {
      // Mostly one pool, so GSM-7 texts are common; sometimes a character from another.
      const main = pools[Math.floor(next() * 2)]!;
      const len = Math.floor(next() * 420);
      let text = '';
      while (text.length < len) {
        const pool = next() < 0.97 ? main : pools[Math.floor(next() * pools.length)]!;
        const chars = Array.from(pool);
        text += chars[Math.floor(next() * chars.length)]!;
      }
      const want = reference(text);
      const got = countSegments(text);
      expect({ encoding: got.encoding, units: got.units, characters: got.characters, segments: got.segments }).toEqual({
        encoding: want.encoding,
        units: want.units,
        characters: want.characters,
        segments: want.units === 0 ? 0 : want.parts.length,
      });
      expect(splitParts(text)).toEqual({ encoding: want.encoding, parts: want.parts });
      expect(splitPartsWithin(text, CONCAT16_LIMITS).parts).toEqual(reference(text, CONCAT16_LIMITS).parts);
    }
  });
});
