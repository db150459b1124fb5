// User data: the optional header (concatenation info) and the text, in GSM-7 or UCS-2.
// 23.040 §9.2.3.24 (UDH), 23.038 §4 (data coding scheme).
import { fromSeptets, toSeptets } from '../../../../../shared/sms/gsm7.js';
import { packSeptets, PduError, unpackSeptets } from './septets.js';

export type Alphabet = 'gsm7' | 'ucs2' | 'binary';

export interface ConcatInfo {
  /** The reference shared by all parts of one message. */
  ref: number;
  /** 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference. */
  refBits: 8 | 16;
  total: number;
  /** 1-based. */
  seq: number;
}

export function encodeConcatHeader(c: ConcatInfo): number[] {
  if (c.refBits === 16) return [6, 0x08, 4, (c.ref >> 8) & 0xff, c.ref & 0xff, c.total, c.seq];
  return [5, 0x00, 3, c.ref & 0xff, c.total, c.seq];
}

/** Finds the concatenation element in a header (UDHL byte included); other elements are skipped. */
export function parseConcatHeader(udh: Uint8Array): ConcatInfo | null {
  let i = 1;
  while (i + 1 < udh.length) {
    const iei = udh[i]!;
    const len = udh[i + 1]!;
    const data = udh.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3) return { ref: data[0]!, refBits: 8, total: data[1]!, seq: data[2]! };
    if (iei === 0x08 && len === 4) return { ref: (data[0]! << 8) | data[1]!, refBits: 16, total: data[2]!, seq: data[3]! };
    i += 2 + len;
  }
  return null;
}

/** The alphabet a DCS octet announces. Unknown groups are read as GSM-7, as 23.038 asks. */
export function alphabetOf(dcs: number): Alphabet {
  const group = dcs >> 4;
  if (group <= 0x07) {
    if (dcs & 0x20) return 'binary'; // compressed: we cannot read it
    const bits = (dcs >> 2) & 0x03;
    return bits === 0x02 ? 'ucs2' : bits === 0x01 ? 'binary' : 'gsm7';
  }
  if (group === 0x0e) return 'ucs2';
  if (group === 0x0f) return dcs & 0x04 ? 'binary' : 'gsm7';
  return 'gsm7';
}

export function encodeUcs2(text: string): number[] {
  const out: number[] = [];
  // UTF-16 code units: characters outside the BMP go as their surrogate pair.
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out.push(u >> 8, u & 0xff);
  }
  return out;
}

export function decodeUcs2(octets: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < octets.length; i += 2) out += String.fromCharCode((octets[i]! << 8) | octets[i + 1]!);
  return out;
}

/** UDL + UD for a text part. UDL counts septets for GSM-7 (header included), octets otherwise. */
export function encodeUserData(text: string, alphabet: 'gsm7' | 'ucs2', header: number[] | null): number[] {
  const udh = header ?? [];
  if (alphabet === 'ucs2') {
    const body = encodeUcs2(text);
    if (udh.length + body.length > 140) throw new PduError('Text part is longer than one SMS');
    return [udh.length + body.length, ...udh, ...body];
  }
  const septets = toSeptets(text);
  const headerSeptets = Math.ceil((udh.length * 8) / 7);
  const fill = headerSeptets * 7 - udh.length * 8;
  const udl = headerSeptets + septets.length;
  if (udl > 160) throw new PduError('Text part is longer than one SMS');
  return [udl, ...udh, ...packSeptets(septets, fill)];
}

export interface DecodedUserData {
  text: string;
  concat: ConcatInfo | null;
  alphabet: Alphabet;
}

export function decodeUserData(pdu: Uint8Array, offset: number, dcs: number, hasHeader: boolean): DecodedUserData {
  const udl = pdu[offset];
  if (udl === undefined) throw new PduError('PDU ends before its user data');
  const ud = pdu.subarray(offset + 1);
  const alphabet = alphabetOf(dcs);
  let udhLength = 0;
  let concat: ConcatInfo | null = null;
  if (hasHeader && ud.length > 0) {
    udhLength = ud[0]! + 1;
    concat = parseConcatHeader(ud.subarray(0, udhLength));
  }
  if (alphabet === 'gsm7') {
    const headerSeptets = Math.ceil((udhLength * 8) / 7);
    const fill = headerSeptets * 7 - udhLength * 8;
    const septets = unpackSeptets(ud.subarray(udhLength), Math.max(0, udl - headerSeptets), fill);
    return { text: fromSeptets(septets), concat, alphabet };
  }
  const body = ud.subarray(udhLength, udl);
  if (alphabet === 'ucs2') return { text: decodeUcs2(body), concat, alphabet };
  // 8-bit data has no text form a dispatcher can read; show it as hex rather than lose it.
  let hex = '';
  for (const b of body) hex += b.toString(16).padStart(2, '0');
  return { text: hex, concat, alphabet };
}
