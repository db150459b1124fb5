// Per-key rate limit: a token bucket of `perMinute` tokens refilled evenly, so a monitoring
// system's burst of alerts passes but a script stuck in a loop is stopped with 429.
import { StationError } from '../errors.js';

export class RateLimitError extends StationError {
  override readonly name = 'RateLimitError';
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many requests with this key. Wait ${retryAfterSeconds} s and try again, or ask for a higher limit.`);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes one token for the key or throws RateLimitError with the wait in whole seconds. */
  take(keyId: number, now = Date.now()): void {
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(keyId) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(keyId, b);
    if (b.tokens < 1) throw new RateLimitError(Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)));
    b.tokens -= 1;
  }
}
