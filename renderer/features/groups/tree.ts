// Pure tree helpers over the flat group list the station sends (parentId links).
import type { GroupNode } from '../../../shared/protocol/index.js';

export interface TreeRow {
  group: GroupNode;
  depth: number;
  hasChildren: boolean;
}

function childrenIndex(groups: GroupNode[]): Map<number | null, GroupNode[]> {
  const index = new Map<number | null, GroupNode[]>();
  const known = new Set(groups.map((g) => g.id));
  for (const g of groups) {
    // A parent we don't know (not visible to this user) makes the group a root, not an orphan.
    const parent = g.parentId !== null && known.has(g.parentId) ? g.parentId : null;
    const list = index.get(parent);
    if (list) list.push(g);
    else index.set(parent, [g]);
  }
  // Siblings keep the station's order: the admin's order (groups.reorder), then by name.
  return index;
}

/** Depth-first rows for display, skipping the insides of collapsed groups. */
export function visibleRows(groups: GroupNode[], collapsed: Record<number, true>): TreeRow[] {
  const index = childrenIndex(groups);
  const rows: TreeRow[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const group of index.get(parent) ?? []) {
      if (seen.has(group.id)) continue; // A cycle in bad data must not hang the UI.
      seen.add(group.id);
      const hasChildren = (index.get(group.id)?.length ?? 0) > 0;
      rows.push({ group, depth, hasChildren });
      if (hasChildren && !collapsed[group.id]) walk(group.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

export function descendantsOf(groups: GroupNode[], id: number): number[] {
  const index = childrenIndex(groups);
  const out: number[] = [];
  const stack = [id];
  const seen = new Set<number>([id]);
  while (stack.length > 0) {
    for (const child of index.get(stack.pop()!) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child.id);
      stack.push(child.id);
    }
  }
  return out;
}

export function ancestorsOf(groups: GroupNode[], id: number): number[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const out: number[] = [];
  let current = byId.get(id)?.parentId ?? null;
  while (current !== null && byId.has(current) && !out.includes(current)) {
    out.push(current);
    current = byId.get(current)!.parentId;
  }
  return out;
}
