// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const adminTestIds = {
  panel: 'admin-panel',
  /** The opened panel's contents (in the dock, a sheet over the control room). */
  body: 'admin-body',
  rights: 'rights-matrix',
  /** A checkbox: user × target; data-checked mirrors its state. */
  cell: (userId: number, scope: string, targetId: number | null) => `rights-${userId}-${scope}-${targetId ?? 'all'}`,
  role: (userId: number) => `rights-role-${userId}`,
  save: (userId: number) => `rights-save-${userId}`,
  rightsResult: 'rights-result',
  audit: 'audit-log',
  auditRow: (id: number) => `audit-row-${id}`,
  auditMore: 'audit-more',
  auditFilter: 'audit-filter',
  auditRefresh: 'audit-refresh',
  locks: 'login-locks',
  lockRow: (kind: string, key: string) => `login-lock-${kind}-${key}`,
  unlock: (kind: string, key: string) => `login-unlock-${kind}-${key}`,
  error: 'admin-error',

  /** The confirm dialog every admin change passes through. */
  confirmDialog: 'admin-confirm',
  confirmOk: 'admin-confirm-ok',
  confirmCancel: 'admin-confirm-cancel',
  confirmError: 'admin-confirm-error',

  users: 'admin-users',
  /** A user's row by login; data-disabled="true|false". */
  userRow: (login: string) => `user-row-${login}`,
  userRole: (login: string) => `user-role-${login}`,
  userSave: (login: string) => `user-save-${login}`,
  userReset: (login: string) => `user-reset-${login}`,
  userToggle: (login: string) => `user-toggle-${login}`,
  userCreate: 'user-create',
  userCreateLogin: 'user-create-login',
  userCreateName: 'user-create-name',
  userCreateRole: 'user-create-role',
  userCreatePassword: 'user-create-password',
  userCreateSubmit: 'user-create-submit',
  usersResult: 'users-result',
  /** The password shown once (created without one, or reset). */
  passwordDialog: 'password-once',
  passwordValue: 'password-once-value',
  passwordClose: 'password-once-close',

  tags: 'admin-tags',
  tagRow: (name: string) => `tag-row-${name}`,
  /** data-count holds the active subscribers. */
  tagCount: (name: string) => `tag-count-${name}`,
  tagSelf: (name: string) => `tag-self-${name}`,
  tagOpen: (name: string) => `tag-open-${name}`,
  tagCreateName: 'tag-create-name',
  tagCreateSubmit: 'tag-create-submit',
  tagSubscribers: 'tag-subscribers',
  tagPicker: 'tag-picker',
  tagAdd: (contactId: number) => `tag-add-${contactId}`,
  tagSubscriber: (contactId: number) => `tag-subscriber-${contactId}`,
  tagRemove: (contactId: number) => `tag-remove-${contactId}`,
  tagsResult: 'tags-result',

  settings: 'admin-settings',
  setting: (key: string) => `setting-${key}`,
  settingsSave: 'settings-save',
  settingsResult: 'settings-result',
  /** Thresholds above which compose asks twice: smsPerPerson, smsTotal. */
  sendLimits: 'admin-send-limits',
  sendLimit: (key: 'smsPerPerson' | 'smsTotal') => `send-limit-${key}`,
  sendLimitsSave: 'send-limits-save',
  sendLimitsResult: 'send-limits-result',
} as const;
