// A small, hand-made store for history tests: two districts with a crew below one of them, a
// dispatcher, three broadcasts and their replies. Times are fixed so tests can name them.
import type { Db } from '../../main/station/store/database.js';
import { parseTags } from '../../main/station/domain/tags.js';

export const T0 = Date.UTC(2026, 10, 1, 6, 0, 0); // 2026-11-01 09:00 Moscow
export const MIN = 60_000;

export interface Seeded {
  userId: number;
  contacts: Record<'ivanov' | 'petrov' | 'sidorova' | 'fedorov', number>;
  groups: Record<'north' | 'crew' | 'south', number>;
}

export function seedPeople(db: Db): Seeded {
  const userId = Number(
    db
      .prepare(`INSERT INTO users (login, name, role, password_hash, created_at) VALUES ('disp', 'Диспетчер Смирнова', 'dispatcher', 'x', ?)`)
      .run(T0).lastInsertRowid,
  );
  const contact = db.prepare(
    'INSERT INTO contacts (name, phone, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const c = (name: string, phone: string, position: string) =>
    Number(contact.run(name, phone, position, T0, T0).lastInsertRowid);
  const contacts = {
    ivanov: c('Иванов Пётр', '+79161234501', 'Электромонтёр'),
    petrov: c('Петров Семён', '+79161234502', 'Мастер'),
    sidorova: c('Сидорова Алёна', '+79161234503', 'Инженер'),
    fedorov: c('Фёдоров Илья', '+79161234504', 'Водитель'),
  };
  const group = db.prepare('INSERT INTO groups (parent_id, name, created_at) VALUES (?, ?, ?)');
  const north = Number(group.run(null, 'Северный район', T0).lastInsertRowid);
  const crew = Number(group.run(north, 'Бригада 1', T0).lastInsertRowid);
  const south = Number(group.run(null, 'Южный район', T0).lastInsertRowid);
  const member = db.prepare('INSERT INTO group_members (group_id, contact_id) VALUES (?, ?)');
  member.run(north, contacts.ivanov);
  member.run(crew, contacts.petrov);
  member.run(south, contacts.sidorova);
  member.run(south, contacts.fedorov);
  return { userId, contacts, groups: { north, crew, south } };
}

export interface MessageSpec {
  direction: 'in' | 'out';
  text: string;
  phone: string;
  contactId?: number | null;
  broadcastId?: number | null;
  replyTo?: number | null;
  status?: string;
  carrierId?: string | null;
  at: number;
  deliveredAt?: number | null;
  segments?: number;
}

export function insertBroadcast(db: Db, authorId: number | null, text: string, at: number): number {
  return Number(
    db
      .prepare(`INSERT INTO broadcasts (author_id, source, text, tags, created_at) VALUES (?, 'ui', ?, ?, ?)`)
      .run(authorId, text, parseTags(text).join(' '), at).lastInsertRowid,
  );
}

export function insertMessage(db: Db, m: MessageSpec): number {
  const status = m.status ?? (m.direction === 'in' ? 'received' : 'delivered');
  return Number(
    db
      .prepare(
        `INSERT INTO messages (direction, broadcast_id, contact_id, phone, text, tags, segments, status,
           carrier_id, reply_to, created_at, updated_at, sent_at, delivered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.direction,
        m.broadcastId ?? null,
        m.contactId ?? null,
        m.phone,
        m.text,
        parseTags(m.text).join(' '),
        m.segments ?? 1,
        status,
        m.carrierId ?? 'modem-1',
        m.replyTo ?? null,
        m.at,
        m.at,
        m.direction === 'out' && status !== 'queued' ? m.at : null,
        m.deliveredAt ?? (status === 'delivered' ? m.at + MIN : null),
      ).lastInsertRowid,
  );
}

/** Broadcast to some contacts, with optional replies: returns the ids. */
export function seedBroadcast(
  db: Db,
  seeded: Seeded,
  text: string,
  at: number,
  to: Array<{ contactId: number; phone: string; status?: string; reply?: string }>,
  carrierId = 'modem-1',
): { broadcastId: number; messages: number[]; replies: number[] } {
  const broadcastId = insertBroadcast(db, seeded.userId, text, at);
  const messages: number[] = [];
  const replies: number[] = [];
  to.forEach((r, i) => {
    const id = insertMessage(db, {
      direction: 'out', text, phone: r.phone, contactId: r.contactId, broadcastId,
      status: r.status ?? 'delivered', at: at + i, carrierId,
    });
    messages.push(id);
    if (r.reply) {
      replies.push(
        insertMessage(db, {
          direction: 'in', text: r.reply, phone: r.phone, contactId: r.contactId, broadcastId,
          replyTo: id, at: at + 5 * MIN + i, carrierId,
        }),
      );
    }
  });
  return { broadcastId, messages, replies };
}
