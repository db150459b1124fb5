// Outgoing webhooks: replies, delivery changes, poll answers and confirmations are POSTed as
// JSON to the configured URLs, signed with HMAC-SHA256 of the body under the hook's secret
// (`X-Switchboard-Signature: sha256=<hex>`). Each delivery is a row first (so a restart loses
// nothing), then sent, retried with doubling backoff, and kept as the admin screen's log.
import { createHmac } from 'node:crypto';
import type { StationCore } from '../core.js';
import type { MessageView } from '../../../shared/protocol/index.js';
import type { IntegrationsConfig } from './config.js';
import { messageById } from './rest-messages.js';

export type WebhookEvent = 'reply' | 'delivery' | 'poll' | 'confirm';
const DELIVERY_STATES = new Set(['sent', 'delivered', 'failed', 'expired']);

export interface WebhookDelivery {
  id: number;
  url: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** One row of the admin screen's delivery log (shared/protocol/integrations.ts). */
export interface WebhookLogEntry {
  id: number;
  createdAt: number;
  url: string;
  event: string;
  status: WebhookDelivery['status'];
  statusCode: number | null;
  attempts: number;
  nextRetryAt: number | null;
  deliveredAt: number | null;
  error: string | null;
}

interface DeliveryRow {
  id: number;
  url: string;
  event: string;
  status: WebhookDelivery['status'];
  attempts: number;
  next_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class Webhooks {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private stopped = false;
  private inflight: Promise<void> | null = null;
  // Aborts deliveries under way at stop, so the station can close its store right after.
  private readonly abort = new AbortController();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly core: StationCore,
    private readonly settings: IntegrationsConfig,
  ) {}

  start(): void {
    const { events } = this.core;
    this.unsubscribe.push(
      events.on('message.created', (m) => {
        if (m.direction === 'in') this.enqueue(this.replyKind(m), m);
      }),
      events.on('message.updated', (m) => {
        if (m.direction === 'out' && DELIVERY_STATES.has(m.status)) this.enqueue('delivery', m);
      }),
    );
    this.wake(0);
  }

  /** A reply to a poll or a confirmation is that kind of event; any other reply is `reply`. */
  private replyKind(m: MessageView): WebhookEvent {
    if (m.broadcastId === null) return 'reply';
    const row = this.core.store.db.prepare('SELECT kind FROM broadcasts WHERE id = ?').get(m.broadcastId) as { kind: string } | undefined;
    return row?.kind === 'poll' ? 'poll' : row?.kind === 'confirm' ? 'confirm' : 'reply';
  }

  private enqueue(event: WebhookEvent, m: MessageView): void {
    const hooks = this.settings.webhooks.filter((h) => h.events.includes(event));
    if (hooks.length === 0) return;
    const now = Date.now();
    const payload = JSON.stringify({ event, at: new Date(now).toISOString(), message: messageById(this.core, m.id) });
    try {
      const insert = this.core.store.db.prepare('INSERT INTO webhook_deliveries (url, event, payload, next_at, created_at) VALUES (?, ?, ?, ?, ?)');
      for (const h of hooks) insert.run(h.url, event, payload, now, now);
    } catch (err) {
      // Called from the event bus: a store that cannot write must not fail whoever emitted the event.
      if (!this.core.store.writes.failed(err)) this.core.log.error({ err }, 'webhook could not be queued');
      return;
    }
    this.wake(0);
  }

  private wake(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.inflight = this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      const db = this.core.store.db;
      const due = db
        .prepare(`SELECT id, url, event, payload, attempts FROM webhook_deliveries WHERE status = 'pending' AND next_at <= ? ORDER BY id LIMIT 50`)
        .all(Date.now()) as { id: number; url: string; event: string; payload: string; attempts: number }[];
      await Promise.all(due.map((d) => this.deliver(d)));
      const next = db.prepare(`SELECT min(next_at) AS t FROM webhook_deliveries WHERE status = 'pending'`).get() as { t: number | null };
      if (next.t !== null) this.wake(Math.max(0, next.t - Date.now()));
    } finally {
      this.busy = false;
    }
  }

  private async deliver(d: { id: number; url: string; event: string; payload: string; attempts: number }): Promise<void> {
    const hook = this.settings.webhooks.find((h) => h.url === d.url);
    const db = this.core.store.db;
    let status: number | null = null;
    let error: string | null = null;
    try {
      if (!hook) throw new Error('This webhook is no longer configured.');
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-switchboard-event': d.event,
          'x-switchboard-delivery': String(d.id),
          'x-switchboard-signature': sign(hook.secret, d.payload),
        },
        body: d.payload,
        signal: AbortSignal.any([AbortSignal.timeout(10_000), this.abort.signal]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `The receiver answered HTTP ${res.status}.`;
    } catch (err) {
      error = `Could not reach the receiver: ${(err as Error).message}`;
    }
    // Cut short by a stop: not an attempt; it stays pending and goes out after the next start.
    if (this.stopped && error !== null) return;
    const attempts = d.attempts + 1;
    const now = Date.now();
    if (error === null) {
      db.prepare(`UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?`).run(attempts, status, now, d.id);
      return;
    }
    const giveUp = attempts >= this.settings.webhookMaxAttempts || !hook;
    const delay = Math.min(3600_000, this.settings.webhookRetryBaseMs * 2 ** (attempts - 1));
    db.prepare(`UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_at = ? WHERE id = ?`).run(
      giveUp ? 'failed' : 'pending',
      attempts,
      status,
      error,
      now + delay,
      d.id,
    );
  }

  /** The delivery log, newest first, for the admin screen. */
  log(limit = 100): WebhookDelivery[] {
    const rows = this.core.store.db.prepare('SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number;
      url: string;
      event: string;
      status: WebhookDelivery['status'];
      attempts: number;
      last_status: number | null;
      last_error: string | null;
      created_at: number;
      delivered_at: number | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      event: r.event,
      status: r.status,
      attempts: r.attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: r.created_at,
      deliveredAt: r.delivered_at,
    }));
  }

  /** The configured endpoints without their secrets, for the admin screen. */
  endpoints(): { url: string; events: WebhookEvent[] }[] {
    return this.settings.webhooks.map((h) => ({ url: h.url, events: [...h.events] }));
  }

  /** A page of the log, newest first, before delivery id `cursor`; `next` continues it. */
  page(limit: number, cursor?: number): { deliveries: WebhookLogEntry[]; next: number | null } {
    const rows = this.core.store.db
      .prepare('SELECT * FROM webhook_deliveries WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(cursor ?? Number.MAX_SAFE_INTEGER, limit + 1) as DeliveryRow[];
    const more = rows.length > limit;
    const deliveries = rows.slice(0, limit).map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      url: r.url,
      event: r.event,
      status: r.status,
      statusCode: r.last_status,
      attempts: r.attempts,
      nextRetryAt: r.status === 'pending' ? r.next_at : null,
      deliveredAt: r.delivered_at,
      error: r.last_error,
    }));
    return { deliveries, next: more ? deliveries[deliveries.length - 1]!.id : null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const u of this.unsubscribe) u();
    this.abort.abort();
    await this.inflight;
  }
}
