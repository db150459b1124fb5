// The one interface every way of sending an SMS implements: the simulator, the GSM modem (and
// modem pool), SMPP and HTTP providers. Carriers do not know the store: the outbox hands them a
// message and records what they answer; they hand inbound SMS and delivery reports to a sink.
import type { CarrierKind, CarrierStatus } from '../../../shared/protocol/index.js';

export interface OutboundSms {
  /** The store's message id: carriers may use it in logs, never as a carrier reference. */
  messageId: number;
  /** E.164, with the leading '+'. */
  phone: string;
  text: string;
  /** Ask the network for a delivery report per segment. */
  requestReport: boolean;
  /** Epoch ms after which the network should stop trying. */
  validUntil?: number;
}

export interface SendResult {
  /** One carrier reference per segment, in segment order; delivery reports quote these. */
  refs: string[];
}

export interface InboundSms {
  /** Sender as the network gave it: E.164 when it is a number, else an alphanumeric name. */
  from: string;
  /** The number or short code it was sent to, when the carrier knows it. */
  to?: string;
  text: string;
  /** Epoch ms: the network's timestamp when the carrier has one, else arrival time. */
  receivedAt: number;
  /**
   * This SMS's identity at this carrier: two different SMS never share it, and the same SMS
   * delivered again (after a crash, a lost acknowledgement, a re-read of the SIM) always has it.
   * The store keeps one row per (carrier, carrierRef). Every carrier should set it; without it a
   * redelivery is stored twice.
   */
  carrierRef?: string;
  /**
   * Set when `carrierRef` is a content key (sender, recipient, text…) rather than the network's
   * own id, as for SMPP deliver_sm, which carries none: an SMS with the same key stored longer
   * ago than this is another SMS that happens to say the same, not a redelivery.
   */
  carrierRefWindowMs?: number;
}

export type ReportStatus = 'delivered' | 'failed' | 'pending';

export interface DeliveryReport {
  /** One of the refs `send` returned. */
  ref: string;
  status: ReportStatus;
  at: number;
  /** The network's reason, for a failure. */
  error?: string;
}

/**
 * What became of a submit the carrier gave up waiting for (it threw an `in-doubt` CarrierError
 * for it). Reported at most once per message and submit, keyed by the store's message id.
 */
export type LateAnswer =
  /** The answer came after all: the network took it, with these references. */
  | { kind: 'sent'; refs: string[] }
  /** The answer came and was a refusal. */
  | { kind: 'refused'; error: CarrierError }
  /** The link or session that carried the submit is gone: no answer will ever come. */
  | { kind: 'lost' };

/** Where a carrier hands what it receives. */
export interface CarrierSink {
  /**
   * Resolves once the SMS is committed to the store. Only then may the carrier acknowledge it to
   * the network or delete it from the SIM: that is how nothing received is ever lost.
   * Rejects only when the SMS could not be committed (the store is failing): then the carrier
   * must not acknowledge it (answer "try later", keep it on the SIM). What the station does after
   * the commit (matching, auto-replies, commands, webhooks) never makes it reject.
   */
  inbound(sms: InboundSms, carrierId: string): Promise<void>;
  /**
   * Applies a delivery report. Throws only when it could not be stored (the store is failing):
   * then the carrier should not acknowledge it either, so the network reports it again.
   */
  report(report: DeliveryReport, carrierId: string): void;
  status(status: CarrierStatus): void;
  /** The late outcome of a submit that was `in-doubt` (see LateAnswer). */
  late?(messageId: number, answer: LateAnswer, carrierId: string): void;
  /**
   * The network surely has our acknowledgement of these stored SMS (by their carrierRef), in
   * time: it will not deliver them again, so a later SMS with the same content key is a new one.
   * Carriers whose acknowledgement cannot be proved (or whose refs are the network's own ids)
   * need not call it.
   */
  acknowledged?(carrierId: string, carrierRefs: string[]): void;
}

export interface Carrier {
  readonly id: string;
  readonly kind: CarrierKind;
  /** Connects in the background; state changes are reported to the sink. Never throws on a
   * peer that is down: the carrier reports `down` and keeps retrying. */
  start(sink: CarrierSink): Promise<void>;
  stop(): Promise<void>;
  status(): CarrierStatus;
  /** Throws CarrierError when the SMS was not accepted (its `kind` says what the outbox does). */
  send(sms: OutboundSms): Promise<SendResult>;
  /**
   * How many SMS this carrier can have in flight at once right now: the SMPP window, one per
   * modem that is up, an HTTP provider's parallel requests. The outbox's lane for this carrier
   * never hands it more. Absent: 1.
   */
  capacity?(): number;
}

/**
 * What a refusal means for the outbox (DESIGN §4, "Carriers and failover"):
 * - `permanent`: this SMS will not go through (a bad number, a barred subscriber): fail it.
 * - `transient`: worth another try later; counts as an attempt.
 * - `throttled`: back-pressure (ESME_RTHROTTLED, ESME_RMSGQFUL, HTTP 429/503): slow this
 *   carrier down; no attempt is counted; the SMS may move to another carrier.
 * - `in-doubt`: the submit left but no answer came in time: the SMS may have gone out. The
 *   carrier keeps listening and reports the outcome through `CarrierSink.late`.
 */
export type CarrierErrorKind = 'permanent' | 'transient' | 'throttled' | 'in-doubt';

export interface CarrierErrorOptions {
  /** The carrier said when to come back (HTTP Retry-After): a throttled lane pauses this long. */
  retryAfterMs?: number;
}

/** A carrier's refusal; `kind` tells the outbox how to treat it. */
export class CarrierError extends Error {
  override readonly name = 'CarrierError';
  readonly kind: CarrierErrorKind;
  readonly retryAfterMs: number | undefined;
  /** @param kind a kind, or the older boolean: true = transient, false = permanent */
  constructor(
    message: string,
    readonly code: string,
    kind: CarrierErrorKind | boolean,
    options: CarrierErrorOptions = {},
  ) {
    super(message);
    this.kind = kind === true ? 'transient' : kind === false ? 'permanent' : kind;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Anything but permanent is worth trying again, here or elsewhere. */
  get transient(): boolean {
    return this.kind !== 'permanent';
  }
}

export function emptyStatus(id: string, kind: CarrierKind, name: string): CarrierStatus {
  return {
    id,
    kind,
    name,
    state: 'connecting',
    detail: null,
    signal: null,
    operator: null,
    queue: 0,
    sentToday: 0,
  };
}
