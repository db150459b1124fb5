// What arrives from carriers: replies and delivery reports. A reply is committed first, then
// linked to what it answers and pushed to clients; a report updates its message. Only the
// commit can fail a receive (the carrier then answers "try later" and the network delivers it
// again): whatever runs after it — answers, subscription commands, auto-replies, clients — is
// guarded and logged, so our own errors never reach the carrier's acknowledgement. A sender that
// is not a phone number (an operator's "INFO", a short code "0611") cannot read an answer: its
// SMS is recorded, never taken as a command or a reply, and nothing is sent back to it.
import type { Store } from '../store/store.js';
import type { DeliveryReport, InboundSms } from '../carriers/carrier.js';
import { tryNormalizePhone } from '../domain/phone.js';
import { parseTags, streamTags } from '../domain/tags.js';
import { countSegments } from '../../../shared/sms/segments.js';
import { parseSubscriptionCommands } from '../domain/answers.js';
import { ReplyMatcher, type ReplyMatch } from './reply-matcher.js';
import { applySubscriptionCommands } from './subscriptions.js';
import { AnswerBook } from '../dispatch/answer-book.js';
import type { TallyChange } from '../../../shared/protocol/index.js';

export interface InboundOptions {
  /** A reply counts as answering the latest SMS sent to that phone within this window. */
  replyWindowMs: number;
  /** A poll or confirmation takes answers by phone alone for this long (unless closed sooner). */
  questionWindowMs?: number;
}

export const DEFAULT_INBOUND_OPTIONS: InboundOptions = { replyWindowMs: 24 * 60 * 60 * 1000 };
const DEFAULT_QUESTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const UNMATCHED: ReplyMatch = { broadcastId: null, replyTo: null, matchedBy: null };

const EARLY_REPORT_TTL_MS = 10 * 60 * 1000;
const EARLY_REPORT_LIMIT = 10_000;

export interface InboundListener {
  received(messageId: number): void;
  statusChanged(messageId: number): void;
  /** A reply changed these tallies (its question's, and an escalated alert's): push the changes. */
  answered?(changes: TallyChange[]): void;
  /** A `+#tag` / `-#tag` command was handled: send this text back to the phone. */
  subscriptionReply?(phone: string, text: string): void;
  /** Something after the commit failed (logged; the SMS stays stored and acknowledged). */
  trouble?(what: string, err: unknown): void;
}

/** An SMS that is a command for another module (an alert plan's "!ПС12 Северный"). */
export interface InboundCommand {
  phone: string;
  text: string;
  messageId: number;
  contactId: number | null;
  /** False for an alphanumeric sender ("MTS"): it cannot read a reply. */
  senderIsPhone: boolean;
}

export interface InboundCommands {
  /** True when the text from this phone is such a command: it is then stored as one, not matched as a reply. */
  recognises(text: string, phone: string): boolean;
  /** Runs after the SMS is committed; what it throws is logged, never handed to the carrier. */
  handle(command: InboundCommand): void;
}

