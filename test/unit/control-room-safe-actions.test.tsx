// The dispatcher's mistakes made hard (issue 16 items 3–8), against a fake station speaking the
// real protocol: a reply from the feed goes to that person alone while groups are ticked, cancel
// and close ask first naming the broadcast, a refusal is shown where it happened, rows do not
// move under the pointer, a scheduled broadcast shows its time and moves, a draft survives a
// reload, and the check before sending shows roubles and asks twice above the admin's thresholds.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreviewResult } from '../../shared/protocol/index.js';
import { boardTestIds as board } from '../../renderer/features/board/testids.js';
import { composeTestIds as compose } from '../../renderer/features/compose/testids.js';
import { PREVIEW_DEBOUNCE_MS } from '../../renderer/features/compose/usePreview.js';
import { feedTestIds as feed } from '../../renderer/features/feed/testids.js';
import { groupsTestIds as groups } from '../../renderer/features/groups/testids.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { broadcast, demoSnapshot, demoStation, message, StationError, type FakeStation } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;
beforeEach(() => {
  resetRenderer();
  // The feed's virtualiser reads its scroller's height; jsdom lays nothing out.
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.dataset.testid === feed.list ? 600 : 0;
  });
});
afterEach(() => {
  harness?.bridge.stop();
  harness = null;
  cleanup();
  vi.restoreAllMocks();
});

async function open(station: FakeStation): Promise<Harness> {
  station.handlers['templates.list'] ??= () => ({ templates: [] });
  const h = await renderApp(station);
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  harness = h;
  return h;
}

async function waitPreview() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, PREVIEW_DEBOUNCE_MS + 20));
  });
  await settle();
}

const typeText = (value: string) => fireEvent.change(screen.getByTestId(compose.text), { target: { value } });
const sends = (s: FakeStation) => s.calls.filter((c) => c.method === 'send').map((c) => c.params);
const incoming = message({ id: 9, direction: 'in', status: 'received', contactName: 'Петров П.', phone: '+79160000009', text: 'Провод оборван у ТП-4' });

