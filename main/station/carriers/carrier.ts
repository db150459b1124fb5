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
  /** Carrier's own id for this SMS, used to drop a duplicate delivery of the same message. */
  carrierRef?: string;
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

/** Where a carrier hands what it receives. */
export interface CarrierSink {
  /**
   * Resolves once the SMS is committed to the store. Only then may the carrier acknowledge it to
   * the network or delete it from the SIM: that is how nothing received is ever lost.
   */
  inbound(sms: InboundSms, carrierId: string): Promise<void>;
  report(report: DeliveryReport, carrierId: string): void;
  status(status: CarrierStatus): void;
}

export interface Carrier {
  readonly id: string;
  readonly kind: CarrierKind;
  /** Connects in the background; state changes are reported to the sink. Never throws on a
   * peer that is down: the carrier reports `down` and keeps retrying. */
  start(sink: CarrierSink): Promise<void>;
  stop(): Promise<void>;
  status(): CarrierStatus;
  /** Throws CarrierError when the SMS was not accepted. */
  send(sms: OutboundSms): Promise<SendResult>;
}

/** A carrier's refusal. `transient` errors are retried later; permanent ones fail the message. */
export class CarrierError extends Error {
  override readonly name = 'CarrierError';
  constructor(
    message: string,
    readonly code: string,
    readonly transient: boolean,
  ) {
    super(message);
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