export class Inbound {
  readonly answers: AnswerBook;
  private readonly matcher: ReplyMatcher;
  private commandHandler: InboundCommands | null = null;
  private commandError: (err: unknown) => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly listener: InboundListener,
    private readonly opts: InboundOptions = DEFAULT_INBOUND_OPTIONS,
  ) {
    this.answers = new AnswerBook(store.db);
    this.matcher = new ReplyMatcher(store.db);
  }

  useCommands(handler: InboundCommands, onError: (err: unknown) => void): void {
    this.commandHandler = handler;
    this.commandError = onError;
  }

  /**
   * Stores the SMS (once, even if the carrier delivers it again), links it to what it answers
   * (DESIGN §4 order), then counts it as an answer or a subscription command. Returns its id.
   */
  receive(sms: InboundSms, carrierId: string): number | null {
    const normalized = tryNormalizePhone(sms.from);
    const senderIsPhone = normalized !== null;
    const phone = normalized ?? sms.from;
    const contact = senderIsPhone ? this.store.contacts.byPhone(phone) : undefined;
    const commands = senderIsPhone ? this.guard('reading a subscription command', () => parseSubscriptionCommands(sms.text), null) : null;
    // A command handler (alert plans) sees every sender: it refuses and audits what it will not
    // run, and answers only phone numbers (InboundCommand.senderIsPhone).
    const command = !commands && this.guard('recognising an SMS command', () => this.commandHandler?.recognises(sms.text, phone) === true, false);
    const match =
      commands || command || !senderIsPhone
        ? UNMATCHED
        : this.guard(
            'matching a reply',
            () =>
              this.matcher.match(phone, sms.text, sms.receivedAt, {
                replyWindowMs: this.opts.replyWindowMs,
                questionWindowMs: this.opts.questionWindowMs ?? DEFAULT_QUESTION_WINDOW_MS,
              }),
            UNMATCHED,
          );
    const tags = this.guard('reading tags', () => parseTags(sms.text), [] as string[]);
    const segments = this.guard('counting segments', () => Math.max(1, countSegments(sms.text).segments), 1);
    // The commit: the only step whose failure the carrier hears about. The answer is counted in it
    // (a reply is never kept without its count, or counted twice), but on a savepoint of its own,
    // so a fault of ours in counting rolls back alone, is logged, and the SMS is still stored.
    const stored = this.store.db.transaction(() => {
      for (const t of streamTags(tags)) this.store.tags.ensure(t);
      const id = this.store.messages.insertInbound({
        phone,
        contactId: contact?.id ?? null,
        text: sms.text,
        tags,
        segments,
        carrierId,
        carrierRef: sms.carrierRef ?? null,
        carrierRefWindowMs: sms.carrierRefWindowMs,
        broadcastId: match.broadcastId,
        replyTo: match.replyTo,
        matchedBy: commands || command ? 'command' : match.matchedBy,
        receivedAt: sms.receivedAt,
      });
      if (id === null || commands || command || match.broadcastId === null) return { id, changes: [] as TallyChange[] };
      const question = match.broadcastId;
      const changes = this.guard(
        'counting an answer',
        () =>
          this.store.db.transaction(() =>
            this.answers.record(question, {
              phone,
              contactId: contact?.id ?? null,
              text: sms.text,
              messageId: id,
              at: sms.receivedAt,
              followUp: match.matchedBy === 'window',
            }),
          )(),
        [] as TallyChange[],
      );
      return { id, changes };
    })();
    const { id } = stored;
    if (id === null) return null;
    this.guard('announcing a received SMS', () => this.listener.received(id), undefined);
    if (commands) {
      this.guard('a subscription command', () => {
        const outcome = applySubscriptionCommands(this.store, { phone, contactId: contact?.id ?? null }, commands, sms.receivedAt);
        this.listener.subscriptionReply?.(phone, outcome.reply);
      }, undefined);
    } else if (command) {
      try {
        this.commandHandler!.handle({ phone, text: sms.text, messageId: id, contactId: contact?.id ?? null, senderIsPhone });
      } catch (err) {
        this.commandError(err);
      }
    } else if (stored.changes.length > 0) {
      this.guard('announcing an answer', () => this.listener.answered?.(stored.changes), undefined);
    }
    return id;
  }

  /** Runs a step that must not fail the receive; its error is reported and `fallback` returned. */
  private guard<T>(what: string, step: () => T, fallback: T): T {
    try {
      return step();
    } catch (err) {
      try {
        this.listener.trouble?.(what, err);
      } catch {
        // A failing logger must not fail the receive either.
      }
      return fallback;
    }
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

  /**
   * Applies reports that arrived before their send was recorded: those for `sent` (the sends
   * just recorded) when given — a busy outbox records after many reports came, and retrying every
   * held report after every record would cost a transaction each — else all of them (a sweep,
   * which also forgets the ones held too long).
   */
  retryEarlyReports(sent?: readonly { carrierId: string; refs: readonly string[] }[], now = Date.now()): void {
    if (this.early.size === 0) return;
    if (sent) {
      for (const s of sent) {
        for (const ref of s.refs) {
          const key = `${s.carrierId}\u0000${ref}`;
          const e = this.early.get(key);
          if (e) this.retryEarly(key, e, now);
        }
      }
      return;
    }
    for (const [key, e] of this.early) this.retryEarly(key, e, now);
  }

  private retryEarly(key: string, e: { report: DeliveryReport; carrierId: string; until: number }, now: number): void {
    const changed = this.store.messages.applyReport(e.carrierId, e.report.ref, e.report.status, e.report.error ?? null, e.report.at);
    if (changed === 'unknown' && e.until > now) return;
    this.early.delete(key);
    if (typeof changed === 'number') this.listener.statusChanged(changed);
  }
}
