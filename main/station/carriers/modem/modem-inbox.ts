// Inbound SMS from the modem's storage. Each SMS stays in storage until the sink says it is
// committed; only then is it deleted (AT+CMGD). Parts of a long SMS wait in storage until the
// whole message is committed. A full read at start (and when storage fills) catches what
// arrived while the station was away or while +CMTI was lost.
import type { InboundSms } from '../carrier.js';
import type { AtSession } from './at-session.js';
import { fields } from './at-result.js';
import { decodePdu, type StatusReportPdu } from './pdu/decode.js';
import { Reassembler, type WholeMessage } from './reassembly.js';
import { readStorage } from './modem-setup.js';

export interface InboxEvents {
  /** Resolves after commit. */
  inbound(sms: InboundSms): Promise<void>;
  report(pdu: StatusReportPdu): void;
  /** The storage state: a sentence while it is full, null once it is not. */
  problem(detail: string | null): void;
  /** Something went wrong with one SMS; shown for a while. */
  note(detail: string): void;
}

export class ModemInbox {
  private readonly reassembler: Reassembler<number>;
  /** Storage indexes being handled (waiting for other parts or for the commit): never read twice. */
  private readonly held = new Set<number>();
  private reading: Promise<void> | null = null;

  constructor(
    private readonly session: AtSession,
    private readonly modemId: string,
    private readonly events: InboxEvents,
    reassemblyTimeoutMs: number,
  ) {
    this.reassembler = new Reassembler<number>(reassemblyTimeoutMs);
  }

  /** Reads every stored SMS (AT+CMGL=4: all, in PDU mode). Concurrent calls share one read. */
  readAll(): Promise<void> {
    this.reading ??= this.doReadAll().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** +CMTI / +CDSI: one new SMS at `index`. */
  async readOne(index: number): Promise<void> {
    if (this.held.has(index)) return;
    const r = await this.session.run({ text: `AT+CMGR=${index}`, prefix: '+CMGR', pduBodies: true, timeoutMs: 10_000 });
    const pdu = r.lines.find((l) => !l.startsWith('+CMGR'));
    if (pdu) await this.take(index, pdu);
  }

  /** Commits messages whose missing parts never came, with a visible gap. */
  async expire(now: number): Promise<void> {
    for (const whole of this.reassembler.expire(now)) await this.commit(whole);
  }

  /** Storage almost full: read (and so commit and delete) everything before it blocks new SMS. */
  async checkStorage(): Promise<void> {
    const use = await readStorage(this.session);
    if (!use || use.total === 0) return;
    if (use.used >= use.total - 1) {
      await this.readAll();
      const after = await readStorage(this.session);
      if (after && after.used >= after.total) {
        this.events.problem(`SIM message storage is full (${after.used}/${after.total}); new SMS cannot arrive until it is emptied.`);
        return;
      }
    }
    this.events.problem(null);
  }

  private async doReadAll(): Promise<void> {
    const r = await this.session.run({ text: 'AT+CMGL=4', prefix: '+CMGL', pduBodies: true, timeoutMs: 30_000 });
    const entries: Array<[number, string]> = [];
    for (let i = 0; i < r.lines.length; i++) {
      const line = r.lines[i]!;
      if (!line.startsWith('+CMGL')) continue;
      const next = r.lines[i + 1];
      if (next === undefined || next.startsWith('+CMGL')) continue;
      entries.push([Number(fields(line)[0]), next]);
      i++;
    }
    for (const [index, pdu] of entries) {
      if (!this.held.has(index)) await this.take(index, pdu);
    }
  }

  private async take(index: number, hex: string): Promise<void> {
    // A +CMTI read and a full read can race for the same slot: the first to get here owns it.
    if (this.held.has(index)) return;
    let decoded;
    try {
      decoded = decodePdu(hex);
    } catch {
      // Unreadable: keep its bytes in the store (so nothing is silently lost), then free the slot.
      await this.commit({ from: 'unknown', text: `[unreadable SMS PDU ${hex}]`, sentAt: Date.now(), handles: [index], missing: 0, key: `raw/${hex}` });
      return;
    }
    if (decoded.type === 'status-report') {
      this.events.report(decoded);
      await this.delete(index);
      return;
    }
    if (decoded.type !== 'deliver') {
      await this.delete(index); // a stored SUBMIT (draft) is not ours to deliver
      return;
    }
    this.held.add(index);
    const whole = this.reassembler.add(
      { from: decoded.from, text: decoded.text, sentAt: decoded.sentAt, concat: decoded.concat, handle: index },
      Date.now(),
    );
    if (whole) await this.commit(whole);
  }

  private async commit(whole: WholeMessage<number>): Promise<void> {
    for (const h of whole.handles) this.held.add(h);
    try {
      await this.events.inbound({
        from: whole.from,
        text: whole.text,
        receivedAt: Number.isFinite(whole.sentAt) ? whole.sentAt : Date.now(),
        carrierRef: `${this.modemId}/${whole.key}/${whole.sentAt}`,
      });
    } catch (e) {
      // Not committed: the SMS stays in storage and is read again by the next full read.
      for (const h of whole.handles) this.held.delete(h);
      this.events.note(`An incoming SMS could not be saved and stays on the SIM: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    for (const h of whole.handles) {
      await this.delete(h);
      this.held.delete(h);
    }
  }

  private async delete(index: number): Promise<void> {
    await this.session.run({ text: `AT+CMGD=${index}`, timeoutMs: 10_000 });
  }
}
