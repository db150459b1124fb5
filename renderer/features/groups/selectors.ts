// Derived views of the groups slice. Components read these through useShallow or memo, so a
// feed event (which doesn't touch groups) never re-renders the tree.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GroupNode } from '../../../shared/protocol/index.js';
import { useAppStore } from '../../app/store.js';
import { ancestorsOf, visibleRows, type TreeRow } from './tree.js';

export function useGroupTree(): TreeRow[] {
  const { groups, collapsed } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, collapsed: s.collapsed })));
  return useMemo(() => visibleRows(groups, collapsed), [groups, collapsed]);
}

/** Groups covered by a pick of an ancestor: shown checked and locked. */
export function useImpliedPicks(): Set<number> {
  const { groups, picked } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, picked: s.picked })));
  return useMemo(() => {
    const chosen = new Set(picked);
    const implied = new Set<number>();
    for (const g of groups) if (ancestorsOf(groups, g.id).some((a) => chosen.has(a))) implied.add(g.id);
    return implied;
  }, [groups, picked]);
}

export function usePickedGroups(): GroupNode[] {
  const { groups, picked } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, picked: s.picked })));
  return useMemo(() => {
    const byId = new Map(groups.map((g) => [g.id, g]));
    return picked.map((id) => byId.get(id)).filter((g): g is GroupNode => g !== undefined);
  }, [groups, picked]);
}

/**
 * Per group (with its subgroups), members who cannot be reached: switched off in the directory.
 * The count beside a group is who gets the message; this is who does not.
 */
export function useUnreachableByGroup(): Map<number, number> {
  const { groups, contacts } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, contacts: s.directory.contacts })));
  return useMemo(() => {
    const off = contacts.filter((c) => !c.active);
    const out = new Map<number, number>();
    if (off.length === 0) return out;
    const parent = new Map(groups.map((g) => [g.id, g.parentId]));
    for (const g of groups) {
      let n = 0;
      for (const c of off) {
        // A member of g or of any group below it.
        if (c.groupIds.some((id) => { for (let at: number | null | undefined = id; at != null; at = parent.get(at)) if (at === g.id) return true; return false; })) n++;
      }
      if (n > 0) out.set(g.id, n);
    }
    return out;
  }, [groups, contacts]);
}

/** Everyone in the directory, and how many of them can be reached. */
export function useReachability(): { active: number; total: number } {
  const contacts = useAppStore((s) => s.directory.contacts);
  return useMemo(() => ({ active: contacts.filter((c) => c.active).length, total: contacts.length }), [contacts]);
}
