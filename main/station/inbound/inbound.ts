// What arrives from carriers: replies and delivery reports. A reply is committed first, then
// linked to what it answers and pushed to clients; a report updates its message.
import type { Store } from '../store/store.js';
import type { DeliveryReport, InboundSms } from '../carriers/carrier.js';
import { tryNormalizePhone } from '../domain/phone.js';
import { parseTags } from '../domain/tags.js';
import { countSegments } from '../domain/segments.js';

export interface InboundOptions {
  /** A reply counts as answering the latest SMS sent to that phone within this window. */
  replyWindowMs: number;
}

export const DEFAULT_INBOUND_OPTIONS: InboundOptions = { replyWindowMs: 24 * 60 * 60 * 1000 };

const EARLY_REPORT_TTL_MS = 10 * 60 * 1000;
const EARLY_REPORT_LIMIT = 10_000;

export interface InboundListener {
  received(messageId: number): void;
  statusChanged(messageId: number): void;
}

export class Inbound {
  constructor(
    private readonly store: Store,
    private readonly listener: InboundListener,
    private readonly opts: InboundOptions = DEFAULT_INBOUND_OPTIONS,
  ) {}

  /** Stores the SMS (once, even if the carrier delivers it again) and returns its id. */
  receive(sms: InboundSms, carrierId: string): number | null {
    const phone = tryNormalizePhone(sms.from) ?? sms.from;
    const contact = this.store.contacts.byPhone(phone);
    const answered = this.store.messages.latestOutboundTo(phone, sms.receivedAt - this.opts.replyWindowMs);
    const tags = parseTags(sms.text);
    const id = this.store.db.transaction(() => {
      for (const t of tags) this.store.tags.ensure(t);
      return this.store.messages.insertInbound({
        phone,
        contactId: contact?.id ?? null,
        text: sms.text,
        tags,
        segments: Math.max(1, countSegments(sms.text).segments),
        carrierId,
        carrierRef: sms.carrierRef ?? null,
        broadcastId: answered?.broadcastId ?? null,
        replyTo: answered?.id ?? null,
        receivedAt: sms.receivedAt,
      });
    })();
    if (id !== null) this.listener.received(id);
    return id;
  }

  /**
   * A fast network can report delivery before the outbox has recorded the send; such a report
   * waits here and is applied again after the next recorded batch.
   */
  private readonly early = new Map<string, { report: DeliveryReport; carrierId: string; until: number }>();

  report(report: DeliveryReport, carrierId: string): void {
    const changed = this.store.messages.applyReport(carrierId, report.ref, report.status, report.error ?? null, report.at);
    if (changed === 'unknown') {
      if (this.early.size < EARLY_REPORT_LIMIT) {
        this.early.set(`${carrierId}\u0000${report.ref}`, { report, carrierId, until: Date.now() + EARLY_REPORT_TTL_MS });
      }
      return;
    }
    if (changed !== null) this.listener.statusChanged(changed);
  }

  /** Applies reports that arrived before their send was recorded. */
  retryEarlyReports(now = Date.now()): void {
    for (const [key, e] of this.early) {
      const changed = this.store.messages.applyReport(e.carrierId, e.report.ref, e.report.status, e.report.error ?? null, e.report.at);
      if (changed === 'unknown' && e.until > now) continue;
      this.early.delete(key);
      if (typeof changed === 'number') this.listener.statusChanged(changed);
    }
  }
}
