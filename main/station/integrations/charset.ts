// Text as old scripts send it: UTF-8 today, but Windows-1251 from Delphi, 1C 7.7 and PHP 5 pages,
// KOI8-R from old Unix mailers and monitors. A declared charset (Content-Type, the XML declaration)
// is obeyed; undeclared bytes are UTF-8 when they are valid UTF-8, otherwise whichever of cp1251 and
// KOI8-R reads as more plausible Russian. Percent-encoding is decoded to bytes first, so
// `%CF%F0%E8` is cp1251 «При», never "���"; `%u041F` (JavaScript's escape(), which the .asmx
// accepted) is a UTF-16 code unit.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type Charset = 'utf-8' | 'windows-1251' | 'koi8-r' | 'latin1';

const ALIASES: Record<string, Charset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1251': 'windows-1251',
  'win-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'cp-1251': 'windows-1251',
  'x-cp1251': 'windows-1251',
  'koi8-r': 'koi8-r',
  koi8r: 'koi8-r',
  koi8: 'koi8-r',
  'koi8-u': 'koi8-r',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
};

export class CharsetError extends Error {
  override readonly name = 'CharsetError';
  constructor(readonly charset: string) {
    super(`The charset "${charset}" is not one this station reads. Send UTF-8, windows-1251 or KOI8-R.`);
  }
}

/** The charset a label names (`CP1251`, `Windows-1251`, `koi8-r`), or throws CharsetError. */
export function charsetOf(label: string): Charset {
  const known = ALIASES[label.trim().toLowerCase().replace(/^"|"$/g, '')];
  if (!known) throw new CharsetError(label);
  return known;
}

/** The `charset=` of a Content-Type header, if any. */
export function declaredCharset(contentType: string | undefined): Charset | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m ? charsetOf(m[2]!) : undefined;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  // Node's own validator: what a fatal TextDecoder accepts, without decoding (or throwing) to find out.
  return isUtf8(bytes);
}

/** Decodes without state between calls, so one serves every request. */
const utf8 = new TextDecoder('utf-8');

// Russian letter frequencies (per mille, lower case), for telling cp1251 from KOI8-R: the same
// bytes decode to ordinary Russian in one and to mostly-capitals gibberish in the other.
const FREQ: Record<string, number> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30, п: 28, у: 26,
  я: 20, ы: 19, ь: 17, г: 17, з: 16, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7, ю: 6, ц: 5, щ: 4, э: 3, ф: 3, ъ: 1, ё: 1,
};

function plausibility(text: string): number {
  let score = 0;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const f = FREQ[lower];
    if (f === undefined) continue;
    // Capitals count, but ordinary text is mostly lower case; gibberish from the wrong table is not.
    score += ch === lower ? f : f / 4;
  }
  return score;
}

/** Which 8-bit Cyrillic table these (non-UTF-8) bytes are more likely in. */
export function guessCyrillic(bytes: Uint8Array): 'windows-1251' | 'koi8-r' {
  const cp = plausibility(iconv.decode(Buffer.from(bytes), 'windows-1251'));
  const koi = plausibility(iconv.decode(Buffer.from(bytes), 'koi8-r'));
  return koi > cp ? 'koi8-r' : 'windows-1251';
}

/** Bytes as text: in the declared charset, else UTF-8 when valid, else the likelier Cyrillic table. */
export function decodeText(bytes: Uint8Array, declared?: Charset): string {
  const charset = declared ?? (isValidUtf8(bytes) ? 'utf-8' : guessCyrillic(bytes));
  if (charset === 'utf-8') return utf8.decode(bytes);
  return iconv.decode(Buffer.from(bytes), charset);
}

/** Which charset decodeText would use for these bytes. */
export function detectCharset(bytes: Uint8Array, declared?: Charset): Charset {
  return declared ?? (isValidUtf8(bytes) ? 'utf-8' : guessCyrillic(bytes));
}

const isHex = (b: number | undefined) => b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
const hexOf = (raw: Uint8Array, at: number, n: number) => parseInt(Buffer.from(raw.subarray(at, at + n)).toString('latin1'), 16);

interface Component {
  bytes: number[];
  /** %uXXXX units by the byte position they stand at (a 0 placeholder byte holds the place). */
  units: Map<number, number>;
}

/**
 * One `application/x-www-form-urlencoded` component (a name or a value) as bytes: `+` is a space,
 * `%XX` a byte, `%uXXXX` a UTF-16 unit, any other byte itself (scripts put raw UTF-8 or cp1251 in
 * URLs). A `%` not followed by hex digits is an ordinary character, as browsers and the .asmx took it.
 */
function component(raw: Uint8Array): Component {
  const bytes: number[] = [];
  const units = new Map<number, number>();
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x2b) bytes.push(0x20);
    else if (b === 0x25 && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      bytes.push(hexOf(raw, i + 1, 2));
      i += 2;
    } else if (b === 0x25 && (raw[i + 1] === 0x75 || raw[i + 1] === 0x55) && [2, 3, 4, 5].every((k) => isHex(raw[i + k]))) {
      units.set(bytes.length, hexOf(raw, i + 2, 4));
      bytes.push(0);
      i += 5;
    } else bytes.push(b);
  }
  return { bytes, units };
}

export interface DecodedForm {
  /** Name/value pairs in order; a name may repeat. A stray `&` leaves a pair with an empty name. */
  pairs: [string, string][];
  /** The charset the text was read in. */
  charset: Charset;
}

/**
 * Parses a query string or a form body (its raw bytes). The charset is the declared one, else
 * detected over all the decoded bytes together: one short value alone may not tell cp1251 from KOI8-R.
 */
export function decodeForm(raw: Uint8Array | string, declared?: Charset): DecodedForm {
  const buf = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : Buffer.from(raw);
  const comps: [Component, Component][] = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i < buf.length && buf[i] !== 0x26) continue;
    const part = buf.subarray(start, i);
    start = i + 1;
    if (part.length === 0 && i === buf.length && comps.length === 0) break;
    const eq = part.indexOf(0x3d);
    comps.push([component(eq < 0 ? part : part.subarray(0, eq)), component(eq < 0 ? new Uint8Array() : part.subarray(eq + 1))]);
  }
  const plain = (c: Component) => c.bytes.filter((_, i) => !c.units.has(i));
  const charset = detectCharset(Uint8Array.from(comps.flatMap(([n, v]) => [...plain(n), 0x26, ...plain(v)])), declared);
  const text = (c: Component) => {
    let out = '';
    let run: number[] = [];
    c.bytes.forEach((b, i) => {
      const unit = c.units.get(i);
      if (unit === undefined) return void run.push(b);
      out += decodeText(Uint8Array.from(run), charset) + String.fromCharCode(unit);
      run = [];
    });
    return out + decodeText(Uint8Array.from(run), charset);
  };
  return { pairs: comps.map(([n, v]) => [text(n), text(v)]), charset };
}

/** The raw query of a request target (`/path?a=1` → `a=1`), as the bytes the client sent. */
export function rawQuery(target: string | undefined): string {
  const t = target ?? '';
  const q = t.indexOf('?');
  if (q < 0) return '';
  const hash = t.indexOf('#', q);
  return t.slice(q + 1, hash < 0 ? undefined : hash);
}

/** The `encoding="…"` of an XML declaration at the start of these bytes, if any. */
export function xmlDeclaredCharset(bytes: Uint8Array): Charset | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const m = /^\uFEFF?\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head.replace(/^\u00EF\u00BB\u00BF/, ''));
  return m ? charsetOf(m[1]!) : undefined;
}
