// The live feed: every message the station tells us about, one row per message, newest first.
// Ids grow with creation time, so "newest first" is "id descending" and an insert is a binary
// search. Events arrive in batches (one store update per frame, see station-bridge.ts), so the
// id lists are copied once per batch, and the index copies only the chunks a batch touches.
import type { StateCreator } from 'zustand';
import type { MessageView } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';
import { IndexDraft, emptyIndex, getMessage, indexOf, type MessageIndex } from './message-index.js';

export type FeedFilter = 'all' | 'replies';

export interface FeedSlice {
  feed: {
    /** Message ids, newest (highest id) first. */
    order: number[];
    /** Inbound replies only, same order: the "replies" filter without a scan per render. */
    replies: number[];
    /** Read with getMessage(byId, id). */
    byId: MessageIndex;
    filter: FeedFilter;
    /** Show only the messages of this broadcast (picked on the board), or all. */
    broadcast: number | null;
  };
  feedLoaded(messages: MessageView[]): void;
  /** New or changed messages; an update for a message we never saw is inserted in place. */
  feedReceived(messages: MessageView[]): void;
  setFeedFilter(filter: FeedFilter): void;
  showBroadcastInFeed(broadcastId: number | null): void;
}

/** Insert id into a descending list in place; no-op if present. */
function insertDesc(list: number[], id: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! > id) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== id) list.splice(lo, 0, id);
}

/**
 * A new descending list with `fresh` (descending, not in `list`) merged in. New messages are
 * nearly always newer than everything shown: then it is one copy, not one shift per message.
 */
function mergeDesc(list: number[], fresh: number[]): number[] {
  if (list.length === 0 || fresh[fresh.length - 1]! > list[0]!) return fresh.concat(list);
  const out = list.slice();
  for (const id of fresh) insertDesc(out, id);
  return out;
}

export const createFeedSlice: StateCreator<AppState, [], [], FeedSlice> = (set) => ({
  feed: { order: [], replies: [], byId: emptyIndex, filter: 'all', broadcast: null },
  feedLoaded: (messages) =>
    set((s) => {
      const byId = indexOf(messages);
      const order = [...new Set(messages.map((m) => m.id))].sort((a, b) => b - a);
      const replies = order.filter((id) => getMessage(byId, id)!.direction === 'in');
      return { feed: { ...s.feed, order, replies, byId } };
    }),
  feedReceived: (messages) =>
    set((s) => {
      if (messages.length === 0) return {};
      const byId = new IndexDraft(s.feed.byId);
      const fresh: MessageView[] = [];
      for (const m of messages) {
        const known = byId.get(m.id);
        // An older update arriving after a newer one must not roll the status back.
        if (known && known.updatedAt > m.updatedAt) continue;
        if (!known) fresh.push(m);
        byId.set(m);
      }
      if (fresh.length === 0) return { feed: { ...s.feed, byId: byId.done() } };
      const freshIds = [...new Set(fresh.map((m) => m.id))].sort((a, b) => b - a);
      const freshReplies = freshIds.filter((id) => byId.get(id)!.direction === 'in');
      return {
        feed: {
          ...s.feed,
          byId: byId.done(),
          order: mergeDesc(s.feed.order, freshIds),
          replies: freshReplies.length > 0 ? mergeDesc(s.feed.replies, freshReplies) : s.feed.replies,
        },
      };
    }),
  setFeedFilter: (filter) => set((s) => ({ feed: { ...s.feed, filter } })),
  showBroadcastInFeed: (broadcast) => set((s) => ({ feed: { ...s.feed, broadcast } })),
});
