// SMPP lets a client send several submits before their answers arrive: "the window" (SMPP 3.4
// §2.6 leaves its size to the SMSC and recommends 10). Operators fix its size (and often a rate)
// per account; more outstanding than allowed gets throttled or the bind dropped. This limits
// both, first come first served, so a message's parts keep order. A place is held until the
// SMSC answers — also after our own deadline passed, for as long as the link lives: the SMSC
// still counts that submit as outstanding.

type Waiter = { resume: () => void; fail: (error: Error) => void };

export class SubmitWindow {
  private outstanding = 0;
  private readonly waiting: Waiter[] = [];
  private nextSlotAt = 0;
  private readonly intervalMs: number;

  constructor(
    readonly size: number,
    maxPerSecond: number,
  ) {
    this.intervalMs = maxPerSecond > 0 ? 1000 / maxPerSecond : 0;
  }

  /** Submits outstanding plus waiting for a place. */
  get queued(): number {
    return this.outstanding + this.waiting.length;
  }

  /**
   * Waits for a place (and, with a rate, a time slot); resolves with the function that gives
   * the place back, to be called once the submit is answered or its link is gone.
   */
  async enter(): Promise<() => void> {
    // A free place and no rate: no waiting at all (every await is a turn of the microtask queue,
    // and a busy link makes thousands of these a second).
    if (this.outstanding < this.size) this.outstanding++;
    else await this.queueForPlace();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.release();
    };
    if (this.intervalMs > 0) await this.pace();
    return release;
  }

  /** Rejects everyone waiting for a place: the link they were waiting for is gone. */
  failWaiting(error: () => Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.fail(error());
  }

  private queueForPlace(): Promise<void> {
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
