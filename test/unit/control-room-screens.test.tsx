// The control room as a dispatcher uses it, against a fake station speaking the real protocol.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shellTestIds } from '../../renderer/app/testids.js';
import { useAppStore } from '../../renderer/app/store.js';
import { boardTestIds } from '../../renderer/features/board/testids.js';
import { PREVIEW_DEBOUNCE_MS } from '../../renderer/features/compose/usePreview.js';
import { composeTestIds } from '../../renderer/features/compose/testids.js';
import { feedTestIds } from '../../renderer/features/feed/testids.js';
import { groupsTestIds } from '../../renderer/features/groups/testids.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { broadcast, demoSnapshot, demoStation, message } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;

// jsdom does no layout: give the feed's scroller a size (the virtualiser reads offsetHeight)
// so it has rows to draw.
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
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The second-chance confirmation: wait for the station's count, then press its Send. */
async function confirmSend() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, PREVIEW_DEBOUNCE_MS + 20));
  });
  await settle();
  fireEvent.click(screen.getByTestId(composeTestIds.checkSend));
  await settle();
}

async function signIn(h: Harness, password = 'secret') {
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: password } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  return h;
}

/** Lists feature screens ask for on their own once the desk is in sync. */
const FEATURE_LISTS = new Set(['templates.list', 'plans.list', 'rosters.duty']);

describe('login', () => {
  it('signs in, keeps the token for this tab and shows the control room with the snapshot', async () => {
    harness = await renderApp();
    expect(screen.getByRole('heading', { name: 'Вход в диспетчерскую' })).toBeTruthy();
    await signIn(harness);
    expect(screen.getByTestId(shellTestIds.shell)).toBeTruthy();
    expect(sessionStorage.getItem('switchboard.token')).toBe('tok-1');
    // Feature screens load their own lists (compose's templates, the plans bar, who is on duty) once signed in.
    expect(harness.station.methods().filter((m) => !FEATURE_LISTS.has(m))).toEqual(['login', 'snapshot']);
    expect(screen.getByTestId(groupsTestIds.count(1)).textContent).toBe('12');
    expect(screen.getByTestId(shellTestIds.user).textContent).toBe('Администратор (администратор)');
  });

  it('says why a sign-in failed and stays on the form', async () => {
    harness = await renderApp();
    await signIn(harness, 'wrong');
    expect(screen.getByTestId(loginTestIds.error).textContent).toContain('Wrong login or password.');
    expect(screen.queryByTestId(shellTestIds.shell)).toBeNull();
  });

  it('resumes the session with the stored token after the link drops, and takes a fresh snapshot', async () => {
    vi.useFakeTimers();
    const station = demoStation();
    harness = await renderApp(station);
    await signIn(harness);
    await act(async () => station.drop());
    expect(screen.getByTestId(shellTestIds.stationBanner).getAttribute('data-link')).toBe('offline');
    expect(screen.getByTestId(shellTestIds.shell)).toBeTruthy(); // The screen stays; only the link is gone.
    expect(screen.getByTestId(shellTestIds.carrier('sim')).getAttribute('data-state')).toBe('unknown');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    await settle();
    expect(screen.queryByTestId(shellTestIds.stationBanner)).toBeNull();
    expect(station.methods().filter((m) => !FEATURE_LISTS.has(m))).toEqual(['login', 'snapshot', 'resume', 'snapshot']);
  });

  it('drops a token the station no longer accepts and shows the login form', async () => {
    sessionStorage.setItem('switchboard.token', 'stale');
    harness = await renderApp();
    expect(screen.getByTestId(loginTestIds.form)).toBeTruthy();
    expect(sessionStorage.getItem('switchboard.token')).toBeNull();
    expect(screen.queryByTestId(loginTestIds.error)).toBeNull();
  });

  it('signs out: tells the station, forgets the token and the data', async () => {
    harness = await renderApp();
    await signIn(harness);
    fireEvent.click(screen.getByTestId(shellTestIds.logout));
    await settle();
    expect(screen.getByTestId(loginTestIds.form)).toBeTruthy();
    expect(harness.station.methods().at(-1)).toBe('logout');
    expect(sessionStorage.getItem('switchboard.token')).toBeNull();
    expect(useAppStore.getState().directory.groups).toEqual([]);
  });
});

