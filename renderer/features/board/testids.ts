// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
import type { CountKey } from './slice.js';

export const boardTestIds = {
  panel: 'board-panel',
  /** One broadcast; data-total holds its recipient count. */
  row: (broadcastId: number) => `board-row-${broadcastId}`,
  /** role="progressbar" with aria-valuenow = processed (sent + delivered + failed). */
  progress: (broadcastId: number) => `board-progress-${broadcastId}`,
  /** Text and data-count: queued (incl. sending) · sent · delivered · failed · replied. */
  count: (broadcastId: number, key: CountKey) => `board-count-${broadcastId}-${key}`,
  empty: 'board-empty',
  /** A send to many thousands still being committed: data-count = recipients not in the outbox yet. */
  preparing: (broadcastId: number) => `board-preparing-${broadcastId}`,
  /** It could not be committed; nothing was sent. */
  abandoned: (broadcastId: number) => `board-abandoned-${broadcastId}`,
  /** Confirmations and polls: answered so far (data-count; empty until the tally is known). */
  confirmed: (broadcastId: number) => `board-confirmed-${broadcastId}`,
  /** Confirmations: replies that are not a confirmation (free text, "other"); shown when there are any. */
  other: (broadcastId: number) => `board-other-${broadcastId}`,
  /** Shows or hides who is silent (aria-expanded; data-count = how many). */
  silentToggle: (broadcastId: number) => `board-silent-toggle-${broadcastId}`,
  silentList: (broadcastId: number) => `board-silent-${broadcastId}`,
  /** Narrows the feed to this broadcast (aria-pressed while it does); pressed again, shows all. */
  showInFeed: (broadcastId: number) => `board-show-in-feed-${broadcastId}`,
  /** "Goes out: 14:30" on a scheduled broadcast; data-at holds the epoch ms. */
  scheduled: (broadcastId: number) => `board-scheduled-${broadcastId}`,
  cancelled: (broadcastId: number) => `board-cancelled-${broadcastId}`,
  /** Cancels what is still queued, after a confirmation that names the broadcast. */
  cancel: (broadcastId: number) => `board-cancel-${broadcastId}`,
  /** Moves a scheduled broadcast: opens the move dialog. */
  move: (broadcastId: number) => `board-move-${broadcastId}`,
  moveDialog: 'board-move-dialog',
  moveAt: 'board-move-at',
  moveOk: 'board-move-ok',
  moveNow: 'board-move-now',
  moveError: 'board-move-error',
  confirmDialog: 'board-confirm',
  confirmOk: 'board-confirm-ok',
  confirmCancel: 'board-confirm-cancel',
  confirmError: 'board-confirm-error',
  /** What the last action on this broadcast did, or why it was refused (data-ok). */
  outcome: (broadcastId: number) => `board-outcome-${broadcastId}`,
  /** "2 new broadcasts" while the list is held under the pointer; click shows them. */
  waiting: 'board-waiting',
} as const;
