// How many SMS a text costs. GSM-7: 160 septets alone, 153 per part when concatenated (the UDH
// takes 7). UCS-2: 70 UTF-16 units alone, 67 per part. Extension characters take two septets
// and a part never splits an escape pair; UCS-2 parts never split a surrogate pair.
import { GSM7_BASIC, GSM7_ESCAPE, GSM7_EXTENSION, gsm7Width } from './gsm7.js';

export type Encoding = 'gsm7' | 'ucs2';

export interface SegmentInfo {
  encoding: Encoding;
  /** Characters as a person counts them (code points). */
  characters: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units still free in the last segment. */
  remaining: number;
}

export const LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** The station refuses a text longer than this many SMS: a slip of the paste, not an alert. */
export const MAX_SEGMENTS = 10;

/** Splits a text into the parts a carrier will send, by the rules above. */
export function splitParts(text: string): { encoding: Encoding; parts: string[] } {
  return splitPartsWithin(text, LIMITS);
}

/**
 * Per-part limits when the concatenation header uses a 16-bit reference (7 octets instead of 6):
 * one septet and one UCS-2 unit less per part. The single-SMS limits do not change.
 */
export const CONCAT16_LIMITS = {
  gsm7: { single: 160, part: 152 },
  ucs2: { single: 70, part: 66 },
} as const;

type PartLimits = { readonly [E in Encoding]: { readonly single: number; readonly part: number } };

// Septets per UTF-16 code unit (0: no GSM-7 form). Every GSM-7 character is a single unit of the
// BMP, so a surrogate, which is 0 here, rules GSM-7 out as a whole code point would. Every send is
// counted twice (validated, then split for the carrier): one pass over char codes, no arrays.
const SEPTETS = new Uint8Array(0x10000);
for (let i = 0; i < GSM7_BASIC.length; i++) if (i !== GSM7_ESCAPE) SEPTETS[GSM7_BASIC.charCodeAt(i)] = 1;
for (const ch of GSM7_EXTENSION.keys()) SEPTETS[ch.charCodeAt(0)] ||= 2;

/** Encoding, units (septets or UTF-16 units) and code points of a whole text, in one pass. */
function measure(text: string): { encoding: Encoding; units: number; characters: number } {
  let septets = 0;
  let gsm7 = true;
  let characters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = SEPTETS[c]!;
    if (w === 0) gsm7 = false;
    septets += w;
    // A low surrogate after a high one ends the code point the high one began.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) characters++;
  }
  return gsm7 ? { encoding: 'gsm7', units: septets, characters } : { encoding: 'ucs2', units: text.length, characters };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** splitParts with other per-part limits (a carrier whose header is larger). */
export function splitPartsWithin(text: string, limits: PartLimits): { encoding: Encoding; parts: string[] } {
  const { encoding, units: total } = measure(text);
  const limit = limits[encoding];
  if (total <= limit.single) return { encoding, parts: [text] };
  const chars = Array.from(text);
  const width = (ch: string) => (encoding === 'gsm7' ? gsm7Width(ch) : ch.length);
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of chars) {
    const w = width(ch);
    if (used + w > limit.part) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += w;
  }
  if (current.length > 0) parts.push(current);
  return { encoding, parts };
}

export function countSegments(text: string): SegmentInfo {
  const { encoding, units, characters } = measure(text);
  const limit = LIMITS[encoding];
  if (units === 0) return { encoding, characters, units, segments: 0, remaining: limit.single };
  if (units <= limit.single) return { encoding, characters, units, segments: 1, remaining: limit.single - units };
  const parts = splitParts(text).parts;
  const lastUnits = Array.from(parts[parts.length - 1]!).reduce(
    (n, ch) => n + (encoding === 'gsm7' ? gsm7Width(ch) : ch.length),
    0,
  );
  return { encoding, characters, units, segments: parts.length, remaining: limit.part - lastUnits };
}
