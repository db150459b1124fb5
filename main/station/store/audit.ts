import { stmt } from './statements.js';
import type { Rider } from './rider.js';
import type { Db } from './database.js';

export interface Actor {
  /** null for the system itself (outbox, escalation timer). */
  userId: number | null;
  /** How the actor is named in the log: a login, `apikey:prefix`, `system`. */
  name: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export interface AuditEntry {
  id: number;
  at: number;
  userId: number | null;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

type Row = [at: number, userId: number | null, actor: string, action: string, target: string | null, detail: string | null];

const INSERT = 'INSERT INTO audit (at, user_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)';
const row = (actor: Actor, action: string, target: string | null, detail: unknown, at: number): Row => [
  at, actor.userId, actor.name, action, target, detail === undefined ? null : JSON.stringify(detail),
];

/** Lines queued by `recordSoon` past which the oldest are dropped while the store cannot write. */
const MAX_PENDING = 10_000;

export class AuditLog {
  private pending: Row[] = [];
  private flushing: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private waitFor: (() => boolean) | null = null;

  constructor(private readonly db: Db) {}

  record(actor: Actor, action: string, target: string | null = null, detail?: unknown, at = Date.now()): void {
    stmt(this.db, INSERT).run(...row(actor, action, target, detail, at));
  }

  /**
   * A line written after its answer went out (a REST call's own line, once its status is known):
   * the lines of one event-loop turn are written together, in one commit, at the end of the turn,
   * rather than a commit each on every call of a busy script. What a caller was refused is
   * recorded with `record`, in the step that refused it.
   */
  recordSoon(actor: Actor, action: string, target: string | null = null, detail?: unknown, at = Date.now()): void {
    this.pending.push(row(actor, action, target, detail, at));
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
    this.flushing ??= setImmediate(() => {
      // A group commit of sends due in this same turn takes these lines into its commit (`ride`):
      // look once more in the next turn, when there is nothing left to write or nobody took them.
      if (this.waitFor?.()) this.flushing = setImmediate(() => this.flush());
      else this.flush();
    });
  }

  /** While this says so, the end-of-turn flush waits a turn for a commit the lines may ride in. */
  rideWith(pending: () => boolean): void {
    this.waitFor = pending;
  }

  /** The queued lines, for a transaction somebody else holds (store/rider.ts). */
  ride(): Rider | null {
    if (this.pending.length === 0 || !this.db.open) return null;
    const rows = this.pending;
    this.pending = [];
    let done = false;
    return {
      write: () => {
        const insert = stmt(this.db, INSERT);
        for (const r of rows) insert.run(...r);
      },
      committed: () => {
        done = true;
      },
      rolledBack: () => {
        if (done) return;
        done = true;
        this.pending = rows.concat(this.pending).slice(-MAX_PENDING);
        this.flushing ??= setImmediate(() => this.flush());
      },
    };
  }

  /** Writes what `recordSoon` queued; the store calls it before it closes. */
  flush(): void {
    if (this.flushing) {
      clearImmediate(this.flushing as NodeJS.Immediate);
      clearTimeout(this.flushing as NodeJS.Timeout);
      this.flushing = null;
    }
    if (this.pending.length === 0 || !this.db.open) return;
    const rows = this.pending;
    this.pending = [];
    try {
      const insert = stmt(this.db, INSERT);
      this.db.transaction(() => {
        for (const r of rows) insert.run(...r);
      })();
    } catch {
      // A store that cannot write (disk full) keeps the lines and tries again in a second.
      this.pending = rows.concat(this.pending).slice(-MAX_PENDING);
      this.flushing = setTimeout(() => this.flush(), 1_000);
      this.flushing.unref();
    }
  }

  recent(limit = 100, action?: string): AuditEntry[] {
    const rows = stmt(this.db, 
        `SELECT * FROM audit ${action ? 'WHERE action = @action' : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all({ limit, ...(action ? { action } : {}) }) as {
      id: number;
      at: number;
      user_id: number | null;
      actor: string;
      action: string;
      target: string | null;
      detail: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      actor: r.actor,
      action: r.action,
      target: r.target,
      detail: r.detail === null ? null : JSON.parse(r.detail),
    }));
  }
}
