// The one rights check every sending path goes through (DESIGN §1). A user may send to a
// recipient when any of their rights covers that person: everyone, a group with its subgroups,
// the contact itself, or a tag the person was reached through. Admins may send to everyone,
// viewers to no one. A raw phone number that is no contact needs the right to send to everyone.
// A refused person the actor may not read is not named (auth/refusal-sight.ts).
import { stmt } from '../store/statements.js';
import type { Db } from '../store/database.js';
import type { Role } from '../../../shared/protocol/index.js';
import { refusal as refused, type StationRefusal } from '../i18n/refusals.js';
import { msg, type Message } from '../i18n/text.js';
import { personRefusal, sightOf, type Sight } from '../auth/refusal-sight.js';
import type { Recipient } from './recipients.js';

export interface SendingActor {
  userId: number | null;
  name: string;
  role: Role | 'system';
  /** A disabled (or deleted) user: an escalation step sent in their name reaches nobody. */
  disabled?: boolean;
}

export interface RightsVerdict {
  allowed: Recipient[];
  refused: StationRefusal[];
}

export function checkRights(db: Db, actor: SendingActor, recipients: Recipient[], sees: Sight = sightOf(db, actor)): RightsVerdict {
  if (actor.disabled) return { allowed: [], refused: recipients.map((r) => refusal(db, r, msg('refusal.authorDisabled', { author: actor.name }), sees)) };
  if (actor.role === 'admin' || actor.role === 'system') return { allowed: recipients, refused: [] };
  if (actor.role === 'viewer' || actor.userId === null) {
    return {
      allowed: [],
      refused: recipients.map((r) => refusal(db, r, msg('refusal.viewer'), sees)),
    };
  }
  const rows = stmt(db, 'SELECT scope, target_id FROM rights WHERE user_id = ?').all(actor.userId) as {
    scope: 'all' | 'group' | 'contact' | 'tag' | 'manage';
    target_id: number | null;
  }[];
  if (rows.some((r) => r.scope === 'all')) return { allowed: recipients, refused: [] };

  const contacts = new Set(rows.filter((r) => r.scope === 'contact').map((r) => r.target_id));
  const tags = new Set(rows.filter((r) => r.scope === 'tag').map((r) => r.target_id));
  const groupRoots = rows.filter((r) => r.scope === 'group').map((r) => r.target_id);
  const reachable = new Set<number>();
  if (groupRoots.length > 0) {
    const members = stmt(db, 
      `WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?) UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
       SELECT DISTINCT contact_id FROM group_members WHERE group_id IN (SELECT id FROM sub)`,
    );
    for (const m of members.all(JSON.stringify(groupRoots)) as { contact_id: number }[]) reachable.add(m.contact_id);
  }

  const verdict: RightsVerdict = { allowed: [], refused: [] };
  for (const r of recipients) {
    const ok =
      (r.contactId !== null && (contacts.has(r.contactId) || reachable.has(r.contactId))) ||
      r.via.tags.some((t) => tags.has(t));
    if (ok) verdict.allowed.push(r);
    else verdict.refused.push(refusal(db, r, msg('refusal.noRight'), sees));
  }
  return verdict;
}

function refusal(db: Db, r: Recipient, reason: Message, sees: Sight): StationRefusal {
  if (r.contactId === null) return refused('phone', r.phone, reason);
  const c = stmt(db, 'SELECT name FROM contacts WHERE id = ?').get(r.contactId) as { name: string } | undefined;
  return personRefusal('contact', r.contactId, c ? `${c.name} (${r.phone})` : r.phone, reason, sees(r.contactId), r.via.typed ? r.phone : null);
}

/**
 * Whether the actor may close or cancel this broadcast (and so stop its escalation): its author, an
 * administrator, or a dispatcher with the right to manage others' broadcasts (`manage`).
 */
export function mayManage(db: Db, actor: SendingActor, authorId: number | null): boolean {
  if (actor.disabled) return false;
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role !== 'dispatcher' || actor.userId === null) return false;
  if (authorId !== null && authorId === actor.userId) return true;
  return stmt(db, `SELECT 1 FROM rights WHERE user_id = ? AND scope = 'manage'`).get(actor.userId) !== undefined;
}
