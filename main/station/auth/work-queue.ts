// Bounded expensive work (a password check costs ~50 ms of CPU and 16 MB): a few at a time in all,
// a short queue, and a share per requester (an address), so one flood cannot hold another desk's
// login for minutes (issue 14 case 4: 2,000 login frames on one socket held another login 120 s).
// Over the bounds a job is refused at once with QueueFullError instead of waiting.

export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

interface Job {
  owner: string;
  /** Lower goes first: an address with no recent failures before one that keeps failing. */
  rank: number;
  run: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class WorkQueue {
  private running = 0;
  /** Waiting jobs per owner, owners in turn: the next slot goes to the owner after the last served. */
  private readonly waiting = new Map<string, Job[]>();
  private queued = 0;
  private readonly perOwner = new Map<string, number>();

  constructor(
    private readonly concurrency = 2,
    private readonly maxWaiting = 32,
    private readonly maxPerOwner = 4,
  ) {}

  /** Runs `work` when a slot is free; refuses at once when the queue or the owner's share is full. */
  run<T>(owner: string, work: () => Promise<T>, rank = 0): Promise<T> {
    const mine = this.perOwner.get(owner) ?? 0;
    if (mine >= this.maxPerOwner || (this.running >= this.concurrency && this.queued >= this.maxWaiting)) {
      return Promise.reject(new QueueFullError(`queue full for ${owner}`));
    }
    this.perOwner.set(owner, mine + 1);
    return new Promise<T>((resolve, reject) => {
      const list = this.waiting.get(owner) ?? [];
      list.push({ owner, rank, run: work, resolve: resolve as (v: unknown) => void, reject });
      this.waiting.set(owner, list);
      this.queued += 1;
      this.pump();
    });
  }

  get depth(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queued };
  }

  private next(): Job | undefined {
    // The lowest rank first; among equals, round robin between owners (map order is the turn).
    let pick: [string, Job[]] | undefined;
    for (const entry of this.waiting) if (!pick || entry[1][0]!.rank < pick[1][0]!.rank) pick = entry;
    if (!pick) return undefined;
    const [owner, list] = pick;
    const job = list.shift()!;
    this.waiting.delete(owner);
    if (list.length > 0) this.waiting.set(owner, list); // to the back of the turn
    this.queued -= 1;
    return job;
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const job = this.next();
      if (!job) return;
      this.running += 1;
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          this.running -= 1;
          const n = (this.perOwner.get(job.owner) ?? 1) - 1;
          if (n <= 0) this.perOwner.delete(job.owner);
          else this.perOwner.set(job.owner, n);
          this.pump();
        });
    }
  }
}
