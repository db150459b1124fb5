// Answers to polls and confirmations: one per person per question, the last one counts and the one
// before is kept, so the tally shows who changed their mind. A re-send asks its root's question
// again, so its answers count on the root; an escalation step is a question of its own, whose
// answers the original shows apart ("answered by escalation"). A reply that fits none of the options
// is the question's free-text answer (option 0, "other").
//
// Recording an answer is constant work: an upsert, and the figures from `answer_counts` (a few rows
// per question, kept by triggers, migration 0062). The whole tally — every answer, every silent
// person — is built only on request (`tally`).
import type { Db } from '../store/database.js';
import { OTHER_OPTION, type AnswerView, type EscalationAnswerView, type EscalationStepView, type PersonRef, type Refusal, type Tally, type TallyChange, type TallyCounts } from '../../../shared/protocol/index.js';
import { confirms, normalizeAnswer, pickOption } from '../domain/answers.js';
import type { StationRefusal } from '../i18n/refusals.js';

export interface Question {
  /** The broadcast whose tally counts answers to it. */
  id: number;
  /** The alert a follow-up belongs to (itself when it is one). */
  rootId: number;
  kind: 'poll' | 'confirm';
  options: string[];
  closed: boolean;
  /** This question is an escalation step of `rootId`. */
  escalation: boolean;
}

export interface ReplyToRecord {
  phone: string;
  contactId: number | null;
  text: string;
  messageId: number;
  at: number;
  /**
   * A follow-up of an answered conversation counts only when it picks an option (a change of mind);
   * its free text stays in the feed and does not replace the answer given.
   */
  followUp: boolean;
}

interface QuestionRow {
  id: number;
  kind: string;
  options: string | null;
  parent_id: number | null;
  follow_up: string | null;
  closed_at: number | null;
  cancelled_at: number | null;
  root_closed: number | null;
}

type AnswerRow = Omit<AnswerView, 'recipient' | 'via'> & { recipient: number; via: string | null };

function answerView({ via, recipient, ...a }: AnswerRow): AnswerView {
  return { ...a, text: a.text ?? null, recipient: recipient === 1, ...(via === 'call' ? { via: 'call' as const } : {}) };
}

/** The option a reply picks, or OTHER_OPTION for free text. */
export function optionOf(q: Pick<Question, 'kind' | 'options'>, text: string): number {
  const norm = normalizeAnswer(text);
  if (q.kind === 'confirm' && confirms(norm)) return 1;
  return pickOption(norm, q.options) ?? OTHER_OPTION;
}

export class AnswerBook {
  private readonly st;

  constructor(private readonly db: Db) {
    // Every matched reply runs these: prepared once.
    this.st = {
      question: db.prepare(
        `SELECT b.id, b.kind, b.options, b.parent_id, b.follow_up, b.closed_at, b.cancelled_at,
                (p.closed_at IS NOT NULL OR p.cancelled_at IS NOT NULL) AS root_closed
         FROM broadcasts b LEFT JOIN broadcasts p ON p.id = b.parent_id WHERE b.id = ?`,
      ),
      existing: db.prepare('SELECT option, message_id FROM answers WHERE broadcast_id = ? AND phone = ?'),
      recipient: db.prepare(`SELECT 1 FROM messages WHERE broadcast_id = ? AND phone = ? AND direction = 'out' AND status != 'cancelled'`),
      upsert: db.prepare(
        `INSERT INTO answers (broadcast_id, phone, contact_id, option, previous, changes, message_id, at, recipient)
         VALUES (@question, @phone, @contactId, @option, NULL, 0, @messageId, @at, @recipient)
         ON CONFLICT (broadcast_id, phone) DO UPDATE SET
           previous = CASE WHEN answers.option != excluded.option THEN answers.option ELSE answers.previous END,
           changes = answers.changes + (answers.option != excluded.option),
           option = excluded.option, message_id = excluded.message_id, at = excluded.at
         WHERE excluded.at >= answers.at AND (answers.option != excluded.option OR answers.message_id IS NOT excluded.message_id)`,
      ),
      counts: db.prepare('SELECT option, n, recipients FROM answer_counts WHERE question_id = ?'),
      total: db.prepare(
        `SELECT b.total - ifnull((SELECT n FROM broadcast_counts c WHERE c.broadcast_id = b.id AND c.status = 'cancelled'), 0) AS n
         FROM broadcasts b WHERE b.id = ?`,
      ),
      answerView: db.prepare(
        `SELECT a.contact_id AS contactId, c.name, a.phone, a.option, a.previous, a.changes, a.at, m.text, a.message_id AS messageId, a.recipient, a.via
         FROM answers a LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN messages m ON m.id = a.message_id
         WHERE a.broadcast_id = ? AND a.phone = ?`,
      ),
      person: db.prepare(`SELECT m.contact_id AS contactId, c.name, m.phone FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
                          WHERE m.broadcast_id = ? AND m.phone = ? AND m.direction = 'out'`),
    };
  }

