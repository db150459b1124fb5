// The live feed: every message the station tells us about, newest first, split into streams
// (everything, replies, one list per #tag) and narrowed by filters into `view`, the list the
// screen shows. Ids grow with creation time, so "newest first" is "id descending" and an insert
// is a binary search. Events arrive in batches (at most ten store updates a second, see
// station-bridge.ts): lists are copied once per batch and the index copies only the chunks a
// batch touches, so 100 replies a second into 100,000 stay cheap.
import type { StateCreator } from 'zustand';
import type { MessageView } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';
import { IndexDraft, emptyIndex, getMessage, indexOf, type MessageIndex } from './message-index.js';
import {
  NO_FILTERS,
  fullView,
  makePredicate,
  mergeDesc,
  normalizeTag,
  streamList,
  updateView,
  type FeedFilters,
  type FeedStream,
} from './view.js';

export interface FeedSlice {
  feed: {
    /** Message ids, newest (highest id) first. */
    order: number[];
    /** Inbound replies only, same order. */
    replies: number[];
    /** Ids per normalised tag, same order: the tag streams. */
    tagLists: Record<string, number[]>;
    /** Read with getMessage(byId, id). */
    byId: MessageIndex;
    stream: FeedStream;
    filters: FeedFilters;
    /** What the screen shows: the stream narrowed by the filters. */
    view: number[];
    /** Per stream, the newest id the dispatcher has seen there; replies above it are unread. */
    seen: Partial<Record<FeedStream, number>>;
    /** Newest id of the first snapshot (-1 before it): what was there at sign-in counts as read. */
    baseline: number;
    /** Replies in the open stream above this id carry the "new" marker (unread when it was opened). */
    markFrom: number;
  };
  feedLoaded(messages: MessageView[]): void;
  /** New or changed messages; an update for a message we never saw is inserted in place. */
  feedReceived(messages: MessageView[]): void;
  setStream(stream: FeedStream): void;
  setFeedFilters(filters: Partial<FeedFilters>): void;
  /** Narrow the feed to one broadcast (picked on the board), or back to all with null. */
  showBroadcastInFeed(broadcastId: number | null): void;
  /** Everything in the open stream counts as read: markers go. */
  markStreamRead(): void;
}

type Feed = FeedSlice['feed'];
type Broadcasts = AppState['board']['byId'];

/**
 * The tag streams a message belongs to: its own #tags and those of the broadcast it belongs or
 * answers to, so "1" in reply to "#авария …" is in the #авария stream (DESIGN §4).
 */
export function tagsOf(m: MessageView, broadcasts: Broadcasts): string[] {
  const own = m.tags.map(normalizeTag);
  const b = m.broadcastId !== null ? broadcasts[m.broadcastId] : undefined;
  if (!b || b.tags.length === 0) return own;
  return [...new Set([...own, ...b.tags.map(normalizeTag)])];
}

function tagListsOf(order: number[], byId: MessageIndex, broadcasts: Broadcasts): Record<string, number[]> {
  const lists: Record<string, number[]> = {};
  for (const id of order) for (const tag of tagsOf(getMessage(byId, id)!, broadcasts)) (lists[tag] ??= []).push(id);
  return lists;
}

/** Seen ids only move forward: the stream left is read up to the newest message. */
function leave(feed: Feed): Feed['seen'] {
  return { ...feed.seen, [feed.stream]: Math.max(feed.order[0] ?? 0, feed.seen[feed.stream] ?? 0) };
}