describe('a reply from the feed', () => {
  it('goes to that one person while groups are ticked, and gives the draft back afterwards', async () => {
    const station = demoStation(demoSnapshot({ feed: [incoming] }));
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    fireEvent.click(screen.getByTestId(groups.pick(4)));
    typeText('Плановое отключение в 14:00');

    fireEvent.click(screen.getByTestId(feed.reply(9)));
    const banner = screen.getByTestId(compose.replyBanner);
    expect(banner.textContent).toContain('Петров П. (+79160000009)');
    expect(banner.dataset.aside).toBe('true');
    // Fresh: the draft's text and groups are not in the reply.
    expect((screen.getByTestId(compose.text) as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByTestId(compose.chip(2))).toBeNull();
    expect((screen.getByTestId(groups.pick(2)) as HTMLInputElement).checked).toBe(false);

    typeText('Выезжаем');
    await waitPreview();
    expect(screen.getByTestId(compose.send).textContent).toBe('Отправить 1 получателю');
    fireEvent.click(screen.getByTestId(compose.send));
    await waitPreview();
    fireEvent.click(screen.getByTestId(compose.checkSend));
    await settle();
    expect(sends(station)).toEqual([expect.objectContaining({ text: 'Выезжаем', phones: ['+79160000009'], groups: [], tags: [], contacts: [] })]);

    // The draft is back, with its groups; the outcome says so.
    expect((screen.getByTestId(compose.text) as HTMLTextAreaElement).value).toBe('Плановое отключение в 14:00');
    expect(screen.getByTestId(compose.chip(2))).toBeTruthy();
    expect(screen.getByTestId(compose.chip(4))).toBeTruthy();
    expect(screen.queryByTestId(compose.replyBanner)).toBeNull();
    expect(screen.getByTestId(compose.result).textContent).toContain('Ответ отправлен: Петров П.');
  });

  it('asks before dropping a typed reply, then brings the draft back', async () => {
    const station = demoStation(demoSnapshot({ feed: [incoming] }));
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    typeText('Черновик');
    fireEvent.click(screen.getByTestId(feed.reply(9)));
    typeText('Ответ');
    fireEvent.click(screen.getByTestId(compose.replyBack));
    expect(screen.getByTestId(compose.replyBanner).textContent).toContain('Текст ответа будет удалён.');
    fireEvent.click(screen.getByTestId(compose.replyDropYes));
    expect((screen.getByTestId(compose.text) as HTMLTextAreaElement).value).toBe('Черновик');
    expect(screen.getByTestId(compose.chip(2))).toBeTruthy();
    expect(sends(station)).toEqual([]);
  });
});

describe('cancel and close', () => {
  const running = broadcast({ id: 5, text: 'Авария на ПС-4, всем на связь', total: 10, counts: { queued: 6, sending: 0, sent: 1, delivered: 3, failed: 0, replied: 0 } });

  it('asks first, naming the broadcast and what stays unsent, then cancels', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [running] }));
    station.handlers['broadcast.cancel'] = () => ({ cancelled: 6 });
    await open(station);
    fireEvent.click(screen.getByTestId(board.cancel(5)));
    const ask = screen.getByTestId(board.confirmDialog);
    expect(ask.textContent).toContain('Отменить рассылку №5?');
    expect(ask.textContent).toContain('«Авария на ПС-4, всем на связь»');
    expect(ask.textContent).toContain('В очереди 6 SMS: они не будут отправлены.');
    expect(ask.textContent).toContain('Уже передано оператору: 4.');
    expect(station.methods()).not.toContain('broadcast.cancel');
    fireEvent.click(screen.getByTestId(board.confirmOk));
    await settle();
    expect(station.calls.find((c) => c.method === 'broadcast.cancel')?.params).toEqual({ broadcastId: 5 });
    expect(screen.getByTestId(board.outcome(5)).textContent).toContain('Рассылка №5 отменена: не отправлено 6.');
  });

  it('shows the station’s refusal in the dialog and, once closed, on the row', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [running] }));
    station.handlers['broadcast.cancel'] = () => {
      throw new StationError('forbidden', 'Отменить эту рассылку может только её автор или администратор.');
    };
    await open(station);
    fireEvent.click(screen.getByTestId(board.cancel(5)));
    fireEvent.click(screen.getByTestId(board.confirmOk));
    await settle();
    expect(screen.getByTestId(board.confirmError).textContent).toBe('Отменить эту рассылку может только её автор или администратор.');
    fireEvent.click(screen.getByTestId(board.confirmCancel));
    const outcome = screen.getByTestId(board.outcome(5));
    expect(outcome.dataset.ok).toBe('false');
    expect(outcome.getAttribute('role')).toBe('alert');
    expect(outcome.textContent).toContain('Не выполнено: Отменить эту рассылку может только её автор или администратор.');
  });

  it('says a lost link in the desk’s language, not the client’s English', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [running] }));
    station.handlers['broadcast.cancel'] = () => new Promise(() => undefined);
    await open(station);
    fireEvent.click(screen.getByTestId(board.cancel(5)));
    fireEvent.click(screen.getByTestId(board.confirmOk));
    await act(async () => station.drop());
    await settle();
    expect(screen.getByTestId(board.confirmError).textContent).toMatch(/^Нет связи со станцией/);
  });

  it('offers no cancel once nothing is queued, and none to a viewer', async () => {
    const done = broadcast({ id: 6, counts: { queued: 0, sending: 0, sent: 0, delivered: 10, failed: 0, replied: 0 } });
    await open(demoStation(demoSnapshot({ broadcasts: [done, running] })));
    expect(screen.queryByTestId(board.cancel(6))).toBeNull();
    expect(screen.getByTestId(board.cancel(5))).toBeTruthy();
  });
});