  /** The root of a broadcast's family (itself when it follows up nothing). */
  rootOf(broadcastId: number): number {
    const row = this.st.question.get(broadcastId) as QuestionRow | undefined;
    return row?.parent_id ?? broadcastId;
  }

  /** The poll or confirmation an SMS of this broadcast asked, or undefined for a plain or order one. */
  question(broadcastId: number): Question | undefined {
    let row = this.st.question.get(broadcastId) as QuestionRow | undefined;
    if (row?.follow_up === 'resend' && row.parent_id !== null) row = this.st.question.get(row.parent_id) as QuestionRow | undefined;
    if (!row || (row.kind !== 'poll' && row.kind !== 'confirm')) return undefined;
    const options = row.options ? (JSON.parse(row.options) as string[]) : row.kind === 'confirm' ? ['Принял'] : [];
    const escalation = row.follow_up === 'escalation' && row.parent_id !== null;
    return {
      id: row.id,
      rootId: escalation ? row.parent_id! : row.id,
      kind: row.kind,
      options,
      closed: row.closed_at !== null || row.cancelled_at !== null || row.root_closed === 1,
      escalation,
    };
  }

  /**
   * Counts a reply on the question its broadcast asked. Returns the changes to push (the question's,
   * and for an escalation step also the original alert's), or [] when nothing changed: a closed
   * question, the same answer again, free text after an answer.
   */
  record(broadcastId: number, reply: ReplyToRecord): TallyChange[] {
    const q = this.question(broadcastId);
    if (!q || q.closed) return [];
    const option = optionOf(q, reply.text);
    const before = this.st.existing.get(q.id, reply.phone) as { option: number; message_id: number | null } | undefined;
    if (option === OTHER_OPTION && (reply.followUp || (before && before.option !== OTHER_OPTION))) return [];
    const recipient = this.st.recipient.get(q.id, reply.phone) ? 1 : 0;
    const changed = this.st.upsert.run({ question: q.id, phone: reply.phone, contactId: reply.contactId, option, messageId: reply.messageId, at: reply.at, recipient });
    if (changed.changes === 0) return [];
    const answer = this.answerOf(q.id, reply.phone)!;
    const changes: TallyChange[] = [{ broadcastId: q.id, counts: this.counts(q), answer }];
    if (q.escalation) {
      const byEscalation: EscalationAnswerView = { broadcastId: q.id, contactId: answer.contactId, name: answer.name, phone: answer.phone, option, at: answer.at, text: answer.text };
      const root = this.question(q.rootId);
      if (root) changes.push({ broadcastId: root.id, counts: this.counts(root), byEscalation });
    }
    return changes;
  }

