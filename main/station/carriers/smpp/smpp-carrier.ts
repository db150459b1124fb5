// An operator's SMPP account as a Carrier: one transceiver bind carries submits out and MO
// messages and delivery receipts in. The connection is ours to keep: enquire_link probes it,
// any loss reconnects with backoff, and every change of state goes to the sink in a sentence.
// A submit whose answer does not come in time is "in doubt" (it may have gone out): send()
// throws that at the deadline, but the sequence number stays registered for as long as the
// link lives, so a late submit_sm_resp is still read and reported (CarrierSink.late); when the
// link goes, every submit still waiting is reported lost.
import smpp from 'smpp';
import type { CarrierStatus } from '../../../../shared/protocol/index.js';
import {
  CarrierError,
  emptyStatus,
  type Carrier,
  type CarrierSink,
  type LateAnswer,
  type OutboundSms,
  type SendResult,
} from '../carrier.js';
import { SentToday } from '../sent-today.js';
import { toSmppAddress } from './address.js';
import { SmppCarrierConfig, type SmppCarrierConfigInput } from './config.js';
import { buildSubmitParts } from './encoding.js';
import { normalizeSubmitId } from './receipt.js';
import { Deliveries } from './deliveries.js';
import { describeStatus, statusKind } from './status-codes.js';
import { SubmitWindow } from './submit-window.js';

/** How one submit_sm ended: answered, or not in time (then its late answer follows). */
type PartResult = { kind: 'answered'; answer: PartAnswer } | { kind: 'unanswered'; late: Promise<PartAnswer> };
type PartAnswer = { kind: 'ok'; ref: string } | { kind: 'refused'; error: CarrierError } | { kind: 'lost' };

interface WaitingSubmit {
  session: smpp.Session;
  sentAt: number;
  /** Past our deadline: the caller was told "in doubt" and waits for the late answer. */
  late: boolean;
  lost: () => void;
}

export function createSmppCarrier(config: SmppCarrierConfigInput): SmppCarrier {
  return new SmppCarrier(SmppCarrierConfig.parse(config));
}

export class SmppCarrier implements Carrier {
  readonly kind = 'smpp' as const;
  readonly id: string;
  private sink: CarrierSink | null = null;
  private stopped = true;
  private session: smpp.Session | null = null;
  private bound = false;
  /** Why the link went down, set just before it closes so the 'close' handler can say it. */
  private downReason: string | null = null;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private readonly window: SubmitWindow;
  private readonly inflight = new Map<number, (error: CarrierError) => void>();
  /** submit_sm by sequence number, until the SMSC answers or the link is gone. */
  private readonly submits = new Map<number, WaitingSubmit>();
  private lateHeld = 0;
  private waitAckTimer: NodeJS.Timeout | null = null;
  private readonly deliveries: Deliveries;
  private concatRef = Math.floor(Math.random() * 0x10000);
  private current: CarrierStatus;
  private readonly sent = new SentToday();

  constructor(readonly config: SmppCarrierConfig) {
    this.id = config.id;
    this.backoffMs = config.reconnect.initialMs;
    this.window = new SubmitWindow(config.window, config.maxPerSecond);
    this.deliveries = new Deliveries(config, () => this.sink, (session) => this.confirmAcks(session));
    this.current = emptyStatus(config.id, 'smpp', config.name);
  }

  async start(sink: CarrierSink): Promise<void> {
    this.sink = sink;
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const session = this.session;
    this.session = null;
    this.failInflight('The carrier was stopped before the SMSC answered.');
    for (const w of [...this.submits.values()]) w.lost();
    // Parts held for reassembly were never acknowledged: the SMSC delivers them again next bind.
    this.deliveries.drop();
    if (session) {
      if (this.bound) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(this.config.responseTimeoutMs, 2_000));
          session.unbind({}, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      await new Promise<void>((resolve) => session.destroy(() => resolve()));
    }
    this.bound = false;
    this.setState('disabled', 'Stopped.');
  }

  /** The queue changes with every submit, so the board reads it here rather than by event. */
  status(): CarrierStatus {
    return { ...this.current, queue: this.window.queued, sentToday: this.sent.count() };
  }

