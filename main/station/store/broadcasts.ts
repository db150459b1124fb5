// One click = one broadcast: the broadcast row and one queued message per recipient are
// committed together, before anything is sent (DESIGN §1, "Nothing is lost").
import { stmt } from './statements.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type {
  BroadcastCounts,
  BroadcastKind,
  BroadcastSource,
  BroadcastSummary,
} from '../../../shared/protocol/index.js';

export interface NewBroadcast {
  authorId: number | null;
  source: BroadcastSource;
  kind: BroadcastKind;
  text: string;
  tagIds: number[];
  tags: string[];
  segments: number;
  priority?: number;
  validUntil?: number | null;
  /** Nothing goes out before this (a scheduled broadcast). */
  scheduledAt?: number | null;
  /** Poll options, 1..n. */
  options?: string[] | null;
  /** Order number replies may quote. */
  code?: string | null;
  /** Confirmation settings (JSON-able), for the escalation clock. */
  confirm?: unknown;
  /** The broadcast a re-send or escalation follows up. */
  parentId?: number | null;
  followUp?: 'resend' | 'escalation' | null;
  /** 'staging' for a large send committed in steps (dispatch/large-commit.ts); its messages come later. */
  preparing?: 'staging' | null;
  /** Recipients, when not the list given (a large send's estimate before its rows are staged). */
  total?: number;
  /** The client's reference for this send: a retry with the same one finds this broadcast. */
  clientRef?: string | null;
  /** `text`/`segments` set when this recipient's text differs from the broadcast's (`{name}`). */
  recipients: { contactId: number | null; phone: string; text?: string; segments?: number }[];
}

interface BroadcastRow {
  id: number;
  author_id: number | null;
  author_name: string | null;
  source: BroadcastSource;
  kind: BroadcastKind;
  text: string;
  tags: string;
  created_at: number;
  total: number;
  code: string | null;
  scheduled_at: number | null;
  cancelled_at: number | null;
  preparing: 'staging' | 'moving' | 'abandoned' | null;
}

const SUMMARY_SELECT = `
  SELECT b.id, b.author_id, u.name AS author_name, b.source, b.kind, b.text, b.tags, b.created_at, b.total, b.code,
    b.scheduled_at, b.cancelled_at, b.preparing
  FROM broadcasts b LEFT JOIN users u ON u.id = b.author_id`;

export class BroadcastRepository {
  private countsStmt: Statement | null = null;

  constructor(private readonly db: Db) {}

