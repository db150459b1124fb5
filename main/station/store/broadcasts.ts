// One click = one broadcast: the broadcast row and one queued message per recipient are
// committed together, before anything is sent (DESIGN §1, "Nothing is lost").
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
  recipients: { contactId: number | null; phone: string }[];
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
}

const SUMMARY_SELECT = `
  SELECT b.id, b.author_id, u.name AS author_name, b.source, b.kind, b.text, b.tags, b.created_at, b.total
  FROM broadcasts b LEFT JOIN users u ON u.id = b.author_id`;

export class BroadcastRepository {
  constructor(private readonly db: Db) {}

  /** Commits the broadcast and its messages in one transaction; returns the ids. */
  create(b: NewBroadcast, now = Date.now()): { broadcastId: number; messageIds: number[] } {
    return this.db.transaction(() => {
      const { id } = this.db
        .prepare(
          `INSERT INTO broadcasts (author_id, source, text, kind, tags, priority, total, valid_until, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          b.authorId,
          b.source,
          b.text,
          b.kind,
          b.tags.join(' '),
          b.priority ?? 0,
          b.recipients.length,
          b.validUntil ?? null,
          now,
        ) as { id: number };
      const tagLink = this.db.prepare('INSERT OR IGNORE INTO broadcast_tags (broadcast_id, tag_id) VALUES (?, ?)');
      for (const tagId of b.tagIds) tagLink.run(id, tagId);
      const insert = this.db.prepare(
        `INSERT INTO messages (direction, broadcast_id, contact_id, phone, text, tags, segments, status, priority,
           valid_until, created_at, updated_at)
         VALUES ('out', ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) RETURNING id`,
      );
      const tags = b.tags.join(' ');
      const messageIds = b.recipients.map(
        (r) =>
          (
            insert.get(id, r.contactId, r.phone, b.text, tags, b.segments, b.priority ?? 0, b.validUntil ?? null, now, now) as {
              id: number;
            }
          ).id,
      );
      return { broadcastId: id, messageIds };
    }).immediate();
  }

  counts(broadcastId: number): BroadcastCounts {
    const counts: BroadcastCounts = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, replied: 0 };
    const rows = this.db
      .prepare(
        `SELECT status, count(*) AS n FROM messages WHERE broadcast_id = ? AND direction = 'out' GROUP BY status`,
      )
      .all(broadcastId) as { status: string; n: number }[];
    for (const r of rows) {
      if (r.status === 'expired' || r.status === 'cancelled') counts.failed += r.n;
      else if (r.status in counts) counts[r.status as keyof BroadcastCounts] += r.n;
    }
    counts.replied = (
      this.db
        .prepare(`SELECT count(DISTINCT phone) AS n FROM messages WHERE broadcast_id = ? AND direction = 'in'`)
        .get(broadcastId) as { n: number }
    ).n;
    return counts;
  }

  summary(id: number): BroadcastSummary | undefined {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE b.id = ?`).get(id) as BroadcastRow | undefined;
    return row && this.toSummary(row);
  }

  recent(limit = 50): BroadcastSummary[] {
    return (this.db.prepare(`${SUMMARY_SELECT} ORDER BY b.id DESC LIMIT ?`).all(limit) as BroadcastRow[]).map((r) =>
      this.toSummary(r),
    );
  }

  private toSummary(r: BroadcastRow): BroadcastSummary {
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
      counts: this.counts(r.id),
    };
  }
}
