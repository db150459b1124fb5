// What a reply answers, in the order DESIGN §4 gives: an order or poll code quoted in the text
// (whoever sends it), an open poll or confirmation sent to that phone, the latest broadcast to
// that phone within the reply window. No match leaves the reply unlinked, flagged in the feed.
import type { Db } from '../store/database.js';
import { quotedCode } from '../domain/answers.js';

export type MatchKind = 'code' | 'question' | 'window';

export interface ReplyMatch {
  broadcastId: number | null;
  /** The outgoing SMS to this phone that the reply answers, when there is one. */
  replyTo: number | null;
  matchedBy: MatchKind | null;
}

export interface MatchOptions {
  replyWindowMs: number;
  /** How long a poll or confirmation stays open to answers by phone alone. */
  questionWindowMs: number;
}

export class ReplyMatcher {
  private readonly byCode;
  private readonly outboundIn;
  private readonly openQuestion;
  private readonly latest;

  constructor(private readonly db: Db) {
    this.byCode = db.prepare(`SELECT id FROM broadcasts WHERE code = ? AND cancelled_at IS NULL ORDER BY id DESC LIMIT 1`);
    this.outboundIn = db.prepare(
      `SELECT m.id FROM messages m JOIN broadcasts b ON b.id = m.broadcast_id
       WHERE m.phone = @phone AND m.direction = 'out' AND (b.id = @root OR b.parent_id = @root)
       ORDER BY m.id DESC LIMIT 1`,
    );
    this.openQuestion = db.prepare(
      `SELECT m.id, m.broadcast_id AS broadcastId FROM messages m
       JOIN broadcasts b ON b.id = m.broadcast_id
       JOIN broadcasts r ON r.id = coalesce(b.parent_id, b.id)
       WHERE m.phone = ? AND m.direction = 'out' AND m.created_at >= ? AND m.status NOT IN ('queued', 'cancelled')
         AND r.kind IN ('poll', 'confirm') AND r.closed_at IS NULL AND r.cancelled_at IS NULL
       ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
    );
    this.latest = db.prepare(
      `SELECT id, broadcast_id AS broadcastId FROM messages
       WHERE phone = ? AND direction = 'out' AND created_at >= ? AND status NOT IN ('queued', 'cancelled')
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
  }

  match(phone: string, text: string, at: number, opts: MatchOptions): ReplyMatch {
    const code = quotedCode(text);
    if (code) {
      const b = this.byCode.get(code) as { id: number } | undefined;
      if (b) {
        const sentHere = this.outboundIn.get({ phone, root: b.id }) as { id: number } | undefined;
        return { broadcastId: b.id, replyTo: sentHere?.id ?? null, matchedBy: 'code' };
      }
    }
    const open = this.openQuestion.get(phone, at - opts.questionWindowMs) as { id: number; broadcastId: number } | undefined;
    if (open) return { broadcastId: open.broadcastId, replyTo: open.id, matchedBy: 'question' };
    const last = this.latest.get(phone, at - opts.replyWindowMs) as { id: number; broadcastId: number | null } | undefined;
    if (last) return { broadcastId: last.broadcastId, replyTo: last.id, matchedBy: 'window' };
    return { broadcastId: null, replyTo: null, matchedBy: null };
  }
}
