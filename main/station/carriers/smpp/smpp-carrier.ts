// An operator's SMPP account as a Carrier: one transceiver bind carries submits out and MO
// messages and delivery receipts in. The connection is ours to keep: enquire_link probes it,
// any loss reconnects with backoff, and every change of state goes to the sink in a sentence.
import smpp from 'smpp';
import type { CarrierStatus } from '../../../../shared/protocol/index.js';
import {
  CarrierError,
  emptyStatus,
  type Carrier,
  type CarrierSink,
  type OutboundSms,
  type SendResult,
} from '../carrier.js';
import { SentToday } from '../sent-today.js';
import { fromSmppAddress, toSmppAddress } from './address.js';
import { SmppCarrierConfig, type SmppCarrierConfigInput } from './config.js';
import { buildSubmitParts, concatFromUdh, decodeText, type ConcatInfo } from './encoding.js';
import { isReceipt, normalizeSubmitId, parseReceipt, receiptIdToSubmitId } from './receipt.js';
import { Reassembler } from './reassembly.js';
import { describeStatus, isTransientStatus } from './status-codes.js';
import { SubmitWindow } from './submit-window.js';

type Ack = { session: smpp.Session; pdu: smpp.PDU };

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
  private readonly reassembler: Reassembler<Ack>;
  private concatRef = Math.floor(Math.random() * 0x10000);
  private current: CarrierStatus;
  private readonly sent = new SentToday();

  constructor(readonly config: SmppCarrierConfig) {
    this.id = config.id;
    this.backoffMs = config.reconnect.initialMs;
    this.window = new SubmitWindow(config.window, config.maxPerSecond);
    this.reassembler = new Reassembler<Ack>(config.reassemblyTimeoutMs, (m) =>
      this.commitInbound(m.from, m.to, m.text, m.acks),
    );
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
    // Parts held for reassembly were never acknowledged: the SMSC delivers them again next bind.
    this.reassembler.drop();
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

  async send(sms: OutboundSms): Promise<SendResult> {
    this.requireBound();
    const refBits = this.config.concatRef === '8bit' ? 8 : 16;
    this.concatRef = (this.concatRef + 1) % 2 ** refBits;
    const parts = buildSubmitParts(sms.text, this.concatRef, refBits);
    const source = toSmppAddress(this.config.sourceAddr);
    const dest = toSmppAddress(sms.phone);
    // Parts are queued in order (the window is first come, first served) and pipelined.
    const results = await Promise.allSettled(
      parts.map((part) =>
        this.window.run(async () => {
          const session = this.requireBound();
          const resp = await this.request(session, 'submit_sm', {
            source_addr: source.addr,
            source_addr_ton: this.config.sourceTon ?? source.ton,
            source_addr_npi: this.config.sourceNpi ?? source.npi,
            destination_addr: dest.addr,
            dest_addr_ton: dest.ton,
            dest_addr_npi: dest.npi,
            registered_delivery: sms.requestReport ? 1 : 0,
            ...(sms.validUntil ? { validity_period: new Date(sms.validUntil) } : {}),
            ...part,
          });
          if (resp.command_status !== 0) {
            const code = resp.command_status;
            throw new CarrierError(
              `The SMSC refused the SMS to ${sms.phone}: ${describeStatus(code)}.`,
              `smpp-0x${code.toString(16).padStart(4, '0')}`,
              isTransientStatus(code, this.config.transientStatuses),
            );
          }
          this.sent.add();
          return normalizeSubmitId(String(resp.message_id ?? ''), this.config.receiptId);
        }),
      ),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) {
      const errors = failed.map((f) => toCarrierError(f.reason));
      // One permanent refusal fails the message; otherwise it is worth another try.
      throw errors.find((e) => !e.transient) ?? errors[0]!;
    }
    return { refs: results.map((r) => (r as PromiseFulfilledResult<string>).value) };
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
      this.onClosed(session);
    });
    session.on('deliver_sm', (pdu: smpp.PDU) => this.onDeliver(session, pdu));
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
    this.reassembler.drop();
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
  private request(session: smpp.Session, command: string, options: Record<string, unknown>): Promise<smpp.PDU> {
    return new Promise((resolve, reject) => {
      const pdu = new smpp.PDU(command, options);
      let seq = 0;
      const timer = setTimeout(() => {
        this.inflight.delete(seq);
        reject(new CarrierError(`The SMSC did not answer ${command} within ${this.config.responseTimeoutMs} ms.`, 'smpp-timeout', true));
      }, this.config.responseTimeoutMs);
      const sent = session.send(pdu, (resp) => {
        clearTimeout(timer);
        this.inflight.delete(seq);
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

  // ── inbound ───────────────────────────────────────────────────────────────────────────────

  private onDeliver(session: smpp.Session, pdu: smpp.PDU): void {
    const { text, udh } = readMessage(pdu);
    const esmClass = pdu.esm_class ?? 0;
    if (isReceipt(esmClass, Boolean(pdu.receipted_message_id))) {
      const receipt = parseReceipt({
        text,
        receiptedMessageId: pdu.receipted_message_id,
        messageState: pdu.message_state,
        networkErrorCode: pdu.network_error_code,
      });
      if (receipt && this.sink) {
        this.sink.report(
          {
            ref: receiptIdToSubmitId(receipt.id, this.config.receiptId),
            status: receipt.status,
            at: Date.now(),
            ...(receipt.status === 'failed'
              ? { error: `The network reports ${receipt.stat}${receipt.err ? ` (error ${receipt.err})` : ''}.` }
              : {}),
          },
          this.id,
        );
      }
      // Reports are not stored before the answer: a lost report only leaves a message "sent".
      session.send(pdu.response());
      return;
    }
    const from = fromSmppAddress(pdu.source_addr ?? '', pdu.source_addr_ton, this.config.region);
    const to = pdu.destination_addr ?? '';
    const concat = concatFromUdh(udh) ?? concatFromSar(pdu);
    if (concat && concat.total > 1) {
      this.reassembler.add(from, to, concat, text, { session, pdu });
      return;
    }
    this.commitInbound(from, to, text, [{ session, pdu }]);
  }

  /** Commits first, answers second: an SMS the store refused is answered "try later". */
  private commitInbound(from: string, to: string, text: string, acks: Ack[]): void {
    const sink = this.sink;
    const answer = (status: number) => {
      for (const { session, pdu } of acks) session.send(pdu.response(status ? { command_status: status } : {}));
    };
    if (!sink) return answer(smpp.errors['ESME_RX_T_APPN']!);
    sink
      .inbound({ from, ...(to ? { to } : {}), text, receivedAt: Date.now() }, this.id)
      .then(() => answer(0), () => answer(smpp.errors['ESME_RX_T_APPN']!));
  }

  // ── status ────────────────────────────────────────────────────────────────────────────────

  private setState(state: CarrierStatus['state'], detail: string | null): void {
    this.current = { ...this.current, state, detail };
    this.sink?.status(this.status());
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.reconnectTimer = null;
    this.enquireTimer = null;
  }
}

function readMessage(pdu: smpp.PDU): { text: string; udh: Buffer[] | undefined } {
  // message_payload replaces short_message when the text is long (or the SMSC prefers it).
  const field = pdu.message_payload ?? pdu.short_message;
  if (field === undefined || field === null) return { text: '', udh: undefined };
  if (typeof field === 'string') return { text: field, udh: undefined };
  if (Buffer.isBuffer(field)) return { text: decodeText(field, pdu.data_coding ?? 0), udh: undefined };
  const message = field.message;
  const text = typeof message === 'string' ? message : decodeText(message, pdu.data_coding ?? 0);
  return { text, udh: field.udh };
}

function concatFromSar(pdu: smpp.PDU): ConcatInfo | null {
  if (pdu.sar_msg_ref_num === undefined || !pdu.sar_total_segments || !pdu.sar_segment_seqnum) return null;
  return { reference: pdu.sar_msg_ref_num, total: pdu.sar_total_segments, seq: pdu.sar_segment_seqnum };
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
