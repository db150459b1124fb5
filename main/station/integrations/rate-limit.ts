// Per-key rate limit: a token bucket per API key. A bucket holds `burst` calls and refills at
// `perMinute`, so a monitoring system's storm of alerts (one per failed device) passes at once
// and then at the sustained rate, while a script stuck in a loop is stopped with 429.
// The station's defaults (`integrations.rateLimitPerMinute`, `integrations.rateLimitBurst`) apply
// to every key an administrator has not given its own figures (docs/api.md, "Rate limits").
import { StationError } from '../errors.js';

export interface RateLimits {
  /** Sustained calls per minute. */
  perMinute: number;
  /** Calls a key may make at once, after a quiet spell. */
  burst: number;
}

/** Room for a storm: 5,000 alerts at once, then 100 a second (docs/api.md explains the choice). */
export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 6_000, burst: 5_000 };

export class RateLimitError extends StationError {
  override readonly name = 'RateLimitError';
  constructor(
    readonly retryAfterSeconds: number,
    text = `Too many requests with this key. Wait ${retryAfterSeconds} s and try again, or ask for a higher limit.`,
  ) {
    super('rate_limited', text);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();
  private readonly defaults: RateLimits;

  /**
   * `ownLimits(keyId)` gives a key's own figures where an administrator set them (null or absent
   * fields fall back to the defaults); it is asked on every call, so a change applies at once.
   */
  constructor(
    defaults: Partial<RateLimits> | number = {},
    private readonly ownLimits: (keyId: number) => Partial<RateLimits> | undefined = () => undefined,
  ) {
    const d = typeof defaults === 'number' ? { perMinute: defaults, burst: defaults } : defaults;
    this.defaults = { ...DEFAULT_RATE_LIMITS, ...d };
  }

  /** The figures that apply to this key now. */
  limitsFor(keyId: number, own = this.ownLimits(keyId)): RateLimits {
    return { perMinute: own?.perMinute ?? this.defaults.perMinute, burst: own?.burst ?? this.defaults.burst };
  }

  /**
   * Takes one token for the key or throws RateLimitError with the wait in whole seconds. `own`: the
   * key's figures when the caller read them with the key in this same call (else they are asked).
   */
  take(keyId: number, now = Date.now(), own?: Partial<RateLimits>): void {
    const { perMinute, burst } = this.limitsFor(keyId, own);
    const rate = perMinute / 60_000;
    const b = this.buckets.get(keyId) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(keyId, b);
    if (b.tokens < 1) throw new RateLimitError(Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)));
    b.tokens -= 1;
  }
}
