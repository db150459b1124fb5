// The outbox's side of the messages table: which queued SMS are due, claiming them as `sending`
// (committed before any carrier sees them), and every outcome a carrier answers. The rules of
// DESIGN §3 and §4 for an outgoing SMS live here: queued → sending → sent | failed | expired,
// back to queued for another try, and "in doubt" (still `sending`, `in_doubt_at` set) for a
// submit that got no answer, re-sent at most once. On a row no longer `sending`, `in_doubt_at`
// is the record that it was once in doubt (a late answer settled it, or it failed unresolved).
import type { Db } from './database.js';
import type { Statement } from 'better-sqlite3';
import { stmt } from './statements.js';

export interface OutboxItem {
  id: number;
  broadcastId: number | null;
  phone: string;
  text: string;
  /** Tries so far, this one included once claimed. */
  attempts: number;
  validUntil: number | null;
  /** Higher goes first (an alert is 10, a survey −10). */
  priority: number;
  nextAttemptAt: number;
  /** Times this SMS was sent again after a submit left in doubt. */
  resends: number;
}

/** Where a page of due messages continues: after this one, in queue order. */
export type DueCursor = Pick<OutboxItem, 'priority' | 'nextAttemptAt' | 'id'>;

export type Outcome =
  | { kind: 'sent'; id: number; carrierId: string; refs: string[] }
  /** Back to the queue; `countAttempt: false` when the carrier did not really try (throttled, none up). */
  | { kind: 'retry'; id: number; at: number; error: string | null; countAttempt: boolean }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'expired'; id: number; error: string }
  /** Claimed, but cancelled before its carrier was given it (it waited for a rate slot). */
  | { kind: 'cancelled'; id: number; error: string }
  /** No answer to the submit: it may have gone out. Stays `sending`. */
  | { kind: 'in-doubt'; id: number; carrierId: string; error: string }
  /** An in-doubt SMS goes again (its late answer was lost or never came): counted once. */
  | { kind: 'resend'; id: number; at: number; error: string }
  /** In doubt a second time and no answer came: not sent again; failed, still flagged in doubt. */
  | { kind: 'unresolved'; id: number; error: string };

const DUE_COLUMNS = `id, broadcast_id AS broadcastId, phone, text, attempts, valid_until AS validUntil, priority,
  next_attempt_at AS nextAttemptAt, resends`;

export class OutboxQueue {
  private readonly dueFirst: (limit: number) => Statement;
  private readonly dueAfter: (limit: number) => Statement;
  private readonly claimUpdate;
  private readonly expireUpdate;
  private readonly sentUpdate;
  private readonly partInsert;

  constructor(private readonly db: Db) {
    // The page size is written into the SQL, one statement per size: SQLite 3.53 runs this scan
    // about five times slower with `LIMIT ?` than with a literal (measured 12.5 vs 2.5 µs on an
    // empty queue), and the outbox looks at the queue on every turn.
    this.dueFirst = pageStatements(db, (limit) => `SELECT ${DUE_COLUMNS} FROM messages WHERE status = 'queued' AND next_attempt_at <= ?
       ORDER BY priority DESC, next_attempt_at, id LIMIT ${limit}`);
    // Keyset continuation in the order of the messages_outbox index.
    this.dueAfter = pageStatements(db, (limit) => `SELECT ${DUE_COLUMNS} FROM messages WHERE status = 'queued' AND next_attempt_at <= @now
         AND (priority < @priority OR (priority = @priority AND (next_attempt_at > @at OR (next_attempt_at = @at AND id > @id))))
       ORDER BY priority DESC, next_attempt_at, id LIMIT ${limit}`);
    this.claimUpdate = db.prepare(
      `UPDATE messages SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`,
    );
    this.expireUpdate = db.prepare(`UPDATE messages SET status = 'expired', error = ?, updated_at = ? WHERE id = ? AND status = 'queued'`);
    this.sentUpdate = db.prepare(
      `UPDATE messages SET status = 'sent', carrier_id = ?, carrier_ref = ?, sent_at = ?, updated_at = ?, error = NULL
       WHERE id = ? AND status = 'sending'`,
    );
    this.partInsert = db.prepare(
      `INSERT OR REPLACE INTO delivery_parts (message_id, part, carrier_id, carrier_ref, status, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?)`,
    );
  }

