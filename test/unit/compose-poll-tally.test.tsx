// A poll's live tally: fetched once, then bars per option filled by tally.changed events (who
// answered what, the figures), changed answers marked with what they were, who is silent, free-text
// answers counted as "other", and closing the poll.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Tally, TallyChange } from '../../shared/protocol/index.js';
import { dispatchTestIds as ids } from '../../renderer/features/dispatch/testids.js';
import { boardTestIds } from '../../renderer/features/board/testids.js';
import { loginTestIds } from '../../renderer/features/login/testids.js';
import { shellTestIds } from '../../renderer/app/testids.js';
import { broadcast, demoSnapshot, demoStation } from '../fixtures/control-room/fake-station.js';
import { renderApp, resetRenderer, settle, type Harness } from '../fixtures/control-room/render-app.js';

let harness: Harness | null = null;
beforeEach(() => resetRenderer());
afterEach(() => {
  harness?.bridge.stop();
  harness = null;
  cleanup();
});

const person = (n: number, name: string) => ({ contactId: n, name, phone: `+7916000000${n}` });
const options = [
  { n: 1, text: 'Приеду', count: 0 },
  { n: 2, text: 'Опоздаю', count: 0 },
  { n: 3, text: 'Не приеду', count: 0 },
];
const empty: Tally = {
  broadcastId: 8,
  kind: 'poll',
  options,
  answers: [],
  silent: [person(1, 'Иванов'), person(2, 'Петров'), person(3, 'Сидорова')],
  closed: false,
  escalation: null,
};

it('fills the bars as answers arrive and shows a changed answer with what it was', async () => {
  const station = demoStation(demoSnapshot({ broadcasts: [broadcast({ id: 8, kind: 'poll', text: 'Учения: 1 - приеду, 2 - опоздаю, 3 - нет', total: 3 })] }));
  station.handlers['templates.list'] = () => ({ templates: [] });
  station.handlers['broadcast.tally'] = () => empty;
  station.handlers['broadcast.close'] = () => ({ ...latest, closed: true });
  let latest: Tally = empty;
  harness = await renderApp(station);
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  expect(screen.getByTestId(ids.silent(8)).getAttribute('data-count')).toBe('3');

  const fetched = station.calls.filter((c) => c.method === 'broadcast.tally').length;
  const change = (answer: TallyChange['answer'], counts: number[], other = 0): TallyChange => ({
    broadcastId: 8,
    counts: { options: counts, other, answered: counts.reduce((a, b) => a + b, other), silent: 3 - counts.reduce((a, b) => a + b, other) },
    answer,
  });
  await act(async () => {
    station.push('tally.changed', change({ ...person(1, 'Иванов'), option: 1, previous: null, changes: 0, at: 1, text: '1' }, [1, 0, 0]));
    station.push('tally.changed', change({ ...person(2, 'Петров'), option: 1, previous: null, changes: 0, at: 2, text: '1' }, [2, 0, 0]));
    station.push('tally.changed', change({ ...person(2, 'Петров'), option: 3, previous: 1, changes: 1, at: 3, text: '3' }, [1, 0, 1]));
  });
  await settle();
  latest = {
    ...empty,
    options: [
      { ...options[0]!, count: 1 },
      { ...options[1]!, count: 0 },
      { ...options[2]!, count: 1 },
    ],
    answers: [
      { ...person(2, 'Петров'), option: 3, previous: 1, changes: 1, at: 3, text: '3' },
      { ...person(1, 'Иванов'), option: 1, previous: null, changes: 0, at: 1, text: '1' },
    ],
    silent: [person(3, 'Сидорова')],
  };
  expect(screen.getByTestId(ids.option(8, 1)).getAttribute('data-count')).toBe('1');
  expect(screen.getByTestId(ids.option(8, 1)).textContent).toContain('1 (50%)');
  expect(screen.getByTestId(ids.option(8, 2)).getAttribute('data-count')).toBe('0');
  const changed = screen.getByTestId(ids.answer(8, '+79160000002'));
  expect(changed.textContent).toBe('Петров: Не приеду (было Приеду)');
  expect(changed.className).toBe('tally-changed');
  expect(screen.getByTestId(ids.answer(8, '+79160000001')).className).toBe('');
  expect(screen.getByTestId(ids.changedCount(8)).textContent).toBe('Изменил ответ: 1');
  expect(screen.getByTestId(ids.silent(8)).textContent).toBe('Молчат (1): Сидорова');
  // The changes did not fetch the tally again: they added up.
  expect(station.calls.filter((c) => c.method === 'broadcast.tally')).toHaveLength(fetched);

  // Сидорова writes something that fits no option: counted as "other", no longer silent.
  await act(async () => station.push('tally.changed', change({ ...person(3, 'Сидорова'), option: 0, previous: null, changes: 0, at: 4, text: 'а во сколько?' }, [1, 0, 1], 1)));
  await settle();
  expect(screen.getByTestId(ids.other(8)).getAttribute('data-count')).toBe('1');
  expect(screen.getByTestId(ids.answer(8, '+79160000003')).textContent).toBe('Сидорова: Другое «а во сколько?»');
  expect(screen.getByTestId(ids.silent(8)).getAttribute('data-count')).toBe('0');

  // Closing asks first, naming the poll and what closing means.
  fireEvent.click(screen.getByTestId(ids.close(8)));
  const ask = screen.getByTestId(boardTestIds.confirmDialog);
  expect(ask.textContent).toContain('Закрыть опрос №8?');
  expect(ask.textContent).toContain('«Учения: 1 - приеду, 2 - опоздаю, 3 - нет»');
  expect(ask.textContent).toContain('Ответили: 3, молчат: 0.'); // Сидорова's free text is an answer
  expect(station.calls.some((c) => c.method === 'broadcast.close')).toBe(false);
  fireEvent.click(screen.getByTestId(boardTestIds.confirmOk));
  await settle();
  expect(station.calls.find((c) => c.method === 'broadcast.close')?.params).toEqual({ broadcastId: 8 });
  expect(screen.getByTestId(ids.tally(8)).getAttribute('data-closed')).toBe('true');
  expect(screen.queryByTestId(ids.close(8))).toBeNull();
  expect(screen.getByTestId(ids.closed(8))).toBeTruthy();
});