  /**
   * Takes a reply out of the tally it was counted in (it was moved elsewhere): the person's answer
   * falls back to their latest other reply to that question, or they are silent again.
   */
  unrecord(messageId: number): TallyChange | null {
    const row = this.db.prepare('SELECT broadcast_id AS questionId, phone FROM answers WHERE message_id = ?').get(messageId) as
      | { questionId: number; phone: string }
      | undefined;
    if (!row) return null;
    const q = this.question(row.questionId)!;
    this.db.prepare('DELETE FROM answers WHERE broadcast_id = ? AND phone = ?').run(q.id, row.phone);
    // The person's other replies to this question (its own SMS, re-sends, a code), oldest first, replayed.
    const others = this.db
      .prepare(
        `SELECT m.id, m.contact_id AS contactId, m.text, m.created_at AS at, m.matched_by AS matchedBy FROM messages m
         WHERE m.direction = 'in' AND m.phone = ? AND m.id != ?
           AND m.broadcast_id IN (SELECT id FROM broadcasts WHERE id = ? OR (parent_id = ? AND follow_up = 'resend'))
         ORDER BY m.created_at, m.id`,
      )
      .all(row.phone, messageId, q.id, q.id) as { id: number; contactId: number | null; text: string; at: number; matchedBy: string | null }[];
    for (const o of others) {
      this.record(q.id, { phone: row.phone, contactId: o.contactId, text: o.text, messageId: o.id, at: o.at, followUp: o.matchedBy === 'window' });
    }
    const answer = this.answerOf(q.id, row.phone);
    if (answer) return { broadcastId: q.id, counts: this.counts(q), answer };
    const person = (this.st.person.get(q.id, row.phone) as PersonRef | undefined) ?? null;
    return { broadcastId: q.id, counts: this.counts(q), removed: { phone: row.phone, silent: person } };
  }

  private answerOf(questionId: number, phone: string): AnswerView | undefined {
    const a = this.st.answerView.get(questionId, phone) as AnswerRow | undefined;
    return a && answerView(a);
  }

  /** The change one person's answer made (a call-back confirmation stored by another module, say). */
  changeFor(questionId: number, phone: string): TallyChange | null {
    const q = this.question(questionId);
    const answer = q && this.answerOf(q.id, phone);
    return q && answer ? { broadcastId: q.id, counts: this.counts(q), answer } : null;
  }

  /** The figures of a question from its counters: constant work. */
  counts(q: Pick<Question, 'id' | 'options'>): TallyCounts {
    const options = q.options.map(() => 0);
    let other = 0;
    let answered = 0;
    for (const r of this.st.counts.all(q.id) as { option: number; n: number; recipients: number }[]) {
      if (r.option === OTHER_OPTION) other += r.n;
      else if (r.option >= 1 && r.option <= options.length) options[r.option - 1]! += r.n;
      answered += r.recipients;
    }
    const total = (this.st.total.get(q.id) as { n: number } | undefined)?.n ?? 0;
    return { options, other, answered, silent: Math.max(0, total - answered) };
  }

  /** Recipients who confirmed (option 1): one counter row. */
  confirmed(questionId: number): number {
    const row = this.db.prepare('SELECT recipients FROM answer_counts WHERE question_id = ? AND option = 1').get(questionId) as { recipients: number } | undefined;
    return row?.recipients ?? 0;
  }

  /** Recipients the question went to (cancelled SMS left out). */
  recipientsOf(questionId: number): number {
    return (this.st.total.get(questionId) as { n: number } | undefined)?.n ?? 0;
  }

  /** Counts by question id alone (the escalation clock asks after each answer). */
  countsOf(questionId: number): TallyCounts | undefined {
    const q = this.question(questionId);
    return q && this.counts(q);
  }