describe('groups and compose', () => {
  it('picks a district, counts with the station and sends to it', async () => {
    harness = await renderApp();
    await signIn(harness);
    vi.useFakeTimers();
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(1)));
    // A picked district takes its crews with it: they show checked and locked.
    expect((screen.getByTestId(groupsTestIds.pick(2)) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId(groupsTestIds.row(2)).getAttribute('data-picked')).toBe('implied');
    expect(within(screen.getByTestId(composeTestIds.picked)).getByText('Северный РЭС')).toBeTruthy();

    fireEvent.change(screen.getByTestId(composeTestIds.text), { target: { value: 'Авария на ПС-4' } });
    expect(screen.getByTestId(composeTestIds.characters).textContent).toBe('14 символов');
    // Counted here at once, before the station answers.
    expect(screen.getByTestId(composeTestIds.segments).textContent).toBe('1 SMS');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS);
    });
    vi.useRealTimers();
    await settle();
    const previews = harness.station.calls.filter((c) => c.method === 'preview');
    expect(previews.at(-1)?.params).toEqual({ text: 'Авария на ПС-4', groups: [1], tags: [], contacts: [], phones: [], kind: 'plain' });
    expect(screen.getByTestId(composeTestIds.segments).textContent).toBe('1 SMS');
    expect(screen.getByTestId(composeTestIds.encoding).getAttribute('data-encoding')).toBe('ucs2');
    expect(screen.getByTestId(composeTestIds.recipients).textContent).toBe('5 получателей');
    expect(screen.getByTestId(composeTestIds.smsTotal).textContent).toBe('всего 5 SMS');
    expect(screen.getByTestId(composeTestIds.send).textContent).toBe('Отправить 5 получателям');

    fireEvent.keyDown(screen.getByTestId(composeTestIds.text), { key: 'Enter', ctrlKey: true });
    await confirmSend();
    expect(harness.station.calls.find((c) => c.method === 'send')?.params).toMatchObject({ text: 'Авария на ПС-4', groups: [1], tags: [], phones: [] });
    expect(screen.getByTestId(composeTestIds.result).getAttribute('data-broadcast-id')).toBe('7');
    expect((screen.getByTestId(composeTestIds.text) as HTMLTextAreaElement).value).toBe('');
  });

  it('sends to a tag’s subscribers alongside a group, and drops the tag chip on request', async () => {
    harness = await renderApp();
    await signIn(harness);
    fireEvent.click(screen.getByTestId(groupsTestIds.tagPick(1)));
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(4)));
    expect(screen.getByTestId(composeTestIds.tagChip('авария')).textContent).toContain('#авария');
    fireEvent.change(screen.getByTestId(composeTestIds.text), { target: { value: 'Сбор в 9:00 #собрание' } });
    await act(async () => {
      await new Promise((r) => setTimeout(r, PREVIEW_DEBOUNCE_MS + 20));
    });
    await settle();
    expect(screen.getByTestId(composeTestIds.recipients).getAttribute('data-count')).toBe('8');
    fireEvent.click(screen.getByTestId(composeTestIds.send));
    await confirmSend();
    expect(harness.station.calls.find((c) => c.method === 'send')?.params).toMatchObject({
      text: 'Сбор в 9:00 #собрание',
      groups: [4],
      tags: ['авария'],
      phones: [],
    });
    fireEvent.click(screen.getByTestId(composeTestIds.tagChipRemove('авария')));
    expect((screen.getByTestId(groupsTestIds.tagPick(1)) as HTMLInputElement).checked).toBe(false);
  });

  it('keeps Send disabled until there is both text and a recipient', async () => {
    const station = demoStation();
    harness = await renderApp(station);
    await signIn(harness);
    const send = screen.getByTestId(composeTestIds.send) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByTestId(composeTestIds.text), { target: { value: 'x' } });
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(4)));
    expect(send.disabled).toBe(false);
  });

  it('shows a station error on send as a sentence', async () => {
    const { StationError } = await import('../fixtures/control-room/fake-station.js');
    const station = demoStation();
    station.handlers.send = () => {
      throw new StationError('forbidden', 'You may not send to Южный РЭС.', 'groups');
    };
    harness = await renderApp(station);
    await signIn(harness);
    fireEvent.click(screen.getByTestId(groupsTestIds.pick(4)));
    fireEvent.change(screen.getByTestId(composeTestIds.text), { target: { value: 'test' } });
    fireEvent.click(screen.getByTestId(composeTestIds.send));
    await confirmSend();
    expect(screen.getByTestId(composeTestIds.error).textContent).toBe('Не отправлено: You may not send to Южный РЭС.');
    expect((screen.getByTestId(composeTestIds.text) as HTMLTextAreaElement).value).toBe('test');
  });
});

