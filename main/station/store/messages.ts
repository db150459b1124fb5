// Messages in and out: views, delivery reports, inbound SMS. The outbox's state changes of an
// outgoing SMS (claim, retry, in doubt, expiry) live in outbox-queue.ts.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { MessageStatus, MessageView } from '../../../shared/protocol/index.js';
import { stmt } from './statements.js';

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
  matched_by?: string | null;
  counted_for?: number | null;
}

export interface InboundInput {
  phone: string;
  contactId: number | null;
  text: string;
  tags: string[];
  segments: number;
  carrierId: string;
  carrierRef: string | null;
  /** `carrierRef` is a content key, the same SMS only within this window (InboundSms.carrierRefWindowMs). */
  carrierRefWindowMs?: number | undefined;
  broadcastId: number | null;
  replyTo: number | null;
  receivedAt: number;
  /** How the reply was matched ('code', 'question', 'window'); null or absent = unmatched. */
  matchedBy?: string | null;
}

/** Columns of MessageRow, over `messages m LEFT JOIN contacts c`. */
export const VIEW_COLUMNS = `m.id, m.direction, m.broadcast_id, m.reply_to, m.contact_id, c.name AS contact_name, m.phone,
  m.text, m.tags, m.segments, m.status, m.error, m.carrier_id, m.created_at, m.updated_at, m.matched_by,
  (SELECT a.broadcast_id FROM answers a WHERE a.message_id = m.id) AS counted_for`;

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
    ...(r.direction === 'in' ? { matchedBy: (r.matched_by ?? null) as MessageView['matchedBy'], countedFor: r.counted_for ?? null } : {}),
  };
}

export class MessageRepository {
  private readonly viewById;
  private inboundInsert: Statement<unknown[]> | null = null;


  constructor(private readonly db: Db) {
    this.viewById = db.prepare(`${VIEW_SELECT} WHERE m.id = ?`);
  }

  view(id: number): MessageView | undefined {
    const row = this.viewById.get(id) as MessageRow | undefined;
    return row && toView(row);
  }

  views(ids: readonly number[]): MessageView[] {
    return ids.map((id) => this.view(id)).filter((v): v is MessageView => v !== undefined);
  }

  countByStatus(status: MessageStatus): number {
    return (this.db.prepare('SELECT count(*) AS n FROM messages WHERE status = ?').get(status) as { n: number }).n;
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
    // A report for a send not recorded yet (a fast network) is common under load: tell it without
    // opening a transaction, which would cost as much as the write it does not do.
    const known = stmt(this.db, 'SELECT 1 FROM delivery_parts WHERE carrier_id = ? AND carrier_ref = ? LIMIT 1').get(carrierId, ref);
    if (known === undefined) return 'unknown';
    return this.db.transaction(() => {
      const part = stmt(this.db, 'SELECT message_id FROM delivery_parts WHERE carrier_id = ? AND carrier_ref = ? ORDER BY message_id DESC LIMIT 1')
        .get(carrierId, ref) as { message_id: number } | undefined;
      if (!part) return 'unknown';
      if (status === 'pending') return null;
      stmt(this.db, 'UPDATE delivery_parts SET status = ?, updated_at = ? WHERE carrier_id = ? AND carrier_ref = ? AND message_id = ?')
        .run(status, at, carrierId, ref, part.message_id);
      const parts = stmt(
          this.db,
          `SELECT sum(status = 'delivered') AS delivered, sum(status = 'failed') AS failed, count(*) AS total
           FROM delivery_parts WHERE message_id = ?`,
        )
        .get(part.message_id) as { delivered: number; failed: number; total: number };
      let next: MessageStatus | null = null;
      if (parts.failed > 0) next = 'failed';
      else if (parts.delivered === parts.total) next = 'delivered';
      if (!next) return null;
      const changed = stmt(
          this.db,
          `UPDATE messages SET status = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END,
             error = CASE WHEN ? = 'failed' THEN ? ELSE error END, updated_at = ?
           WHERE id = ? AND status IN ('sent', 'delivered') AND status != ?`,
        )
        .run(next, next, at, next, error ?? 'The network reports the SMS was not delivered.', at, part.message_id, next);
      return changed.changes > 0 ? part.message_id : null;
    })();
  }

  /** The network surely has our acknowledgement of these incoming SMS (CarrierSink.acknowledged). */
  markAcknowledged(carrierId: string, carrierRefs: readonly string[], at: number): void {
    const update = stmt(this.db, `UPDATE messages SET acked_at = ? WHERE direction = 'in' AND carrier_id = ? AND carrier_ref = ? AND acked_at IS NULL`);
    this.db.transaction(() => {
      for (const ref of carrierRefs) update.run(at, carrierId, ref);
    })();
  }

  /**
   * Stores an inbound SMS; null when the carrier delivered this same SMS before. A content key
   * older than its window, or one whose acknowledgement the network surely has, belongs to an
   * earlier SMS that said the same: that row gives the key up (it keeps it with its own id
   * appended), and this one is stored.
   */
  insertInbound(m: InboundInput, now = Date.now()): number | null {
    const id = this.tryInsertInbound(m, now);
    if (id !== null || !m.carrierRef || !m.carrierRefWindowMs) return id;
    const earlier = stmt(
      this.db,
      `SELECT id, created_at AS at, acked_at AS acked FROM messages WHERE direction = 'in' AND carrier_id = ? AND carrier_ref = ?`,
    ).get(m.carrierId, m.carrierRef) as { id: number; at: number; acked: number | null } | undefined;
    // Unless the network surely has our acknowledgement of the earlier one: then it would not deliver it again.
    if (!earlier || (earlier.acked === null && m.receivedAt - earlier.at <= m.carrierRefWindowMs)) return null;
    stmt(this.db, `UPDATE messages SET carrier_ref = carrier_ref || '@' || id WHERE id = ?`).run(earlier.id);
    return this.tryInsertInbound(m, now);
  }

  private tryInsertInbound(m: InboundInput, now: number): number | null {
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
