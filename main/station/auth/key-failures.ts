// Failed API-key sign-ins, limited per address (issue 14: a flood of forged keys wrote one audit
// line per request, and a guessed MTS login + MD5 cost a password check each). An address may fail
// `failures` times in a window of `windowMs`; each such failure is refused 401 and audited as
// before. Past that, until the window ends, its failures are refused 429 (Retry-After: the rest of
// the window), only counted, and audited once: one `api.auth.limited` line per address and window,
// carrying how many the window before refused when a flood goes on. A good key from the same
// address keeps working (a NAT may hide one broken script among good ones); what costs a password
// check is not checked while the address is over its limit (the caller asks `over`).
// In memory: a restart forgets, and the login locks (login-throttle.ts) are the durable kind.
import type { AuditLog } from '../store/audit.js';

export interface KeyFailureRule {
  failures: number;
  windowMs: number;
}

export const DEFAULT_KEY_FAILURES: KeyFailureRule = { failures: 10, windowMs: 60_000 };

interface Window {
  since: number;
  failures: number;
  refused: number;
  /** What the previous window of this address refused, for the next audit line. */
  refusedBefore: number;
}

const MAX_ADDRESSES = 10_000;

export class KeyFailureLimit {
  private readonly byAddress = new Map<string, Window>();

  constructor(
    private readonly audit: AuditLog,
    private readonly rule: KeyFailureRule = DEFAULT_KEY_FAILURES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this address has used up its failures for the current window. */
  over(address: string): boolean {
    const w = this.current(address, this.now());
    return w !== undefined && w.failures >= this.rule.failures;
  }

  /**
   * Counts a failed sign-in from `address`. Null while the address is within its limit (the caller
   * audits this failure and answers 401); past it, the seconds until the window ends.
   */
  failed(address: string, door: string): number | null {
    const now = this.now();
    let w = this.current(address, now);
    if (!w) {
      const expired = this.byAddress.get(address);
      w = { since: now, failures: 0, refused: 0, refusedBefore: expired?.refused ?? 0 };
      if (this.byAddress.size >= MAX_ADDRESSES) this.prune(now);
      this.byAddress.set(address, w);
    }
    w.failures += 1;
    if (w.failures <= this.rule.failures) return null;
    w.refused += 1;
    const until = w.since + this.rule.windowMs;
    if (w.refused === 1) {
      this.audit.record({ userId: null, name: 'anonymous' }, 'api.auth.limited', `${door}:${address}`, {
        failures: this.rule.failures,
        windowSeconds: Math.round(this.rule.windowMs / 1000),
        until: new Date(until).toISOString(),
        ...(w.refusedBefore > 0 ? { refusedBefore: w.refusedBefore } : {}),
      });
    }
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  private current(address: string, now: number): Window | undefined {
    const w = this.byAddress.get(address);
    return w && now - w.since < this.rule.windowMs ? w : undefined;
  }

  private prune(now: number): void {
    for (const [address, w] of this.byAddress) if (now - w.since >= this.rule.windowMs) this.byAddress.delete(address);
    // Still full: addresses that all failed within the last minute; forgetting them is the lesser harm.
    if (this.byAddress.size >= MAX_ADDRESSES) this.byAddress.clear();
  }
}
