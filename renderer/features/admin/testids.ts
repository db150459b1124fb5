// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const adminTestIds = {
  panel: 'admin-panel',
  rights: 'rights-matrix',
  /** A checkbox: user × target; data-checked mirrors its state. */
  cell: (userId: number, scope: string, targetId: number | null) => `rights-${userId}-${scope}-${targetId ?? 'all'}`,
  role: (userId: number) => `rights-role-${userId}`,
  save: (userId: number) => `rights-save-${userId}`,
  audit: 'audit-log',
  auditRow: (id: number) => `audit-row-${id}`,
  auditMore: 'audit-more',
  auditFilter: 'audit-filter',
  error: 'admin-error',
} as const;
