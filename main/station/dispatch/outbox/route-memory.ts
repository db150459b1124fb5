// What the outbox remembers of a queued message between looks, in memory only (a restart
// forgets it, harmlessly): which carriers not to offer it to for a while (the one that just
// refused it, the one it was left in doubt on), and since when it has been waiting for its
// best carrier, so a message stuck behind a degraded carrier can move on after a bound.

const FORGET_AFTER_MS = 3_600_000;
const MOST = 100_000;

export class RouteMemory {
  private readonly excluded = new Map<number, Map<string, number>>();
  private readonly waiting = new Map<number, number>();

  /** Do not offer message `id` to `carrierId` before `until` (unless nothing else can take it). */
  avoid(id: number, carrierId: string, until: number): void {
    let carriers = this.excluded.get(id);
    if (!carriers) {
      if (this.excluded.size >= MOST) this.prune(Date.now());
      carriers = new Map();
      this.excluded.set(id, carriers);
    }
    carriers.set(carrierId, Math.max(until, carriers.get(carrierId) ?? 0));
  }

  /** Carriers message `id` should not go to now. */
  avoided(id: number, now: number): string[] {
    const carriers = this.excluded.get(id);
    if (!carriers) return [];
    const out: string[] = [];
    for (const [carrierId, until] of carriers) {
      if (until > now) out.push(carrierId);
      else carriers.delete(carrierId);
    }
    if (carriers.size === 0) this.excluded.delete(id);
    return out;
  }

  /** When message `id` started waiting for a carrier (now, if it was not waiting). */
  waitingSince(id: number, now: number): number {
    const since = this.waiting.get(id);
    if (since !== undefined) return since;
    if (this.waiting.size >= MOST) this.prune(now);
    this.waiting.set(id, now);
    return now;
  }

  /** Message `id` went to a carrier: its wait is over. */
  claimed(id: number): void {
    this.waiting.delete(id);
  }

  /** Message `id` is settled for good (sent, failed, expired). */
  forget(id: number): void {
    this.waiting.delete(id);
    this.excluded.delete(id);
  }

  private prune(now: number): void {
    for (const [id, since] of this.waiting) if (now - since > FORGET_AFTER_MS) this.waiting.delete(id);
    for (const [id, carriers] of this.excluded) {
      for (const [c, until] of carriers) if (until <= now) carriers.delete(c);
      if (carriers.size === 0) this.excluded.delete(id);
    }
    // Still too many (a flood of distinct waits): the oldest memories go first.
    for (const map of [this.waiting, this.excluded] as Map<number, unknown>[]) {
      for (const id of map.keys()) {
        if (map.size < MOST * 0.9) break;
        map.delete(id);
      }
    }
  }
}
