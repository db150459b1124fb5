// Groups as a person reads them in a spreadsheet cell: the path from the top of the tree,
// `Северный район / Бригада 1`, so two crews called "Бригада 1" in different districts stay apart.
import type { Db } from '../store/database.js';

export const PATH_SEPARATOR = ' / ';
export const LIST_SEPARATOR = '; ';

export function groupPaths(db: Db): Map<number, string> {
  const rows = db.prepare('SELECT id, parent_id, name FROM groups').all() as {
    id: number;
    parent_id: number | null;
    name: string;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<number, string>();
  const pathOf = (id: number, depth = 0): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const g = byId.get(id)!;
    // The depth guard protects against a corrupted tree (a cycle) rather than a real one.
    const parent = g.parent_id !== null && byId.has(g.parent_id) && depth < 64 ? pathOf(g.parent_id, depth + 1) : null;
    const path = parent ? `${parent}${PATH_SEPARATOR}${g.name}` : g.name;
    paths.set(id, path);
    return path;
  };
  for (const r of rows) pathOf(r.id);
  return paths;
}

/** contact id → its groups' paths, sorted, joined with `; `. */
export function contactGroupCells(db: Db): Map<number, string> {
  const paths = groupPaths(db);
  const lists = new Map<number, string[]>();
  for (const { contact_id, group_id } of db.prepare('SELECT contact_id, group_id FROM group_members').iterate() as Iterable<{
    contact_id: number;
    group_id: number;
  }>) {
    const list = lists.get(contact_id) ?? [];
    list.push(paths.get(group_id) ?? '');
    lists.set(contact_id, list);
  }
  const cells = new Map<number, string>();
  for (const [id, list] of lists) cells.set(id, list.sort((a, b) => a.localeCompare(b, 'ru')).join(LIST_SEPARATOR));
  return cells;
}
