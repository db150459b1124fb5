// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const groupsTestIds = {
  panel: 'group-panel',
  /** A tree row; carries data-picked="true|implied|false". */
  row: (groupId: number) => `group-row-${groupId}`,
  pick: (groupId: number) => `group-pick-${groupId}`,
  toggle: (groupId: number) => `group-toggle-${groupId}`,
  /** Text: the total member count, subgroups included. */
  count: (groupId: number) => `group-count-${groupId}`,
  clear: 'groups-clear',
  /** Members switched off in the directory, per group with its subgroups (shown only when > 0). */
  unreachable: (groupId: number) => `group-unreachable-${groupId}`,
  /** "N of M reachable" over the whole directory; data-active, data-total. */
  reachability: 'groups-reachability',
  /** The tag list under the tree; a row per tag, its checkbox and subscriber count. */
  tags: 'tag-list',
  tagRow: (tagId: number) => `tag-row-${tagId}`,
  tagPick: (tagId: number) => `tag-pick-${tagId}`,
  tagCount: (tagId: number) => `tag-count-${tagId}`,
  /** "Picked: N" in the panel's heading. */
  pickedCount: 'groups-picked',
} as const;
