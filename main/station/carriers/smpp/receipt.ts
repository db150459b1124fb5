// Delivery receipts arrive as deliver_sm with esm_class "SMSC delivery receipt". SMPP 3.4 puts
// the facts in TLVs (receipted_message_id, message_state); most SMSCs also, or only, write them
// into the text in the de-facto format of the spec's appendix B:
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...
// The TLVs win when present; the text fills in what they lack.
import type { ReportStatus } from '../carrier.js';

export const ESM_TYPE_MASK = 0x3c;
export const ESM_TYPE_RECEIPT = 0x04;
export const ESM_TYPE_INTERMEDIATE = 0x20;

export interface ParsedReceipt {
  id: string;
  status: ReportStatus;
  /** The network's word for it (DELIVRD, UNDELIV, …) and error code, for the message's error. */
  stat: string;
  err: string | null;
}

/** message_state TLV values (SMPP 3.4 §5.2.28) → receipt stat words. */
const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

const STAT_STATUS: Record<string, ReportStatus> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  ENROUTE: 'pending',
  ACCEPTD: 'pending',
  ACCEPTED: 'pending',
  UNKNOWN: 'pending',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  UNDELIVERABLE: 'failed',
  REJECTD: 'failed',
  REJECTED: 'failed',
  SKIPPED: 'failed',
};

export function isReceipt(esmClass: number, hasReceiptedId: boolean): boolean {
  const type = esmClass & ESM_TYPE_MASK;
  return type === ESM_TYPE_RECEIPT || type === ESM_TYPE_INTERMEDIATE || hasReceiptedId;
}

/** Field values from the receipt text; keys lower-case ("submit date" included). */
export function parseReceiptText(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  // A key is a word (or "submit date"/"done date") followed by a colon; the value runs to the
  // next key. "text:" is last and may contain anything, so it takes the rest.
  const re = /(submit date|done date|id|sub|dlvrd|stat|err|text):/gi;
  const keys: Array<{ key: string; start: number; valueStart: number }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1]!.toLowerCase();
    if (keys.some((k) => k.key === key)) continue; // a later "id:" inside text: is not a field
    keys.push({ key, start: m.index, valueStart: m.index + m[0].length });
    if (key === 'text') break;
  }
  keys.forEach((k, i) => {
    const end = i + 1 < keys.length ? keys[i + 1]!.start : text.length;
    fields[k.key] = text.slice(k.valueStart, end).trim();
  });
  return fields;
}

export function parseReceipt(input: {
  text: string;
  receiptedMessageId?: string | undefined;
  messageState?: number | undefined;
  networkErrorCode?: Buffer | undefined;
}): ParsedReceipt | null {
  const fields = parseReceiptText(input.text);
  const id = input.receiptedMessageId?.trim() || fields['id'];
  if (!id) return null;
  const stat =
    (input.messageState !== undefined ? MESSAGE_STATES[input.messageState] : undefined) ??
    fields['stat']?.toUpperCase() ??
    'UNKNOWN';
  let err = fields['err'] ?? null;
  if (input.networkErrorCode && input.networkErrorCode.length === 3) {
    // network_error_code: network type (1 ANSI-136, 2 IS-95, 3 GSM, …) then a 16-bit code.
    err = `${input.networkErrorCode[0]}:${input.networkErrorCode.readUInt16BE(1)}`;
  }
  return { id, status: STAT_STATUS[stat] ?? 'pending', stat, err: err === '000' || err === '0' ? null : err };
}

/** Converts a receipt's id into the form submit_sm_resp gave, as the account's config says. */
export function receiptIdToSubmitId(id: string, mode: 'as-is' | 'decimal-to-hex' | 'hex-to-decimal'): string {
  try {
    if (mode === 'decimal-to-hex' && /^\d+$/.test(id)) return BigInt(id).toString(16);
    if (mode === 'hex-to-decimal' && /^[0-9a-f]+$/i.test(id)) return BigInt(`0x${id}`).toString(10);
  } catch {
    // Not a number after all: keep it as it came.
  }
  return id;
}

/** The submit id in the canonical form receipts are converted to, so the two compare equal. */
export function normalizeSubmitId(id: string, mode: 'as-is' | 'decimal-to-hex' | 'hex-to-decimal'): string {
  if (mode === 'decimal-to-hex' && /^[0-9a-f]+$/i.test(id)) return BigInt(`0x${id}`).toString(16);
  if (mode === 'hex-to-decimal' && /^\d+$/.test(id)) return BigInt(id).toString(10);
  return id;
}
