// The directory (groups, contacts, tags from the snapshot) and the dispatcher's pick of groups
// and tags.
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
  /** Picked tag names (their subscribers get the message), in the order picked. */
  pickedTags: string[];
  /** Groups the dispatcher collapsed; everything else starts open so counts are visible at once. */
  collapsed: Record<number, true>;
  directoryLoaded(directory: GroupsSlice['directory']): void;
  /** A change made on some desk: the whole tree, and the people it touched. */
  directoryChanged(change: { groups: GroupNode[]; contacts: ContactView[] }): void;
  togglePick(groupId: number): void;
  unpick(groupId: number): void;
  togglePickTag(name: string): void;
  unpickTag(name: string): void;
  /** Clears picked groups and tags. */
  clearPicks(): void;
  toggleCollapsed(groupId: number): void;
}

export const createGroupsSlice: StateCreator<AppState, [], [], GroupsSlice> = (set) => ({
  directory: { groups: [], contacts: [], tags: [] },
  picked: [],
  pickedTags: [],
  collapsed: {},
  directoryLoaded: (directory) =>
    set((s) => {
      // Drop picks of groups that no longer exist (deleted while we were offline).
      const known = new Set(directory.groups.map((g) => g.id));
      const tags = new Set(directory.tags.map((t) => t.name));
      return {
        directory,
        picked: s.picked.filter((id) => known.has(id)),
        pickedTags: s.pickedTags.filter((name) => tags.has(name)),
      };
    }),
  directoryChanged: (change) =>
    set((s) => {
      const known = new Set(change.groups.map((g) => g.id));
      let contacts = s.directory.contacts;
      if (change.contacts.length > 0) {
        const byId = new Map(contacts.map((c) => [c.id, c]));
        for (const c of change.contacts) byId.set(c.id, c);
        contacts = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
      }
      return {
        directory: { ...s.directory, groups: change.groups, contacts },
        // A group deleted on another desk leaves the picks here too.
        picked: s.picked.filter((id) => known.has(id)),
      };
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
  togglePickTag: (name) =>
    set((s) => ({
      pickedTags: s.pickedTags.includes(name) ? s.pickedTags.filter((n) => n !== name) : [...s.pickedTags, name],
    })),
  unpickTag: (name) => set((s) => ({ pickedTags: s.pickedTags.filter((n) => n !== name) })),
  clearPicks: () => set({ picked: [], pickedTags: [] }),
  toggleCollapsed: (groupId) =>
    set((s) => {
      const collapsed = { ...s.collapsed };
      if (collapsed[groupId]) delete collapsed[groupId];
      else collapsed[groupId] = true;
      return { collapsed };
    }),
});
