import { useAppStore } from '../../app/store.js';
import type { MessageView } from '../../../shared/protocol/index.js';
import { getMessage } from './message-index.js';

/** The ids the current filter shows, newest first (a stable array reference per store update). */
export function useFeedIds(): number[] {
  return useAppStore((s) => (s.feed.filter === 'replies' ? s.feed.replies : s.feed.order));
}

/** One row subscribes to its own message: a status change re-renders that row alone. */
export function useMessage(id: number): MessageView | undefined {
  return useAppStore((s) => getMessage(s.feed.byId, id));
}
