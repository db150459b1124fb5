// Group commit for small sends: the sends that reach a door in the same event-loop turn (a busy
// monitoring script's calls over several connections) are committed in one transaction rather
// than a commit each. Every send keeps its own outcome (sent, refused, or its own error) and is
// checked against its sender's rights as before; nobody hears "sent" before the commit that holds
// their send is on disk, and a commit that fails fails every send it held (none was answered yet,
// so nothing is lost or doubled). Hooks (outbox wake-up, escalation clock, pushes) run only after
// the commit, so no carrier is handed a message that could still be rolled back.
//
// A group is first tried without a savepoint per send: a savepoint makes SQLite's full-text index
// write out its pending rows (fts5's xSavepoint), a segment per message where the group's commit
// writes one. Should a send throw, the whole try is rolled back, that send told its error, and the
// rest tried once more, each in its own savepoint (Dispatcher.send's nested transaction), so one
// bad call costs the others one re-run at most.
import type { Db } from '../store/database.js';
import type { Rider } from '../store/rider.js';
import type { SendingActor } from './rights.js';
import type { DispatchRequest, DispatchResult } from './dispatch.js';

export interface GroupedSender {
  /** The one door, as a single send (rights, refusals, audit, its own savepoint when nested). */
  send(actor: SendingActor, req: DispatchRequest): DispatchResult;
  /** A send committed in steps (large-commit.ts) never joins a group: it runs after the group's commit. */
  isLarge(req: DispatchRequest): boolean;
  /** Alone, as before: a large send waits for its steps. */
  sendAndWait(actor: SendingActor, req: DispatchRequest, until: 'committed' | 'queued'): Promise<DispatchResult>;
  /**
   * While set, what `send` would run after its commit is collected here instead; `inline`: it
   * writes straight into the group's transaction, with no savepoint of its own.
   */
  joinGroup(into: (() => void)[] | null, inline: boolean): void;
  /** A commit of the whole group that failed, as the sender hears it (a full disk is said in words). */
  commitFailed(err: unknown): unknown;
  /** A hook run after the commit threw: told, and the others still run (every send stays committed). */
  afterCommitFailed(err: unknown): void;
  /** Other writes waiting for a commit, to ride in the group's (store/rider.ts): the outbox's turn, audit lines. */
  riders(): Rider[];
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

  /** Whether a group is waiting for its commit at the end of this turn. */
  get pending(): boolean {
    return this.scheduled !== null;
  }

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
    if (grouped.length > 0) this.commitTogether(grouped);
    for (const job of alone) this.sender.sendAndWait(job.actor, job.req, job.until).then(job.resolve, job.reject);
  }

  private commitTogether(jobs: Job[]): void {
    const first = this.tryTogether(jobs, false);
    if (first.kind === 'send failed') {
      jobs[first.index]!.reject(first.err);
      const rest = jobs.filter((_, i) => i !== first.index);
      if (rest.length > 0) this.settle(rest, this.tryTogether(rest, true));
    } else this.settle(jobs, first);
  }

  /** One transaction over these sends; with `savepoints`, a send that throws is rolled back alone. */
  private tryTogether(jobs: Job[], savepoints: boolean): Try {
    const outcomes: Outcome[] = [];
    const after: (() => void)[] = [];
    let failed: { index: number; err: unknown } | null = null;
    let riders: Rider[] = [];
    this.sender.joinGroup(after, !savepoints);
    try {
      this.db.transaction(() => {
        for (const [index, job] of jobs.entries()) {
          try {
            outcomes.push({ ok: this.sender.send(job.actor, job.req) });
          } catch (err) {
            // SQLite rolls back the whole transaction on some failures (a full disk): then every
            // send of the group fails with it, none having been answered.
            if (!savepoints || !this.db.inTransaction) {
              failed = { index, err };
              throw err;
            }
            outcomes.push({ err });
          }
        }
        riders = this.ride();
      })();
    } catch (err) {
      for (const r of riders) r.rolledBack();
      const f = failed as { index: number; err: unknown } | null;
      if (f && f.err === err && this.db.open && !savepoints) return { kind: 'send failed', index: f.index, err };
      return { kind: 'commit failed', err: this.sender.commitFailed(err) };
    } finally {
      this.sender.joinGroup(null, false);
    }
    return { kind: 'committed', outcomes, after, riders };
  }

  /**
   * The riders' writes, after the sends, in one savepoint of their own: a rider that fails is
   * rolled back alone and tries again by itself, and never costs a send its commit. (One
   * savepoint per group, not per send: fts5 writes its pending rows once, as the commit would.)
   */
  private ride(): Rider[] {
    const riders = this.sender.riders();
    if (riders.length === 0) return riders;
    try {
      this.db.transaction(() => {
        for (const r of riders) r.write();
      })();
    } catch (err) {
      for (const r of riders) r.rolledBack();
      if (!this.db.inTransaction) throw err;
      this.sender.afterCommitFailed(err);
      return [];
    }
    return riders;
  }

  private settle(jobs: Job[], t: Try): void {
    if (t.kind !== 'committed') {
      for (const job of jobs) job.reject(t.err);
      return;
    }
    for (const r of t.riders) {
      try {
        r.committed();
      } catch (err) {
        this.sender.afterCommitFailed(err);
      }
    }
    for (const hook of t.after) {
      try {
        hook();
      } catch (err) {
        this.sender.afterCommitFailed(err);
      }
    }
    jobs.forEach((job, i) => {
      const o = t.outcomes[i]!;
      if ('ok' in o) job.resolve(o.ok);
      else job.reject(o.err);
    });
  }
}

type Outcome = { ok: DispatchResult } | { err: unknown };
type Try =
  | { kind: 'committed'; outcomes: Outcome[]; after: (() => void)[]; riders: Rider[] }
  /** Tried without savepoints, this send threw: everything was rolled back. */
  | { kind: 'send failed'; index: number; err: unknown }
  | { kind: 'commit failed'; err: unknown };
