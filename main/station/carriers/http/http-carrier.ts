// A provider's HTTP SMS API as a Carrier. There is no connection to keep, so "up" is learnt
// from answers: network failures, timeouts and 5xx in a row take it down (and the router fails
// over); a probe, or simply time, brings it back. 4xx means this SMS is wrong and is permanent,
// except 401/403, which mean our credentials are: that takes the carrier down instead of failing
// every queued message. 429 and 503 are back-pressure (throttled, with Retry-After when given).
// A request that got no answer in time is in doubt — the provider may have taken it — and is
// still listened to for a while: its late answer is reported through CarrierSink.late.
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
import { handleCallback, type CallbackRequest, type CallbackResponse } from './callback.js';
import { HttpCarrierConfig, type HttpCarrierConfigInput } from './config.js';
import { fillDeep, fillTemplate, readPath } from './template.js';

export function createHttpCarrier(config: HttpCarrierConfigInput): HttpCarrier {
  return new HttpCarrier(HttpCarrierConfig.parse(config));
}

export class HttpCarrier implements Carrier {
  readonly kind = 'http' as const;
  readonly id: string;
  private sink: CarrierSink | null = null;
  private current: CarrierStatus;
  private failuresInARow = 0;
  private inFlight = 0;
  /** Requests past their deadline, still waiting for a late answer. */
  private lateHeld = 0;
  private recoverTimer: NodeJS.Timeout | null = null;
  private readonly sent = new SentToday();

  constructor(readonly config: HttpCarrierConfig) {
    this.id = config.id;
    this.current = emptyStatus(config.id, 'http', config.name);
  }

  async start(sink: CarrierSink): Promise<void> {
    this.sink = sink;
    // Nothing to connect: the first answers tell. With a probe URL, ask it now.
    if (this.config.healthUrl) {
      this.setState('connecting', `Checking ${new URL(this.config.healthUrl).host}…`);
      void this.probe();
    } else {
      this.setState('up', null);
    }
  }

  async stop(): Promise<void> {
    if (this.recoverTimer) clearTimeout(this.recoverTimer);
    this.recoverTimer = null;
    this.setState('disabled', 'Stopped.');
    this.sink = null;
  }

  status(): CarrierStatus {
    return { ...this.current, queue: this.inFlight, sentToday: this.sent.count() };
  }

  capacity(): number {
    return Math.max(0, this.config.send.maxInFlight - this.lateHeld);
  }

  async send(sms: OutboundSms): Promise<SendResult> {
    const cfg = this.config.send;
    const values: Record<string, string> = {
      ...this.config.params,
      to: sms.phone,
      to_digits: sms.phone.replace(/^\+/, ''),
      text: sms.text,
      from: this.config.from,
      messageId: String(sms.messageId),
      report: sms.requestReport ? '1' : '0',
      validUntil: sms.validUntil ? new Date(sms.validUntil).toISOString() : '',
    };
    const url = fillTemplate(cfg.url, values, encodeURIComponent);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(cfg.headers)) headers[k] = fillTemplate(v, values);
    Object.assign(headers, authHeaders(this.config));
    let body: string | undefined;
    if (cfg.contentType === 'json') {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(fillDeep(cfg.body ?? { to: '{to}', text: '{text}', from: '{from}' }, values));
    } else if (cfg.contentType === 'form') {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      const fields = fillDeep(cfg.body ?? { to: '{to}', text: '{text}', from: '{from}' }, values);
      body = new URLSearchParams(
        Object.entries(fields as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
    }

    const exchange = this.exchange(url, { method: cfg.method, headers, ...(body !== undefined && cfg.method !== 'GET' ? { body } : {}) });
    this.inFlight++;
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (deadline = setTimeout(() => resolve('timeout'), cfg.timeoutMs)));
    let first: Exchanged | 'timeout';
    try {
      first = await Promise.race([exchange, timedOut]);
    } finally {
      clearTimeout(deadline);
      this.inFlight--;
    }
    if (first === 'timeout') {
      this.noteFailure(`${this.host()} did not answer within ${cfg.timeoutMs} ms.`);
      this.lateHeld++;
      void exchange.then((late) => {
        this.lateHeld--;
        this.sink?.late?.(sms.messageId, this.lateAnswer(late, sms), this.id);
      });
      throw new CarrierError(
        `${this.host()} did not answer within ${cfg.timeoutMs} ms: the SMS may or may not have been taken; listening for a late answer.`,
        'http-timeout',
        'in-doubt',
      );
    }
    const outcome = this.judge(first, sms);
    if (outcome.kind === 'sent') return { refs: outcome.refs };
    if (outcome.lost) queueMicrotask(() => this.sink?.late?.(sms.messageId, { kind: 'lost' }, this.id));
    throw outcome.error;
  }

