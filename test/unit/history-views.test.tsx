// The views reachable from the history, the board and the feed: a broadcast's report with every
// recipient, and a group's traffic read like a chat with earlier pages above.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BroadcastDetail } from '../../shared/protocol/index.js';
import { useAppStore } from '../../renderer/app/store.js';
import { HistoryPanel } from '../../renderer/features/history/HistoryPanel.js';
import { BroadcastHistoryLink, ContactHistoryLink } from '../../renderer/features/history/HistoryLinks.js';
import { historyTestIds as ids } from '../../renderer/features/history/testids.js';
import { FakeHistoryStation, T0, hit, renderWithStation, settle } from '../fixtures/control-room/history-station.js';

let station: FakeHistoryStation;

const report: BroadcastDetail = {
  id: 7,
  authorId: 1,
  authorName: 'Администратор',
  source: 'ui',
  kind: 'plain',
  text: 'Авария на ПС-12, ответьте 1',
  tags: ['авария'],
  createdAt: T0,
  recipients: [
    { messageId: 70, contactId: 3, contactName: 'Иванов Пётр', phone: '+79161234567', status: 'delivered', error: null, sentAt: T0, deliveredAt: T0 + 4000, reply: { messageId: 90, text: '1 выезжаю', createdAt: T0 + 60_000 }, replies: 2 },
    { messageId: 71, contactId: 4, contactName: 'Жуков Артём', phone: '+79037654321', status: 'failed', error: 'The number is not in service.', sentAt: T0, deliveredAt: null, reply: null, replies: 0 },
  ],
  otherReplies: [hit({ id: 95, direction: 'in', status: 'received', contactId: null, contactName: null, phone: '+79990001122', text: 'кто это?' })],
};

beforeEach(() => {
  station = new FakeHistoryStation()
    .on('history.search', () => ({ hits: [], next: null }))
    .on('history.broadcast', () => report);
});
afterEach(() => cleanup());

describe('history views', () => {
  it('the board’s report link opens the history on that broadcast with every recipient, status, error and reply', async () => {
    await renderWithStation(
      <>
        <BroadcastHistoryLink broadcastId={7} />
        <HistoryPanel />
      </>,
      station,
    );
    fireEvent.click(screen.getByTestId(ids.broadcastLink(7)));
    await settle();
    expect(useAppStore.getState().records.panel).toBe('history');
    expect(station.params('history.broadcast')).toEqual([{ broadcastId: 7 }]);
    expect(screen.getByTestId(ids.view).getAttribute('data-kind')).toBe('broadcast');

    const ivanov = screen.getByTestId(ids.recipient(70));
    expect(ivanov.getAttribute('data-replied')).toBe('true');
    expect(ivanov.textContent).toContain('1 выезжаю');
    expect(ivanov.textContent).toContain('и ещё 1 ответ');
    const zhukov = screen.getByTestId(ids.recipient(71));
    expect(zhukov.getAttribute('data-status')).toBe('failed');
    expect(zhukov.textContent).toContain('not in service');
    expect(zhukov.textContent).toContain('нет ответа');
    expect(screen.getByText('кто это?')).toBeTruthy();
  });

  it('from a report, a recipient’s name opens their conversation and Back returns to the report', async () => {
    station.on('history.conversation', () => ({ contact: { id: 3, name: 'Иванов Пётр', phone: '+79161234567' }, hits: [hit({ id: 70 })], next: null }));
    await renderWithStation(<HistoryPanel />, station);
    useAppStore.getState().openHistoryView({ kind: 'broadcast', broadcastId: 7 });
    await settle();
    fireEvent.click(within(screen.getByTestId(ids.recipient(70))).getByRole('button', { name: 'Иванов Пётр' }));
    await settle();
    expect(screen.getByTestId(ids.view).getAttribute('data-kind')).toBe('contact');
    fireEvent.click(screen.getByTestId(ids.back));
    await settle();
    expect(screen.getByTestId(ids.view).getAttribute('data-kind')).toBe('broadcast');
    fireEvent.click(screen.getByTestId(ids.back));
    await settle();
    expect(screen.queryByTestId(ids.view)).toBeNull();
  });

  it('a group’s traffic reads oldest to newest and loads earlier pages above', async () => {
    station.on('history.group', (p) =>
      p.cursor
        ? { group: { id: 5, name: 'Бригада 1' }, hits: [hit({ id: 2 }), hit({ id: 1 })], next: null }
        : { group: { id: 5, name: 'Бригада 1' }, hits: [hit({ id: 4, direction: 'in', status: 'received' }), hit({ id: 3 })], next: 'older' },
    );
    await renderWithStation(<HistoryPanel />, station);
    useAppStore.getState().openHistoryView({ kind: 'group', groupId: 5 });
    await settle();
    expect(screen.getByTestId(ids.viewTitle).textContent).toContain('Бригада 1');
    fireEvent.click(screen.getByTestId(ids.earlier));
    await settle();
    expect(station.params('history.group').at(-1)).toMatchObject({ groupId: 5, cursor: 'older' });
    const order = screen.getAllByTestId(/^history-view-message-/).map((el) => el.getAttribute('data-testid'));
    expect(order).toEqual([1, 2, 3, 4].map(ids.viewMessage));
    expect(screen.queryByTestId(ids.earlier)).toBeNull();
  });

  it('a feed row offers the employee’s history only when the sender is a known contact', async () => {
    await renderWithStation(
      <>
        <ContactHistoryLink contactId={null} name="+79990001122" messageId={1} />
        <ContactHistoryLink contactId={3} name="Иванов Пётр" messageId={2} />
      </>,
      station,
    );
    expect(screen.queryByTestId(ids.contactLink(1))).toBeNull();
    fireEvent.click(screen.getByTestId(ids.contactLink(2)));
    expect(useAppStore.getState().records).toMatchObject({ panel: 'history', view: { kind: 'contact', contactId: 3 }, trail: [] });
  });
});
