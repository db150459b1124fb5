// Outgoing webhooks: replies, delivery changes, poll answers and confirmations are POSTed as
// JSON to the configured URLs, signed with HMAC-SHA256 of the body under the hook's secret
// (`X-Switchboard-Signature: sha256=<hex>`). Each delivery is a row first (so a restart loses
// nothing), then sent by its endpoint's own queue (webhook-queue.ts: a slow or dead receiver
// never delays another), retried with doubling backoff, and kept as the admin screen's log.
import type { StationCore } from '../core.js';
import type { MessageView } from '../../../shared/protocol/index.js';
import type { IntegrationsConfig } from './config.js';
import { messageById } from './rest-messages.js';
import { EndpointQueue } from './webhook-queue.js';

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

export { sign } from './webhook-queue.js';

export class Webhooks {
  private stopped = false;
  private readonly queues = new Map<string, EndpointQueue>();
  // Aborts deliveries under way at stop, so the station can close its store right after.
  private readonly abort = new AbortController();
  private readonly unsubscribe: (() => void)[] = [];
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly core: StationCore,
    private readonly settings: IntegrationsConfig,
  ) {}

  /**
   * Endpoints changed on screen: events from now on go to these. The queues read the same
   * settings, so a delivery already pending for a URL still there goes on with its new secret;
   * one for a URL taken away fails as unconfigured.
   */
  setEndpoints(endpoints: IntegrationsConfig['webhooks']): void {
    this.settings.webhooks = [...endpoints];
  }

  start(): void {
    const { events } = this.core;
    const configured = () => this.settings.webhooks.length > 0;
    this.unsubscribe.push(
      events.on(
        'message.created',
        (m) => {
          // No webhook configured: no need to look up what the reply answers (a query per reply).
          if (m.direction === 'in' && this.settings.webhooks.length > 0) this.enqueue(this.replyKind(m), m);
        },
        configured,
      ),
      events.on(
        'message.updated',
        (m) => {
          if (m.direction === 'out' && DELIVERY_STATES.has(m.status)) this.enqueue('delivery', m);
        },
        configured,
      ),
    );
    // Under the supervisor: a queue that fails (the store, a bug) is started again with back-off.
    if (this.core.supervisor) void this.core.supervisor.run('webhooks', () => this.resumeAll());
    else this.resume();
  }

  /** Every endpoint with deliveries pending (configured or not: those fail as unconfigured) sends. */
  private resumeAll(): void {
    const urls = this.core.store.db.prepare(`SELECT DISTINCT url FROM webhook_deliveries WHERE status = 'pending'`).pluck().all() as string[];
    for (const url of urls) this.queue(url).pump();
  }

  private resume(): void {
    try {
      this.resumeAll();
    } catch (err) {
      this.queueFailed(err);
    }
  }

  private queue(url: string): EndpointQueue {
    let q = this.queues.get(url);
    if (!q) {
      q = new EndpointQueue(url, this.core, this.settings, this.abort.signal, (err) => this.queueFailed(err));
      this.queues.set(url, q);
    }
    return q;
  }

  /** A queue could not read or record its rows (the store failing): all start again later. */
  private queueFailed(err: unknown): void {
    if (this.stopped) return;
    if (!this.core.store.writes.failed(err)) this.core.log.error({ err }, 'webhook queue failed');
    if (this.core.supervisor) return this.core.supervisor.failed('webhooks', err);
    this.restartTimer ??= setTimeout(() => {
      this.restartTimer = null;
      this.resume();
    }, 5_000);
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
    try {
      const payload = JSON.stringify({ event, at: new Date(now).toISOString(), message: messageById(this.core, m.id) });
      const insert = this.core.store.db.prepare('INSERT INTO webhook_deliveries (url, event, payload, next_at, created_at) VALUES (?, ?, ?, ?, ?)');
      for (const h of hooks) insert.run(h.url, event, payload, now, now);
    } catch (err) {
      // Called from the event bus: a store that cannot write must not fail whoever emitted the event.
      if (!this.core.store.writes.failed(err)) this.core.log.error({ err }, 'webhook could not be queued');
      return;
    }
    if (this.stopped) return;
    for (const h of hooks) this.queue(h.url).pump();
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
    if (this.restartTimer) clearTimeout(this.restartTimer);
    for (const u of this.unsubscribe) u();
    this.abort.abort();
    await Promise.all([...this.queues.values()].map((q) => q.stop()));
  }
}
