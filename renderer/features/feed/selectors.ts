import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, type AppState } from '../../app/store.js';
import type { MessageView } from '../../../shared/protocol/index.js';
import { getMessage } from './message-index.js';
import { unreadIn } from './slice.js';
import { isOrderNumberTag, normalizeTag, streamList, type FeedStream } from './view.js';

/** The ids the current stream and filters show, newest first (kept current by the slice). */
export function useFeedIds(): number[] {
  return useAppStore((s) => s.feed.view);
}

/** One row subscribes to its own message: a status change re-renders that row alone. */
export function useMessage(id: number): MessageView | undefined {
  return useAppStore((s) => getMessage(s.feed.byId, id));
}

/**
 * Tag streams for the tabs: the station's tags by name, then tags first seen in messages in the
 * order they appeared. New tags go to the end, so a tab never moves under the pointer.
 */
export function useTagStreams(): FeedStream[] {
  const { tags, tagLists } = useAppStore(useShallow((s) => ({ tags: s.directory.tags, tagLists: s.feed.tagLists })));
  // tagLists changes only in batches that bring tagged messages.
  return useMemo(() => {
    const known = tags.map((t) => normalizeTag(t.name)).sort((a, b) => a.localeCompare(b, 'ru'));
    const listed = new Set(known);
    // An order number seen in texts is the order's thread (the order link), not a tab.
    const seen = Object.entries(tagLists)
      .filter(([tag]) => !listed.has(tag) && !isOrderNumberTag(tag))
      .sort((a, b) => a[1][a[1].length - 1]! - b[1][b[1].length - 1]!)
      .map(([tag]) => tag);
    return [...known, ...seen].map((tag) => `#${tag}` as FeedStream);
  }, [tags, tagLists]);
}

function unreadOf(s: AppState, stream: FeedStream): number {
  if (stream === s.feed.stream) return 0; // The open stream is being read.
  return unreadIn(streamList(s.feed, stream), s.feed.byId, s.feed.seen[stream] ?? s.feed.baseline);
}

/** Unread replies per stream, in the order given; 1000 means "999+". */
export function useUnreadCounts(streams: readonly FeedStream[]): number[] {
  return useAppStore(useShallow((s) => streams.map((stream) => unreadOf(s, stream))));
}
