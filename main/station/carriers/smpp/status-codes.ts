// command_status values an SMSC answers with (SMPP 3.4 §5.1.3), as sentences, and what each
// means for the outbox: back-pressure, worth another try (here or through another carrier), or
// a refusal of this very SMS.
import smpp from 'smpp';
import type { CarrierErrorKind } from '../carrier.js';

const SENTENCES: Record<number, string> = {
  0x01: 'message length is invalid',
  0x04: 'the session is not bound',
  0x05: 'already bound',
  0x08: 'system error at the SMSC',
  0x0a: 'invalid source address (check the sender in the carrier settings)',
  0x0b: 'invalid destination address',
  0x0d: 'bind failed',
  0x0e: 'wrong password',
  0x0f: 'unknown system id',
  0x14: 'the SMSC message queue is full',
  0x45: 'submit failed',
  0x58: 'throttled: the account sends faster than allowed (lower "maxPerSecond" or "window")',
  0x62: 'invalid validity period',
  0x64: 'temporary application error',
  0x65: 'permanent application error',
  0x66: 'rejected by the application',
  0xfe: 'delivery failure',
  0x104: 'the data coding is not supported',
};

/**
 * Back-pressure (§5.1.3): "throttling error" and "message queue full". Kannel treats both as
 * temporary and pauses the link (gw/smsc/smsc_smpp.c, SMPP_THROTTLING_SLEEP_TIME).
 */
const THROTTLING = new Set([0x14, 0x58]);

/**
 * Worth another try, here later or elsewhere now: the SMSC's own trouble (system error, a
 * temporary application error), and refusals that are about this account or route rather than
 * the recipient — a sender the SMSC will not take (0x0a), a session in the wrong state (0x04),
 * "submit failed" with no reason (0x45). Another carrier may well send the same SMS.
 */
const TRANSIENT = new Set([0x04, 0x08, 0x0a, 0x45, 0x64]);

export function describeStatus(code: number): string {
  const sentence = SENTENCES[code];
  const name = Object.entries(smpp.errors).find(([, v]) => v === code)?.[0];
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  if (sentence) return `${sentence} (${name ?? hex})`;
  return name ? `${name} (${hex})` : `status ${hex}`;
}

/** What a refusal with this command_status means; `extra`: statuses the operator says are temporary. */
export function statusKind(code: number, extra: readonly number[] = []): CarrierErrorKind {
  if (THROTTLING.has(code)) return 'throttled';
  return TRANSIENT.has(code) || extra.includes(code) ? 'transient' : 'permanent';
}
