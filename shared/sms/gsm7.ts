// The GSM 03.38 default alphabet and its extension table. Shared by segment counting and the
// modem's PDU codec, so that what the compose screen counts is what the modem sends.

/** Basic table: index = septet value. */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table, reached through the escape septet 0x1B: character → septet after escape. */
export const GSM7_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

export const GSM7_ESCAPE = 0x1b;

const basicIndex = new Map<string, number>();
for (let i = 0; i < GSM7_BASIC.length; i++) {
  // The escape position is not a character of its own.
  if (i !== GSM7_ESCAPE) basicIndex.set(GSM7_BASIC[i]!, i);
}
const extensionChar = new Map<number, string>();
for (const [ch, code] of GSM7_EXTENSION) extensionChar.set(code, ch);

/** Septets a character takes in GSM-7 (1 or 2), or 0 when it has no GSM-7 form. */
export function gsm7Width(ch: string): 0 | 1 | 2 {
  if (basicIndex.has(ch)) return 1;
  if (GSM7_EXTENSION.has(ch)) return 2;
  return 0;
}

/** Text → septet values, escapes included. Throws on a character outside GSM-7. */
export function toSeptets(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const basic = basicIndex.get(ch);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const ext = GSM7_EXTENSION.get(ch);
    if (ext === undefined) throw new RangeError(`Character U+${ch.codePointAt(0)!.toString(16)} has no GSM-7 form`);
    out.push(GSM7_ESCAPE, ext);
  }
  return out;
}

/** Septet values → text. An unknown extension falls back to the basic table, as 03.38 says. */
export function fromSeptets(septets: readonly number[]): string {
  let out = '';
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i]!;
    if (s === GSM7_ESCAPE && i + 1 < septets.length) {
      const next = septets[++i]!;
      out += extensionChar.get(next) ?? GSM7_BASIC[next] ?? '';
    } else {
      out += GSM7_BASIC[s] ?? '';
    }
  }
  return out;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (gsm7Width(ch) === 0) return false;
  return true;
}
