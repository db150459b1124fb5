// What the M2M door keeps beside the station's own data (migration 0080): the sender name and
// mailing a broadcast came with, what AddUser said about a subscriber, and mailing lists — groups
// in one folder group — with each member's name on the list and attributes.
import type { Db } from '../../store/database.js';
import { normalizePhone } from '../../domain/phone.js';

export const MAILING_FOLDER_KEY = 'm2m.mailingListsGroup';
const MAILING_FOLDER_NAME = 'Списки рассылки (МТС)';

export interface ListMember {
  contactId: number;
  phone: string;
  name: string | null;
  attributes: { Name: string; Value: string }[];
}

export class M2mStore {
  constructor(private readonly db: Db) {}

  noteBroadcast(broadcastId: number, meta: { naming?: string; mailingName?: string; mailingListId?: number }): void {
    if (!meta.naming && !meta.mailingName && meta.mailingListId === undefined) return;
    this.db
      .prepare('INSERT OR REPLACE INTO m2m_broadcasts (broadcast_id, naming, mailing_name, mailing_list_id) VALUES (?, ?, ?, ?)')
      .run(broadcastId, meta.naming || null, meta.mailingName ?? null, meta.mailingListId ?? null);
  }

  /**
   * A contact for a number: the existing one (made active again, its name kept unless it was only
   * the number), or a new one named `name`. Returns its id.
   */
  ensureContact(phone: string, name: string, email: string | null, now = Date.now()): number {
    const e164 = normalizePhone(phone);
    const existing = this.db.prepare('SELECT id, name FROM contacts WHERE phone = ?').get(e164) as { id: number; name: string } | undefined;
    if (!existing) {
      return (this.db
        .prepare('INSERT INTO contacts (name, phone, email, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?) RETURNING id')
        .get(name.trim() || e164, e164, email, now, now) as { id: number }).id;
    }
    const rename = name.trim() !== '' && (existing.name === e164 || existing.name.trim() === '');
    this.db
      .prepare('UPDATE contacts SET name = ?, email = coalesce(?, email), active = 1, updated_at = ? WHERE id = ?')
      .run(rename ? name.trim() : existing.name, email, now, existing.id);
    return existing.id;
  }

  noteSubscriber(contactId: number, accessLevel: string, webAccess: boolean, now = Date.now()): void {
    this.db
      .prepare('INSERT OR REPLACE INTO m2m_subscribers (contact_id, access_level, web_access, updated_at) VALUES (?, ?, ?, ?)')
      .run(contactId, accessLevel, webAccess ? 1 : 0, now);
  }

  /** The group that holds the mailing lists, made on first use. */
  mailingFolder(): number {
    const raw = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MAILING_FOLDER_KEY) as string | undefined;
    const id = raw === undefined ? NaN : Number(raw);
    if (Number.isInteger(id) && this.db.prepare('SELECT 1 FROM groups WHERE id = ?').get(id)) return id;
    const found = this.db.prepare('SELECT id FROM groups WHERE parent_id IS NULL AND name = ? COLLATE NOCASE').pluck().get(MAILING_FOLDER_NAME) as number | undefined;
    const folder =
      found ??
      (this.db.prepare('INSERT INTO groups (parent_id, name, sort, created_at) VALUES (NULL, ?, 1000, ?) RETURNING id').pluck().get(MAILING_FOLDER_NAME, Date.now()) as number);
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(MAILING_FOLDER_KEY, String(folder));
    return folder;
  }

  isMailingList(groupId: number): boolean {
    return this.db.prepare('SELECT 1 FROM groups WHERE id = ? AND parent_id = ?').get(groupId, this.mailingFolder()) !== undefined;
  }

  mailingLists(): { id: number; name: string }[] {
    return this.db.prepare('SELECT id, name FROM groups WHERE parent_id = ? ORDER BY id').all(this.mailingFolder()) as { id: number; name: string }[];
  }

  /** Replaces the members of a mailing list (a group) with these contacts, names and attributes. */
  setMembers(groupId: number, members: { contactId: number; name: string | null; attributes: { Name: string; Value: string }[] }[]): void {
    this.db.prepare('DELETE FROM group_members WHERE group_id = ?').run(groupId);
    this.db.prepare('DELETE FROM m2m_list_members WHERE group_id = ?').run(groupId);
    const member = this.db.prepare('INSERT OR IGNORE INTO group_members (group_id, contact_id) VALUES (?, ?)');
    const extra = this.db.prepare('INSERT OR REPLACE INTO m2m_list_members (group_id, contact_id, name, attributes) VALUES (?, ?, ?, ?)');
    for (const m of members) {
      member.run(groupId, m.contactId);
      extra.run(groupId, m.contactId, m.name, JSON.stringify(m.attributes));
    }
  }

  /** Members of any group, with their names on the list and attributes where a mailing list gave them. */
  members(groupId: number): ListMember[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.phone, coalesce(l.name, c.name) AS name, l.attributes FROM group_members gm
         JOIN contacts c ON c.id = gm.contact_id
         LEFT JOIN m2m_list_members l ON l.group_id = gm.group_id AND l.contact_id = gm.contact_id
         WHERE gm.group_id = ? AND c.active = 1 ORDER BY c.id`,
      )
      .all(groupId) as { id: number; phone: string; name: string | null; attributes: string | null }[];
    return rows.map((r) => ({ contactId: r.id, phone: r.phone, name: r.name, attributes: r.attributes ? (JSON.parse(r.attributes) as ListMember['attributes']) : [] }));
  }
}
