// The TE character set (AT+CSCS, 27.007 §5.5) governs every string parameter and answer: in
// "UCS2" a string is hex, four digits per character ("SM" is "0053004D"), in "HEX" two per octet.
// A modem left in UCS2 (ZTE sticks) refuses AT+CPMS="SM" and names its operator 004D0054…; the
// driver moves it to GSM/IRA when it can, and otherwise speaks its charset both ways.

export type Charset = 'GSM' | 'IRA' | 'UCS2' | 'HEX' | string;

const isHexCharset = (c: Charset) => c.toUpperCase() === 'UCS2' || c.toUpperCase() === 'HEX';

/** A string parameter as the modem wants it in `charset` (without quotes). */
export function encodeArg(charset: Charset | null, text: string): string {
  if (!charset) return text;
  const c = charset.toUpperCase();
  if (c === 'UCS2') return [...text].map((ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join('');
  if (c === 'HEX') return [...text].map((ch) => (ch.codePointAt(0)! & 0xff).toString(16).toUpperCase().padStart(2, '0')).join('');
  return text;
}

/**
 * A string answer read back from `charset`. Tolerant on purpose: some modems claim UCS2 yet answer
 * +COPS in plain ASCII (ModemManager mm_3gpp_normalize_operator), so text that is not whole
 * 4-digit hex is returned as it came.
 */
export function decodeText(charset: Charset | null, text: string): string {
  if (!charset || !isHexCharset(charset)) return text;
  const width = charset.toUpperCase() === 'UCS2' ? 4 : 2;
  if (text.length === 0 || text.length % width !== 0 || !/^[0-9A-Fa-f]+$/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i += width) out += String.fromCharCode(parseInt(text.slice(i, i + width), 16));
  // Decoding plain digits ("25001") as hex would be wrong: accept only printable results.
  return /^[\p{L}\p{N}\p{P}\p{Zs}\p{S}]+$/u.test(out) ? out : text;
}

/** A quoted string parameter: `AT+CPMS=${quoted(cs, 'SM')}`. */
export function quoted(charset: Charset | null, text: string): string {
  return `"${encodeArg(charset, text)}"`;
}
