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
