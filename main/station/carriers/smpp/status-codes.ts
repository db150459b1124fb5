// command_status values an SMSC answers with, as sentences, and which are worth retrying.
import smpp from 'smpp';

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

/** Temporary conditions at the SMSC: the same SMS may well go through a little later. */
const TRANSIENT = new Set([0x08, 0x14, 0x58, 0x64]);

export function describeStatus(code: number): string {
  const sentence = SENTENCES[code];
  const name = Object.entries(smpp.errors).find(([, v]) => v === code)?.[0];
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  if (sentence) return `${sentence} (${name ?? hex})`;
  return name ? `${name} (${hex})` : `status ${hex}`;
}

export function isTransientStatus(code: number, extra: readonly number[] = []): boolean {
  return TRANSIENT.has(code) || extra.includes(code);
}
