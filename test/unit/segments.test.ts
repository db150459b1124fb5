import { describe, expect, it } from 'vitest';
import { countSegments, splitParts } from '../../shared/sms/segments.js';
import { fromSeptets, isGsm7, toSeptets } from '../../shared/sms/gsm7.js';

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
