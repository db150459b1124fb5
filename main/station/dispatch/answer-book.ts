// Answers to polls and confirmations: one per person per question, the last one counts and the
// one before is kept, so the tally shows who changed their mind. Re-sends and escalations are
// follow-ups of a root broadcast; answers to any of them count on the root.
import type { Db } from '../store/database.js';
import type { PersonRef, Tally } from '../../../shared/protocol/index.js';
import { isConfirmation, parseAnswer } from '../domain/answers.js';

export interface Question {
  id: number;
  kind: 'poll' | 'confirm';
  options: string[];
  closed: boolean;
}

export class AnswerBook {
  private readonly rootStmt;
  private readonly questionStmt;

  constructor(private readonly db: Db) {
    // Every matched reply asks both; prepare once.
    this.rootStmt = db.prepare('SELECT coalesce(parent_id, id) AS root FROM broadcasts WHERE id = ?');
    this.questionStmt = db.prepare(`SELECT id, kind, options, closed_at, cancelled_at FROM broadcasts WHERE id = ?`);
  }

  /** The root of a broadcast's family (itself when it follows up nothing). */
  rootOf(broadcastId: number): number {
    const row = this.rootStmt.get(broadcastId) as
      | { root: number }
      | undefined;
    return row?.root ?? broadcastId;
  }

  /** The poll or confirmation this broadcast belongs to, or undefined for a plain or order one. */
  question(broadcastId: number): Question | undefined {
    const row = this.questionStmt.get(this.rootOf(broadcastId)) as
      | { id: number; kind: string; options: string | null; closed_at: number | null; cancelled_at: number | null }
      | undefined;
    if (!row || (row.kind !== 'poll' && row.kind !== 'confirm')) return undefined;
    const options = row.options ? (JSON.parse(row.options) as string[]) : row.kind === 'confirm' ? ['Принял'] : [];
    return { id: row.id, kind: row.kind, options, closed: row.closed_at !== null || row.cancelled_at !== null };
  }

  /**
   * Records a reply to a question when it picks an option. Returns the root broadcast id when
   * the tally changed, else null (free text, a closed question, the same answer again).
   */
  record(broadcastId: number, reply: { phone: string; contactId: number | null; text: string; messageId: number; at: number }): number | null {
    const q = this.question(broadcastId);
    if (!q || q.closed) return null;
    const option = q.kind === 'confirm' ? (isConfirmation(reply.text) ? 1 : parseAnswer(reply.text, q.options)) : parseAnswer(reply.text, q.options);
    if (option === null) return null;
    const changed = this.db
      .prepare(
        `INSERT INTO answers (broadcast_id, phone, contact_id, option, previous, changes, message_id, at)
         VALUES (@root, @phone, @contactId, @option, NULL, 0, @messageId, @at)
         ON CONFLICT (broadcast_id, phone) DO UPDATE SET
           previous = CASE WHEN answers.option != excluded.option THEN answers.option ELSE answers.previous END,
           changes = answers.changes + (answers.option != excluded.option),
           option = excluded.option, message_id = excluded.message_id, at = excluded.at
         WHERE excluded.at >= answers.at`,
      )
      .run({ root: q.id, phone: reply.phone, contactId: reply.contactId, option, messageId: reply.messageId, at: reply.at });
    return changed.changes > 0 ? q.id : null;
  }

  /** Recipients of the root broadcast who have not answered. */
  silent(rootId: number): PersonRef[] {
    return this.db
      .prepare(
        `SELECT m.contact_id AS contactId, c.name, m.phone FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
         WHERE m.broadcast_id = ? AND m.direction = 'out' AND m.status != 'cancelled'
           AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.broadcast_id = m.broadcast_id AND a.phone = m.phone)
         ORDER BY c.name, m.phone`,
      )
      .all(rootId) as PersonRef[];
  }

  tally(broadcastId: number): Tally | undefined {
    const q = this.question(broadcastId);
    if (!q) return undefined;
    const answers = (
      this.db
        .prepare(
          `SELECT a.contact_id AS contactId, c.name, a.phone, a.option, a.previous, a.changes, a.at, m.text, a.via
           FROM answers a LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN messages m ON m.id = a.message_id
           WHERE a.broadcast_id = ? ORDER BY a.at DESC`,
        )
        .all(q.id) as (Tally['answers'][number] & { via: 'call' | null })[]
    ).map(({ via, ...a }) => ({ ...a, text: a.text ?? null, ...(via === 'call' ? { via } : {}) }));
    const esc = this.db.prepare('SELECT step, due_at, state FROM escalations WHERE broadcast_id = ?').get(q.id) as
      | { step: number; due_at: number; state: 'open' | 'done' | 'cancelled' }
      | undefined;
    return {
      broadcastId: q.id,
      kind: q.kind,
      options: q.options.map((text, i) => ({ n: i + 1, text, count: answers.filter((a) => a.option === i + 1).length })),
      answers,
      silent: this.silent(q.id),
      closed: q.closed,
      escalation: esc ? { step: esc.step, dueAt: esc.state === 'open' ? esc.due_at : null, state: esc.state } : null,
    };
  }
}
