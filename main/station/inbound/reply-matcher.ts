// What a reply answers (DESIGN §4, docs/replies.md): an explicit code quoted in the text (`#4711`,
// `4711 готово`, a poll's code) wins, whoever sends it; else the most recent SMS *that phone*
// received and has not answered yet, by the time the phone got it, whatever it asked (a plain alert,
// a confirmation, a poll, an order); else the latest SMS to that phone, as a follow-up of the
// conversation. One exception keeps follow-ups where they belong: when the phone has answered a
// newer SMS already, an older unanswered question takes the reply only if the reply is one of that
// question's answers ("2" to an open poll), never free text, which continues the newer conversation.
//
// The work per reply is the phone's own recent SMS (at most CANDIDATES rows, by index), never the
// size of the store, the broadcast or the number of open questions.
import type { Db } from '../store/database.js';
import { confirms, normalizeAnswer, pickOption, quotedCode } from '../domain/answers.js';

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

/** The phone's recent SMS looked at; a person who got more unanswered SMS than this in a week answers the newest. */
const CANDIDATES = 20;

interface Candidate {
  id: number;
  broadcastId: number;
  got: number;
  createdAt: number;
  kind: 'plain' | 'poll' | 'confirm' | 'order';
  options: string | null;
  /** The question is closed or cancelled: it takes no answers, though it may still carry the conversation. */
  closed: number;
  /** A reply is linked to this SMS, or the phone has answered its question (through a re-send, say). */
  answered: number;
}

export class ReplyMatcher {
  private readonly byCode;
  private readonly sentInFamily;
  private readonly candidates;

  constructor(db: Db) {
    this.byCode = db.prepare(`SELECT id FROM broadcasts WHERE code = ? AND cancelled_at IS NULL ORDER BY id DESC LIMIT 1`);
    // The family is the root and its follow-ups (a handful); each is one lookup in the per-recipient index.
    this.sentInFamily = db.prepare(
      `SELECT m.id FROM broadcasts b JOIN messages m ON m.broadcast_id = b.id AND m.phone = @phone AND m.direction = 'out'
       WHERE b.id = @root OR b.parent_id = @root ORDER BY m.id DESC LIMIT 1`,
    );
    // A question's state is its own and its root's: closing or cancelling the root closes the family.
    this.candidates = db.prepare(
      `SELECT m.id, m.broadcast_id AS broadcastId, coalesce(m.delivered_at, m.sent_at, m.created_at) AS got, m.created_at AS createdAt,
              b.kind, b.options,
              (b.closed_at IS NOT NULL OR b.cancelled_at IS NOT NULL
                 OR (r.id IS NOT NULL AND (r.closed_at IS NOT NULL OR r.cancelled_at IS NOT NULL))) AS closed,
              (EXISTS (SELECT 1 FROM messages a WHERE a.reply_to = m.id AND a.direction = 'in')
                 OR EXISTS (SELECT 1 FROM answers q WHERE q.phone = m.phone
                              AND q.broadcast_id = CASE WHEN b.follow_up = 'resend' THEN b.parent_id ELSE b.id END)) AS answered
       FROM messages m JOIN broadcasts b ON b.id = m.broadcast_id LEFT JOIN broadcasts r ON r.id = b.parent_id
       WHERE m.phone = @phone AND m.direction = 'out' AND m.created_at >= @since
         AND m.status IN ('sending', 'sent', 'delivered', 'failed')
       ORDER BY m.created_at DESC, m.id DESC LIMIT ${CANDIDATES}`,
    );
  }

  match(phone: string, text: string, at: number, opts: MatchOptions): ReplyMatch {
    const code = quotedCode(text);
    if (code) {
      const b = this.byCode.get(code) as { id: number } | undefined;
      if (b) {
        const sentHere = this.sentInFamily.get({ phone, root: b.id }) as { id: number } | undefined;
        return { broadcastId: b.id, replyTo: sentHere?.id ?? null, matchedBy: 'code' };
      }
    }
    const since = at - Math.max(opts.replyWindowMs, opts.questionWindowMs);
    const inWindow = (c: Candidate) => {
      const question = !c.closed && (c.kind === 'poll' || c.kind === 'confirm');
      return c.createdAt >= at - (question ? opts.questionWindowMs : opts.replyWindowMs);
    };
    // Newest first by the time the phone got each SMS (a delivery report's time when there is one).
    const list = (this.candidates.all({ phone, since }) as Candidate[]).filter(inWindow).sort((a, b) => b.got - a.got || b.id - a.id);
    const latest = list[0];
    if (!latest) return { broadcastId: null, replyTo: null, matchedBy: null };
    const open = list.find((c) => !c.answered && !(c.closed && (c.kind === 'poll' || c.kind === 'confirm')));
    if (open && (open === latest || fitsOptions(open, text))) return { broadcastId: open.broadcastId, replyTo: open.id, matchedBy: 'question' };
    return { broadcastId: latest.broadcastId, replyTo: latest.id, matchedBy: 'window' };
  }
}

/** Whether the reply picks one of the question's answers (not free text). */
function fitsOptions(c: Candidate, text: string): boolean {
  if (c.kind !== 'confirm' && c.kind !== 'poll') return false;
  const norm = normalizeAnswer(text);
  return (c.kind === 'confirm' && confirms(norm)) || pickOption(norm, optionsOf(c)) !== null;
}

export function optionsOf(c: { kind: string; options: string | null }): string[] {
  if (c.options) return JSON.parse(c.options) as string[];
  return c.kind === 'confirm' ? ['Принял'] : [];
}
