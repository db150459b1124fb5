// Rosters in the store: one per role of a group, its rules (rotation, one-off shifts,
// exceptions) as JSON validated by shared/protocol/plans.ts, its time zone beside them.
import type { Db } from '../store/database.js';
import { RosterInput, type RosterView } from '../../../shared/protocol/index.js';
import type { RosterRules } from '../domain/roster.js';

interface RosterRow {
  id: number;
  group_id: number;
  role: string;
  time_zone: string;
  rules: string;
  updated_at: number;
}

/** Roles are compared without case or ё ("Мастер" = "мастер"). */
export function normalizeRole(role: string): string {
  return role.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

const toView = (r: RosterRow): RosterView => {
  const rules = JSON.parse(r.rules) as Pick<RosterView, 'rotation' | 'oneOffs' | 'exceptions'>;
  return { ...RosterInput.parse({ groupId: r.group_id, role: r.role, timeZone: r.time_zone, ...rules }), id: r.id, updatedAt: r.updated_at };
};

export function rulesOf(r: Pick<RosterView, 'timeZone' | 'rotation' | 'oneOffs' | 'exceptions'>): RosterRules {
  return { timeZone: r.timeZone, rotation: r.rotation ?? null, oneOffs: r.oneOffs, exceptions: r.exceptions };
}

export class RosterRepository {
  constructor(private readonly db: Db) {}

  all(): RosterView[] {
    return (this.db.prepare('SELECT * FROM rosters ORDER BY group_id, role_norm').all() as RosterRow[]).map(toView);
  }

  byId(id: number): RosterView | undefined {
    const row = this.db.prepare('SELECT * FROM rosters WHERE id = ?').get(id) as RosterRow | undefined;
    return row && toView(row);
  }

  find(groupId: number, role: string): RosterView | undefined {
    const row = this.db.prepare('SELECT * FROM rosters WHERE group_id = ? AND role_norm = ?').get(groupId, normalizeRole(role)) as RosterRow | undefined;
    return row && toView(row);
  }

  /** Every role name in use, for the editors' suggestions. */
  roles(): string[] {
    const rows = this.db.prepare('SELECT role, role_norm FROM rosters GROUP BY role_norm ORDER BY role_norm').all() as { role: string }[];
    return rows.map((r) => r.role);
  }

  save(input: RosterView | (Omit<RosterView, 'id' | 'updatedAt'> & { id?: number }), userId: number | null, now = Date.now()): number {
    const rules = JSON.stringify({ rotation: input.rotation ?? null, oneOffs: input.oneOffs, exceptions: input.exceptions });
    if (input.id === undefined) {
      return (
        this.db
          .prepare('INSERT INTO rosters (group_id, role, role_norm, time_zone, rules, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
          .get(input.groupId, input.role.trim(), normalizeRole(input.role), input.timeZone, rules, userId, now) as { id: number }
      ).id;
    }
    this.db
      .prepare('UPDATE rosters SET group_id = ?, role = ?, role_norm = ?, time_zone = ?, rules = ?, updated_by = ?, updated_at = ? WHERE id = ?')
      .run(input.groupId, input.role.trim(), normalizeRole(input.role), input.timeZone, rules, userId, now, input.id);
    return input.id;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM rosters WHERE id = ?').run(id).changes > 0;
  }
}
