// The dispatch board: one summary per broadcast, newest first, replaced whole by each
// broadcast.progress event (the station sends the counts, we never add them up ourselves).
import type { StateCreator } from 'zustand';
import type { BroadcastSummary } from '../../../shared/protocol/index.js';
import type { AppState } from '../../app/store.js';

export interface BoardSlice {
  board: { order: number[]; byId: Record<number, BroadcastSummary> };
  boardLoaded(broadcasts: BroadcastSummary[]): void;
  broadcastsChanged(broadcasts: BroadcastSummary[]): void;
}

export const createBoardSlice: StateCreator<AppState, [], [], BoardSlice> = (set) => ({
  board: { order: [], byId: {} },
  boardLoaded: (broadcasts) => {
    const byId: Record<number, BroadcastSummary> = {};
    for (const b of broadcasts) byId[b.id] = b;
    const order = Object.keys(byId).map(Number).sort((a, b) => b - a);
    set({ board: { order, byId } });
  },
  broadcastsChanged: (broadcasts) =>
    set((s) => {
      if (broadcasts.length === 0) return {};
      const byId = { ...s.board.byId };
      let added = false;
      for (const b of broadcasts) {
        if (!byId[b.id]) added = true;
        byId[b.id] = b;
      }
      const order = added ? Object.keys(byId).map(Number).sort((a, b) => b - a) : s.board.order;
      return { board: { order, byId } };
    }),
});

export type CountKey = 'queued' | 'sent' | 'delivered' | 'failed' | 'replied';

/** The five figures on a row. "Queued" includes messages being handed to the carrier right now. */
export function boardFigures(b: BroadcastSummary): Record<CountKey, number> {
  const c = b.counts;
  return { queued: c.queued + c.sending, sent: c.sent, delivered: c.delivered, failed: c.failed, replied: c.replied };
}

/** Fractions (0..1) of the bar: delivered, sent, failed; the rest of the track is still queued. */
export function progressParts(b: BroadcastSummary): { delivered: number; sent: number; failed: number; done: number } {
  const total = Math.max(b.total, 1);
  const c = b.counts;
  return {
    delivered: c.delivered / total,
    sent: c.sent / total,
    failed: c.failed / total,
    done: c.delivered + c.sent + c.failed,
  };
}
