// The outbox worker: claims due messages in small batches (committing them as `sending` first),
// hands each to the carrier the router picks, and records every answer. After a crash the
// messages still marked `sending` are the only ones that may go out twice: at most one batch.
import type { MessageRepository, OutboxItem, Outcome } from '../store/messages.js';
import { CarrierError } from '../carriers/carrier.js';
import type { CarrierRouter } from '../carriers/router.js';
import { CarrierPace } from './carrier-pace.js';

export interface OutboxOptions {
  /** Messages claimed at once; also the bound on messages in flight, hence on duplicates after a crash. */
  batchSize: number;
  /** Transient failures before a message is failed for good. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs: number;
  /** How long to wait before asking again when no carrier is up. */
  noCarrierDelayMs: number;
  /** Carrier id → most SMS per second it may be given; carriers not named are not paced. */
  rateLimits: Readonly<Record<string, number>>;
  now: () => number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  batchSize: 50,
  maxAttempts: 5,
  retryBaseMs: 5_000,
  noCarrierDelayMs: 2_000,
  rateLimits: {},
  now: Date.now,
};

export interface OutboxListener {
  /** Messages whose status changed in one recorded batch. */
  changed(messageIds: number[]): void;
}

export class Outbox {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private readonly opts: OutboxOptions;
  private readonly pace: CarrierPace;

  constructor(
    private readonly messages: MessageRepository,
    private readonly router: CarrierRouter,
    private readonly listener: OutboxListener,
    opts: Partial<OutboxOptions> = {},
  ) {
    this.opts = { ...DEFAULT_OUTBOX_OPTIONS, ...opts };
    this.pace = new CarrierPace(this.opts.rateLimits, this.opts.now);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** New work was committed (or a carrier came up): look now instead of at the next tick. */
  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const batch = this.messages.claim(this.opts.batchSize, this.opts.now());
      if (batch.length === 0) {
        await this.sleep(this.idleDelay());
        continue;
      }
      const outcomes = await Promise.all(batch.map((m) => this.deliver(m)));
      this.messages.recordOutcomes(outcomes, this.opts.now());
      this.listener.changed(batch.map((m) => m.id));
      // When nothing could go out because no carrier is up, wait instead of spinning.
      if (outcomes.every((o) => o.kind === 'retry' && !o.countAttempt)) await this.sleep(this.opts.noCarrierDelayMs);
    }
  }

  private idleDelay(): number {
    const due = this.messages.nextDue();
    if (due === null) return 60_000;
    return Math.min(60_000, Math.max(10, due - this.opts.now()));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeUp = () => resolve();
      this.timer = setTimeout(() => this.wake(), ms);
    }).finally(() => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    });
  }

  private async deliver(m: OutboxItem): Promise<Outcome> {
    const now = this.opts.now();
    if (m.validUntil !== null && m.validUntil < now) {
      return { kind: 'expired', id: m.id, error: 'Not sent before its validity ran out.' };
    }
    const carrier = this.router.pick(m.phone, { messageId: m.id });
    if (!carrier) {
      return {
        kind: 'retry',
        id: m.id,
        at: now + this.opts.noCarrierDelayMs,
        error: 'No carrier is connected; waiting for one.',
        countAttempt: false,
      };
    }
    const wait = this.pace.reserve(carrier.id);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (m.validUntil !== null && m.validUntil < this.opts.now()) {
      return { kind: 'expired', id: m.id, error: 'Not sent before its validity ran out.' };
    }
    try {
      const result = await carrier.send({
        messageId: m.id,
        phone: m.phone,
        text: m.text,
        requestReport: true,
        ...(m.validUntil !== null ? { validUntil: m.validUntil } : {}),
      });
      return { kind: 'sent', id: m.id, carrierId: carrier.id, refs: result.refs };
    } catch (err) {
      const e = err instanceof CarrierError ? err : new CarrierError(String((err as Error)?.message ?? err), 'unknown', true);
      if (e.transient && m.attempts < this.opts.maxAttempts) {
        const delay = this.opts.retryBaseMs * 2 ** (m.attempts - 1);
        return { kind: 'retry', id: m.id, at: now + delay, error: `${carrier.id}: ${e.message}`, countAttempt: true };
      }
      return { kind: 'failed', id: m.id, error: `${carrier.id}: ${e.message}` };
    }
  }
}