describe('feed and board', () => {
  it('shows replies and status changes as they arrive, newest on top, replies marked', async () => {
    const station = demoStation(demoSnapshot({ feed: [message({ id: 1, status: 'sent' })] }));
    harness = await renderApp(station);
    await signIn(harness);
    await act(async () => {
      station.push('message.updated', message({ id: 1, status: 'delivered', updatedAt: 1_764_000_100_000 }));
      station.push('message.created', message({ id: 2, direction: 'in', status: 'received', text: 'Принял, выезжаю' }));
    });
    const items = within(screen.getByTestId(feedTestIds.list)).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual([feedTestIds.item(2), feedTestIds.item(1)]);
    expect(screen.getByTestId(feedTestIds.item(2)).getAttribute('data-direction')).toBe('in');
    expect(screen.getByTestId(feedTestIds.item(2)).className).toContain('feed-in');
    expect(screen.getByTestId(feedTestIds.itemStatus(1)).textContent).toBe('доставлено');

    fireEvent.click(screen.getByTestId(feedTestIds.filterReplies));
    expect(screen.getByTestId(feedTestIds.count).getAttribute('data-count')).toBe('1');
    expect(screen.queryByTestId(feedTestIds.item(1))).toBeNull();
  });

  it('answers a reply from the feed: the sender becomes the recipient and the cursor goes to the text', async () => {
    const station = demoStation(
      demoSnapshot({ feed: [message({ id: 9, direction: 'in', status: 'received', contactName: 'Петров П.', phone: '+79160000009', text: 'Где ключи?' })] }),
    );
    harness = await renderApp(station);
    await signIn(harness);
    fireEvent.click(screen.getByTestId(feedTestIds.reply(9)));
    expect(screen.getByTestId(composeTestIds.phoneChip('+79160000009')).textContent).toContain('Петров П.');
    expect(document.activeElement).toBe(screen.getByTestId(composeTestIds.text));
    fireEvent.change(screen.getByTestId(composeTestIds.text), { target: { value: 'У дежурного' } });
    fireEvent.click(screen.getByTestId(composeTestIds.send));
    await confirmSend();
    expect(station.calls.find((c) => c.method === 'send')?.params).toMatchObject({ phones: ['+79160000009'], groups: [] });
    // A reply is one-off: the number leaves compose once sent.
    expect(screen.queryByTestId(composeTestIds.phoneChip('+79160000009'))).toBeNull();
  });

  it('holds the view when items arrive above a scrolled-down list and offers a way back to the top', async () => {
    const station = demoStation(demoSnapshot({ feed: Array.from({ length: 50 }, (_, i) => message({ id: i + 1 })) }));
    harness = await renderApp(station);
    await signIn(harness);
    const list = screen.getByTestId(feedTestIds.list);
    list.scrollTop = 600;
    fireEvent.scroll(list);
    await act(async () => {
      station.push('message.created', message({ id: 51, direction: 'in', status: 'received' }));
      station.push('message.created', message({ id: 52, direction: 'in', status: 'received' }));
    });
    expect(list.scrollTop).toBe(600 + 2 * 60);
    const pill = screen.getByTestId(feedTestIds.newItems);
    expect(pill.textContent).toBe('↑ 2 новые записи');
    list.scrollTo = ((opts: ScrollToOptions) => {
      list.scrollTop = opts.top ?? 0;
    }) as typeof list.scrollTo;
    fireEvent.click(pill);
    expect(list.scrollTop).toBe(0);
    expect(screen.queryByTestId(feedTestIds.newItems)).toBeNull();
  });

  it('renders only what fits in the feed, even with 20,000 items', { timeout: 20_000 }, async () => {
    const feed = Array.from({ length: 20_000 }, (_, i) => message({ id: i + 1 }));
    harness = await renderApp(demoStation(demoSnapshot({ feed })));
    await signIn(harness);
    const rows = within(screen.getByTestId(feedTestIds.list)).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('data-testid')).toBe(feedTestIds.item(20_000));
  });

  it('narrows the feed to one broadcast from the board, and back', async () => {
    const feed = [message({ id: 1, broadcastId: 3 }), message({ id: 2, broadcastId: 4 }), message({ id: 3, broadcastId: 3, direction: 'in', status: 'received' })];
    harness = await renderApp(demoStation(demoSnapshot({ broadcasts: [broadcast({ id: 3 }), broadcast({ id: 4 })], feed })));
    await signIn(harness);
    fireEvent.click(screen.getByTestId(boardTestIds.showInFeed(3)));
    expect(screen.getByTestId(boardTestIds.showInFeed(3)).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId(feedTestIds.broadcastFilter).getAttribute('data-broadcast-id')).toBe('3');
    expect(screen.getByTestId(feedTestIds.count).getAttribute('data-count')).toBe('2');
    expect(screen.queryByTestId(feedTestIds.item(2))).toBeNull();
    fireEvent.click(screen.getByTestId(feedTestIds.filterReplies));
    expect(screen.getByTestId(feedTestIds.count).getAttribute('data-count')).toBe('1');
    fireEvent.click(screen.getByTestId(feedTestIds.broadcastFilterClear));
    fireEvent.click(screen.getByTestId(feedTestIds.filterAll));
    expect(screen.getByTestId(feedTestIds.count).getAttribute('data-count')).toBe('3');
    expect(screen.getByTestId(boardTestIds.showInFeed(3)).getAttribute('aria-pressed')).toBe('false');
  });

  it('draws a board row per broadcast with its progress and counts', async () => {
    const station = demoStation(demoSnapshot({ broadcasts: [broadcast({ id: 3 })] }));
    harness = await renderApp(station);
    await signIn(harness);
    expect(screen.getByTestId(boardTestIds.count(3, 'queued')).textContent).toBe('10');
    await act(async () => {
      station.push('broadcast.progress', broadcast({ id: 3, counts: { queued: 1, sending: 0, sent: 2, delivered: 6, failed: 1, replied: 4 } }));
      station.push('broadcast.progress', broadcast({ id: 4, total: 5 }));
    });
    const rows = within(screen.getByTestId(boardTestIds.panel)).getAllByRole('listitem');
    expect(rows[0]!.getAttribute('data-testid')).toBe(boardTestIds.row(4));
    expect(screen.getByTestId(boardTestIds.progress(3)).getAttribute('aria-valuenow')).toBe('9');
    expect(screen.getByTestId(boardTestIds.count(3, 'delivered')).textContent).toBe('6');
    expect(screen.getByTestId(boardTestIds.count(3, 'replied')).textContent).toBe('4');
    expect(screen.getByTestId(boardTestIds.count(3, 'failed')).textContent).toBe('1');
  });
});

