// The identity of an inbound SMS at a modem (InboundSms.carrierRef): where it was read from and a
// hash of its PDUs. Two different SMS never share it — the same sender in the same second has a
// different PDU (text, reference) or another slot; and an SMS read again after a crash (still in
// the same slot, byte for byte the same) gets the same identity, so the store keeps it once.
import { createHash } from 'node:crypto';

export interface PartSource {
  /** Storage and slot; absent for an SMS delivered straight to us (+CMT). */
  memory?: string;
  index?: number;
  pdu: string;
}

/** `gsm1/SM3+SM4/9f2c…` for a two-part SMS read from slots 3 and 4; `gsm1/direct/…` for +CMT. */
export function inboundIdentity(modemId: string, parts: readonly PartSource[], kind = ''): string {
  const where = parts.map((p) => (p.memory !== undefined && p.index !== undefined ? `${p.memory}${p.index}` : 'direct')).join('+');
  const hash = createHash('sha256').update(parts.map((p) => p.pdu.toUpperCase()).join('/')).digest('hex').slice(0, 24);
  return `${modemId}/${where}/${kind}${hash}`;
}
