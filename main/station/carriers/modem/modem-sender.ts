// Sending one SMS through one modem: its segments go out back to back (AT+CMGS each), at this
// modem's rate, one message at a time. What the outbox is told (DESIGN §4, carrier.ts):
// - every segment answered: sent, one ref per segment;
// - the last segment's answer did not come in time: `in-doubt` (it may be on the air); the
//   session resynchronises before the next command and the late outcome goes to `late`;
// - an earlier segment failed or timed out: the message cannot be whole, so it is a plain
//   transient or permanent refusal and is sent again in full (a late answer then changes nothing).
import { CarrierError, type LateAnswer, type OutboundSms } from '../carrier.js';
import type { AtRunner, LateOutcome } from './at-session.js';
import { fields } from './at-result.js';
import { AtCommandError, toCarrierError } from './errors.js';
import { PduError } from './pdu/septets.js';
import { buildSubmitPdus, type SubmitPdu } from './pdu/submit.js';

export interface SenderOptions {
  modemId: string;
  /** Least time between two segments: this modem's send rate. */
  sendIntervalMs?: number;
  /** Time for the network to accept one segment (AT+CMGS). */
  sendTimeoutMs?: number;
  refBits?: 8 | 16;
  /** The late outcome of an in-doubt submit (CarrierSink.late). */
  late(messageId: number, answer: LateAnswer): void;
  /** A send failed: shown on the board for a while. */
  note(text: string): void;
  /** One segment was accepted by the network. */
  counted(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ModemSender {
  private chain: Promise<unknown> = Promise.resolve();
  private nextSendAt = 0;
  private concatRef = Math.floor(Math.random() * 0x10000);
  private refCounter = 0;
  /** TP-MR → the ref returned for it; MRs wrap at 256, the newest wins. */
  private readonly refsByMr = new Map<number, string>();
  /** Messages queued or on the air here. */
  queued = 0;

  constructor(private readonly o: SenderOptions) {}

  /** When this modem may send its next segment. */
  get readyAt(): number {
    return this.nextSendAt;
  }

  /** The ref a status report with this TP-MR belongs to. */
  refFor(mr: number): string {
    return this.refsByMr.get(mr) ?? `${this.o.modemId}:${mr}:?`;
  }

  encode(sms: OutboundSms): SubmitPdu[] {
    const bits = this.o.refBits ?? 8;
    try {
      return buildSubmitPdus({
        to: sms.phone, text: sms.text, requestReport: sms.requestReport, refBits: bits,
        concatRef: this.concatRef++ & (bits === 16 ? 0xffff : 0xff),
        ...(sms.validUntil !== undefined ? { validityMinutes: Math.max(5, Math.ceil((sms.validUntil - Date.now()) / 60_000)) } : {}),
      });
    } catch (e) {
      if (e instanceof PduError || e instanceof RangeError) throw new CarrierError(`Cannot encode this SMS: ${e.message}`, 'modem:encode', false);
      throw e;
    }
  }

  /** Sends every segment through `runner` (got anew for each segment: the link may change). */
  async send(sms: OutboundSms, runner: () => AtRunner | null): Promise<string[]> {
    const pdus = this.encode(sms);
    this.queued++;
    const run = this.chain.then(() => this.sendPdus(sms, pdus, runner));
    this.chain = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      this.queued--;
    }
  }

  private async sendPdus(sms: OutboundSms, pdus: SubmitPdu[], runner: () => AtRunner | null): Promise<string[]> {
    const refs: string[] = [];
    for (const [i, pdu] of pdus.entries()) {
      const wait = this.nextSendAt - Date.now();
      if (wait > 0) await sleep(wait);
      const session = runner();
      if (!session) throw new CarrierError('The modem is not connected', 'modem:down', true);
      const last = i === pdus.length - 1;
      let mr: number;
      try {
        const r = await session.run({
          text: `AT+CMGS=${pdu.tpduLength}`, pdu: pdu.hex, prefix: '+CMGS', timeoutMs: this.o.sendTimeoutMs ?? 60_000,
          onLate: (late) => this.onLate(sms.messageId, refs, last, late),
        });
        mr = parseMr(r.lines);
      } catch (e) {
        throw this.refusal(e, refs.length, pdus.length, last);
      }
      this.nextSendAt = Date.now() + (this.o.sendIntervalMs ?? 0);
      refs.push(this.recordRef(mr));
      this.o.counted();
    }
    return refs;
  }

  private recordRef(mr: number): string {
    const ref = `${this.o.modemId}:${mr}:${++this.refCounter}`;
    this.refsByMr.set(mr, ref);
    return ref;
  }

  private refusal(e: unknown, sent: number, total: number, last: boolean): CarrierError {
    const err = toCarrierError(e);
    const unanswered = e instanceof AtCommandError && (e.family === 'timeout' || e.family === 'closed') && e.pduSent;
    if (unanswered && last) {
      const doubt = new CarrierError(
        `The modem took the SMS but gave no answer in time; it may have gone out (${err.message})`,
        err.code === 'modem:closed' ? 'modem:closed' : 'modem:timeout',
        'in-doubt',
      );
      this.o.note(doubt.message);
      return doubt;
    }
    this.o.note(err.message);
    if (sent === 0) return err;
    // Parts already on the air cannot make a whole message: it is sent again in full.
    return new CarrierError(`${err.message} (after ${sent} of ${total} parts were sent)`, err.code, err.kind === 'permanent' ? 'permanent' : 'transient');
  }

  private onLate(messageId: number, refsBefore: string[], last: boolean, late: LateOutcome): void {
    if (!last) return; // the message was refused as a whole and goes again; a late part changes nothing
    let answer: LateAnswer;
    if (late.kind === 'answered') {
      const mr = parseMr(late.lines);
      // An answer without +CMGS (an OK to our ESC) means the SMS never left.
      answer = Number.isInteger(mr) ? { kind: 'sent', refs: [...refsBefore, this.recordRef(mr)] } : { kind: 'lost' };
      if (answer.kind === 'sent') this.o.counted();
    } else if (late.kind === 'refused') answer = { kind: 'refused', error: toCarrierError(late.error) };
    else answer = { kind: 'lost' };
    // After the in-doubt refusal has reached the outbox (a rejection settles before any timer).
    setTimeout(() => this.o.late(messageId, answer), 0);
  }
}

function parseMr(lines: readonly string[]): number {
  const line = lines.find((l) => l.startsWith('+CMGS'));
  return line === undefined ? NaN : Number(fields(line)[0]);
}