describe('banners', () => {
  it('says when the station is unreachable, and retries on request', async () => {
    const station = demoStation();
    station.up = false;
    harness = await renderApp(station);
    const banner = screen.getByTestId(shellTestIds.stationBanner);
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('Станция недоступна');
    expect((screen.getByTestId(loginTestIds.submit) as HTMLButtonElement).disabled).toBe(true);
    station.up = true;
    fireEvent.click(screen.getByTestId(shellTestIds.retryNow));
    await settle();
    expect(screen.queryByTestId(shellTestIds.stationBanner)).toBeNull();
  });

  it('says which carrier is down and when none is left', async () => {
    const station = demoStation();
    harness = await renderApp(station);
    await signIn(harness);
    await act(async () => {
      station.push('carrier.status', { ...demoSnapshot().carriers[0], state: 'down', detail: 'Модем не отвечает' });
    });
    expect(screen.getByTestId(shellTestIds.carrierBanner('sim')).textContent).toContain('Канал «Симулятор» не работает: Модем не отвечает');
    expect(screen.getByTestId(shellTestIds.allCarriersDown)).toBeTruthy();
    expect(screen.getByTestId(shellTestIds.carrier('sim')).getAttribute('data-state')).toBe('down');
  });

  it('says when the store cannot write, and clears when it can again', async () => {
    const station = demoStation();
    harness = await renderApp(station);
    await signIn(harness);
    expect(screen.queryByTestId(shellTestIds.storeReadOnly)).toBeNull();
    await act(async () => {
      station.push('station.store', { state: 'read-only', reason: 'disk full', since: Date.now() });
    });
    expect(screen.getByTestId(shellTestIds.storeReadOnly).textContent).toContain('Станция не может записывать на диск (диск заполнен)');
    await act(async () => {
      station.push('station.store', { state: 'ok', reason: null, since: null });
    });
    expect(screen.queryByTestId(shellTestIds.storeReadOnly)).toBeNull();
  });
});

