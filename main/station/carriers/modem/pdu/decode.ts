// Reading PDUs: SMS-DELIVER (inbound), SMS-STATUS-REPORT (delivery reports) and SMS-SUBMIT (so
// the emulator and tests can read what the driver sent). 23.040 §9.2.2.
import { decodeAddress, decodeSca } from './address.js';
import { fromHex, PduError } from './septets.js';
import { decodeRelativeValidity, decodeTimestamp } from './timestamp.js';
import { decodeUserData, type Alphabet, type ConcatInfo } from './user-data.js';

export interface DeliverPdu {
  type: 'deliver';
  sca: string | null;
  from: string;
  /** Epoch ms (UTC) from the service centre time stamp. */
  sentAt: number;
  zoneMinutes: number;
  text: string;
  alphabet: Alphabet;
  concat: ConcatInfo | null;
}

export type StatusCategory = 'delivered' | 'pending' | 'failed';

export interface StatusReportPdu {
  type: 'status-report';
  sca: string | null;
  /** TP-MR of the SMS-SUBMIT this reports on. */
  messageRef: number;
  recipient: string;
  submittedAt: number;
  dischargedAt: number;
  /** TP-ST, raw. */
  status: number;
  category: StatusCategory;
}

export interface SubmitPduInfo {
  type: 'submit';
  sca: string | null;
  messageRef: number;
  to: string;
  requestReport: boolean;
  validityMinutes: number | null;
  text: string;
  alphabet: Alphabet;
  concat: ConcatInfo | null;
}

export type DecodedPdu = DeliverPdu | StatusReportPdu | SubmitPduInfo;

/** TP-ST (23.040 §9.2.3.15): 0x00–0x1F done, 0x20–0x3F still trying, the rest failed. */
export function statusCategory(st: number): StatusCategory {
  if (st <= 0x1f) return st <= 0x02 ? 'delivered' : 'failed';
  if (st <= 0x3f) return 'pending';
  return 'failed';
}

const STATUS_REASONS: Record<number, string> = {
  0x40: 'Remote procedure error', 0x41: 'Incompatible destination', 0x42: 'Connection rejected by the phone',
  0x43: 'Not obtainable', 0x44: 'Quality of service not available', 0x45: 'No interworking available',
  0x46: 'The network gave up: validity period expired', 0x47: 'Deleted by the sender',
  0x48: 'Deleted by the service centre', 0x49: 'Message does not exist',
  0x60: 'Network congestion', 0x61: 'The phone is busy', 0x62: 'No response from the phone',
  0x63: 'Service rejected', 0x64: 'Quality of service not available', 0x65: 'Error in the phone',
};

/** A sentence for the dispatcher about a failed TP-ST. */
export function statusReason(st: number): string {
  return STATUS_REASONS[st] ?? `The network reported status 0x${st.toString(16).padStart(2, '0')}`;
}

/** @param hasSca false for PDUs without the service-centre prefix (rare; some +CDS in text of old modems) */
export function decodePdu(hex: string, hasSca = true): DecodedPdu {
  const pdu = fromHex(hex);
  const { sca, next } = hasSca ? decodeSca(pdu) : { sca: null, next: 0 };
  let i = next;
  const first = pdu[i++];
  if (first === undefined) throw new PduError('Empty PDU');
  const mti = first & 0x03;
  const udhi = (first & 0x40) !== 0;
  if (mti === 0x00) {
    const oa = decodeAddress(pdu, i);
    i = oa.next;
    i++; // PID
    const dcs = pdu[i++] ?? 0;
    const ts = decodeTimestamp(pdu, i);
    i += 7;
    const ud = decodeUserData(pdu, i, dcs, udhi);
    return { type: 'deliver', sca, from: oa.address, sentAt: ts.at, zoneMinutes: ts.zoneMinutes, ...ud };
  }
  if (mti === 0x02) {
    const messageRef = pdu[i++] ?? 0;
    const ra = decodeAddress(pdu, i);
    i = ra.next;
    const submitted = decodeTimestamp(pdu, i);
    const discharged = decodeTimestamp(pdu, i + 7);
    i += 14;
    const status = pdu[i];
    if (status === undefined) throw new PduError('Status report ends before its status');
    return {
      type: 'status-report', sca, messageRef, recipient: ra.address,
      submittedAt: submitted.at, dischargedAt: discharged.at, status, category: statusCategory(status),
    };
  }
  if (mti === 0x01) {
    const messageRef = pdu[i++] ?? 0;
    const da = decodeAddress(pdu, i);
    i = da.next;
    i++; // PID
    const dcs = pdu[i++] ?? 0;
    const vpf = (first >> 3) & 0x03;
    let validityMinutes: number | null = null;
    if (vpf === 0x02) validityMinutes = decodeRelativeValidity(pdu[i++] ?? 0);
    else if (vpf !== 0x00) i += 7; // absolute or enhanced: 7 octets we do not use
    const ud = decodeUserData(pdu, i, dcs, udhi);
    return {
      type: 'submit', sca, messageRef, to: da.address, requestReport: (first & 0x20) !== 0,
      validityMinutes, ...ud,
    };
  }
  throw new PduError(`Unknown PDU type ${mti}`);
}
