// Stable hooks for end-to-end tests of the history panel. Change one only
// together with the specs that use it.

export const historyTestIds = {
  /** On a board row: opens the broadcast's report (every recipient's status and reply). */
  broadcastLink: (broadcastId: number) => `history-link-broadcast-${broadcastId}`,
  /** On a feed row with a known employee: opens their whole conversation. */
  contactLink: (messageId: number) => `history-link-contact-${messageId}`,
  /** The folded <details> in the dock. */
  panel: 'history-panel',
  /** Search form. */
  query: 'history-query',
  search: 'history-search',
  syntaxHelp: 'history-syntax-help',
  from: 'history-from',
  to: 'history-to',
  direction: 'history-direction',
  status: (status: string) => `history-status-${status}`,
  contact: 'history-contact',
  group: 'history-group',
  broadcast: 'history-broadcast',
  carrier: 'history-carrier',
  tag: 'history-tag',
  clear: 'history-clear',
  /** data-count: hits shown; data-more="true" while there is another page. */
  results: 'history-results',
  hit: (messageId: number) => `history-hit-${messageId}`,
  hitContact: (messageId: number) => `history-hit-contact-${messageId}`,
  hitBroadcast: (messageId: number) => `history-hit-broadcast-${messageId}`,
  hitTag: (messageId: number, tag: string) => `history-hit-tag-${messageId}-${tag}`,
  more: 'history-more',
  empty: 'history-empty',
  error: 'history-error',
  /** A view (contact, group, tag, broadcast): data-kind and data-id. */
  view: 'history-view',
  viewTitle: 'history-view-title',
  viewMessage: (messageId: number) => `history-view-message-${messageId}`,
  earlier: 'history-earlier',
  back: 'history-back',
  recipient: (messageId: number) => `history-recipient-${messageId}`,
  /** Export: buttons, a progressbar while it runs, the link once done (data-state on the bar). */
  exportAll: 'history-export-all',
  exportFiltered: 'history-export-filtered',
  exportStatus: 'history-export-status',
  exportProgress: 'history-export-progress',
  exportCancel: 'history-export-cancel',
  exportDownload: 'history-export-download',
} as const;
