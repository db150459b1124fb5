// Building SMS-SUBMIT PDUs (23.040 §9.2.2.2) from an outgoing text, one per segment. The split
// is the domain's splitParts, so the compose counter and the modem agree on the segment count.
import { splitParts, splitPartsWithin, CONCAT16_LIMITS } from '../../../../../shared/sms/segments.js';
import { encodeAddress, encodeSca } from './address.js';
import { toHex } from './septets.js';
import { encodeRelativeValidity } from './timestamp.js';
import { encodeConcatHeader, encodeUserData } from './user-data.js';

export interface SubmitOptions {
  to: string;
  text: string;
  /** Sets TP-SRR: ask the network for one status report per segment. */
  requestReport: boolean;
  /** Minutes the network should keep trying; omitted = the network's default. */
  validityMinutes?: number;
  /** Reference shared by the segments of this message (used only when there are several). */
  concatRef: number;
  /** 16-bit concatenation references leave one unit less per segment. */
  refBits?: 8 | 16;
  /** Message reference; 0 lets the modem choose (it reports the one it used in +CMGS). */
  messageRef?: number;
}

export interface SubmitPdu {
  /** Hex, SCA included (an empty SCA: the modem uses the SIM's service centre). */
  hex: string;
  /** Octets after the SCA: the length AT+CMGS wants. */
  tpduLength: number;
  /** The text of this segment. */
  text: string;
}

export function buildSubmitPdus(o: SubmitOptions): SubmitPdu[] {
  const refBits = o.refBits ?? 8;
  const { encoding, parts } = refBits === 16 ? splitPartsWithin(o.text, CONCAT16_LIMITS) : splitParts(o.text);
  const da = encodeAddress(o.to);
  const multi = parts.length > 1;
  return parts.map((part, i) => {
    let first = 0x01; // SMS-SUBMIT
    if (o.validityMinutes !== undefined) first |= 0x10; // VPF = relative
    if (o.requestReport) first |= 0x20;
    if (multi) first |= 0x40;
    const tpdu: number[] = [first, (o.messageRef ?? 0) & 0xff, ...da, 0x00, encoding === 'ucs2' ? 0x08 : 0x00];
    if (o.validityMinutes !== undefined) tpdu.push(encodeRelativeValidity(o.validityMinutes));
    const header = multi ? encodeConcatHeader({ ref: o.concatRef, refBits, total: parts.length, seq: i + 1 }) : null;
    tpdu.push(...encodeUserData(part, encoding, header));
    return { hex: toHex([...encodeSca(null), ...tpdu]), tpduLength: tpdu.length, text: part };
  });
}
