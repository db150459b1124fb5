// The desks' pushes survive a store that cannot read for a moment: whoever changed the messages
// goes on, and the pushes go out once it reads again — none lost.
import { describe, expect, it, vi } from 'vitest';
import { ProgressPublisher } from '../../main/station/progress.js';
import { StationEvents } from '../../main/station/events.js';
import type { Store } from '../../main/station/store/store.js';

describe('progress pushes when the store fails to read', () => {
  it('keeps the changes, says why, and pushes them once it reads again', () => {
    vi.useFakeTimers();
    try {
      let failing = true;
      const store = {
        messages: {
          views: (ids: number[]) => {
            if (failing) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
            return ids.map((id) => ({ id, broadcastId: null }));
          },
        },
        broadcasts: { summary: () => null },
      } as unknown as Store;
      const events = new StationEvents();
      const pushed: number[] = [];
      events.on('message.updated', (m) => pushed.push(m.id));
      const troubles: unknown[] = [];
      const progress = new ProgressPublisher(store, events, 250, (err) => troubles.push(err));
      expect(() => progress.messagesChanged([1, 2, 3])).not.toThrow();
      expect(pushed).toEqual([]);
      expect(troubles).toHaveLength(1);
      failing = false;
      vi.advanceTimersByTime(1_000);
      expect(pushed).toEqual([1, 2, 3]);
      progress.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('progress pushes with nobody to tell', () => {
  it('reads no views while no listener wants them, and reads again once a desk is there', () => {
    vi.useFakeTimers();
    try {
      const read: number[] = [];
      const summaries: number[] = [];
      const store = {
        messages: {
          views: (ids: number[]) => {
            read.push(...ids);
            return ids.map((id) => ({ id, broadcastId: 7 }));
          },
        },
        broadcasts: {
          summary: (id: number) => {
            summaries.push(id);
            return { id };
          },
        },
      } as unknown as Store;
      const events = new StationEvents();
      let desks = 0;
      const pushed: number[] = [];
      for (const name of ['message.updated', 'broadcast.progress'] as const) events.on(name, (m: { id: number }) => pushed.push(m.id), () => desks > 0);
      const progress = new ProgressPublisher(store, events, 250);
      expect(events.wanted('message.updated')).toBe(false);
      progress.messagesChanged([1, 2]);
      progress.touch(7);
      vi.advanceTimersByTime(1_000);
      expect({ read, summaries, pushed }).toEqual({ read: [], summaries: [], pushed: [] });
      desks = 1;
      expect(events.wanted('message.updated')).toBe(true);
      progress.messagesChanged([3]);
      vi.advanceTimersByTime(1_000);
      expect({ read, summaries, pushed }).toEqual({ read: [3], summaries: [7], pushed: [3, 7] });
      // A listener that always wants the event (no `wants`) is always told; unsubscribed, it no longer counts.
      desks = 0;
      const off = events.on('message.updated', () => undefined);
      expect(events.wanted('message.updated')).toBe(true);
      off();
      expect(events.wanted('message.updated')).toBe(false);
      progress.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