export const createFeedSlice: StateCreator<AppState, [], [], FeedSlice> = (set, get) => {
  const predicateOf = (filters: FeedFilters) => makePredicate(filters, get().directory);
  const withView = (feed: Feed): Feed => ({ ...feed, view: fullView(streamList(feed, feed.stream), feed.byId, predicateOf(feed.filters)) });

  return {
    feed: {
      order: [],
      replies: [],
      tagLists: {},
      byId: emptyIndex,
      stream: 'all',
      filters: NO_FILTERS,
      view: [],
      seen: {},
      baseline: -1,
      markFrom: 0,
    },
    feedLoaded: (messages) =>
      set((s) => {
        const byId = indexOf(messages);
        const order = [...new Set(messages.map((m) => m.id))].sort((a, b) => b - a);
        const replies = order.filter((id) => getMessage(byId, id)!.direction === 'in');
        // After a reconnect, keep what was read; on the first snapshot everything shown is read.
        const first = s.feed.baseline < 0;
        const baseline = first ? (order[0] ?? 0) : s.feed.baseline;
        const markFrom = first ? baseline : s.feed.markFrom;
        return { feed: withView({ ...s.feed, order, replies, tagLists: tagListsOf(order, byId, s.board.byId), byId, baseline, markFrom }) };
      }),
    feedReceived: (messages) =>
      set((s) => {
        if (messages.length === 0) return {};
        const draft = new IndexDraft(s.feed.byId);
        const fresh: MessageView[] = [];
        const changed: MessageView[] = [];
        for (const m of messages) {
          const known = draft.get(m.id);
          // An older update arriving after a newer one must not roll the status back.
          if (known && known.updatedAt > m.updatedAt) continue;
          if (known) changed.push(m);
          else if (!fresh.some((f) => f.id === m.id)) fresh.push(m);
          draft.set(m);
        }
        const byId = draft.done();
        fresh.sort((a, b) => b.id - a.id);
        const freshIds = fresh.map((m) => m.id);
        const freshReplies = fresh.filter((m) => m.direction === 'in').map((m) => m.id);
        // One merge per tag per batch: a tag stream of 30,000 ids is copied once, not per message.
        let tagLists = s.feed.tagLists;
        const freshByTag = new Map<string, number[]>();
        for (const m of fresh) for (const key of tagsOf(m, s.board.byId)) {
          const list = freshByTag.get(key);
          if (list) list.push(m.id);
          else freshByTag.set(key, [m.id]);
        }
        if (freshByTag.size > 0) {
          tagLists = { ...tagLists };
          for (const [key, ids] of freshByTag) tagLists[key] = mergeDesc(tagLists[key] ?? [], ids);
        }
        const lists = { order: mergeDesc(s.feed.order, freshIds), replies: mergeDesc(s.feed.replies, freshReplies), tagLists };
        const base = streamList(lists, s.feed.stream);
        const predicate = predicateOf(s.feed.filters);
        let view = base;
        if (predicate) {
          const stream = s.feed.stream;
          const inStream = (m: MessageView) =>
            stream === 'all' || (stream === 'replies' ? m.direction === 'in' : tagsOf(m, s.board.byId).some((t) => `#${t}` === stream));
          view = updateView(s.feed.view, fresh.filter(inStream).map((m) => m.id), changed, inStream, predicate, byId);
        }
        return { feed: { ...s.feed, ...lists, byId, view } };
      }),
    setStream: (stream) =>
      set((s) => {
        if (stream === s.feed.stream) return {};
        const seen = leave(s.feed);
        return { feed: withView({ ...s.feed, stream, seen, markFrom: seen[stream] ?? s.feed.baseline }) };
      }),
    setFeedFilters: (filters) => set((s) => ({ feed: withView({ ...s.feed, filters: { ...s.feed.filters, ...filters } }) })),
    showBroadcastInFeed: (broadcast) => get().setFeedFilters({ broadcast }),
    markStreamRead: () =>
      set((s) => {
        const seen = leave(s.feed);
        return { feed: { ...s.feed, seen, markFrom: seen[s.feed.stream]! } };
      }),
  };
};

/** Replies in `list` newer than `seen`, counted up to `cap` (a badge shows "999+"). */
export function unreadIn(list: readonly number[], byId: MessageIndex, seen: number, cap = 999): number {
  let n = 0;
  for (let i = 0; i < list.length && list[i]! > seen && n < cap + 1; i++) if (getMessage(byId, list[i]!)?.direction === 'in') n++;
  return n;
}
