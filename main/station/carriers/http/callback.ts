// Provider callbacks: delivery reports and incoming SMS, pushed to the station over HTTP. The
// parsing is a plain function of (method, url, headers, body) so the station's server can mount
// it anywhere and tests can call it directly; `callbackListener` adapts it to node:http.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CountryCode } from 'libphonenumber-js/max';
import { tryNormalizePhone } from '../../domain/phone.js';
import type { CarrierSink, ReportStatus } from '../carrier.js';
import type { HttpCarrierConfig } from './config.js';
import { readPath } from './template.js';
import { contentKey } from '../content-key.js';

export interface CallbackRequest {
  method: string;
  /** Path and query as the server received them, e.g. "/api/v1/carriers/sms1/callback?type=report". */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string | Buffer;
}

export interface CallbackResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Largest callback body we read; providers batch, but not megabytes. */
export const MAX_CALLBACK_BYTES = 1_000_000;

export async function handleCallback(
  config: HttpCarrierConfig,
  carrierId: string,
  sink: CarrierSink | null,
  request: CallbackRequest,
): Promise<CallbackResponse> {
  const url = new URL(request.url, 'http://station');
  const cb = config.callback;
  if (cb.token !== undefined) {
    const given = url.searchParams.get('token') ?? header(request.headers, 'x-callback-token');
    if (given !== cb.token) return reply(403, 'Wrong or missing callback token.');
  }
  // Not started: the provider should try again later rather than have us drop it.
  if (!sink) return reply(503, `Carrier ${carrierId} is not running.`);

  let payload: unknown;
  try {
    payload = parseBody(request, url);
  } catch {
    return reply(400, 'The callback body is not valid JSON or form data.');
  }
  const items = cb.itemsPath ? readPath(payload, cb.itemsPath) : payload;
  const events = Array.isArray(items) ? items : [items];
  const hint = url.searchParams.get('type');

  for (const item of events) {
    const kind = classify(item, config, hint);
    if (kind === 'report') {
      const id = readPath(item, cb.report.idPath);
      const raw = String(readPath(item, cb.report.statusPath) ?? '');
      const status = reportStatus(raw, cb.report.delivered, cb.report.failed);
      const error = cb.report.errorPath ? readPath(item, cb.report.errorPath) : undefined;
      sink.report(
        {
          ref: String(id),
          status,
          at: Date.now(),
          ...(status === 'failed' ? { error: `The provider reports ${raw}${error ? ` (${String(error)})` : ''}.` } : {}),
        },
        carrierId,
      );
    } else if (kind === 'inbound') {
      const from = String(readPath(item, cb.inbound.fromPath) ?? '');
      const to = readPath(item, cb.inbound.toPath);
      const id = readPath(item, cb.inbound.idPath);
      const time = cb.inbound.timePath ? parseTime(readPath(item, cb.inbound.timePath)) : null;
      const sender = normaliseSender(from, config.region);
      const recipient = to !== undefined && to !== null && to !== '' ? String(to) : '';
      const text = String(readPath(item, cb.inbound.textPath) ?? '');
      // The provider's id says which SMS this is; without one, its content does, for a while.
      const identity =
        id !== undefined && id !== null && id !== ''
          ? { carrierRef: String(id) }
          : { carrierRef: contentKey(sender, recipient, text), carrierRefWindowMs: cb.redeliveryWindowMs };
      try {
        await sink.inbound(
          { from: sender, ...(recipient ? { to: recipient } : {}), text, receivedAt: time ?? Date.now(), ...identity },
          carrierId,
        );
      } catch {
        // Not committed: a 5xx makes the provider deliver it again; the carrierRef dedupes.
        return reply(503, 'The station could not store the message; please retry.');
      }
    } else {
      return reply(400, 'The callback is neither a delivery report nor an incoming SMS for this carrier’s settings.');
    }
  }
  return reply(200, cb.okBody);
}

/** Mounts a carrier's callback on node:http: `server.on('request', …)` or a route handler. */
export function callbackListener(carrier: {
  handleCallback(request: CallbackRequest): Promise<CallbackResponse>;
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_CALLBACK_BYTES) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('Callback body too large.');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    const answer = await carrier.handleCallback({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  };
}

function parseBody(request: CallbackRequest, url: URL): unknown {
  const query = Object.fromEntries(url.searchParams);
  delete query['token'];
  delete query['type'];
  const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : request.body;
  if (text.trim() === '') return query;
  const type = header(request.headers, 'content-type') ?? '';
  if (/json/i.test(type) || (!/form/i.test(type) && /^\s*[[{]/.test(text))) {
    const body: unknown = JSON.parse(text);
    return Array.isArray(body) || typeof body !== 'object' || body === null ? body : { ...query, ...body };
  }
  return { ...query, ...Object.fromEntries(new URLSearchParams(text)) };
}

function classify(item: unknown, config: HttpCarrierConfig, hint: string | null): 'report' | 'inbound' | null {
  if (hint === 'report' || hint === 'inbound') return hint;
  const has = (path: string) => {
    const v = readPath(item, path);
    return v !== undefined && v !== null && v !== '';
  };
  const { report, inbound } = config.callback;
  if (has(inbound.textPath) && has(inbound.fromPath)) return 'inbound';
  if (has(report.idPath) && has(report.statusPath)) return 'report';
  return null;
}

function reportStatus(raw: string, delivered: readonly string[], failed: readonly string[]): ReportStatus {
  const v = raw.toLowerCase();
  if (delivered.some((d) => d.toLowerCase() === v)) return 'delivered';
  if (failed.some((f) => f.toLowerCase() === v)) return 'failed';
  return 'pending';
}

function parseTime(value: unknown): number | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
    const n = Number(value);
    return n < 1e12 ? n * 1000 : n; // seconds or milliseconds
  }
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

function normaliseSender(from: string, region: string): string {
  if (!/^\+?[\d\s()-]+$/.test(from)) return from; // alphanumeric sender
  const digits = from.replace(/\D/g, '');
  if (from.trim().startsWith('+')) return `+${digits}`;
  return tryNormalizePhone(digits, region as CountryCode) ?? (digits.length > 8 ? `+${digits}` : digits);
}

function header(headers: CallbackRequest['headers'], name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function reply(status: number, body: string): CallbackResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}
