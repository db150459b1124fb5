// A local HTTP SMS API for the HTTP carrier's bad-day tests: it takes `POST /sms` with JSON
// `{to, text}` and answers `{id}`, and misbehaves on command the way providers do:
// - rate limiting: 429 Too Many Requests with Retry-After (RFC 6585 §4). Providers document that
//   a 429 was not processed and is safe to retry (Twilio error 20429; LINE Messaging API "doesn't
//   send messages to any recipient in the request"); 8x8's SMS API sends `Retry-After: 1`.
// - 503 Service Unavailable with Retry-After (RFC 9110 §15.6.4, §10.2.3): overloaded, not taken.
// - 5xx: the provider failed; the request was not taken.
// - silent: the request is read and never answered (a hung provider behind a live load balancer):
//   it may have been taken, so it counts as possibly delivered.
// - late: answered 200 after a delay longer than the carrier's timeout.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProviderMode =
  | { kind: 'ok' }
  | { kind: 'rate-limited'; status: 429 | 503; retryAfterS: number }
  | { kind: 'error'; status: number }
  | { kind: 'silent' }
  | { kind: 'late'; afterMs: number };

export interface ProviderRequest {
  to: string;
  text: string;
  /** `unanswered`: read and never answered; it may have reached the phone. */
  outcome: 'accepted' | 'refused' | 'unanswered';
  status: number | null;
  at: number;
}

export class SmsProvider {
  mode: ProviderMode = { kind: 'ok' };
  readonly requests: ProviderRequest[] = [];
  private server: Server | null = null;
  private nextId = 1;
  private readonly hanging = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => this.answer(body, res));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Rate-limits (or fails, or hangs) for `ms`, then answers normally again. */
  for(ms: number, mode: ProviderMode): void {
    this.mode = mode;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.mode === mode) this.mode = { kind: 'ok' };
    }, ms);
    this.timers.add(t);
  }

  /** Requests that may have reached `to`: accepted, or taken and never answered. */
  reached(to: string): number {
    return this.requests.filter((r) => r.to === to && r.outcome !== 'refused').length;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private answer(body: string, res: ServerResponse): void {
    let to = '';
    let text = '';
    try {
      ({ to, text } = JSON.parse(body) as { to: string; text: string });
    } catch {
      res.writeHead(400).end('bad json');
      return;
    }
    const mode = this.mode;
    const record = (outcome: ProviderRequest['outcome'], status: number | null) => this.requests.push({ to, text, outcome, status, at: Date.now() });
    switch (mode.kind) {
      case 'rate-limited':
        record('refused', mode.status);
        res.writeHead(mode.status, { 'retry-after': String(mode.retryAfterS), 'content-type': 'application/json' }).end('{"error":"slow down"}');
        return;
      case 'error':
        record('refused', mode.status);
        res.writeHead(mode.status, { 'content-type': 'application/json' }).end('{"error":"internal"}');
        return;
      case 'silent':
        record('unanswered', null);
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      case 'late': {
        record('accepted', 200);
        const id = `p${this.nextId++}`;
        const t = setTimeout(() => {
          this.timers.delete(t);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        }, mode.afterMs);
        this.timers.add(t);
        return;
      }
      case 'ok':
        record('accepted', 200);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `p${this.nextId++}` }));
    }
  }
}
