// The live feed's streams, filters, unread markers and reply alerts, against a fake station.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../shared/protocol/index.js';
import { useAppStore } from '../../renderer/app/store.js';
import { feedTestIds } from '../../renderer/features/feed/testids.js';
import { createReplyAlerter } from '../../renderer/features/feed/reply-alerts.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { broadcast, demoSnapshot, demoStation, message } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;

beforeEach(() => {
  resetRenderer();
  const sized = (fallback: number, size: number) =>
    function (this: HTMLElement) {
      return this.dataset.testid === feedTestIds.list ? size : fallback;
    };
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(sized(0, 600));
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(sized(0, 400));
});
afterEach(() => {
  harness?.bridge.stop();
  harness = null;
  cleanup();
  vi.restoreAllMocks();
});

async function open(feed: MessageView[], over: Parameters<typeof demoSnapshot>[0] = {}) {
  const station = demoStation(demoSnapshot({ feed, ...over }));
  harness = await renderApp(station);
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  return station;
}

const reply = (id: number, over: Partial<MessageView> = {}) => message({ id, direction: 'in', status: 'received', ...over });
const shownIds = () =>
  within(screen.getByTestId(feedTestIds.list))
    .getAllByRole('listitem')
    .map((li) => Number(li.getAttribute('data-testid')!.replace('feed-item-', '')));

describe('tag streams', () => {
  it('shows a tab per tag, from the snapshot and from messages, and narrows the feed to it', async () => {
    await open([message({ id: 1, tags: ['авария'] }), reply(2, { tags: ['пс12'] }), message({ id: 3 })]);
    expect(screen.getByTestId(feedTestIds.stream('авария'))).toBeTruthy();
    fireEvent.click(screen.getByTestId(feedTestIds.stream('пс12')));
    expect(shownIds()).toEqual([2]);
    expect(screen.getByTestId(feedTestIds.stream('пс12')).getAttribute('aria-selected')).toBe('true');
  });

  it('makes no tab of an order number: #4711 is the order’s thread', async () => {
    await open([reply(2, { tags: ['4711'], text: '#4711 готово' }), message({ id: 3, tags: ['1'] })]);
    expect(screen.queryByTestId(feedTestIds.stream('4711'))).toBeNull();
    expect(screen.getByTestId(feedTestIds.stream('1'))).toBeTruthy();
  });

  it('counts unread replies per stream, clears the count of the stream opened and marks its new rows', async () => {
    const station = await open([message({ id: 1, tags: ['авария'] })]);
    await act(async () => {
      station.push('message.created', reply(2, { tags: ['авария'] }));
      station.push('message.created', reply(3, { tags: ['авария'] }));
      station.push('message.created', reply(4));
      station.push('message.created', message({ id: 5, tags: ['авария'] })); // Outgoing: not "unread".
    });
    const tab = screen.getByTestId(feedTestIds.stream('авария'));
    expect(tab.getAttribute('data-unread')).toBe('2');
    expect(screen.getByTestId(feedTestIds.filterReplies).getAttribute('data-unread')).toBe('3');
    fireEvent.click(tab);
    expect(tab.getAttribute('data-unread')).toBe('0');
    expect(screen.getByTestId(feedTestIds.item(3)).getAttribute('data-unread')).toBe('true');
    expect(screen.getByTestId(feedTestIds.item(1)).getAttribute('data-unread')).toBe('false');
    // Leaving reads it: back on the tag later, nothing is new.
    fireEvent.click(screen.getByTestId(feedTestIds.filterAll));
    fireEvent.click(tab);
    expect(screen.getByTestId(feedTestIds.item(3)).getAttribute('data-unread')).toBe('false');
  });

  it('moves between streams with the arrow keys on the tabs and with [ ] elsewhere', async () => {
    await open([message({ id: 1, tags: ['авария'] })]);
    fireEvent.keyDown(screen.getByTestId(feedTestIds.filterAll), { key: 'ArrowRight' });
    expect(useAppStore.getState().feed.stream).toBe('replies');
    fireEvent.keyDown(document.body, { key: ']', code: 'BracketRight' });
    expect(useAppStore.getState().feed.stream).toBe('#авария');
    fireEvent.keyDown(document.body, { key: '[', code: 'BracketLeft' });
    expect(useAppStore.getState().feed.stream).toBe('replies');
  });
});