  /** The request, listened to for its late answer up to `lateAnswerMs`; never rejects. */
  private async exchange(url: string, init: RequestInit): Promise<Exchanged> {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.send.lateAnswerMs) });
      const text = await res.text();
      return { kind: 'answer', status: res.status, text, contentType: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after') };
    } catch (error) {
      return { kind: 'network', error };
    }
  }

  /** What an answer (or its absence) means for this SMS; `lost`: it may have been taken. */
  private judge(x: Exchanged, sms: OutboundSms): { kind: 'sent'; refs: string[] } | { kind: 'error'; error: CarrierError; lost?: boolean } {
    const cfg = this.config.send;
    if (x.kind === 'network') {
      const cause = causeOf(x.error);
      const aborted = x.error instanceof Error && (x.error.name === 'TimeoutError' || x.error.name === 'AbortError');
      // Refused or unresolved: the request never left. Cut off mid-way: it may have been taken.
      const neverSent = NOT_SENT.has(cause);
      const why = aborted ? `${this.host()} did not answer within ${cfg.lateAnswerMs} ms` : `${this.host()} cannot be reached (${cause})`;
      this.noteFailure(`${why}.`);
      if (neverSent) return { kind: 'error', error: new CarrierError(`${why}; the SMS will be retried.`, 'http-network', 'transient') };
      return {
        kind: 'error',
        lost: true,
        error: new CarrierError(`${why}; the provider may or may not have taken the SMS.`, 'http-network', 'in-doubt'),
      };
    }
    const { status, text } = x;
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(x.retryAfter);
      return {
        kind: 'error',
        error: new CarrierError(
          `The provider asks us to slow down (${status}${retryAfterMs !== undefined ? `, retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''}).`,
          `http-${status}`,
          'throttled',
          retryAfterMs !== undefined ? { retryAfterMs } : {},
        ),
      };
    }
    if (status >= 500) {
      this.noteFailure(`${this.host()} answers ${status}.`);
      return { kind: 'error', error: new CarrierError(`The provider had a server error (${status}): ${snippet(text)}`, `http-${status}`, 'transient') };
    }
    if (status === 401 || status === 403) {
      this.failuresInARow = 0;
      this.goDown(`The provider refused our credentials (${status}): check the API key or login in the carrier settings.`);
      return { kind: 'error', error: new CarrierError(`The provider refused our credentials (${status}).`, `http-${status}`, 'transient') };
    }
    if (status >= 400) {
      this.noteSuccess(); // the API is up; it is this SMS it refuses
      return {
        kind: 'error',
        error: new CarrierError(`The provider refused the SMS to ${sms.phone} (${status}): ${snippet(text)}`, `http-${status}`, 'permanent'),
      };
    }
    this.noteSuccess();
    const parsed = parseJson(text, x.contentType);
    if (cfg.errorPath && parsed !== undefined) {
      const err = readPath(parsed, cfg.errorPath);
      if (err !== undefined && err !== null && err !== '' && err !== false && err !== 0) {
        return {
          kind: 'error',
          error: new CarrierError(`The provider refused the SMS to ${sms.phone}: ${typeof err === 'string' ? err : JSON.stringify(err)}`, 'http-refused', 'permanent'),
        };
      }
    }
    this.sent.add();
    return { kind: 'sent', refs: this.refsFrom(parsed, text, sms) };
  }

  private lateAnswer(x: Exchanged, sms: OutboundSms): LateAnswer {
    const outcome = this.judge(x, sms);
    if (outcome.kind === 'sent') return { kind: 'sent', refs: outcome.refs };
    return outcome.lost ? { kind: 'lost' } : { kind: 'refused', error: outcome.error };
  }

  /**
   * Parses one callback (a delivery report or an incoming SMS, or a batch of them), commits
   * inbound SMS through the sink, and only then says what to answer the provider.
   */
  async handleCallback(request: CallbackRequest): Promise<CallbackResponse> {
    return handleCallback(this.config, this.id, this.sink, request);
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  private refsFrom(parsed: unknown, text: string, sms: OutboundSms): string[] {
    const cfg = this.config.send;
    if (cfg.messageIdPath && parsed !== undefined) {
      const id = readPath(parsed, cfg.messageIdPath);
      if (Array.isArray(id) && id.length > 0) return id.map(String);
      if (typeof id === 'string' || typeof id === 'number') return [String(id)];
    }
    if (cfg.messageIdPattern) {
      const m = new RegExp(cfg.messageIdPattern).exec(text);
      if (m?.[1]) return [m[1]];
    }
    // Accepted but no id to be found: reports cannot be matched, yet retrying would send it twice.
    return [`${this.id}:${sms.messageId}`];
  }

  private noteSuccess(): void {
    this.failuresInARow = 0;
    if (this.current.state !== 'up') this.setState('up', null);
  }

  private noteFailure(why: string): void {
    this.failuresInARow++;
    if (this.failuresInARow >= this.config.downAfterFailures && this.current.state !== 'down') this.goDown(why);
  }

  private goDown(why: string): void {
    const next = this.config.healthUrl ? 'probing again' : 'offering it again';
    this.setState('down', `${why} ${capitalise(next)} in ${Math.round(this.config.recoverAfterMs / 1000)} s.`);
    this.scheduleRecovery();
  }

  private scheduleRecovery(): void {
    if (this.recoverTimer || !this.sink) return;
    this.recoverTimer = setTimeout(() => {
      this.recoverTimer = null;
      if (!this.sink || this.current.state !== 'down') return;
      if (this.config.healthUrl) void this.probe();
      // No probe: offer it for traffic only when nothing better is up; a success makes it 'up'.
      else this.setState('degraded', 'Not confirmed since it went down; used only when no other carrier is up.');
    }, this.config.recoverAfterMs);
  }

  private async probe(): Promise<void> {
    const url = this.config.healthUrl!;
    try {
      const res = await fetch(url, { headers: authHeaders(this.config), signal: AbortSignal.timeout(this.config.send.timeoutMs) });
      await res.arrayBuffer();
      if (res.status < 500) {
        this.failuresInARow = 0;
        if (res.status === 401 || res.status === 403) {
          return this.goDown(`The provider refused our credentials (${res.status}): check the API key or login in the carrier settings.`);
        }
        return this.setState('up', null);
      }
      this.goDown(`${this.host()} answers ${res.status}.`);
    } catch (error) {
      this.goDown(`${this.host()} cannot be reached (${causeOf(error)}).`);
    }
  }

  private setState(state: CarrierStatus['state'], detail: string | null): void {
    if (!this.sink && state !== 'disabled') return;
    this.current = { ...this.current, state, detail };
    this.sink?.status(this.status());
  }

  private host(): string {
    return new URL(this.config.send.url.replace(/\{[^}]*\}/g, 'x')).host;
  }
}

type Exchanged =
  | { kind: 'answer'; status: number; text: string; contentType: string; retryAfter: string | null }
  | { kind: 'network'; error: unknown };

/** Errors that mean the request never reached the provider: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Retry-After (RFC 9110 §10.2.3): seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function authHeaders(config: HttpCarrierConfig): Record<string, string> {
  const auth = config.send.auth;
  switch (auth.kind) {
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` };
    case 'header':
      return { [auth.name]: auth.value };
    default:
      return {};
  }
}

function parseJson(text: string, contentType: string): unknown {
  if (!/json/i.test(contentType) && !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t || '(empty answer)';
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