  /** Recipients of the question who have not answered, by name. Built for an escalation step or a full tally. */
  silent(questionId: number): PersonRef[] {
    return this.db
      .prepare(
        `SELECT m.contact_id AS contactId, c.name, m.phone FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
         WHERE m.broadcast_id = ? AND m.direction = 'out' AND m.status != 'cancelled'
           AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.broadcast_id = m.broadcast_id AND a.phone = m.phone)
         ORDER BY c.name, m.phone`,
      )
      .all(questionId) as PersonRef[];
  }

  /** Recipients who have not confirmed: the silent and those who answered something else. */
  unconfirmed(questionId: number): PersonRef[] {
    return this.db
      .prepare(
        `SELECT m.contact_id AS contactId, c.name, m.phone FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
         WHERE m.broadcast_id = ? AND m.direction = 'out' AND m.status != 'cancelled'
           AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.broadcast_id = m.broadcast_id AND a.phone = m.phone AND a.option = 1)
         ORDER BY c.name, m.phone`,
      )
      .all(questionId) as PersonRef[];
  }

  /** The whole tally, on request: every answer, every silent person, the escalation and its steps. */
  tally(broadcastId: number, sayRefused: (r: StationRefusal[]) => Refusal[] = (r) => r): Tally | undefined {
    const q = this.question(broadcastId);
    if (!q) return undefined;
    const answers = (
      this.db
        .prepare(
          `SELECT a.contact_id AS contactId, c.name, a.phone, a.option, a.previous, a.changes, a.at, m.text, a.message_id AS messageId, a.recipient, a.via
           FROM answers a LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN messages m ON m.id = a.message_id
           WHERE a.broadcast_id = ? ORDER BY a.at DESC`,
        )
        .all(q.id) as AnswerRow[]
    ).map(answerView);
    const counts = this.counts(q);
    const esc = this.db.prepare('SELECT step, due_at, state FROM escalations WHERE broadcast_id = ?').get(q.id) as
      | { step: number; due_at: number; state: 'open' | 'done' | 'cancelled' }
      | undefined;
    const byEscalation = q.escalation
      ? []
      : (this.db
          .prepare(
            `SELECT a.broadcast_id AS broadcastId, a.contact_id AS contactId, c.name, a.phone, a.option, a.at, m.text
             FROM broadcasts b JOIN answers a ON a.broadcast_id = b.id LEFT JOIN contacts c ON c.id = a.contact_id LEFT JOIN messages m ON m.id = a.message_id
             WHERE b.parent_id = ? AND b.follow_up = 'escalation' ORDER BY a.at`,
          )
          .all(q.id) as EscalationAnswerView[]).map((a) => ({ ...a, text: a.text ?? null }));
    const steps = (
      this.db
        .prepare(
          `SELECT s.step, s.action, s.group_id AS groupId, g.name AS groupName, s.broadcast_id AS broadcastId, s.reached, s.refused, s.at
           FROM escalation_steps s LEFT JOIN groups g ON g.id = s.group_id WHERE s.root_id = ? ORDER BY s.at, s.step`,
        )
        .all(q.id) as { step: number; action: EscalationStepView['action']; groupId: number | null; groupName: string | null; broadcastId: number | null; reached: number; refused: string; at: number }[]
    ).map((s) => ({
      step: s.step,
      action: s.action,
      group: s.groupId !== null ? { id: s.groupId, name: s.groupName ?? `#${s.groupId}` } : null,
      broadcastId: s.broadcastId,
      reached: s.reached,
      refused: sayRefused(JSON.parse(s.refused) as StationRefusal[]),
      at: s.at,
    }));
    return {
      broadcastId: q.id,
      kind: q.kind,
      options: q.options.map((text, i) => ({ n: i + 1, text, count: counts.options[i] ?? 0 })),
      other: counts.other,
      answers,
      silent: this.silent(q.id),
      closed: q.closed,
      escalation: esc ? { step: esc.step, dueAt: esc.state === 'open' ? esc.due_at : null, state: esc.state } : null,
      byEscalation,
      steps,
      escalates: q.escalation ? q.rootId : null,
    };
  }
}
