// SMPP addresses travel as digits plus TON/NPI (type of number, numbering plan). The station
// speaks E.164 with a '+'; these two functions translate at the edge.
import type { CountryCode } from 'libphonenumber-js/max';
import { tryNormalizePhone } from '../../domain/phone.js';

export const TON = { unknown: 0, international: 1, national: 2, network: 3, alphanumeric: 5 } as const;
export const NPI = { unknown: 0, isdn: 1 } as const;

export interface SmppAddress {
  addr: string;
  ton: number;
  npi: number;
}

/** The address of a recipient (E.164) or of our sender (number, short code or name). */
export function toSmppAddress(value: string): SmppAddress {
  const v = value.trim();
  if (v === '') return { addr: '', ton: TON.unknown, npi: NPI.unknown };
  if (/^\+\d+$/.test(v)) return { addr: v.slice(1), ton: TON.international, npi: NPI.isdn };
  // Short codes: most SMSCs accept them as "unknown" in the ISDN plan; others override in config.
  if (/^\d{1,8}$/.test(v)) return { addr: v, ton: TON.unknown, npi: NPI.isdn };
  if (/^\d+$/.test(v)) return { addr: v, ton: TON.international, npi: NPI.isdn };
  return { addr: v, ton: TON.alphanumeric, npi: NPI.unknown };
}

/** An incoming source address → E.164 when it is a phone number, else as the network gave it. */
export function fromSmppAddress(addr: string, ton: number | undefined, region: string): string {
  const a = addr.trim();
  if (ton === TON.alphanumeric || !/^\+?\d+$/.test(a)) return a;
  if (ton === TON.international || a.startsWith('+')) return a.startsWith('+') ? a : `+${a}`;
  // National or unknown: let the phone rules decide (8 916… → +7916…); short codes stay as they are.
  return tryNormalizePhone(a, region as CountryCode) ?? a;
}