describe('a scheduled broadcast', () => {
  it('shows when it goes out, and moves or goes now after the dialog', async () => {
    const at = Date.now() + 3 * 3600_000;
    const scheduled = broadcast({ id: 12, text: 'Профилактика', scheduledAt: at, cancelledAt: null });
    const station = demoStation(demoSnapshot({ broadcasts: [scheduled] }));
    station.handlers['broadcast.reschedule'] = (p: { broadcastId: number; scheduledAt: number }) => ({ ...scheduled, scheduledAt: p.scheduledAt > Date.now() ? p.scheduledAt : null });
    await open(station);
    const when = screen.getByTestId(board.scheduled(12));
    expect(when.textContent).toMatch(/^Отправка: /);
    expect(Number(when.dataset.at)).toBe(at);
    expect(screen.getByTestId(board.cancel(12))).toBeTruthy();

    fireEvent.click(screen.getByTestId(board.move(12)));
    const input = screen.getByTestId(board.moveAt) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '2000-01-01T10:00' } });
    fireEvent.click(screen.getByTestId(board.moveOk));
    expect(screen.getByTestId(board.moveError).textContent).toContain('Это время уже прошло');
    fireEvent.click(screen.getByTestId(board.moveNow));
    await settle();
    expect(station.calls.find((c) => c.method === 'broadcast.reschedule')?.params).toEqual({ broadcastId: 12, scheduledAt: 0 });
    expect(screen.queryByTestId(board.scheduled(12))).toBeNull();
    expect(screen.getByTestId(board.outcome(12)).textContent).toBe('Рассылка №12 отправляется сейчас.Скрыть');
  });

  it('says in the success line when a scheduled send will go', async () => {
    const station = demoStation(demoSnapshot());
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    typeText('Учения');
    fireEvent.change(screen.getByTestId(compose.schedule), { target: { value: '2099-05-01T09:30' } });
    fireEvent.click(screen.getByTestId(compose.send));
    await waitPreview();
    expect(screen.getByTestId(compose.checkScheduled).textContent).toMatch(/2099/);
    fireEvent.click(screen.getByTestId(compose.checkSend));
    await settle();
    expect(screen.getByTestId(compose.result).textContent).toMatch(/^Рассылка №7 запланирована на 1 мая/);
  });
});

describe('rows under the pointer', () => {
  it('keep their place on the board while the pointer is over it; new ones wait, counted', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [broadcast({ id: 3 }), broadcast({ id: 2 })] }));
    await open(station);
    const list = screen.getByTestId(board.panel).querySelector('ul.board-list')!;
    fireEvent.pointerEnter(list);
    await act(async () => station.push('broadcast.progress', broadcast({ id: 4, text: 'Новая' })));
    const rows = () => [...list.querySelectorAll('[data-testid^="board-row-"]')].map((r) => r.getAttribute('data-testid'));
    expect(rows()).toEqual([board.row(3), board.row(2)]);
    expect(screen.getByTestId(board.waiting).textContent).toBe('1 новая рассылка');
    fireEvent.pointerLeave(list);
    expect(rows()).toEqual([board.row(4), board.row(3), board.row(2)]);
    expect(screen.queryByTestId(board.waiting)).toBeNull();
  });

  it('keep their place in the feed under the pointer, so Reply answers the person aimed at', async () => {
    const station = demoStation(demoSnapshot({ feed: [incoming] }));
    await open(station);
    const list = screen.getByTestId(feed.list);
    fireEvent.pointerEnter(list);
    await act(async () => station.push('message.created', message({ id: 10, direction: 'in', status: 'received', contactName: 'Сидоров', phone: '+79160000010' })));
    expect(screen.queryByTestId(feed.item(10))).toBeNull();
    expect(screen.getByTestId(feed.newItems).dataset.count).toBe('1');
    fireEvent.click(screen.getByTestId(feed.reply(9)));
    expect(screen.getByTestId(compose.replyBanner).dataset.phone).toBe('+79160000009');
    fireEvent.pointerLeave(list);
    expect(screen.getByTestId(feed.item(10))).toBeTruthy();
  });

  it('do not move in the group tree when the first group is ticked', async () => {
    await open(demoStation(demoSnapshot()));
    const tree = screen.getByTestId(groups.panel).querySelector('.panel-body')!;
    const before = [...tree.children].map((c) => c.className);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    expect([...tree.children].map((c) => c.className)).toEqual(before);
    expect(screen.getByTestId(groups.pickedCount).textContent).toBe('Снять выбор · 1');
  });
});

