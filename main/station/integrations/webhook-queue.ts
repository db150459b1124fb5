// One webhook receiver's queue. Every endpoint has its own: a receiver that is slow, times out or
// is down holds back only its own deliveries, never another's. Up to PARALLEL deliveries go at
// once, oldest first; after a failure the endpoint pauses until that delivery's retry time
// (doubling backoff), so a dead receiver costs one attempt per backoff, not one per queued event.
// Deliveries are rows first (webhook_deliveries), so a restart loses nothing.
import { createHmac } from 'node:crypto';
import type { StationCore } from '../core.js';
import type { IntegrationsConfig } from './config.js';

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

interface Due {
  id: number;
  url: string;
  event: string;
  payload: string;
  attempts: number;
}

const PARALLEL = 4;
const TIMEOUT_MS = 10_000;

export class EndpointQueue {
  private readonly inFlight = new Set<number>();
  private readonly running = new Set<Promise<void>>();
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly url: string,
    private readonly core: StationCore,
    private readonly settings: IntegrationsConfig,
    private readonly abort: AbortSignal,
    /** A fault of the queue itself (the store failing): the owner restarts it later. */
    private readonly failed: (err: unknown) => void,
  ) {}

  /** Sends what is due now, as many as the endpoint takes at once. */
  pump(): void {
    if (this.stopped) return;
    try {
      this.fill();
    } catch (err) {
      this.failed(err);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  private fill(): void {
    const now = Date.now();
    if (now < this.pausedUntil) return this.later(this.pausedUntil - now);
    const free = PARALLEL - this.inFlight.size;
    if (free <= 0) return;
    const db = this.core.store.db;
    const rows = db
      .prepare(
        `SELECT id, url, event, payload, attempts FROM webhook_deliveries
         WHERE url = ? AND status = 'pending' AND next_at <= ? ORDER BY id LIMIT ?`,
      )
      .all(this.url, now, free + this.inFlight.size) as Due[];
    for (const d of rows) {
      if (this.inFlight.size >= PARALLEL) break;
      if (this.inFlight.has(d.id)) continue;
      this.inFlight.add(d.id);
      const run = this.deliver(d)
        .catch((err: unknown) => this.failed(err))
        .finally(() => {
          this.inFlight.delete(d.id);
          this.running.delete(run);
          this.pump();
        });
      this.running.add(run);
    }
    if (this.inFlight.size === 0) {
      const next = db.prepare(`SELECT min(next_at) AS t FROM webhook_deliveries WHERE url = ? AND status = 'pending'`).get(this.url) as { t: number | null };
      if (next.t !== null) this.later(Math.max(0, next.t - now));
    }
  }

  private later(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, ms);
    this.timer.unref();
  }

  private async deliver(d: Due): Promise<void> {
    const hook = this.settings.webhooks.find((h) => h.url === d.url);
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
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), this.abort]),
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
    const db = this.core.store.db;
    if (error === null) {
      db.prepare(`UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?`).run(
        attempts,
        status,
        now,
        d.id,
      );
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
    // The receiver is in trouble: let it be until this delivery is due again.
    if (!giveUp) this.pausedUntil = Math.max(this.pausedUntil, now + delay);
  }
}
