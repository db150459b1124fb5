// SMPP 3.4 gives an incoming SMS (deliver_sm) no identity of its own: no message id (that field
// is for receipts), and no SMSC timestamp (schedule_delivery_time and validity_period must be
// NULL in a deliver_sm, §4.6.1). Yet an SMSC delivers it again when our deliver_sm_resp did not
// reach it — after a kill between our commit and our answer, most of all. So its identity is its
// content: sender, recipient, text, and for a concatenated SMS the UDH/SAR reference and part
// count; the store takes the same key within a time window as the same SMS (carrier.ts,
// InboundSms.carrierRefWindowMs). Two real SMS with the same sender and text inside the window
// are stored once: the price of never storing a redelivery twice.
import { createHash } from 'node:crypto';

export function moCarrierRef(from: string, to: string, text: string, concat?: { reference: number; total: number }): string {
  const key = [from, to, text, concat ? `${concat.reference}/${concat.total}` : ''].join('\u0000');
  return `mo:${createHash('sha256').update(key).digest('base64url').slice(0, 27)}`;
}
