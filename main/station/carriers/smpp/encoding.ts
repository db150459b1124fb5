// Text ↔ the bytes of short_message. Outbound we encode ourselves rather than let the smpp
// package guess: its guesser picks Latin-1 for "é" (a code many SMSCs mangle) and swaps unknown
// characters for spaces. We send GSM-7 (data_coding 0, one septet per octet, as SMPP carries it)
// when every character has a GSM-7 form, else UCS-2 (data_coding 8), split by the same rules the
// compose screen counts with.
import { fromSeptets, toSeptets } from '../../../../shared/sms/gsm7.js';
import { splitParts, type Encoding } from '../../../../shared/sms/segments.js';

export const DATA_CODING = { gsm7: 0x00, latin1: 0x03, ucs2: 0x08 } as const;
export const ESM_UDHI = 0x40;

export interface SubmitPart {
  data_coding: number;
  esm_class: number;
  short_message: Buffer;
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  if (encoding === 'gsm7') return Buffer.from(toSeptets(text));
  const le = Buffer.from(text, 'utf16le');
  return le.swap16(); // UCS-2 on the wire is big-endian; surrogate pairs pass through as UTF-16.
}

/**
 * The short_message fields for each part of a text. A multipart text gets a concatenation UDH
 * (IE 0x00 with an 8-bit reference or IE 0x08 with a 16-bit one) and the UDHI bit in esm_class.
 */
export function buildSubmitParts(text: string, reference: number, refBits: 8 | 16): SubmitPart[] {
  const { encoding, parts } = splitParts(text);
  const dataCoding = DATA_CODING[encoding];
  if (parts.length === 1) {
    return [{ data_coding: dataCoding, esm_class: 0, short_message: encodeText(text, encoding) }];
  }
  return parts.map((part, i) => {
    const udh =
      refBits === 8
        ? Buffer.from([0x05, 0x00, 0x03, reference & 0xff, parts.length, i + 1])
        : Buffer.from([0x06, 0x08, 0x04, (reference >> 8) & 0xff, reference & 0xff, parts.length, i + 1]);
    return {
      data_coding: dataCoding,
      esm_class: ESM_UDHI,
      short_message: Buffer.concat([udh, encodeText(part, encoding)]),
    };
  });
}

export interface ConcatInfo {
  reference: number;
  total: number;
  seq: number;
}

/** Concatenation info from the UDH information elements the smpp package split out. */
export function concatFromUdh(elements: readonly Buffer[] | undefined): ConcatInfo | null {
  for (const ie of elements ?? []) {
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) return { reference: ie[2]!, total: ie[3]!, seq: ie[4]! };
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6)
      return { reference: ie.readUInt16BE(2), total: ie[4]!, seq: ie[5]! };
  }
  return null;
}

/**
 * Message bytes (UDH already removed) → text, by data_coding. We decode from raw bytes rather
 * than trusting the package, which reads data_coding 0 as GSM-7 but leaves unknown codings alone.
 */
export function decodeText(bytes: Buffer, dataCoding: number): string {
  const coding = dataCoding & 0x0f;
  // 0xF0–0xFF groups carry the alphabet in bit 2: 0 = GSM-7, 1 = 8-bit data.
  if ((dataCoding & 0xf0) === 0xf0) return (dataCoding & 0x04) === 0 ? fromSeptets([...bytes]) : bytes.toString('latin1');
  switch (coding) {
    case 0x00:
      return fromSeptets([...bytes]);
    case 0x01:
      return bytes.toString('ascii');
    case 0x03:
      return bytes.toString('latin1');
    case 0x08: {
      const even = bytes.length - (bytes.length % 2);
      return Buffer.from(bytes.subarray(0, even)).swap16().toString('utf16le');
    }
    default:
      return bytes.toString('latin1');
  }
}
