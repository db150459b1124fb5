// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const feedTestIds = {
  panel: 'feed-panel',
  /** The scrolling (virtualised) list; only visible rows are in the DOM. */
  list: 'feed-list',
  /** One message: data-direction="in|out", data-status=<MessageStatus>, data-broadcast-id. */
  /** data-unread="true" while it carries the "new" marker. */
  item: (messageId: number) => `feed-item-${messageId}`,
  itemStatus: (messageId: number) => `feed-item-status-${messageId}`,
  /** On an inbound item: address its sender in compose. */
  reply: (messageId: number) => `feed-reply-${messageId}`,
  /** On a reply: the broadcast it is counted for (data-counted-for, data-matched-by); opens the move dialog. */
  move: (messageId: number) => `feed-move-${messageId}`,
  moveDialog: 'feed-move-dialog',
  /** A broadcast to move the reply to; null = none. */
  moveTarget: (broadcastId: number | null) => `feed-move-target-${broadcastId ?? 'none'}`,
  moveConfirm: 'feed-move-confirm',
  /** Shown while the feed is narrowed to one broadcast; data-broadcast-id; its button clears it. */
  broadcastFilter: 'feed-broadcast-filter',
  broadcastFilterClear: 'feed-broadcast-filter-clear',
  /** Stream tabs: everything, replies, one per tag (data-unread holds its unread replies). */
  filterAll: 'feed-filter-all',
  filterReplies: 'feed-filter-replies',
  stream: (tag: string) => `feed-stream-${tag}`,
  /** The filters popover's button; its panel is `feed-filters-panel`. */
  filters: 'feed-filters',
  filterDirection: 'feed-filter-direction',
  filterStatus: 'feed-filter-status',
  filterGroup: 'feed-filter-group',
  filterUnmatched: 'feed-filter-unmatched',
  filterClear: 'feed-filter-clear',
  /** Text: how many items the current filter shows; data-count holds the number. */
  count: 'feed-count',
  empty: 'feed-empty',
  /** Shown when items arrived above while the list was scrolled down; click goes to the top. */
  newItems: 'feed-new-items',
  /** When the tabs overflow: a menu listing every stream; an item per stream. */
  streamMenu: 'feed-stream-menu',
  streamMenuItem: (stream: string) => `feed-stream-menu-${stream}`,
} as const;
