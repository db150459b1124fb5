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
  /** Confirmations and polls: answered so far (data-count; empty until the tally is known). */
  confirmed: (broadcastId: number) => `board-confirmed-${broadcastId}`,
  /** Shows or hides who is silent (aria-expanded; data-count = how many). */
  silentToggle: (broadcastId: number) => `board-silent-toggle-${broadcastId}`,
  silentList: (broadcastId: number) => `board-silent-${broadcastId}`,
  /** Narrows the feed to this broadcast (aria-pressed while it does); pressed again, shows all. */
  showInFeed: (broadcastId: number) => `board-show-in-feed-${broadcastId}`,
} as const;