  /** The window, less the places still held by submits waiting for a late answer; 0 unbound. */
  capacity(): number {
    return this.bound && this.session ? Math.max(0, this.window.size - this.lateHeld) : 0;
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    this.requireBound();
    const refBits = this.config.concatRef === '8bit' ? 8 : 16;
    this.concatRef = (this.concatRef + 1) % 2 ** refBits;
    const parts = buildSubmitParts(sms.text, this.concatRef, refBits);
    const source = toSmppAddress(this.config.sourceAddr);
    const dest = toSmppAddress(sms.phone);
    // Parts are queued in order (the window is first come, first served) and pipelined.
    const results = await Promise.all(
      parts.map((part) =>
        this.submitPart(sms.phone, {
          source_addr: source.addr,
          source_addr_ton: this.config.sourceTon ?? source.ton,
          source_addr_npi: this.config.sourceNpi ?? source.npi,
          destination_addr: dest.addr,
          dest_addr_ton: dest.ton,
          dest_addr_npi: dest.npi,
          registered_delivery: sms.requestReport ? 1 : 0,
          ...(sms.validUntil ? { validity_period: new Date(sms.validUntil) } : {}),
          ...part,
        }).catch((error: unknown): PartResult => ({ kind: 'answered', answer: { kind: 'refused', error: toCarrierError(error) } })),
      ),
    );
    const refused = results.flatMap((r) => (r.kind === 'answered' && r.answer.kind === 'refused' ? [r.answer.error] : []));
    // One permanent refusal fails the message, whatever became of its other parts.
    const permanent = refused.find((e) => e.kind === 'permanent');
    if (permanent) throw permanent;
    const unanswered = results.some((r) => r.kind === 'unanswered' || r.answer.kind === 'lost');
    if (unanswered) {
      void this.reportLate(sms.messageId, results);
      const lost = results.some((r) => r.kind === 'answered' && r.answer.kind === 'lost');
      throw new CarrierError(
        lost
          ? `The connection to the SMSC was lost before it answered the SMS to ${sms.phone}: it may or may not have been accepted.`
          : `The SMSC did not answer the SMS to ${sms.phone} within ${this.config.responseTimeoutMs} ms: it may or may not have been accepted; listening for a late answer.`,
        lost ? 'smpp-connection-lost' : 'smpp-timeout',
        'in-doubt',
      );
    }
    if (refused.length > 0) throw refused.find((e) => e.kind === 'throttled') ?? refused[0]!;
    return { refs: results.map((r) => ((r as { answer: { ref: string } }).answer.ref)) };
  }

  /** Once every part of an in-doubt SMS is settled, tells the sink what became of it. */
  private async reportLate(messageId: number, results: PartResult[]): Promise<void> {
    const answers = await Promise.all(results.map((r) => (r.kind === 'answered' ? r.answer : r.late)));
    let late: LateAnswer;
    const refused = answers.find((a): a is Extract<PartAnswer, { kind: 'refused' }> => a.kind === 'refused');
    if (answers.some((a) => a.kind === 'lost')) late = { kind: 'lost' };
    else if (refused) late = { kind: 'refused', error: refused.error };
    else late = { kind: 'sent', refs: answers.map((a) => (a as { ref: string }).ref) };
    try {
      this.sink?.late?.(messageId, late, this.id);
    } catch {
      // The station's own trouble; the answer is not ours to keep.
    }
  }

  /**
   * One submit_sm through the window. Answered within the deadline: that answer. Not: the
   * caller hears "unanswered" and gets the late answer when it comes, or `lost` with the link.
   * The window place is held until then (the SMSC still counts the submit as outstanding).
   */
  private async submitPart(phone: string, options: Record<string, unknown>): Promise<PartResult> {
    const release = await this.window.enter();
    const session = this.session;
    if (!this.bound || !session) {
      release();
      throw this.downError();
    }
    return new Promise<PartResult>((resolve) => {
      let settleLate: ((a: PartAnswer) => void) | null = null;
      let seq = 0;
      const finish = (answer: PartAnswer) => {
        const waiting = this.submits.get(seq);
        if (!waiting) return;
        clearTimeout(timer);
        this.submits.delete(seq);
        release();
        if (waiting.late) {
          this.lateHeld--;
          settleLate?.(answer);
        } else resolve({ kind: 'answered', answer });
      };
      const timer = setTimeout(() => {
        const waiting = this.submits.get(seq);
        if (!waiting) return;
        waiting.late = true;
        this.lateHeld++;
        this.armWaitAck();
        resolve({ kind: 'unanswered', late: new Promise<PartAnswer>((r) => (settleLate = r)) });
      }, this.config.responseTimeoutMs);
      const pdu = new smpp.PDU('submit_sm', options);
      const mark = this.deliveries.mark();
      // The submits of one outbox round leave in one write: a syscall each cost more than its PDU.
      const socket = session.socket;
      if (socket.writableCorked === 0) {
        socket.cork();
        process.nextTick(() => socket.uncork());
      }
      const sent = session.send(pdu, (resp) => {
        this.deliveries.answered(session, mark);
        finish(this.answerOf(resp, phone));
      });
      if (!sent) {
        clearTimeout(timer);
        release();
        resolve({ kind: 'answered', answer: { kind: 'refused', error: this.downError() } });
        return;
      }
      seq = pdu.sequence_number;
      this.submits.set(seq, { session, sentAt: Date.now(), late: false, lost: () => finish({ kind: 'lost' }) });
    });
  }

