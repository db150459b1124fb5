// TP addresses (23.040 §9.1.2.5): semi-octet BCD for numbers, packed GSM-7 for alphanumeric
// senders such as "MCHS". The type-of-address octet says which.
import { fromSeptets, isGsm7, toSeptets } from '../../../../../shared/sms/gsm7.js';
import { packSeptets, PduError, unpackSeptets } from './septets.js';

const TOA_INTERNATIONAL = 0x91;
const TOA_UNKNOWN = 0x81;
const TOA_ALPHANUMERIC = 0xd0;

const BCD_DIGITS = '0123456789*#abc';

function encodeBcd(digits: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 2) {
    const lo = BCD_DIGITS.indexOf(digits[i]!);
    const hi = i + 1 < digits.length ? BCD_DIGITS.indexOf(digits[i + 1]!) : 0xf;
    out.push((hi << 4) | lo);
  }
  return out;
}

function decodeBcd(octets: Uint8Array, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) {
    const byte = octets[i >> 1] ?? 0xff;
    const nibble = i % 2 === 0 ? byte & 0x0f : byte >> 4;
    if (nibble === 0xf) break;
    out += BCD_DIGITS[nibble] ?? '';
  }
  return out;
}

/**
 * Destination/originating address field: length (semi-octets), type, value.
 * '+7916…' is international; bare digits go as "unknown" so the network applies its own
 * national rules; anything else is an alphanumeric sender.
 */
export function encodeAddress(address: string): number[] {
  if (/^\+[0-9]{1,20}$/.test(address)) {
    const digits = address.slice(1);
    return [digits.length, TOA_INTERNATIONAL, ...encodeBcd(digits)];
  }
  if (/^[0-9*#]{1,20}$/.test(address)) {
    return [address.length, TOA_UNKNOWN, ...encodeBcd(address)];
  }
  if (!isGsm7(address) || address.length > 11) {
    throw new PduError(`Address "${address}" is neither a phone number nor an alphanumeric name of up to 11 GSM characters`);
  }
  const septets = toSeptets(address);
  const packed = packSeptets(septets);
  // The length counts the semi-octets actually used by the packed septets.
  return [Math.ceil((septets.length * 7) / 4), TOA_ALPHANUMERIC, ...packed];
}

/** Reads an address field at `offset`; returns the address and the offset after it. */
export function decodeAddress(pdu: Uint8Array, offset: number): { address: string; next: number } {
  const length = pdu[offset];
  const toa = pdu[offset + 1];
  if (length === undefined || toa === undefined) throw new PduError('PDU ends inside an address');
  const octets = Math.ceil(length / 2);
  const value = pdu.subarray(offset + 2, offset + 2 + octets);
  if (value.length < octets) throw new PduError('PDU ends inside an address');
  const type = (toa >> 4) & 0x07;
  let address: string;
  if (type === 0x05) {
    const septets = unpackSeptets(value, Math.floor((length * 4) / 7));
    address = fromSeptets(septets);
  } else {
    const digits = decodeBcd(value, length);
    address = type === 0x01 && digits.length > 0 ? `+${digits}` : digits;
  }
  return { address, next: offset + 2 + octets };
}

/** Service centre address: its length counts octets (type included), not digits. */
export function decodeSca(pdu: Uint8Array): { sca: string | null; next: number } {
  const length = pdu[0] ?? 0;
  if (length === 0) return { sca: null, next: 1 };
  const toa = pdu[1] ?? TOA_UNKNOWN;
  const digits = decodeBcd(pdu.subarray(2, 1 + length), (length - 1) * 2);
  const type = (toa >> 4) & 0x07;
  return { sca: type === 0x01 && digits ? `+${digits}` : digits || null, next: 1 + length };
}

export function encodeSca(sca: string | null): number[] {
  if (!sca) return [0];
  const international = sca.startsWith('+');
  const digits = international ? sca.slice(1) : sca;
  const bcd = encodeBcd(digits);
  return [bcd.length + 1, international ? TOA_INTERNATIONAL : TOA_UNKNOWN, ...bcd];
}
