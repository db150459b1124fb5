// The store's slices without React: picking groups, feed ordering, board updates, reset.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { visibleRows } from '../../renderer/features/groups/tree.js';
import { boardFigures, progressParts } from '../../renderer/features/board/slice.js';
import { getMessage } from '../../renderer/features/feed/message-index.js';
import { broadcast, demoSnapshot, message } from '../fixtures/control-room/fake-station.js';

beforeEach(() => {
  localStorage.clear();
  resetAppStore();
});

const state = () => useAppStore.getState();

describe('groups slice', () => {
  beforeEach(() => state().snapshotLoaded(demoSnapshot()));

  it('lays the tree out depth-first, children under their parent, alphabetically', () => {
    const rows = visibleRows(state().directory.groups, {});
    expect(rows.map((r) => [r.group.name, r.depth])).toEqual([
      ['Северный РЭС', 0],
      ['Бригада 1', 1],
      ['Бригада 2', 1],
      ['Южный РЭС', 0],
    ]);
    expect(visibleRows(state().directory.groups, { 1: true }).map((r) => r.group.id)).toEqual([1, 4]);
  });

  it('a picked parent absorbs picks below it, and a child of a picked parent cannot be picked alone', () => {
    state().togglePick(2);
    state().togglePick(4);
    state().togglePick(1);
    expect(state().picked).toEqual([4, 1]);
    state().togglePick(3);
    expect(state().picked).toEqual([4, 1]);
    state().togglePick(1);
    expect(state().picked).toEqual([4]);
  });

  it('forgets picks of groups that vanished from a new snapshot', () => {
    state().togglePick(4);
    state().snapshotLoaded(demoSnapshot({ groups: demoSnapshot().groups.filter((g) => g.id !== 4) }));
    expect(state().picked).toEqual([]);
  });
});

describe('feed slice', () => {
  it('keeps newest first across a snapshot and events arriving out of order', () => {
    state().feedLoaded([message({ id: 3 }), message({ id: 1 })]);
    state().feedReceived([message({ id: 5, direction: 'in', status: 'received' }), message({ id: 2 })]);
    expect(state().feed.order).toEqual([5, 3, 2, 1]);
    expect(state().feed.replies).toEqual([5]);
  });

  it('updates a message in place and never rolls a status back to an older one', () => {
    state().feedLoaded([message({ id: 1, status: 'queued', updatedAt: 10 })]);
    state().feedReceived([message({ id: 1, status: 'delivered', updatedAt: 30 })]);
    state().feedReceived([message({ id: 1, status: 'sent', updatedAt: 20 })]);
    expect(getMessage(state().feed.byId, 1)?.status).toBe('delivered');
    expect(state().feed.order).toEqual([1]);
  });

  it('copies only the part of the index a batch touches, leaving the rest shared', () => {
    state().feedLoaded(Array.from({ length: 5000 }, (_, i) => message({ id: i + 1 })));
    const before = state().feed.byId;
    state().feedReceived([message({ id: 5001, direction: 'in', status: 'received' })]);
    const after = state().feed.byId;
    expect(after).not.toBe(before);
    expect(after.get(0)).toBe(before.get(0)); // Ids 0..1023: untouched, not copied.
    expect(getMessage(before, 5001)).toBeUndefined(); // The old version is unchanged.
    expect(getMessage(after, 5001)?.direction).toBe('in');
  });

  it('takes a batch of a thousand messages in one update', () => {
    let updates = 0;
    const unsubscribe = useAppStore.subscribe(() => updates++);
    state().feedReceived(Array.from({ length: 1000 }, (_, i) => message({ id: i + 1 })));
    unsubscribe();
    expect(updates).toBe(1);
    expect(state().feed.order[0]).toBe(1000);
    expect(state().feed.order).toHaveLength(1000);
  });
});

describe('board slice', () => {
  it('adds new broadcasts on top and replaces a summary whole on progress', () => {
    state().boardLoaded([broadcast({ id: 1 })]);
    state().broadcastsChanged([
      broadcast({ id: 2 }),
      broadcast({ id: 1, counts: { queued: 2, sending: 1, sent: 3, delivered: 3, failed: 1, replied: 2 } }),
    ]);
    expect(state().board.order).toEqual([2, 1]);
    const b = state().board.byId[1]!;
    expect(boardFigures(b)).toEqual({ queued: 3, sent: 3, delivered: 3, failed: 1, replied: 2 });
    expect(progressParts(b)).toMatchObject({ done: 7, delivered: 0.3, sent: 0.3, failed: 0.1 });
  });
});

describe('store reset', () => {
  it('returns to a fresh store between tests and on sign-out keeps the desk preferences', () => {
    state().snapshotLoaded(demoSnapshot({ feed: [message({ id: 1 })] }));
    state().setTheme('light');
    state().clearStationData();
    expect(state().feed.order).toEqual([]);
    expect(state().directory.groups).toEqual([]);
    expect(state().prefs.theme).toBe('light');
    localStorage.clear();
    resetAppStore();
    expect(state().prefs.theme).toBe('dark');
    expect(state().prefs.locale).toBe('ru');
  });
});