  /** submit_sm_resp, or a generic_nack carrying the submit's sequence number (§4.3). */
  private answerOf(resp: smpp.PDU, phone: string): PartAnswer {
    const code = resp.command_status;
    if (code === 0 && resp.command !== 'generic_nack') {
      this.sent.add();
      return { kind: 'ok', ref: normalizeSubmitId(String(resp.message_id ?? ''), this.config.receiptId) };
    }
    return {
      kind: 'refused',
      error: new CarrierError(
        `The SMSC refused the SMS to ${phone}: ${describeStatus(code)}.`,
        `smpp-0x${code.toString(16).padStart(4, '0')}`,
        statusKind(code, this.config.transientStatuses),
      ),
    };
  }

  /**
   * Kannel's "wait-ack" with "wait-ack-expire 0x00" (gw/smsc/smsc_smpp.c): a submit still
   * unanswered this long on a live link means the SMSC is hung behind a live front end; drop
   * the link and bind again, which settles every waiting submit as lost.
   */
  private armWaitAck(): void {
    if (this.waitAckTimer) return;
    this.waitAckTimer = setInterval(() => {
      const now = Date.now();
      let oldest = Number.POSITIVE_INFINITY;
      for (const w of this.submits.values()) if (w.late) oldest = Math.min(oldest, w.sentAt);
      if (!Number.isFinite(oldest)) {
        clearInterval(this.waitAckTimer!);
        this.waitAckTimer = null;
        return;
      }
      if (now - oldest >= this.config.waitAckMs && this.session) {
        this.downReason = `The SMSC answered no submit for ${Math.round((now - oldest) / 1000)} s though the link was up.`;
        this.session.destroy();
      }
    }, Math.min(1_000, this.config.waitAckMs));
    this.waitAckTimer.unref();
  }

  // ── connection ────────────────────────────────────────────────────────────────────────────

