// The live feed: every message the station tells us about, one row per message, newest first.
// Ids grow with creation time, so "newest first" is "id descending" and an insert is a binary
// search. Events arrive in batches (one store update per frame, see station-bridge.ts), so the
// copy of the id list and map happens once per batch, not once per message.
import type { StateCreator } from 'zustand';
import type { MessageView } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export type FeedFilter = 'all' | 'replies';

export interface FeedSlice {
  feed: {
    /** Message ids, newest (highest id) first. */
    order: number[];
    /** Inbound replies only, same order: the "replies" filter without a scan per render. */
    replies: number[];
    byId: Map<number, MessageView>;
    filter: FeedFilter;
  };
  feedLoaded(messages: MessageView[]): void;
  /** New or changed messages; an update for a message we never saw is inserted in place. */
  feedReceived(messages: MessageView[]): void;
  setFeedFilter(filter: FeedFilter): void;
}

/** Insert id into a descending list; no-op if present. */
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

export const createFeedSlice: StateCreator<AppState, [], [], FeedSlice> = (set) => ({
  feed: { order: [], replies: [], byId: new Map(), filter: 'all' },
  feedLoaded: (messages) =>
    set((s) => {
      const byId = new Map(messages.map((m) => [m.id, m]));
      const order = [...byId.keys()].sort((a, b) => b - a);
      const replies = order.filter((id) => byId.get(id)!.direction === 'in');
      return { feed: { ...s.feed, order, replies, byId } };
    }),
  feedReceived: (messages) =>
    set((s) => {
      if (messages.length === 0) return {};
      const byId = new Map(s.feed.byId);
      let order = s.feed.order;
      let replies = s.feed.replies;
      for (const m of messages) {
        const known = byId.get(m.id);
        // An older update arriving after a newer one must not roll the status back.
        if (known && known.updatedAt > m.updatedAt) continue;
        byId.set(m.id, m);
        if (known) continue;
        // Fast path: a new message is nearly always the newest.
        if (order === s.feed.order) order = order.slice();
        if (order.length === 0 || order[0]! < m.id) order.unshift(m.id);
        else insertDesc(order, m.id);
        if (m.direction === 'in') {
          if (replies === s.feed.replies) replies = replies.slice();
          if (replies.length === 0 || replies[0]! < m.id) replies.unshift(m.id);
          else insertDesc(replies, m.id);
        }
      }
      return { feed: { ...s.feed, byId, order, replies } };
    }),
  setFeedFilter: (filter) => set((s) => ({ feed: { ...s.feed, filter } })),
});
