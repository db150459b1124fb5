import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/store.js';
import type { MessageView } from '../../../shared/protocol/index.js';
import { getMessage } from './message-index.js';

/**
 * The ids the current filters show, newest first. Without a broadcast filter this is the
 * store's own list; with one, a scan per update (only while the dispatcher looks at one).
 */
export function useFeedIds(): number[] {
  const { list, byId, broadcast } = useAppStore(
    useShallow((s) => ({
      list: s.feed.filter === 'replies' ? s.feed.replies : s.feed.order,
      // The index only matters (and only re-renders) while a broadcast is picked.
      byId: s.feed.broadcast === null ? null : s.feed.byId,
      broadcast: s.feed.broadcast,
    })),
  );
  return useMemo(
    () => (broadcast === null || byId === null ? list : list.filter((id) => getMessage(byId, id)?.broadcastId === broadcast)),
    [list, byId, broadcast],
  );
}

/** One row subscribes to its own message: a status change re-renders that row alone. */
export function useMessage(id: number): MessageView | undefined {
  return useAppStore((s) => getMessage(s.feed.byId, id));
}
