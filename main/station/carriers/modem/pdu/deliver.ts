// Building SMS-DELIVER and SMS-STATUS-REPORT PDUs: what a network sends to a modem. The driver
// never needs these; the emulator and the tests do, and Gammu checks them.
import { splitPartsWithin, LIMITS, CONCAT16_LIMITS } from '../../../../../shared/sms/segments.js';
import { encodeAddress, encodeSca } from './address.js';
import { toHex } from './septets.js';
import { encodeTimestamp } from './timestamp.js';
import { encodeConcatHeader, encodeUserData } from './user-data.js';

export interface DeliverOptions {
  from: string;
  text: string;
  sentAt: number;
  zoneMinutes?: number;
  sca?: string;
  concatRef?: number;
  refBits?: 8 | 16;
}

export function buildDeliverPdus(o: DeliverOptions): string[] {
  const refBits = o.refBits ?? 8;
  const { encoding, parts } = splitPartsWithin(o.text, refBits === 16 ? CONCAT16_LIMITS : LIMITS);
  const multi = parts.length > 1;
  return parts.map((part, i) => {
    const first = 0x04 | (multi ? 0x40 : 0); // SMS-DELIVER, no more messages to send
    const header = multi ? encodeConcatHeader({ ref: o.concatRef ?? 0, refBits, total: parts.length, seq: i + 1 }) : null;
    return toHex([
      ...encodeSca(o.sca ?? null), first, ...encodeAddress(o.from), 0x00, encoding === 'ucs2' ? 0x08 : 0x00,
      ...encodeTimestamp(o.sentAt, o.zoneMinutes ?? 0), ...encodeUserData(part, encoding, header),
    ]);
  });
}

export interface StatusReportOptions {
  messageRef: number;
  recipient: string;
  submittedAt: number;
  dischargedAt: number;
  status: number;
  sca?: string;
}

export function buildStatusReportPdu(o: StatusReportOptions): { hex: string; tpduLength: number } {
  const tpdu = [
    0x06, // SMS-STATUS-REPORT, TP-SRQ=0, no more messages
    o.messageRef & 0xff, ...encodeAddress(o.recipient),
    ...encodeTimestamp(o.submittedAt), ...encodeTimestamp(o.dischargedAt), o.status & 0xff,
  ];
  return { hex: toHex([...encodeSca(o.sca ?? null), ...tpdu]), tpduLength: tpdu.length };
}
