// An order's thread as the control room shows it: opened from the board row of an order and
// from a feed item quoting the number, in time order, refreshed as the order moves.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderTimeline } from '../../shared/protocol/index.js';
import { feedTestIds } from '../../renderer/features/feed/testids.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { REFRESH_MS } from '../../renderer/features/orders/OrderThread.js';
import { orderCodeIn } from '../../renderer/features/orders/slice.js';
import { ordersTestIds as ids } from '../../renderer/features/orders/testids.js';
import { broadcast, demoSnapshot, demoStation, message, type FakeStation } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;
beforeEach(() => {
  resetRenderer();
  // jsdom does no layout: give the feed's scroller a size so it draws rows.
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset.testid === feedTestIds.list ? 600 : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset.testid === feedTestIds.list ? 400 : 0;
  });
});
afterEach(() => {
  harness?.bridge.stop();
  harness = null;
  cleanup();
  vi.restoreAllMocks();
});

const T0 = 1_764_000_000_000;
const order = broadcast({ id: 5, kind: 'order', code: '4711', text: 'Замена счётчика, ул. Ленина 5 #4711', total: 2, createdAt: T0 });

function timeline(extra: OrderTimeline['messages'] = []): OrderTimeline {
  return {
    code: '4711',
    broadcasts: [order],
    messages: [
      message({ id: 1, broadcastId: 5, phone: '+79160000001', contactName: 'Иванов И.', status: 'delivered', text: order.text, createdAt: T0 }),
      message({ id: 2, broadcastId: 5, phone: '+79160000002', contactName: 'Петров П.', status: 'sent', text: order.text, createdAt: T0 }),
      // Out of order on purpose: the view sorts by time.
      message({ id: 4, direction: 'in', broadcastId: 5, phone: '+79169990000', contactName: null, status: 'received', text: '4711 принял', createdAt: T0 + 9000 }),
      message({ id: 3, direction: 'in', broadcastId: 5, phone: '+79160000001', contactName: 'Иванов И.', status: 'received', text: '#4711 готово', createdAt: T0 + 5000 }),
      ...extra,
    ],
  };
}

async function open(station: FakeStation): Promise<Harness> {
  station.handlers['templates.list'] = () => ({ templates: [] });
  const h = await renderApp(station);
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  harness = h;
  return h;
}

describe('order thread', () => {
  it('opens from the board row: broadcast first, then every message in time order, a stranger marked', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [order] }));
    station.handlers['order.timeline'] = () => timeline();
    await open(station);
    fireEvent.click(screen.getByTestId(ids.link('4711')));
    await settle();
    expect(station.calls.find((c) => c.method === 'order.timeline')?.params).toEqual({ code: '4711' });
    const thread = screen.getByTestId(ids.thread);
    expect(thread.getAttribute('data-replies')).toBe('2');
    const rows = within(thread).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'));
    expect(rows).toEqual([ids.broadcast(5), ids.message(1), ids.message(2), ids.message(3), ids.message(4)]);
    expect(screen.getByTestId(ids.message(2)).getAttribute('data-status')).toBe('sent');
    // The order's text is said once, in its header; each copy sent shows who and how it went.
    expect(screen.getByTestId(ids.broadcast(5)).textContent).toContain('Замена счётчика');
    expect(screen.getByTestId(ids.message(2)).textContent).not.toContain('Замена счётчика');
    expect(screen.getByTestId(ids.message(2)).textContent).toContain('Петров П.');
    expect(screen.getByTestId(ids.message(4)).textContent).toContain('не был в рассылке');
    expect(screen.getByTestId(ids.message(3)).textContent).not.toContain('не был в рассылке');
    expect(screen.getByRole('dialog', { name: 'Заявка #4711' })).toBeTruthy();
  });

  it('opens from a feed item that quotes the number, and closes on Escape', async () => {
    const reply = message({ id: 30, direction: 'in', broadcastId: null, status: 'received', text: '4711 принял', phone: '+79169990000', contactName: null });
    const station = demoStation(demoSnapshot({ feed: [reply] }));
    station.handlers['order.timeline'] = () => timeline();
    await open(station);
    fireEvent.click(within(screen.getByTestId(feedTestIds.item(30))).getByTestId(ids.link('4711')));
    await settle();
    expect(screen.getByTestId(ids.thread).getAttribute('data-code')).toBe('4711');
    fireEvent.keyDown(screen.getByTestId(ids.thread), { key: 'Escape' });
    expect(screen.queryByTestId(ids.thread)).toBeNull();
  });

  it('fetches the thread again when one of its broadcasts moves on the board', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [order] }));
    let current = timeline();
    station.handlers['order.timeline'] = () => current;
    await open(station);
    fireEvent.click(screen.getByTestId(ids.link('4711')));
    await settle();
    current = timeline([message({ id: 9, direction: 'in', broadcastId: 5, phone: '+79160000002', contactName: 'Петров П.', status: 'received', text: '#4711 готово', createdAt: T0 + 20_000 })]);
    await act(async () => {
      station.push('broadcast.progress', { ...order, counts: { ...order.counts, replied: 3 } });
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, REFRESH_MS + 30));
    });
    await settle();
    expect(station.calls.filter((c) => c.method === 'order.timeline')).toHaveLength(2);
    expect(screen.getByTestId(ids.message(9)).getAttribute('data-direction')).toBe('in');
  });
});

describe('order codes in text', () => {
  it('reads #4711 anywhere and a bare number only at the start, as the station does', () => {
    expect(orderCodeIn('Готово #4711, выезжаем')).toBe('4711');
    expect(orderCodeIn('4711 принял')).toBe('4711');
    expect(orderCodeIn('принял 4711')).toBeNull();
    expect(orderCodeIn('#12 готово')).toBeNull();
    expect(orderCodeIn('1')).toBeNull();
  });
});
