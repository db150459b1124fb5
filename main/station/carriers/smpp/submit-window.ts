// SMPP lets a client send several submits before their answers arrive: "the window". Operators
// fix its size (and often a rate) per account; more outstanding than allowed gets throttled or
// the bind dropped. This limits both, first come first served, so a message's parts keep order.

type Waiter = { resume: () => void; fail: (error: Error) => void };

export class SubmitWindow {
  private outstanding = 0;
  private readonly waiting: Waiter[] = [];
  private nextSlotAt = 0;
  private readonly intervalMs: number;

  constructor(
    private readonly size: number,
    maxPerSecond: number,
  ) {
    this.intervalMs = maxPerSecond > 0 ? 1000 / maxPerSecond : 0;
  }

  /** Submits outstanding plus waiting for a place. */
  get queued(): number {
    return this.outstanding + this.waiting.length;
  }

  /** Runs `submit` once a place in the window (and, with a rate, a time slot) is free. */
  async run<T>(submit: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.pace();
      return await submit();
    } finally {
      this.release();
    }
  }

  /** Rejects everyone waiting for a place: the link they were waiting for is gone. */
  failWaiting(error: () => Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.fail(error());
  }

  private acquire(): Promise<void> {
    if (this.outstanding < this.size) {
      this.outstanding++;
      return Promise.resolve();
    }
    // The place is handed over by release(), so `outstanding` stays counted for the waiter.
    return new Promise((resume, fail) => this.waiting.push({ resume, fail }));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.resume();
    else this.outstanding--;
  }

  private async pace(): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = Date.now();
    const at = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = at + this.intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