describe('filters', () => {
  it('narrows by direction, status, group and unmatched replies, and keeps the view current as messages change', async () => {
    const contacts = [
      { id: 1, name: 'Иванов', phone: '+79160000001', position: null, active: true, groupIds: [2] },
      { id: 2, name: 'Петров', phone: '+79160000002', position: null, active: true, groupIds: [4] },
    ];
    const station = await open(
      [message({ id: 1, contactId: 1 }), message({ id: 2, contactId: 2, status: 'failed' }), reply(3, { contactId: 1 }), reply(4, { contactId: null, broadcastId: null })],
      { contacts },
    );
    fireEvent.click(screen.getByTestId(feedTestIds.filters));
    fireEvent.change(screen.getByTestId(feedTestIds.filterDirection), { target: { value: 'out' } });
    expect(shownIds()).toEqual([2, 1]);
    fireEvent.change(screen.getByTestId(feedTestIds.filterStatus), { target: { value: 'failed' } });
    expect(shownIds()).toEqual([2]);
    // A status change brings a message into the filtered view without a rescan.
    await act(async () => station.push('message.updated', message({ id: 1, contactId: 1, status: 'failed', updatedAt: Date.now() })));
    expect(shownIds()).toEqual([2, 1]);
    fireEvent.change(screen.getByTestId(feedTestIds.filterGroup), { target: { value: '1' } }); // Северный РЭС: Бригада 1 is under it.
    expect(shownIds()).toEqual([1]);
    fireEvent.click(screen.getByTestId(feedTestIds.filterClear));
    fireEvent.click(screen.getByTestId(feedTestIds.filterUnmatched));
    expect(shownIds()).toEqual([4]);
    expect(screen.getByTestId(feedTestIds.filters).textContent).toMatch(/1/);
  });
});

describe('reply alerts', () => {
  const outlets = () => {
    let now = 0;
    const calls = { chime: 0, notify: [] as string[] };
    const alert = createReplyAlerter({
      chime: () => calls.chime++,
      notify: (title) => calls.notify.push(title),
      watching: () => false,
      now: () => now,
    });
    return { alert, calls, advance: (ms: number) => (now += ms) };
  };
  const boards = { 1: broadcast({ id: 1, kind: 'confirm' }), 2: broadcast({ id: 2, kind: 'plain' }) };
  const text = { title: (n: number) => `${n} new` };

  it('chimes and notifies for replies to confirmation alerts only, when so set', () => {
    const { alert, calls, advance } = outlets();
    alert([reply(10, { broadcastId: 2 })], { sound: 'alerts', notify: 'alerts' }, boards, text);
    expect(calls).toEqual({ chime: 0, notify: [] });
    advance(10_000);
    alert([reply(11, { broadcastId: 1 })], { sound: 'alerts', notify: 'alerts' }, boards, text);
    expect(calls).toEqual({ chime: 1, notify: ['1 new'] });
  });

  it('makes one chime and one notification for a burst, not one per reply', () => {
    const { alert, calls, advance } = outlets();
    for (let i = 0; i < 20; i++) {
      alert([reply(100 + i), reply(200 + i)], { sound: 'all', notify: 'all' }, boards, text);
      advance(100);
    }
    expect(calls.chime).toBe(1);
    expect(calls.notify).toEqual(['2 new']);
  });

  it('stays silent when switched off', () => {
    const { alert, calls } = outlets();
    alert([reply(10, { broadcastId: 1 })], { sound: 'off', notify: 'off' }, boards, text);
    expect(calls).toEqual({ chime: 0, notify: [] });
  });
});

describe('tag streams and broadcasts', () => {
  it('puts a reply without a tag in the stream of the tagged broadcast it answers', async () => {
    const station = await open([message({ id: 1, broadcastId: 5, tags: ['авария'] })], { broadcasts: [broadcast({ id: 5, tags: ['авария'] })] });
    await act(async () => station.push('message.created', reply(2, { broadcastId: 5, text: '1' })));
    expect(screen.getByTestId(feedTestIds.stream('авария')).getAttribute('data-unread')).toBe('1');
    fireEvent.click(screen.getByTestId(feedTestIds.stream('авария')));
    expect(shownIds()).toEqual([2, 1]);
  });
});