describe('a draft', () => {
  it('survives a reload for the same user, with its groups and reply in progress', async () => {
    const station = demoStation(demoSnapshot({ feed: [incoming] }));
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    typeText('Нет напряжения на ПС-12');
    fireEvent.click(screen.getByTestId(feed.reply(9)));
    typeText('Принято');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 350));
    });
    harness!.bridge.stop();
    harness = null;
    cleanup();

    // F5: the token is still in this tab, the draft in this desk's storage.
    const again = await renderApp(station);
    harness = again;
    await settle();
    expect((screen.getByTestId(compose.text) as HTMLTextAreaElement).value).toBe('Принято');
    expect(screen.getByTestId(compose.replyBanner).dataset.phone).toBe('+79160000009');
    fireEvent.click(screen.getByTestId(compose.replyBack));
    fireEvent.click(screen.getByTestId(compose.replyDropYes));
    expect((screen.getByTestId(compose.text) as HTMLTextAreaElement).value).toBe('Нет напряжения на ПС-12');
    expect(screen.getByTestId(compose.chip(2))).toBeTruthy();
  });

  it('is kept through a sign-out for its user, and not shown to the next one', async () => {
    const station = demoStation(demoSnapshot());
    await open(station);
    typeText('Для себя');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 350));
    });
    await act(async () => harness!.bridge.logout());
    await settle();
    expect(localStorage.getItem('switchboard.draft.1')).toContain('Для себя');
    expect(localStorage.getItem('switchboard.draft.2')).toBeNull();
  });
});

describe('the check before sending', () => {
  const priced = (p: Partial<PreviewResult>) => (req: { text: string; groups: number[] }) => ({
    recipients: 5,
    segments: 1,
    smsTotal: 5,
    encoding: 'ucs2',
    characters: req.text.length,
    refused: [],
    cost: { rub: 0, planName: 'Компания', leftBefore: 2600, overSms: 0, overagePrice: 1 },
    limits: { smsPerPerson: 4, smsTotal: 1000 },
    ...p,
  });

  it('says what the send costs under the current tariff', async () => {
    const station = demoStation(demoSnapshot());
    station.handlers.preview = priced({ cost: { rub: 25, planName: 'Компания', leftBefore: 0, overSms: 25, overagePrice: 1 }, smsTotal: 25 });
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    typeText('Авария');
    fireEvent.click(screen.getByTestId(compose.send));
    await waitPreview();
    const cost = screen.getByTestId(compose.checkCost);
    expect(cost.textContent).toMatch(/^≈ 25,00\s₽ сверх тарифа «Компания»: 25 SMS по 1,00\s₽\.$/);
    expect(cost.dataset.rub).toBe('25');
  });

  it('asks a second time above the admin’s thresholds: 375 SMS to five people', async () => {
    const station = demoStation(demoSnapshot());
    station.handlers.preview = priced({ segments: 75, segmentsMax: 75, smsTotal: 375, cost: { rub: 375, planName: 'Компания', leftBefore: 0, overSms: 375, overagePrice: 1 } });
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    typeText('Очень длинный текст');
    fireEvent.click(screen.getByTestId(compose.send));
    await waitPreview();
    const over = screen.getByTestId(compose.checkOver);
    expect(within(over).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '75 SMS на человека (порог — 4); текст длинный, его разобьёт на 75 частей.',
    ]);
    fireEvent.click(screen.getByTestId(compose.checkSend));
    await settle();
    expect(sends(station)).toEqual([]);
    expect(screen.getByTestId(compose.checkConfirmOver).textContent).toBe('Да, отправить 375 SMS');
    fireEvent.click(screen.getByTestId(compose.checkConfirmOver));
    await settle();
    expect(sends(station)).toHaveLength(1);
  });

  it('offers no Send when nobody would get it, and says why', async () => {
    const station = demoStation(demoSnapshot());
    station.handlers.preview = priced({ recipients: 0, smsTotal: 0, refused: [{ kind: 'group', target: 'Бригада 1', reason: 'Нет права отправлять этой группе.' }] });
    await open(station);
    fireEvent.click(screen.getByTestId(groups.pick(2)));
    typeText('Проверка');
    fireEvent.click(screen.getByTestId(compose.send));
    await waitPreview();
    expect(screen.getByTestId(compose.checkPeople).textContent).toContain('Никто не получит');
    expect(screen.getByTestId(compose.checkRefused).textContent).toContain('Бригада 1');
    expect(screen.getByTestId(compose.checkRefused).textContent).toContain('Нет права отправлять этой группе.');
    expect(screen.queryByTestId(compose.checkSend)).toBeNull();
  });
});
