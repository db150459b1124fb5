// Group commit for small sends: the sends that reach a door in the same event-loop turn (a busy
// monitoring script's calls over several connections) are committed in one transaction, each in
// its own savepoint as Dispatcher.send already nests it, rather than a commit each. Every send
// keeps its own outcome (sent, refused, or its own error, its savepoint rolled back); every send is
// checked against its sender's rights as before; nobody hears "sent" before the commit that holds
// their send is on disk, and a commit that fails fails every send it held (none was answered yet,
// so nothing is lost or doubled). Hooks (outbox wake-up, escalation clock, pushes) run only after
// the commit, so no carrier is handed a message that could still be rolled back.
import type { Db } from '../store/database.js';
import type { SendingActor } from './rights.js';
import type { DispatchRequest, DispatchResult } from './dispatch.js';

export interface GroupedSender {
  /** The one door, as a single send (rights, refusals, audit, its own savepoint when nested). */
  send(actor: SendingActor, req: DispatchRequest): DispatchResult;
  /** A send committed in steps (large-commit.ts) never joins a group: it runs after the group's commit. */
  isLarge(req: DispatchRequest): boolean;
  /** Alone, as before: a large send waits for its steps. */
  sendAndWait(actor: SendingActor, req: DispatchRequest, until: 'committed' | 'queued'): Promise<DispatchResult>;
  /** While set, what `send` would run after its commit is collected here instead. */
  deferHooks(into: (() => void)[] | null): void;
  /** A commit of the whole group that failed, as the sender hears it (a full disk is said in words). */
  commitFailed(err: unknown): unknown;
  /** A hook run after the commit threw: told, and the others still run (every send stays committed). */
  afterCommitFailed(err: unknown): void;
}

interface Job {
  actor: SendingActor;
  req: DispatchRequest;
  until: 'committed' | 'queued';
  resolve: (r: DispatchResult) => void;
  reject: (err: unknown) => void;
}

export class SendGroup {
  private queue: Job[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly db: Db,
    private readonly sender: GroupedSender,
  ) {}

  send(actor: SendingActor, req: DispatchRequest, until: 'committed' | 'queued'): Promise<DispatchResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ actor, req, until, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = null;
    const jobs = this.queue;
    this.queue = [];
    const alone: Job[] = [];
    const grouped: Job[] = [];
    for (const job of jobs) {
      try {
        (this.sender.isLarge(job.req) ? alone : grouped).push(job);
      } catch (err) {
        job.reject(err);
      }
    }
    if (grouped.length === 1) alone.unshift(grouped.pop()!);
    if (grouped.length > 0) this.commitTogether(grouped);
    for (const job of alone) this.sender.sendAndWait(job.actor, job.req, job.until).then(job.resolve, job.reject);
  }

  private commitTogether(jobs: Job[]): void {
    const outcomes: ({ ok: DispatchResult } | { err: unknown })[] = [];
    const after: (() => void)[] = [];
    this.sender.deferHooks(after);
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: this.sender.send(job.actor, job.req) });
          } catch (err) {
            // SQLite rolls back the whole transaction on some failures (a full disk): then every
            // send of the group fails with it, none having been answered.
            if (!this.db.inTransaction) throw err;
            outcomes.push({ err });
          }
        }
      })();
    } catch (err) {
      this.sender.deferHooks(null);
      const told = this.sender.commitFailed(err);
      for (const job of jobs) job.reject(told);
      return;
    }
    this.sender.deferHooks(null);
    for (const hook of after) {
      try {
        hook();
      } catch (err) {
        this.sender.afterCommitFailed(err);
      }
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if ('ok' in o) job.resolve(o.ok);
      else job.reject(o.err);
    });
  }
}