it('tells an escalation step’s refusal again in the language the desk switches to', async () => {
  let locale = 'ru';
  const station = demoStation(demoSnapshot({ broadcasts: [broadcast({ id: 9, kind: 'confirm', text: 'Авария, ответьте 1', total: 3 })] }));
  station.handlers['templates.list'] = () => ({ templates: [] });
  station.handlers['session.locale'] = (p: { locale: string }) => ((locale = p.locale), { locale });
  // The station tells a refusal in the session's language, as sayRefusals does.
  station.handlers['broadcast.tally'] = (): Tally => ({
    ...empty,
    broadcastId: 9,
    kind: 'confirm',
    options: [{ n: 1, text: 'Принял', count: 0 }],
    escalation: { step: 1, dueAt: null, state: 'done' },
    steps: [
      {
        step: 1,
        action: 'escalated',
        group: { id: 4, name: 'Резерв' },
        broadcastId: 10,
        reached: 1,
        refused: [{ kind: 'contact', target: 'Фёдоров (+79160000004)', reason: locale === 'ru' ? 'У автора тревоги нет права писать этому сотруднику.' : 'The alert’s author may not send to this person.' }],
        at: 1,
      },
    ],
  });
  harness = await renderApp(station);
  fireEvent.change(screen.getByTestId(loginTestIds.login), { target: { value: 'admin' } });
  fireEvent.change(screen.getByTestId(loginTestIds.password), { target: { value: 'secret' } });
  fireEvent.click(screen.getByTestId(loginTestIds.submit));
  await settle();
  expect(screen.getByTestId(ids.step(9, 1)).textContent).toContain('У автора тревоги нет права');

  fireEvent.change(screen.getByTestId(shellTestIds.locale), { target: { value: 'en' } });
  await settle();
  expect(locale).toBe('en');
  expect(screen.getByTestId(ids.step(9, 1)).textContent).toContain('The alert’s author may not send to this person.');
});
