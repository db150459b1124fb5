// A dispatcher's correction of the reply matcher: this reply belongs to that broadcast (or to none).
// One step, in one transaction: it leaves the tally it was counted in (the person's answer falls
// back to their other replies there, or they are silent again), joins the new broadcast's thread and
// is counted there as an answer or the question's free text, and the move is audited.
import type { Store } from '../store/store.js';
import type { TallyChange } from '../../../shared/protocol/index.js';
import type { AnswerBook } from '../dispatch/answer-book.js';
import type { SendingActor } from '../dispatch/rights.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { readScopeOf, seesBroadcast, seesMessage } from '../auth/read-scope.js';

export interface MovedReply {
  messageId: number;
  /** Broadcasts whose progress (replied) changed: the one it left and the one it joined. */
  touched: number[];
  changes: TallyChange[];
}

export function moveReply(store: Store, answers: AnswerBook, actor: SendingActor, messageId: number, to: number | null): MovedReply {
  if (actor.role !== 'admin' && actor.role !== 'dispatcher') {
    store.audit.record(actor, 'reply.move.refused', `message:${messageId}`, { role: actor.role });
    throw new RightsError(msg('reply.moveViewer'));
  }
  const m = store.db.prepare(`SELECT id, direction, phone, contact_id, text, broadcast_id, created_at FROM messages WHERE id = ?`).get(messageId) as
    | { id: number; direction: string; phone: string; contact_id: number | null; text: string; broadcast_id: number | null; created_at: number }
    | undefined;
  if (!m) throw new StationError('not_found', msg('reply.unknown', { id: messageId }));
  // What this user may not see (a dispatcher limited to some people) is, to them, not there.
  const scope = actor.userId !== null ? readScopeOf(store.db, { id: actor.userId, role: actor.role }) : ({ all: true } as const);
  if (!seesMessage(store.db, scope, { contactId: m.contact_id, broadcastId: m.broadcast_id })) {
    throw new StationError('not_found', msg('reply.unknown', { id: messageId }));
  }
  if (m.direction !== 'in') throw new StationError('bad_request', msg('reply.notAReply', { id: messageId }), 'messageId');
  if (to !== null && (!store.db.prepare('SELECT 1 FROM broadcasts WHERE id = ?').get(to) || !seesBroadcast(store.db, scope, to))) {
    throw new StationError('not_found', msg('send.noBroadcast', { id: to }));
  }
  const from = m.broadcast_id;
  if (from === to) return { messageId, touched: [], changes: [] };
  const changes = store.db.transaction(() => {
    const out: TallyChange[] = [];
    // The SMS of the new broadcast's family this phone got, if it got one: what the reply answers.
    const replyTo =
      to === null
        ? null
        : ((store.db
            .prepare(
              `SELECT m.id FROM broadcasts b JOIN messages m ON m.broadcast_id = b.id AND m.phone = ? AND m.direction = 'out'
               WHERE b.id = ? OR b.parent_id = ? ORDER BY m.id DESC LIMIT 1`,
            )
            .pluck()
            .get(m.phone, to, to) as number | undefined) ?? null);
    store.db.prepare(`UPDATE messages SET broadcast_id = ?, reply_to = ?, matched_by = 'manual' WHERE id = ?`).run(to, replyTo, messageId);
    const left = answers.unrecord(messageId);
    if (left) out.push(left);
    if (to !== null) {
      out.push(...answers.record(to, { phone: m.phone, contactId: m.contact_id, text: m.text, messageId, at: m.created_at, followUp: false }));
    }
    store.audit.record(actor, 'reply.move', `message:${messageId}`, { phone: m.phone, from, to });
    return out;
  })();
  return { messageId, touched: [from, to].filter((b): b is number => b !== null), changes };
}
