// One control-room socket's share of the station (issue 14 case 4: 20,000 requests from one
// logged-in socket left /health unanswered for 15 s). Frames pass a token bucket (a desk's bursts
// go through, a loop does not) into a short queue; a few run at once, each in its own turn of the
// event loop, so health, the carriers and every other desk get their turns in between. A frame over
// the budget is answered `rate_limited` at once, without being run.

export interface SocketBudgetRule {
  /** Requests a socket may make at once after a quiet spell. */
  burst: number;
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests of one socket running at the same time (async ones: imports, probes). */
  concurrent: number;
  /** Requests waiting their turn; more are refused. */
  queued: number;
}

/** A logged-in desk: the control room makes a handful of requests per click. */
export const LOGGED_IN_BUDGET: SocketBudgetRule = { burst: 200, perSecond: 50, concurrent: 4, queued: 100 };
/** Before login a socket has nothing to do but log in. */
export const ANONYMOUS_BUDGET: SocketBudgetRule = { burst: 10, perSecond: 2, concurrent: 2, queued: 10 };

/** Pushes queued for a desk that does not read them: past this the socket is dropped. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private burst: number,
    private perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Changes the rule (a socket that logs in gets the larger budget), keeping what was spent. */
  retune(burst: number, perSecond: number): void {
    this.tokens = Math.min(burst, this.tokens + (burst - this.burst));
    this.burst = burst;
    this.perSecond = perSecond;
  }

  /** Takes a token, or returns the milliseconds until one is there. */
  take(now = Date.now()): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }
}

/** The per-socket runner: admit (bucket + queue bound), then run in turns. */
export class SocketBudget {
  private readonly bucket: TokenBucket;
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private rule: SocketBudgetRule;

  constructor(rule: SocketBudgetRule) {
    this.rule = rule;
    this.bucket = new TokenBucket(rule.burst, rule.perSecond);
  }

  setRule(rule: SocketBudgetRule): void {
    if (rule === this.rule) return;
    this.rule = rule;
    this.bucket.retune(rule.burst, rule.perSecond);
  }

  get busy(): number {
    return this.running + this.waiting.length;
  }

  /** Queues the job; returns the wait in ms when it is over the budget (the job is then not run). */
  admit(job: () => Promise<void>): number {
    if (this.waiting.length >= this.rule.queued) return 1000;
    const wait = this.bucket.take();
    if (wait > 0) return wait;
    this.waiting.push(job);
    this.pump();
    return 0;
  }

  private pump(): void {
    while (this.running < this.rule.concurrent && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      // A turn of its own: whatever else is waiting on the event loop goes first.
      setImmediate(() => {
        job()
          .catch(() => undefined)
          .finally(() => {
            this.running -= 1;
            this.pump();
          });
      });
    }
  }
}