  /** Commits the broadcast and its messages in one transaction; returns the ids. */
  create(b: NewBroadcast, now = Date.now()): { broadcastId: number; messageIds: number[] } {
    const body = () => {
      const { id } = stmt(this.db, 
          `INSERT INTO broadcasts (author_id, source, text, kind, tags, priority, total, valid_until, scheduled_at, options,
             code, confirm, parent_id, follow_up, client_ref, preparing, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          b.authorId,
          b.source,
          b.text,
          b.kind,
          b.tags.join(' '),
          b.priority ?? 0,
          b.total ?? b.recipients.length,
          b.validUntil ?? null,
          b.scheduledAt ?? null,
          b.options ? JSON.stringify(b.options) : null,
          b.code ?? null,
          b.confirm === undefined || b.confirm === null ? null : JSON.stringify(b.confirm),
          b.parentId ?? null,
          b.parentId ? (b.followUp ?? 'resend') : null,
          b.clientRef ?? null,
          b.preparing ?? null,
          now,
        ) as { id: number };
      const tagLink = stmt(this.db, 'INSERT OR IGNORE INTO broadcast_tags (broadcast_id, tag_id) VALUES (?, ?)');
      for (const tagId of b.tagIds) tagLink.run(id, tagId);
      // One recipient (a monitoring script's alert): one plain INSERT, its id returned, rather than
      // a JSON list to build and read back and a query for the ids.
      if (b.recipients.length === 1) {
        const r = b.recipients[0]!;
        const messageId = stmt(this.db,
          `INSERT INTO messages (direction, broadcast_id, contact_id, phone, text, tags, segments, status, priority,
             next_attempt_at, valid_until, created_at, updated_at)
           VALUES ('out', ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?) RETURNING id`,
          'pluck',
        ).get(
          id,
          r.contactId,
          r.phone,
          r.text ?? b.text,
          b.tags.join(' '),
          r.text === undefined ? b.segments : (r.segments ?? b.segments),
          b.priority ?? 0,
          b.scheduledAt ?? 0,
          b.validUntil ?? null,
          now,
          now,
        ) as number;
        return { broadcastId: id, messageIds: [messageId] };
      }
      // One statement for all recipients: a 10,000-recipient broadcast is one call into SQLite,
      // not 10,000 (the commit is what the operator waits for after clicking Send).
      stmt(this.db, 
          `INSERT INTO messages (direction, broadcast_id, contact_id, phone, text, tags, segments, status, priority,
             next_attempt_at, valid_until, created_at, updated_at)
           SELECT 'out', @id, r.value ->> 0, r.value ->> 1, coalesce(r.value ->> 2, @text), @tags,
             coalesce(r.value ->> 3, @segments), 'queued', @priority,
             @due, @validUntil, @now, @now
           FROM json_each(@recipients) r ORDER BY r.key`,
        )
        .run({
          id,
          text: b.text,
          tags: b.tags.join(' '),
          segments: b.segments,
          priority: b.priority ?? 0,
          due: b.scheduledAt ?? 0,
          validUntil: b.validUntil ?? null,
          now,
          recipients: JSON.stringify(
            b.recipients.map((r) => (r.text === undefined ? [r.contactId, r.phone] : [r.contactId, r.phone, r.text, r.segments ?? b.segments])),
          ),
        });
      const messageIds = stmt(this.db, `SELECT id FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY id`, 'pluck')
        .all(id) as number[];
      return { broadcastId: id, messageIds };
    };
    // Inside a caller's transaction (Dispatcher.send) it is part of that one: no savepoint of its
    // own, which would also make SQLite's full-text index flush its pending rows (fts5 xSavepoint).
    return this.db.inTransaction ? body() : this.db.transaction(body).immediate();
  }

  /** The broadcast this author already committed under this client reference, if any. */
  byClientRef(authorId: number | null, clientRef: string): { id: number; total: number } | undefined {
    return stmt(this.db, 'SELECT id, total FROM broadcasts WHERE ifnull(author_id, 0) = ifnull(?, 0) AND client_ref = ?')
      .get(authorId, clientRef) as { id: number; total: number } | undefined;
  }

  /** Progress from `broadcast_counts` (kept by triggers, migration 0061): a few rows, whatever the size. */
  counts(broadcastId: number): BroadcastCounts {
    const counts: BroadcastCounts = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, replied: 0 };
    this.countsStmt ??= stmt(this.db, 'SELECT status, n FROM broadcast_counts WHERE broadcast_id = ?');
    for (const r of this.countsStmt.all(broadcastId) as { status: string; n: number }[]) {
      if (r.status === 'expired' || r.status === 'cancelled') counts.failed += r.n;
      else if (r.status in counts) counts[r.status as keyof BroadcastCounts] += r.n;
    }
    return counts;
  }

  summary(id: number): BroadcastSummary | undefined {
    const row = stmt(this.db, `${SUMMARY_SELECT} WHERE b.id = ?`).get(id) as BroadcastRow | undefined;
    return row && this.toSummary(row);
  }

  recent(limit = 50): BroadcastSummary[] {
    return (stmt(this.db, `${SUMMARY_SELECT} ORDER BY b.id DESC LIMIT ?`).all(limit) as BroadcastRow[]).map((r) =>
      this.toSummary(r),
    );
  }

  private toSummary(r: BroadcastRow): BroadcastSummary {
    const counts = this.counts(r.id);
    // A large send committed in steps: recipients stored but not in the outbox yet.
    const inOutbox = counts.queued + counts.sending + counts.sent + counts.delivered + counts.failed;
    const preparing = r.preparing === 'staging' || r.preparing === 'moving' ? Math.max(0, r.total - inOutbox) : 0;
    return {
      id: r.id,
      authorId: r.author_id,
      authorName: r.author_name,
      source: r.source,
      kind: r.kind,
      text: r.text,
      tags: r.tags ? r.tags.split(' ') : [],
      createdAt: r.created_at,
      total: r.total,
      counts,
      code: r.code,
      scheduledAt: r.scheduled_at,
      cancelledAt: r.cancelled_at,
      ...(preparing > 0 ? { preparing } : {}),
      ...(r.preparing === 'abandoned' ? { abandoned: true } : {}),
    };
  }
}
