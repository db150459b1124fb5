import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { ContactView } from '../../../shared/protocol/index.js';
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
}
