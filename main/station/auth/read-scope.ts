// What a user may read (issue 14 case 10; docs/security.md "What each role can read and do").
// The same rights rows that say whom a dispatcher may send to say whom a user may see:
// - an administrator, and anyone with the right "all", sees everything;
// - anyone else sees the people their rights cover (a group with its subgroups, a contact, a tag's
//   subscribers) and the traffic with them, plus every message of their own broadcasts;
// - a viewer is read-only on top of that: never sends, never exports.
// One function per question, used by the control room (snapshot, history, exports, pushes), the
// REST API and the MTS-compatible SOAP/.asmx door alike.
import type { Role } from '../../../shared/protocol/index.js';
import type { Db } from '../store/database.js';

export type ReadScope = { all: true } | { all: false; userId: number; contactIds: ReadonlySet<number> };

/** The part of a message filter that limits it to a scope (message-filter.ts reads it). */
export interface SqlScope {
  contactIds: number[];
  authorId: number;
}

const ALL: ReadScope = { all: true };

export function readScopeOf(db: Db, user: { id: number; role: Role }): ReadScope {
  if (user.role === 'admin') return ALL;
  const rows = db.prepare('SELECT scope, target_id FROM rights WHERE user_id = ?').all(user.id) as {
    scope: 'all' | 'group' | 'contact' | 'tag';
    target_id: number | null;
  }[];
  if (rows.some((r) => r.scope === 'all')) return ALL;
  const ids = (scope: string) => JSON.stringify(rows.filter((r) => r.scope === scope).map((r) => r.target_id));
  const contacts = db
    .prepare(
      `WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(@groups) UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
       SELECT contact_id FROM group_members WHERE group_id IN (SELECT id FROM sub)
       UNION SELECT value FROM json_each(@contacts)
       UNION SELECT contact_id FROM tag_subscriptions WHERE tag_id IN (SELECT value FROM json_each(@tags))`,
    )
    .pluck()
    .all({ groups: ids('group'), contacts: ids('contact'), tags: ids('tag') }) as number[];
  return { all: false, userId: user.id, contactIds: new Set(contacts) };
}

/** The scope as a filter term, or null when it is everything. */
export function sqlScope(scope: ReadScope): SqlScope | null {
  return scope.all ? null : { contactIds: [...scope.contactIds], authorId: scope.userId };
}

/** The scope as a condition on `messages m`: their people's traffic and every message of their own broadcasts. */
export function scopeWhere(scope: SqlScope): { where: string; params: unknown[] } {
  return {
    where: '(m.contact_id IN (SELECT value FROM json_each(?)) OR m.broadcast_id IN (SELECT id FROM broadcasts WHERE author_id = ?))',
    params: [JSON.stringify(scope.contactIds), scope.authorId],
  };
}

/** Viewers watch; they take no data out of the station. */
export function mayExport(role: Role): boolean {
  return role !== 'viewer';
}

export function seesContact(scope: ReadScope, contactId: number | null): boolean {
  return scope.all || (contactId !== null && scope.contactIds.has(contactId));
}

/** A broadcast is visible to its author and to whoever sees at least one of its recipients. */
export function seesBroadcast(db: Db, scope: ReadScope, broadcastId: number): boolean {
  if (scope.all) return true;
  const row = db
    .prepare(
      `SELECT (SELECT author_id FROM broadcasts WHERE id = @id) = @user
           OR EXISTS (SELECT 1 FROM messages WHERE broadcast_id = @id AND contact_id IN (SELECT value FROM json_each(@contacts)))`,
    )
    .pluck()
    .get({ id: broadcastId, user: scope.userId, contacts: JSON.stringify([...scope.contactIds]) }) as number | null;
  return row === 1;
}

/** A message is visible when its person is, or when it belongs to one of the user's own broadcasts. */
export function seesMessage(db: Db, scope: ReadScope, m: { contactId: number | null; broadcastId: number | null }): boolean {
  if (seesContact(scope, m.contactId)) return true;
  if (scope.all || m.broadcastId === null) return false;
  const author = db.prepare('SELECT author_id FROM broadcasts WHERE id = ?').pluck().get(m.broadcastId) as number | null | undefined;
  return author === scope.userId;
}
