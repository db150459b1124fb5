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
