// How many SMS a lane may have in flight, learnt from the carrier's answers the way TCP learns a
// congestion window (additive increase, multiplicative decrease): each accepted submit widens it
// by about one per window's worth of answers; a throttle or a submit left without an answer
// halves it and pauses the lane. The carrier's own capacity (its SMPP window, modems up) caps it.
// Throttling is back-pressure: nothing here counts as a failed attempt of any message.

export interface AdaptiveWindowOptions {
  /** Widest it grows. */
  max: number;
  /** First pause after a throttle; doubles while throttles keep coming, up to `maxPauseMs`. */
  basePauseMs: number;
  maxPauseMs: number;
}

export const DEFAULT_WINDOW: AdaptiveWindowOptions = { max: 1_000, basePauseMs: 250, maxPauseMs: 10_000 };

export class AdaptiveWindow {
  /** Unknown until the carrier first says its capacity: a lane starts at full width. */
  private size: number | null = null;
  private pausedUntil = 0;
  private streak = 0;
  /** One halving per burst: a window of submits throttled together is one signal, not ten. */
  private lastCutAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: AdaptiveWindowOptions = DEFAULT_WINDOW) {}

  /** In-flight SMS allowed now (0 while paused), never above `capacity`. */
  allowed(capacity: number, now: number): number {
    if (capacity > 0) this.size = Math.min(this.size ?? capacity, capacity, this.opts.max);
    if (now < this.pausedUntil || this.size === null) return 0;
    return Math.max(0, Math.min(capacity, Math.floor(this.size)));
  }

  /** When a pause ends, or 0 when not paused. */
  resumesAt(now: number): number {
    return now < this.pausedUntil ? this.pausedUntil : 0;
  }

  /** The learnt width (null before the first look), for the board's sentence. */
  get current(): number | null {
    return this.size === null ? null : Math.floor(this.size);
  }

  accepted(): void {
    this.streak = 0;
    // Capped by the carrier's capacity on the next look (allowed()).
    if (this.size !== null) this.size = Math.min(this.opts.max, this.size + 1 / Math.max(1, this.size));
  }

  /** The carrier asked us to slow down; `retryAfterMs` when it said for how long. */
  throttled(now: number, retryAfterMs?: number): number {
    // A window of submits throttled together is one signal: the pause grows per burst, not per answer.
    if (this.cut(now)) this.streak++;
    const pause = retryAfterMs ?? Math.min(this.opts.maxPauseMs, this.opts.basePauseMs * 2 ** Math.max(0, this.streak - 1));
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    return this.pausedUntil;
  }

  /** A submit timed out: as good a sign of overload as a throttle, without the pause. */
  unanswered(now: number): void {
    this.cut(now);
  }

  /** Halves the window, once per burst; true when it did. */
  private cut(now: number): boolean {
    if (now - this.lastCutAt < 100 || this.size === null) return false;
    this.lastCutAt = now;
    this.size = Math.max(1, this.size / 2);
    return true;
  }
}
