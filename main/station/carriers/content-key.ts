// An identity for an incoming SMS that the network gives none. SMPP 3.4 has no message id for a
// deliver_sm (that field is for receipts) and no SMSC timestamp (schedule_delivery_time and
// validity_period must be NULL in a deliver_sm, §4.6.1); an HTTP provider may post a callback
// without its id. Yet both deliver again when our answer did not reach them — after a kill
// between our commit and our answer, most of all. So the identity is the content: sender,
// recipient, text, and for a concatenated SMS the UDH/SAR reference and part count; the store
// takes the same key within a time window as the same SMS (InboundSms.carrierRefWindowMs) —
// unless the carrier proved the network had our acknowledgement of the earlier one in time
// (CarrierSink.acknowledged): then it cannot come again, and the same text is another SMS.
import { createHash } from 'node:crypto';

export function contentKey(from: string, to: string, text: string, concat?: { reference: number; total: number }): string {
  const key = [from, to, text, concat ? `${concat.reference}/${concat.total}` : ''].join('\u0000');
  return `mo:${createHash('sha256').update(key).digest('base64url').slice(0, 27)}`;
}
