import type { Db } from './database.js';
import type { GroupNode } from '../../../shared/protocol/index.js';

export class GroupRepository {
  constructor(private readonly db: Db) {}

  create(name: string, parentId: number | null = null, sort = 0): number {
    const row = this.db
      .prepare('INSERT INTO groups (parent_id, name, sort, created_at) VALUES (?, ?, ?, ?) RETURNING id')
      .get(parentId, name.trim(), sort, Date.now()) as { id: number };
    return row.id;
  }

  byName(name: string): { id: number; name: string } | undefined {
    return this.db.prepare('SELECT id, name FROM groups WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1').get(name) as
      | { id: number; name: string }
      | undefined;
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM groups WHERE id = ?').get(id) !== undefined;
  }

  name(id: number): string | undefined {
    return (this.db.prepare('SELECT name FROM groups WHERE id = ?').get(id) as { name: string } | undefined)?.name;
  }

  addMember(groupId: number, contactId: number): void {
    this.db.prepare('INSERT OR IGNORE INTO group_members (group_id, contact_id) VALUES (?, ?)').run(groupId, contactId);
  }

  removeMember(groupId: number, contactId: number): void {
    this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND contact_id = ?').run(groupId, contactId);
  }

  /** The group and every group below it. */
  subtree(groupId: number): number[] {
    return (
      this.db
        .prepare(
          `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
           SELECT id FROM sub`,
        )
        .all(groupId) as { id: number }[]
    ).map((r) => r.id);
  }

  /** The whole tree with member counts, parents before children, siblings by sort then name. */
  tree(): GroupNode[] {
    const rows = this.db
      .prepare(
        `SELECT g.id, g.parent_id AS parentId, g.name,
           (SELECT count(*) FROM group_members gm JOIN contacts c ON c.id = gm.contact_id
             WHERE gm.group_id = g.id AND c.active = 1) AS memberCount,
           (WITH RECURSIVE sub(id) AS (SELECT g.id UNION SELECT g2.id FROM groups g2 JOIN sub ON g2.parent_id = sub.id)
             SELECT count(DISTINCT gm.contact_id) FROM group_members gm JOIN contacts c ON c.id = gm.contact_id
             WHERE gm.group_id IN (SELECT id FROM sub) AND c.active = 1) AS totalCount
         FROM groups g ORDER BY g.sort, g.name`,
      )
      .all() as GroupNode[];
    const byParent = new Map<number | null, GroupNode[]>();
    for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
    const out: GroupNode[] = [];
    const walk = (parent: number | null) => {
      for (const g of byParent.get(parent) ?? []) {
        out.push(g);
        walk(g.id);
      }
    };
    walk(null);
    return out;
  }
}