  private connect(): void {
    if (this.stopped) return;
    const { host, port, tls } = this.config;
    this.setState('connecting', `Connecting to ${host}:${port}…`);
    this.downReason = null;
    const session = smpp.connect({ host, port, tls });
    this.session = session;
    // Nagle's algorithm holds a small submit back until the previous one is acknowledged, which
    // serialises a window of submits behind the SMSC's answers: send each PDU at once.
    session.socket.setNoDelay(true);
    // A host that drops SYNs would hang in connect for minutes: give connect + bind a deadline.
    const deadline = setTimeout(() => {
      this.downReason = `No answer from ${host}:${port} within ${this.config.responseTimeoutMs} ms.`;
      session.destroy();
    }, this.config.responseTimeoutMs);
    session.on(tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(deadline);
      this.bind(session);
    });
    session.on('error', (error: NodeJS.ErrnoException) => {
      this.downReason ??= describeSocketError(error, host, port);
    });
    session.on('close', () => {
      clearTimeout(deadline);
      try {
        this.onClosed(session);
      } catch {
        // Whatever failed in tidying up, the link must come back.
        if (!this.stopped && !this.reconnectTimer && (this.session === null || this.session === session)) {
          this.session = null;
          this.bound = false;
          this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = null;
            this.connect();
          }, this.backoffMs);
        }
      }
    });
    session.on('deliver_sm', (pdu: smpp.PDU) => this.deliveries.onDeliver(session, pdu));
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      this.downReason = 'The SMSC ended the session (unbind).';
      session.send(pdu.response());
      session.close();
    });
    session.on('unknown', (pdu: smpp.PDU) => session.send(pdu.response()));
  }

  private bind(session: smpp.Session): void {
    this.request(session, 'bind_transceiver', {
      system_id: this.config.systemId,
      password: this.config.password,
      system_type: this.config.systemType,
      interface_version: 0x34,
    }).then(
      (resp) => {
        if (session !== this.session) return;
        if (resp.command_status !== 0) {
          this.downReason = `The SMSC refused the login: ${describeStatus(resp.command_status)}. Check system id and password in the carrier settings.`;
          session.destroy();
          return;
        }
        this.bound = true;
        this.backoffMs = this.config.reconnect.initialMs;
        this.setState('up', null);
        this.startEnquireLink(session);
      },
      (error: unknown) => {
        this.downReason = `Bind failed: ${toCarrierError(error).message}`;
        session.destroy();
      },
    );
  }

  private startEnquireLink(session: smpp.Session): void {
    this.enquireTimer = setInterval(() => {
      this.request(session, 'enquire_link', {}).catch(() => {
        if (session !== this.session) return;
        this.downReason = `The SMSC stopped answering enquire_link (no answer in ${this.config.responseTimeoutMs} ms).`;
        session.destroy();
      });
    }, this.config.enquireLinkMs);
  }

  private onClosed(session: smpp.Session): void {
    if (session !== this.session) return;
    this.session = null;
    this.bound = false;
    this.clearTimers();
    const reason = this.downReason ?? 'The SMSC closed the connection.';
    this.failInflight(`The connection was lost before the SMSC answered (${reason}) The SMS may or may not have been accepted.`);
    this.loseSubmits(session);
    this.deliveries.drop();
    if (this.stopped) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.config.reconnect.maxMs);
    this.setState('down', `${reason} Reconnecting in ${formatDelay(wait)}.`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, wait);
  }

  /** Sends a request PDU and resolves with its response, or rejects (transient) on timeout. */
  /** An enquire_link shortly after acknowledging incoming SMS: its answer proves the SMSC read them (Deliveries). */
  private confirmAcks(session: smpp.Session): void {
    if (this.confirmTimer) return;
    this.confirmTimer = setTimeout(() => {
      this.confirmTimer = null;
      if (session !== this.session || !this.bound) return;
      this.request(session, 'enquire_link', {}).catch(() => undefined); // a dead link: the regular enquire_link says so
    }, 100);
    this.confirmTimer.unref();
  }

  private confirmTimer: NodeJS.Timeout | null = null;

  private request(session: smpp.Session, command: string, options: Record<string, unknown>): Promise<smpp.PDU> {
    return new Promise((resolve, reject) => {
      const pdu = new smpp.PDU(command, options);
      const mark = this.deliveries.mark();
      let seq = 0;
      const timer = setTimeout(() => {
        this.inflight.delete(seq);
        reject(new CarrierError(`The SMSC did not answer ${command} within ${this.config.responseTimeoutMs} ms.`, 'smpp-timeout', true));
      }, this.config.responseTimeoutMs);
      const sent = session.send(pdu, (resp) => {
        clearTimeout(timer);
        this.inflight.delete(seq);
        this.deliveries.answered(session, mark);
        resolve(resp);
      });
      if (!sent) {
        clearTimeout(timer);
        reject(this.downError());
        return;
      }
      seq = pdu.sequence_number;
      this.inflight.set(seq, (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** The link is gone: no submit sent on it will ever be answered. */
  private loseSubmits(session: smpp.Session): void {
    for (const w of [...this.submits.values()]) if (w.session === session) w.lost();
  }

  private failInflight(message: string): void {
    const rejects = [...this.inflight.values()];
    this.inflight.clear();
    for (const reject of rejects) reject(new CarrierError(message, 'smpp-connection-lost', true));
    this.window.failWaiting(() => this.downError());
  }

  private requireBound(): smpp.Session {
    if (!this.bound || !this.session) throw this.downError();
    return this.session;
  }

  private downError(): CarrierError {
    const why = this.current.detail ? ` ${this.current.detail}` : '';
    return new CarrierError(`${this.config.name} is not connected to the SMSC.${why}`, 'smpp-down', true);
  }

  // ── status ────────────────────────────────────────────────────────────────────────────────

  private setState(state: CarrierStatus['state'], detail: string | null): void {
    this.current = { ...this.current, state, detail };
    this.sink?.status(this.status());
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    if (this.waitAckTimer) clearInterval(this.waitAckTimer);
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    this.reconnectTimer = null;
    this.enquireTimer = null;
    this.waitAckTimer = null;
  }
}

function toCarrierError(error: unknown): CarrierError {
  if (error instanceof CarrierError) return error;
  return new CarrierError(error instanceof Error ? error.message : String(error), 'smpp-error', true);
}

function describeSocketError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `${host}:${port} refused the connection: is the SMSC address right and the account active?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The SMSC host "${host}" could not be resolved: check the address or the internet connection.`;
    case 'ECONNRESET':
      return 'The SMSC reset the connection.';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host}:${port} cannot be reached: check the internet connection.`;
    default:
      return `Connection error: ${error.message}.`;
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