  /** Queued messages due by `now`, best first (priority, then due time), after `cursor`. */
  due(limit: number, now: number, cursor?: DueCursor): OutboxItem[] {
    const n = Math.max(1, Math.floor(limit));
    if (!cursor) return this.dueFirst(n).all(now) as OutboxItem[];
    return this.dueAfter(n).all({ now, priority: cursor.priority, at: cursor.nextAttemptAt, id: cursor.id }) as OutboxItem[];
  }

  /**
   * In one transaction: marks these messages `sending` (those still queued: a cancel may have
   * come first) and expires those past their validity. Returns the ids claimed. Committed before
   * anything is handed to a carrier, so after a crash the store knows what was in flight.
   */
  claim(ids: readonly number[], expired: readonly number[], now: number): Set<number> {
    return this.atomically(() => {
      const claimed = new Set<number>();
      for (const id of ids) if (this.claimUpdate.run(now, id).changes > 0) claimed.add(id);
      for (const id of expired) this.expireUpdate.run('Not sent before its validity ran out.', now, id);
      return claimed;
    });
  }

  /**
   * Runs `fn` in a transaction of its own, or as part of the one already open (an outbox turn's
   * outcomes and claims share one commit, and may ride in a group commit of sends): no nested
   * savepoint, which would cost a statement journal for nothing.
   */
  atomically<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).immediate();
  }

  /**
   * Says on queued SMS why they wait — the first `limit` due (or those `ids`) — so the board and
   * the message view show it. Returns the ids whose reason changed.
   */
  noteWaiting(reason: string, now: number, which: { limit: number } | { ids: readonly number[] }): number[] {
    if ('ids' in which) {
      if (which.ids.length === 0) return [];
      const update = stmt(this.db, `UPDATE messages SET error = ?, updated_at = ? WHERE id = ? AND status = 'queued' AND error IS NOT ?`);
      return this.atomically(() => which.ids.filter((id) => update.run(reason, now, id, reason).changes > 0));
    }
    return stmt(
      this.db,
      `UPDATE messages SET error = @reason, updated_at = @now
       WHERE id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= @now
                    ORDER BY priority DESC, next_attempt_at, id LIMIT @limit)
         AND error IS NOT @reason
       RETURNING id`,
    )
      .all({ reason, now, limit: which.limit })
      .map((r) => (r as { id: number }).id);
  }

  /** The earliest time a queued message becomes due, or null when none is queued. */
  nextDue(): number | null {
    const row = stmt(this.db, `SELECT min(next_attempt_at) AS t FROM messages WHERE status = 'queued'`).get() as { t: number | null };
    return row.t;
  }

  /**
   * After a restart: whatever was in flight goes back to the queue. A submit that was in doubt
   * will never hear its answer now: it is re-sent (counted), or, if it was already re-sent once,
   * failed as unresolved (see `unresolved`).
   */
  requeueInflight(now = Date.now()): { requeued: number; resent: number; unresolved: number } {
    return this.db.transaction(() => {
      const unresolved = this.db
        .prepare(
          `UPDATE messages SET status = 'failed', updated_at = @now, error = @error
           WHERE status = 'sending' AND in_doubt_at IS NOT NULL AND resends > 0`,
        )
        .run({ now, error: UNRESOLVED_AFTER_RESTART }).changes;
      const resent = this.db
        .prepare(
          `UPDATE messages SET status = 'queued', next_attempt_at = @now, updated_at = @now, in_doubt_at = NULL,
             resends = resends + 1, error = @error
           WHERE status = 'sending' AND in_doubt_at IS NOT NULL`,
        )
        .run({ now, error: 'The station restarted while this SMS was in doubt; sent again once.' }).changes;
      const requeued = this.db
        .prepare(`UPDATE messages SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE status = 'sending'`)
        .run(now, now).changes;
      return { requeued, resent, unresolved };
    }).immediate();
  }

  /** Records what the carriers answered, in one transaction (or the caller's). Returns the ids that changed. */
  record(outcomes: readonly Outcome[], now = Date.now()): number[] {
    return this.atomically(() => {
      const changed: number[] = [];
      for (const o of outcomes) if (this.apply(o, now) > 0) changed.push(o.id);
      return changed;
    });
  }

  private apply(o: Outcome, now: number): number {
    switch (o.kind) {
      case 'sent': {
        const n = this.sentUpdate.run(o.carrierId, o.refs[0] ?? null, now, now, o.id).changes;
        if (n > 0) o.refs.forEach((ref, part) => this.partInsert.run(o.id, part, o.carrierId, ref, now));
        return n;
      }
      case 'retry':
        return stmt(
          this.db,
          `UPDATE messages SET status = 'queued', next_attempt_at = ?, error = ?, updated_at = ?, in_doubt_at = NULL,
             attempts = attempts - ?
           WHERE id = ? AND status = 'sending'`,
        ).run(o.at, o.error, now, o.countAttempt ? 0 : 1, o.id).changes;
      case 'failed':
      case 'expired':
      case 'cancelled':
        return stmt(this.db, `UPDATE messages SET status = ?, error = ?, updated_at = ? WHERE id = ? AND status = 'sending'`).run(
          o.kind,
          o.error,
          now,
          o.id,
        ).changes;
      case 'in-doubt':
        return stmt(
          this.db,
          `UPDATE messages SET in_doubt_at = ?, carrier_id = ?, error = ?, updated_at = ?
           WHERE id = ? AND status = 'sending'`,
        ).run(now, o.carrierId, o.error, now, o.id).changes;
      case 'resend':
        return stmt(
          this.db,
          `UPDATE messages SET status = 'queued', next_attempt_at = ?, error = ?, updated_at = ?, in_doubt_at = NULL,
             resends = resends + 1
           WHERE id = ? AND status = 'sending' AND in_doubt_at IS NOT NULL`,
        ).run(o.at, o.error, now, o.id).changes;
      case 'unresolved':
        return stmt(
          this.db,
          `UPDATE messages SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'sending' AND in_doubt_at IS NOT NULL`,
        ).run(o.error, now, o.id).changes;
    }
  }

  /**
   * A late answer says the network took an SMS this station had already settled without it: if
   * the SMS is still queued for its re-send, or was failed as unresolved, it becomes sent (no
   * second copy goes); if the re-send is under way or done, it reached the phone twice
   * (`'twice'`); anything else is left as it is (`'none'`).
   */
  lateSent(id: number, carrierId: string, refs: string[], now = Date.now()): 'sent' | 'twice' | 'none' {
    return this.db.transaction(() => {
      const changed = stmt(
        this.db,
        `UPDATE messages SET status = 'sent', carrier_id = ?, carrier_ref = ?, sent_at = ?, updated_at = ?, in_doubt_at = NULL,
           error = 'The carrier confirmed it late; not sent again.'
         WHERE id = ? AND ((status = 'queued' AND resends > 0) OR (status = 'failed' AND in_doubt_at IS NOT NULL))`,
      ).run(carrierId, refs[0] ?? null, now, now, id).changes;
      if (changed > 0) {
        refs.forEach((ref, part) => this.partInsert.run(id, part, carrierId, ref, now));
        return 'sent';
      }
      const row = stmt(this.db, 'SELECT status FROM messages WHERE id = ?').get(id) as { status: string } | undefined;
      return row && ['sending', 'sent', 'delivered'].includes(row.status) ? 'twice' : 'none';
    })();
  }
}

/** A statement per page size, prepared when first asked for. */
function pageStatements(db: Db, sql: (limit: number) => string): (limit: number) => Statement {
  const bySize = new Map<number, Statement>();
  return (limit) => {
    let st = bySize.get(limit);
    if (!st) {
      st = db.prepare(sql(limit));
      bySize.set(limit, st);
    }
    return st;
  };
}

export const UNRESOLVED_AFTER_RESTART =
  'In doubt twice: the carrier never confirmed it, and the station restarted. It may have arrived; not sent a third time.';
