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

  /** Puts people in a group; returns how many were not in it yet. */
  addMembers(groupId: number, contactIds: readonly number[]): number {
    return this.db
      .prepare('INSERT OR IGNORE INTO group_members (group_id, contact_id) SELECT ?, value FROM json_each(?) WHERE value IN (SELECT id FROM contacts)')
      .run(groupId, JSON.stringify(contactIds)).changes;
  }

  removeMembers(groupId: number, contactIds: readonly number[]): number {
    return this.db
      .prepare('DELETE FROM group_members WHERE group_id = ? AND contact_id IN (SELECT value FROM json_each(?))')
      .run(groupId, JSON.stringify(contactIds)).changes;
  }

  /** A group's own row. */
  row(id: number): { id: number; name: string; parentId: number | null; sort: number } | undefined {
    return this.db.prepare('SELECT id, name, parent_id AS parentId, sort FROM groups WHERE id = ?').get(id) as
      | { id: number; name: string; parentId: number | null; sort: number }
      | undefined;
  }

  /** A sibling already called this (names are unique among siblings, in any case). */
  siblingNamed(parentId: number | null, name: string, except: number | null = null): { id: number; name: string } | undefined {
    const rows = this.db
      .prepare('SELECT id, name FROM groups WHERE ifnull(parent_id, 0) = ifnull(?, 0) AND ifnull(id != ?, 1)')
      .all(parentId, except) as { id: number; name: string }[];
    // SQLite's NOCASE folds ASCII only: compare as a Russian reader would.
    const fold = (s: string) => s.trim().toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
    return rows.find((r) => fold(r.name) === fold(name));
  }

  /** Appended after its siblings, so a new group appears at the end of its level. */
  createLast(name: string, parentId: number | null, now = Date.now()): number {
    const sort = (this.db.prepare('SELECT coalesce(max(sort), 0) + 1 FROM groups WHERE ifnull(parent_id, 0) = ifnull(?, 0)').pluck().get(parentId) as number) ?? 1;
    return (this.db.prepare('INSERT INTO groups (parent_id, name, sort, created_at) VALUES (?, ?, ?, ?) RETURNING id').get(parentId, name.trim(), sort, now) as { id: number }).id;
  }

  rename(id: number, name: string): void {
    this.db.prepare('UPDATE groups SET name = ? WHERE id = ?').run(name.trim(), id);
  }

  /** Under another group (or to the top), at the end of its new level. */
  move(id: number, parentId: number | null): void {
    const sort = this.db.prepare('SELECT coalesce(max(sort), 0) + 1 FROM groups WHERE ifnull(parent_id, 0) = ifnull(?, 0)').pluck().get(parentId) as number;
    this.db.prepare('UPDATE groups SET parent_id = ?, sort = ? WHERE id = ?').run(parentId, sort, id);
  }

  /** The children of `parentId` (or the top level), in this order. */
  reorder(ids: readonly number[]): void {
    const set = this.db.prepare('UPDATE groups SET sort = ? WHERE id = ?');
    this.db.transaction(() => ids.forEach((id, i) => set.run(i + 1, id)))();
  }

  /** Ids of the children of `parentId`, in their order. */
  children(parentId: number | null): number[] {
    return this.db.prepare('SELECT id FROM groups WHERE ifnull(parent_id, 0) = ifnull(?, 0) ORDER BY sort, name').pluck().all(parentId) as number[];
  }

  /** Removes a group without subgroups; returns how many people were in it. */
  delete(id: number): number {
    return this.db.transaction(() => {
      const members = this.db.prepare('SELECT count(*) FROM group_members WHERE group_id = ?').pluck().get(id) as number;
      this.db.prepare(`DELETE FROM rights WHERE scope = 'group' AND target_id = ?`).run(id);
      this.db.prepare('DELETE FROM groups WHERE id = ?').run(id);
      return members;
    })();
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
