// The four ways into history a dispatcher asks for after an outage: one employee's whole
// conversation, a group's traffic, a tag stream, and one broadcast with every recipient's status
// and reply. Each is a search with a fixed filter, except the broadcast, which is a table.
import type { BroadcastDetail, RecipientStatus, SearchResult } from '../../../shared/protocol/history.js';
import type { MessageView } from '../../../shared/protocol/entities.js';
import type { Db } from '../store/database.js';
import { normalizeTag } from '../domain/tags.js';
import { MESSAGE_COLUMNS, searchMessages, toHit, type MessageRow, type SearchOptions } from './search.js';
import { SaidError } from '../domain/said.js';

export class NotFoundError extends SaidError {
  override readonly name = 'NotFoundError';
}

export function conversation(
  db: Db,
  contactId: number,
  options: SearchOptions = {},
): SearchResult & { contact: { id: number; name: string; phone: string } } {
  const contact = db.prepare('SELECT id, name, phone FROM contacts WHERE id = ?').get(contactId) as
    | { id: number; name: string; phone: string }
    | undefined;
  if (!contact) throw new NotFoundError(`Employee ${contactId} does not exist (any more): refresh the list.`, 'history.noContact', { id: contactId });
  return { contact, ...searchMessages(db, { contactId }, options) };
}

export function groupTraffic(
  db: Db,
  groupId: number,
  options: SearchOptions = {},
): SearchResult & { group: { id: number; name: string } } {
  const group = db.prepare('SELECT id, name FROM groups WHERE id = ?').get(groupId) as
    | { id: number; name: string }
    | undefined;
  if (!group) throw new NotFoundError(`Group ${groupId} does not exist (any more): refresh the list.`, 'history.noGroup', { id: groupId });
  return { group, ...searchMessages(db, { groupId }, options) };
}

export function tagStream(db: Db, tag: string, options: SearchOptions = {}): SearchResult & { tag: string } {
  const norm = normalizeTag(tag.trim());
  return { tag: norm, ...searchMessages(db, { tag: norm }, options) };
}

interface BroadcastRow {
  id: number;
  author_id: number | null;
  author_name: string | null;
  source: BroadcastDetail['source'];
  kind: BroadcastDetail['kind'];
  text: string;
  tags: string;
  created_at: number;
}

const NO_QUERY = { all: [], none: [] };

function toView(row: MessageRow): MessageView {
  const { sentAt: _s, deliveredAt: _d, snippet: _n, highlights: _h, ...view } = toHit(row, NO_QUERY);
  return view;
}

/** A broadcast with every recipient: status, delivery time and the latest reply. */
export function broadcastDetail(db: Db, broadcastId: number): BroadcastDetail {
  const b = db
    .prepare(
      `SELECT b.id, b.author_id, u.name AS author_name, b.source, b.kind, b.text, b.tags, b.created_at
       FROM broadcasts b LEFT JOIN users u ON u.id = b.author_id WHERE b.id = ?`,
    )
    .get(broadcastId) as BroadcastRow | undefined;
  if (!b) throw new NotFoundError(`Broadcast ${broadcastId} does not exist: it may have been deleted.`, 'history.noBroadcast', { id: broadcastId });
  const outgoing = db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
       WHERE m.broadcast_id = ? AND m.direction = 'out' ORDER BY c.name COLLATE NOCASE, m.phone`,
    )
    .all(broadcastId) as MessageRow[];
  // A reply belongs to a recipient when inbound matched it to that message (reply_to), or, failing
  // that, when it was tied to the broadcast and came from the recipient's phone.
  const replies = db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
       WHERE m.direction = 'in' AND (m.broadcast_id = ?
         OR m.reply_to IN (SELECT id FROM messages WHERE broadcast_id = ? AND direction = 'out'))
       ORDER BY m.created_at, m.id`,
    )
    .all(broadcastId, broadcastId) as MessageRow[];
  const byMessage = new Map<number, MessageRow[]>();
  const byPhone = new Map<string, number>();
  for (const m of outgoing) {
    byMessage.set(m.id, []);
    byPhone.set(m.phone, m.id);
  }
  const other: MessageView[] = [];
  for (const r of replies) {
    const target = r.reply_to !== null && byMessage.has(r.reply_to) ? r.reply_to : byPhone.get(r.phone);
    if (target === undefined) other.push(toView(r));
    else byMessage.get(target)!.push(r);
  }
  const recipients: RecipientStatus[] = outgoing.map((m) => {
    const rs = byMessage.get(m.id)!;
    const latest = rs[rs.length - 1];
    return {
      messageId: m.id,
      contactId: m.contact_id,
      contactName: m.contact_name,
      phone: m.phone,
      status: m.status,
      error: m.error,
      sentAt: m.sent_at,
      deliveredAt: m.delivered_at,
      reply: latest ? { messageId: latest.id, text: latest.text, createdAt: latest.created_at } : null,
      replies: rs.length,
    };
  });
  return {
    id: b.id,
    authorId: b.author_id,
    authorName: b.author_name,
    source: b.source,
    kind: b.kind,
    text: b.text,
    tags: b.tags.split(' ').filter(Boolean),
    createdAt: b.created_at,
    recipients,
    otherReplies: other,
  };
}
