// The directory (groups, contacts, tags from the snapshot) and the dispatcher's pick of groups.
// Picking a group means its whole subtree (DESIGN §4), so a pick made under an already picked
// ancestor is redundant and a new ancestor pick absorbs picks below it.
import type { StateCreator } from 'zustand';
import type { ContactView, GroupNode, TagView } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';
import { ancestorsOf, descendantsOf } from './tree.js';

export interface GroupsSlice {
  directory: { groups: GroupNode[]; contacts: ContactView[]; tags: TagView[] };
  /** Explicitly picked group ids, in the order picked. */
  picked: number[];
  /** Groups the dispatcher collapsed; everything else starts open so counts are visible at once. */
  collapsed: Record<number, true>;
  directoryLoaded(directory: GroupsSlice['directory']): void;
  togglePick(groupId: number): void;
  unpick(groupId: number): void;
  clearPicks(): void;
  toggleCollapsed(groupId: number): void;
}

export const createGroupsSlice: StateCreator<AppState, [], [], GroupsSlice> = (set) => ({
  directory: { groups: [], contacts: [], tags: [] },
  picked: [],
  collapsed: {},
  directoryLoaded: (directory) =>
    set((s) => {
      // Drop picks of groups that no longer exist (deleted while we were offline).
      const known = new Set(directory.groups.map((g) => g.id));
      return { directory, picked: s.picked.filter((id) => known.has(id)) };
    }),
  togglePick: (groupId) =>
    set((s) => {
      if (s.picked.includes(groupId)) return { picked: s.picked.filter((id) => id !== groupId) };
      const groups = s.directory.groups;
      if (ancestorsOf(groups, groupId).some((a) => s.picked.includes(a))) return {};
      const below = new Set(descendantsOf(groups, groupId));
      return { picked: [...s.picked.filter((id) => !below.has(id)), groupId] };
    }),
  unpick: (groupId) => set((s) => ({ picked: s.picked.filter((id) => id !== groupId) })),
  clearPicks: () => set({ picked: [] }),
  toggleCollapsed: (groupId) =>
    set((s) => {
      const collapsed = { ...s.collapsed };
      if (collapsed[groupId]) delete collapsed[groupId];
      else collapsed[groupId] = true;
      return { collapsed };
    }),
});
