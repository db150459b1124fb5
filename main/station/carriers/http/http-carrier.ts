// A provider's HTTP SMS API as a Carrier. There is no connection to keep, so "up" is learnt
// from answers: network failures, timeouts and 5xx in a row take it down (and the router fails
// over); a probe, or simply time, brings it back. 4xx means this SMS is wrong and is permanent,
// except 401/403, which mean our credentials are: that takes the carrier down instead of failing
// every queued message.
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

    this.inFlight++;
    let status: number;
    let text: string;
    let contentType: string;
    try {
      const res = await fetch(url, {
        method: cfg.method,
        headers,
        ...(body !== undefined && cfg.method !== 'GET' ? { body } : {}),
        signal: AbortSignal.timeout(cfg.timeoutMs),
      });
      status = res.status;
      contentType = res.headers.get('content-type') ?? '';
      text = await res.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const why = timedOut
        ? `${this.host()} did not answer within ${cfg.timeoutMs} ms`
        : `${this.host()} cannot be reached (${causeOf(error)})`;
      this.noteFailure(`${why}.`);
      throw new CarrierError(`${why}; the SMS will be retried.`, timedOut ? 'http-timeout' : 'http-network', true);
    } finally {
      this.inFlight--;
    }

    if (status >= 500) {
      this.noteFailure(`${this.host()} answers ${status}.`);
      throw new CarrierError(`The provider had a server error (${status}): ${snippet(text)}`, `http-${status}`, true);
    }
    if (status === 401 || status === 403) {
      this.failuresInARow = 0;
      this.goDown(`The provider refused our credentials (${status}): check the API key or login in the carrier settings.`);
      throw new CarrierError(`The provider refused our credentials (${status}).`, `http-${status}`, true);
    }
    if (status === 429) {
      throw new CarrierError('The provider asks us to slow down (429); the SMS will be retried.', 'http-429', true);
    }
    if (status >= 400) {
      this.noteSuccess(); // the API is up; it is this SMS it refuses
      throw new CarrierError(`The provider refused the SMS to ${sms.phone} (${status}): ${snippet(text)}`, `http-${status}`, false);
    }
    this.noteSuccess();

    const parsed = parseJson(text, contentType);
    if (cfg.errorPath && parsed !== undefined) {
      const err = readPath(parsed, cfg.errorPath);
      if (err !== undefined && err !== null && err !== '' && err !== false && err !== 0) {
        throw new CarrierError(`The provider refused the SMS to ${sms.phone}: ${typeof err === 'string' ? err : JSON.stringify(err)}`, 'http-refused', false);
      }
    }
    this.sent.add();
    return { refs: this.refsFrom(parsed, text, sms) };
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
