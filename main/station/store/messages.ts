// Messages in and out. Every state change of an outgoing SMS goes through here, so the rules
// of DESIGN §3 (queued → sending → sent → delivered | failed, retry, expiry) live in one file.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { MessageStatus, MessageView } from '../../../shared/protocol/index.js';

/** A message as VIEW_COLUMNS select it (with the contact's name). */
export interface MessageRow {
  id: number;
  direction: 'in' | 'out';
  broadcast_id: number | null;
  reply_to: number | null;
  contact_id: number | null;
  contact_name: string | null;
  phone: string;
  text: string;
  tags: string;
  segments: number;
  status: MessageStatus;
  error: string | null;
  carrier_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface OutboxItem {
  id: number;
  broadcastId: number | null;
  phone: string;
  text: string;
  attempts: number;
  validUntil: number | null;
}

export interface InboundInput {
  phone: string;
  contactId: number | null;
  text: string;
  tags: string[];
  segments: number;
  carrierId: string;
  carrierRef: string | null;
  broadcastId: number | null;
  replyTo: number | null;
  receivedAt: number;
  /** How the reply was matched ('code', 'question', 'window'); null or absent = unmatched. */
  matchedBy?: string | null;
}

/** Columns of MessageRow, over `messages m LEFT JOIN contacts c`. */
export const VIEW_COLUMNS = `m.id, m.direction, m.broadcast_id, m.reply_to, m.contact_id, c.name AS contact_name, m.phone,
  m.text, m.tags, m.segments, m.status, m.error, m.carrier_id, m.created_at, m.updated_at`;

const VIEW_SELECT = `SELECT ${VIEW_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id`;

export function toView(r: MessageRow): MessageView {
  return {
    id: r.id,
    direction: r.direction,
    broadcastId: r.broadcast_id,
    replyTo: r.reply_to,
    contactId: r.contact_id,
    contactName: r.contact_name,
    phone: r.phone,
    text: r.text,
    tags: r.tags.split(' ').filter(Boolean),
    segments: r.segments,
    status: r.status,
    error: r.error,
    carrier: r.carrier_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class MessageRepository {
  private readonly claimSelect;
  private readonly claimUpdate;
  private readonly sentUpdate;
  private readonly partInsert;
  private readonly viewById;
  private inboundInsert: Statement<unknown[]> | null = null;
  private readonly statements = new Map<string, Statement<unknown[]>>();

  /** A statement prepared on first use and kept: delivery reports arrive one per SMS segment. */
  private cached(sql: string): Statement<unknown[]> {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  constructor(private readonly db: Db) {
    this.claimSelect = db.prepare(
      `SELECT id, broadcast_id AS broadcastId, phone, text, attempts, valid_until AS validUntil
       FROM messages WHERE status = 'queued' AND next_attempt_at <= ?
       ORDER BY priority DESC, next_attempt_at, id LIMIT ?`,
    );
    this.claimUpdate = db.prepare(
      `UPDATE messages SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`,
    );
    this.sentUpdate = db.prepare(
      `UPDATE messages SET status = 'sent', carrier_id = ?, carrier_ref = ?, sent_at = ?, updated_at = ?, error = NULL
       WHERE id = ? AND status = 'sending'`,
    );
    this.partInsert = db.prepare(
      `INSERT OR REPLACE INTO delivery_parts (message_id, part, carrier_id, carrier_ref, status, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?)`,
    );
    this.viewById = db.prepare(`${VIEW_SELECT} WHERE m.id = ?`);
  }

  view(id: number): MessageView | undefined {
    const row = this.viewById.get(id) as MessageRow | undefined;
    return row && toView(row);
  }

  views(ids: readonly number[]): MessageView[] {
    return ids.map((id) => this.view(id)).filter((v): v is MessageView => v !== undefined);
  }

  /**
   * Marks up to `limit` due messages as `sending` and returns them. Committed before anything is
   * handed to a carrier, so after a crash the store knows exactly which messages were in flight.
   */
  claim(limit: number, now = Date.now()): OutboxItem[] {
    return this.db.transaction(() => {
      const rows = this.claimSelect.all(now, limit) as OutboxItem[];
      for (const r of rows) {
        this.claimUpdate.run(now, r.id);
        r.attempts += 1;
      }
      return rows;
    }).immediate();
  }

  /** The earliest time a queued message becomes due, or null when none is queued. */
  nextDue(): number | null {
    const row = this.db.prepare(`SELECT min(next_attempt_at) AS t FROM messages WHERE status = 'queued'`).get() as {
      t: number | null;
    };
    return row.t;
  }

  countByStatus(status: MessageStatus): number {
    return (this.db.prepare('SELECT count(*) AS n FROM messages WHERE status = ?').get(status) as { n: number }).n;
  }

  /** After a restart: whatever was in flight goes back to the queue. Returns how many. */
  requeueInflight(now = Date.now()): number {
    return this.db
      .prepare(`UPDATE messages SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE status = 'sending'`)
      .run(now, now).changes;
  }

  /** Records what the carriers answered for a batch, in one transaction. */
  recordOutcomes(outcomes: readonly Outcome[], now = Date.now()): void {
    this.db.transaction(() => {
      for (const o of outcomes) {
        switch (o.kind) {
          case 'sent':
            this.sentUpdate.run(o.carrierId, o.refs[0] ?? null, now, now, o.id);
            o.refs.forEach((ref, part) => this.partInsert.run(o.id, part, o.carrierId, ref, now));
            break;
          case 'retry':
            this
              .cached(
                `UPDATE messages SET status = 'queued', next_attempt_at = ?, error = ?, updated_at = ?,
                   attempts = attempts - ?
                 WHERE id = ? AND status = 'sending'`,
              )
              .run(o.at, o.error, now, o.countAttempt ? 0 : 1, o.id);
            break;
          case 'failed':
          case 'expired':
            this
              .cached(`UPDATE messages SET status = ?, error = ?, updated_at = ? WHERE id = ? AND status = 'sending'`)
              .run(o.kind, o.error, now, o.id);
            break;
        }
      }
    })();
  }

  /**
   * Applies one segment's delivery report. Returns the message id when the message's status
   * changed: delivered once every part is delivered, failed as soon as one part failed;
   * `unknown` when no sent segment carries this reference (yet).
   */
  applyReport(
    carrierId: string,
    ref: string,
    status: 'delivered' | 'failed' | 'pending',
    error: string | null,
    at: number,
  ): number | null | 'unknown' {
    return this.db.transaction(() => {
      const part = this.cached('SELECT message_id FROM delivery_parts WHERE carrier_id = ? AND carrier_ref = ? ORDER BY message_id DESC LIMIT 1')
        .get(carrierId, ref) as { message_id: number } | undefined;
      if (!part) return 'unknown';
      if (status === 'pending') return null;
      this.cached('UPDATE delivery_parts SET status = ?, updated_at = ? WHERE carrier_id = ? AND carrier_ref = ? AND message_id = ?')
        .run(status, at, carrierId, ref, part.message_id);
      const parts = this
        .cached(
          `SELECT sum(status = 'delivered') AS delivered, sum(status = 'failed') AS failed, count(*) AS total
           FROM delivery_parts WHERE message_id = ?`,
        )
        .get(part.message_id) as { delivered: number; failed: number; total: number };
      let next: MessageStatus | null = null;
      if (parts.failed > 0) next = 'failed';
      else if (parts.delivered === parts.total) next = 'delivered';
      if (!next) return null;
      const changed = this
        .cached(
          `UPDATE messages SET status = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END,
             error = CASE WHEN ? = 'failed' THEN ? ELSE error END, updated_at = ?
           WHERE id = ? AND status IN ('sent', 'delivered') AND status != ?`,
        )
        .run(next, next, at, next, error ?? 'The network reports the SMS was not delivered.', at, part.message_id, next);
      return changed.changes > 0 ? part.message_id : null;
    })();
  }

  /** Stores an inbound SMS; null when the carrier delivered this same SMS before. */
  insertInbound(m: InboundInput, now = Date.now()): number | null {
    // Prepared once: every reply passes here, and preparing costs more than the insert itself.
    this.inboundInsert ??= this.db.prepare(
        `INSERT INTO messages (direction, broadcast_id, contact_id, phone, text, tags, segments, status,
           carrier_id, carrier_ref, reply_to, matched_by, created_at, updated_at)
         VALUES ('in', ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING id`,
      );
    const row = this.inboundInsert
      .get(
        m.broadcastId,
        m.contactId,
        m.phone,
        m.text,
        m.tags.join(' '),
        m.segments,
        m.carrierId,
        m.carrierRef,
        m.replyTo,
        m.matchedBy ?? null,
        m.receivedAt,
        now,
      ) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** The latest SMS sent to this phone since `since`: what a reply most likely answers. */
  latestOutboundTo(phone: string, since: number): { id: number; broadcastId: number | null } | undefined {
    return this.db
      .prepare(
        `SELECT id, broadcast_id AS broadcastId FROM messages
         WHERE phone = ? AND direction = 'out' AND created_at >= ? AND status NOT IN ('queued', 'cancelled')
         ORDER BY created_at DESC, id DESC LIMIT 1`,
      )
      .get(phone, since) as { id: number; broadcastId: number | null } | undefined;
  }

  /** The control room's opening feed: the latest replies and the latest outgoing messages. */
  feed(limit = 200): MessageView[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM (${VIEW_SELECT} WHERE m.direction = 'in' ORDER BY m.id DESC LIMIT @limit)
         UNION ALL
         SELECT * FROM (${VIEW_SELECT} WHERE m.direction = 'out' ORDER BY m.id DESC LIMIT @limit)`,
      )
      .all({ limit }) as MessageRow[];
    return rows.map(toView).sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
  }
}

export type Outcome =
  | { kind: 'sent'; id: number; carrierId: string; refs: string[] }
  /** Back to the queue; `countAttempt: false` when no carrier was tried (none was up). */
  | { kind: 'retry'; id: number; at: number; error: string | null; countAttempt: boolean }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'expired'; id: number; error: string };