describe('keyboard', () => {
  it('jumps between panels with Alt+digit and lists the shortcuts on "?"', async () => {
    harness = await renderApp(demoStation(demoSnapshot({ broadcasts: [broadcast({ id: 1 })], feed: [message({ id: 1 })] })));
    await signIn(harness);
    fireEvent.keyDown(window, { code: 'Digit2', key: '"', altKey: true });
    expect(document.activeElement).toBe(screen.getByTestId(composeTestIds.text));
    fireEvent.keyDown(window, { code: 'Digit4', key: ';', altKey: true });
    expect(document.activeElement).toBe(screen.getByTestId(feedTestIds.list));
    fireEvent.keyDown(window, { code: 'Digit1', key: '!', altKey: true });
    expect(document.activeElement).toBe(screen.getByTestId(groupsTestIds.toggle(1)));

    // "?" typed into the text is text, not a shortcut.
    fireEvent.keyDown(screen.getByTestId(composeTestIds.text), { key: '?' });
    expect(screen.queryByTestId(shellTestIds.shortcutHelp)).toBeNull();
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Клавиши' });
    expect(within(dialog).getByText('Alt+2')).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId(shellTestIds.shortcutHelp)).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId(groupsTestIds.toggle(1)));
  });
});

describe('language and theme', () => {
  it('starts in Russian and dark; the switchers change both and are remembered on this desk', async () => {
    harness = await renderApp();
    expect(document.documentElement.lang).toBe('ru');
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.change(screen.getByTestId(shellTestIds.locale), { target: { value: 'en' } });
    fireEvent.click(screen.getByTestId(shellTestIds.theme));
    expect(screen.getByRole('heading', { name: 'Sign in to the control room' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem('switchboard.locale')).toBe('en');
    await signIn(harness);
    expect(screen.getByRole('heading', { name: 'Groups' })).toBeTruthy();
  });
});
