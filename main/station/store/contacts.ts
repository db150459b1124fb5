import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { ContactDetail, ContactView } from '../../../shared/protocol/index.js';
import { normalizePhone } from '../domain/phone.js';

interface ContactRow {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  position: string | null;
  notes: string | null;
  active: number;
  group_ids: string | null;
}

export interface ContactInput {
  name: string;
  phone: string;
  email?: string | null;
  position?: string | null;
  notes?: string | null;
  active?: boolean;
}

function toView(row: ContactRow): ContactView {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    position: row.position,
    active: row.active === 1,
    groupIds: row.group_ids ? row.group_ids.split(',').map(Number) : [],
  };
}

/** Two contacts may not share a number: the station knows people by it. */
export class PhoneTakenError extends Error {
  override readonly name = 'PhoneTakenError';
  constructor(
    readonly phone: string,
    readonly holder: { id: number; name: string },
  ) {
    super(`${phone} is already ${holder.name}'s number.`);
  }
}

/** A checked contact (E.164 phone, trimmed fields): what the directory screen writes. */
export interface ContactRecord {
  name: string;
  phone: string;
  position: string | null;
  email: string | null;
  notes: string | null;
  active: boolean;
}

const SELECT_WITH_GROUPS = `
  SELECT c.*, (SELECT group_concat(group_id) FROM group_members gm WHERE gm.contact_id = c.id) AS group_ids
  FROM contacts c`;

export class ContactRepository {
  constructor(private readonly db: Db) {}

  /** Creates the contact, or updates the one with the same phone: contacts are keyed by phone. */
  upsert(input: ContactInput, now = Date.now()): ContactView {
    const phone = normalizePhone(input.phone);
    const row = this.db
      .prepare(
        `INSERT INTO contacts (name, phone, email, position, notes, active, created_at, updated_at)
         VALUES (@name, @phone, @email, @position, @notes, @active, @now, @now)
         ON CONFLICT (phone) DO UPDATE SET name = excluded.name, email = excluded.email,
           position = excluded.position, notes = excluded.notes, active = excluded.active, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .get({
        name: input.name.trim(),
        phone,
        email: input.email ?? null,
        position: input.position ?? null,
        notes: input.notes ?? null,
        active: input.active === false ? 0 : 1,
        now,
      }) as { id: number };
    return this.byId(row.id)!;
  }

  byId(id: number): ContactView | undefined {
    const row = this.db.prepare(`${SELECT_WITH_GROUPS} WHERE c.id = ?`).get(id) as ContactRow | undefined;
    return row && toView(row);
  }

  private byPhoneStmt: Statement<unknown[]> | null = null;

  byPhone(phone: string): ContactView | undefined {
    // Prepared once: every inbound SMS looks its sender up.
    this.byPhoneStmt ??= this.db.prepare(`${SELECT_WITH_GROUPS} WHERE c.phone = ?`);
    const row = this.byPhoneStmt.get(phone) as ContactRow | undefined;
    return row && toView(row);
  }

  all(): ContactView[] {
    return (this.db.prepare(`${SELECT_WITH_GROUPS} ORDER BY c.name`).all() as ContactRow[]).map(toView);
  }

  setActive(id: number, active: boolean): void {
    this.db.prepare('UPDATE contacts SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, Date.now(), id);
  }

  /** Switches many at once; returns how many changed. */
  setActiveMany(ids: readonly number[], active: boolean, now = Date.now()): number {
    return this.db
      .prepare('UPDATE contacts SET active = ?, updated_at = ? WHERE active != ? AND id IN (SELECT value FROM json_each(?))')
      .run(active ? 1 : 0, now, active ? 1 : 0, JSON.stringify(ids)).changes;
  }

  /** A new contact; a number someone already has is refused, never merged into them. */
  create(c: ContactRecord, now = Date.now()): ContactView {
    this.refuseTaken(c.phone, null);
    const row = this.db
      .prepare(
        `INSERT INTO contacts (name, phone, email, position, notes, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(c.name, c.phone, c.email, c.position, c.notes, c.active ? 1 : 0, now, now) as { id: number };
    return this.byId(row.id)!;
  }

  update(id: number, c: ContactRecord, now = Date.now()): ContactView {
    this.refuseTaken(c.phone, id);
    this.db
      .prepare('UPDATE contacts SET name = ?, phone = ?, email = ?, position = ?, notes = ?, active = ?, updated_at = ? WHERE id = ?')
      .run(c.name, c.phone, c.email, c.position, c.notes, c.active ? 1 : 0, now, id);
    return this.byId(id)!;
  }

  /** Every field of a contact, as stored. */
  record(id: number): (ContactRecord & { id: number; createdAt: number; updatedAt: number }) | undefined {
    const r = this.db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as
      | { id: number; name: string; phone: string; email: string | null; position: string | null; notes: string | null; active: number; created_at: number; updated_at: number }
      | undefined;
    return (
      r && { id: r.id, name: r.name, phone: r.phone, email: r.email, position: r.position, notes: r.notes, active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at }
    );
  }

  /** What the editor shows: the fields, groups, subscriptions and latest messages. */
  detail(id: number, recent: (contactId: number) => ContactDetail['recent']): ContactDetail | undefined {
    const view = this.byId(id);
    const rec = this.record(id);
    if (!view || !rec) return undefined;
    const tags = this.db
      .prepare(
        `SELECT t.id, t.name, s.source, s.created_at AS since FROM tag_subscriptions s JOIN tags t ON t.id = s.tag_id
         WHERE s.contact_id = ? ORDER BY t.name`,
      )
      .all(id) as ContactDetail['tags'];
    return { ...view, email: rec.email, notes: rec.notes, tags, recent: recent(id), createdAt: rec.createdAt, updatedAt: rec.updatedAt };
  }

  views(ids: readonly number[]): ContactView[] {
    return (this.db.prepare(`${SELECT_WITH_GROUPS} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.name`).all(JSON.stringify(ids)) as ContactRow[]).map(toView);
  }

  private refuseTaken(phone: string, self: number | null): void {
    const holder = this.db.prepare('SELECT id, name FROM contacts WHERE phone = ?').get(phone) as { id: number; name: string } | undefined;
    if (holder && holder.id !== self) throw new PhoneTakenError(phone, holder);
  }
}
