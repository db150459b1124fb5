// One carrier's lane in the outbox: its own in-flight count under its own window (the carrier's
// capacity, narrowed by what throttling taught the adaptive window), its rate limit, and the
// send itself. A slow or hung carrier fills only its own lane; every other lane keeps going.
import { CarrierError, type Carrier, type SendResult } from '../../carriers/carrier.js';
import type { LaneHealth, SubmitAnswer } from '../../carriers/health/lane-health.js';
import type { OutboxItem } from '../../store/outbox-queue.js';
import type { CarrierPace } from '../carrier-pace.js';
import { AdaptiveWindow } from './adaptive-window.js';

export type LaneAnswer =
  | { kind: 'sent'; result: SendResult }
  | { kind: 'refused'; error: CarrierError }
  /** Its validity ran out while it waited for the carrier's rate slot. */
  | { kind: 'expired' }
  /** Its broadcast was cancelled while it waited for the carrier's rate slot: never handed over. */
  | { kind: 'cancelled' };

export class Lane {
  readonly window = new AdaptiveWindow();
  /** SMS handed to the carrier whose send has not returned yet. */
  inflight = 0;
  /** SMS waiting for this carrier's rate slot: they can still be called back. */
  private readonly waiting = new Map<number, () => void>();
  private readonly dropped = new Set<number>();

  constructor(
    readonly carrier: Carrier,
    private readonly health: LaneHealth,
    private readonly pace: CarrierPace,
    private readonly now: () => number,
  ) {}

  /** Places free now; a carrier under test (probing) gets one SMS at a time. */
  free(probing: boolean): number {
    const capacity = Math.max(0, this.carrier.capacity?.() ?? 1);
    const allowed = this.window.allowed(probing ? Math.min(1, capacity) : capacity, this.now());
    return Math.max(0, allowed - this.inflight);
  }

  /**
   * Calls back those of these SMS still waiting for a rate slot (their broadcast was cancelled);
   * returns the ids that will not reach the carrier.
   */
  callBack(ids: ReadonlySet<number>): number[] {
    const out: number[] = [];
    for (const [id, wake] of this.waiting) {
      if (!ids.has(id)) continue;
      this.dropped.add(id);
      this.waiting.delete(id);
      wake();
      out.push(id);
    }
    return out;
  }

  /** When a throttle pause ends (0: not paused). */
  resumesAt(): number {
    return this.window.resumesAt(this.now());
  }

  async send(m: OutboxItem): Promise<LaneAnswer> {
    this.inflight++;
    try {
      const wait = this.pace.reserve(this.carrier.id);
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.waiting.set(m.id, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        this.waiting.delete(m.id);
      }
      if (this.dropped.delete(m.id)) return { kind: 'cancelled' };
      if (m.validUntil !== null && m.validUntil < this.now()) return { kind: 'expired' };
      const token = this.health.submitted(this.now());
      try {
        const result = await this.carrier.send({
          messageId: m.id,
          phone: m.phone,
          text: m.text,
          requestReport: true,
          ...(m.validUntil !== null ? { validUntil: m.validUntil } : {}),
        });
        this.health.answered(token, 'accepted', this.now());
        this.window.accepted();
        return { kind: 'sent', result };
      } catch (err) {
        const error = asCarrierError(err);
        this.health.answered(token, ANSWER[error.kind], this.now(), error.message);
        if (error.kind === 'throttled') this.window.throttled(this.now(), error.retryAfterMs);
        if (error.kind === 'in-doubt') this.window.unanswered(this.now());
        return { kind: 'refused', error };
      }
    } finally {
      this.inflight--;
    }
  }
}

const ANSWER: Record<CarrierError['kind'], SubmitAnswer> = {
  permanent: 'rejected',
  transient: 'refused',
  throttled: 'throttled',
  'in-doubt': 'unanswered',
};

export function asCarrierError(err: unknown): CarrierError {
  if (err instanceof CarrierError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CarrierError(message, 'unknown', 'transient');
}
