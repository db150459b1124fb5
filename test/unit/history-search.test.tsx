// The history panel's search as a dispatcher uses it after an outage, against a fake station.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../renderer/app/store.js';
import { HistoryPanel } from '../../renderer/features/history/HistoryPanel.js';
import { markRanges } from '../../renderer/features/history/Highlighted.js';
import { emptyForm, toFilter } from '../../renderer/features/history/filter.js';
import { historyTestIds as ids } from '../../renderer/features/history/testids.js';
import { FakeHistoryStation, hit, renderWithStation, settle } from '../fixtures/control-room/history-station.js';

let station: FakeHistoryStation;

async function openHistory() {
  const r = await renderWithStation(<HistoryPanel />, station);
  useAppStore.getState().setRecordsPanel('history', true);
  await settle();
  return r;
}

beforeEach(() => {
  station = new FakeHistoryStation();
});
afterEach(() => cleanup());

describe('history search', () => {
  it('asks the station nothing while folded', async () => {
    station.on('history.search', () => ({ hits: [], next: null }));
    await renderWithStation(<HistoryPanel />, station);
    expect(station.calls).toEqual([]);
  });

  it('lists the newest messages on opening, then searches the typed words with the chosen filters', async () => {
    station.on('history.search', () => ({ hits: [hit({ id: 1 })], next: null }));
    await openHistory();
    expect(station.params('history.search')[0]).toMatchObject({ filter: {}, order: 'desc', cursor: null });
    useAppStore.getState().directoryLoaded({
      groups: [{ id: 5, parentId: null, name: 'Северный РЭС', memberCount: 3, totalCount: 3 }],
      contacts: [{ id: 3, name: 'Иванов Пётр', phone: '+79161234567', position: null, active: true, groupIds: [5] }],
      tags: [{ id: 1, name: 'авария', subscribers: 2, selfService: false }],
    });
    await settle();

    fireEvent.change(screen.getByTestId(ids.direction), { target: { value: 'out' } });
    fireEvent.change(screen.getByTestId(ids.group), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId(ids.status('failed')));
    fireEvent.change(screen.getByTestId(ids.query), { target: { value: '"нет напряжения" авар* -#учения' } });
    fireEvent.click(screen.getByTestId(ids.search));
    await settle();

    const last = station.params('history.search').at(-1);
    expect(last.filter).toEqual({ q: '"нет напряжения" авар* -#учения', direction: 'out', groupId: 5, status: ['failed'] });
    fireEvent.click(screen.getByTestId(ids.clear));
    await settle();
    expect(station.params('history.search').at(-1).filter).toEqual({});
  });

  it('marks the hits inside the snippet', async () => {
    station.on('history.search', () => ({
      hits: [hit({ id: 1, snippet: '…на ПС-12 авария, нет напряжения', highlights: [[10, 16], [18, 21]] })],
      next: null,
    }));
    await openHistory();
    const marks = within(screen.getByTestId(ids.hit(1))).getAllByText((_, el) => el?.tagName === 'MARK');
    expect(marks.map((m) => m.textContent)).toEqual(['авария', 'нет']);
  });

  it('pages on with the cursor and never shows a message twice', async () => {
    station.on('history.search', (p) =>
      p.cursor === 'c1'
        ? { hits: [hit({ id: 2 }), hit({ id: 1 })], next: null }
        : { hits: [hit({ id: 3 }), hit({ id: 2 })], next: 'c1' },
    );
    await openHistory();
    expect(screen.getByTestId(ids.results).getAttribute('data-more')).toBe('true');
    fireEvent.click(screen.getByTestId(ids.more));
    await settle();
    expect(station.params('history.search').at(-1).cursor).toBe('c1');
    const list = screen.getByTestId(ids.results);
    expect(list.getAttribute('data-count')).toBe('3');
    expect(list.getAttribute('data-more')).toBe('false');
    expect(screen.queryByTestId(ids.more)).toBeNull();
  });

  it('shows the station’s sentence when a search is refused', async () => {
    station.on('history.search', () => {
      throw new Error('A search made only of exclusions finds nothing: add a word to look for.');
    });
    await openHistory();
    expect(screen.getByTestId(ids.error).textContent).toContain('add a word to look for');
  });

  it('follows a result to the employee’s conversation, oldest at the top, and Back returns to the results', async () => {
    station
      .on('history.search', () => ({ hits: [hit({ id: 9 })], next: null }))
      .on('history.conversation', () => ({
        contact: { id: 3, name: 'Иванов Пётр', phone: '+79161234567' },
        hits: [hit({ id: 12, direction: 'in', status: 'received', text: '1' }), hit({ id: 11, text: 'Авария, ответьте 1' })],
        next: null,
      }));
    await openHistory();
    fireEvent.click(screen.getByTestId(ids.hitContact(9)));
    await settle();
    expect(station.params('history.conversation')[0]).toMatchObject({ contactId: 3, order: 'desc' });
    expect(screen.getByTestId(ids.view).getAttribute('data-kind')).toBe('contact');
    expect(screen.getByTestId(ids.viewTitle).textContent).toContain('Иванов Пётр');
    const shown = screen.getAllByTestId(/^history-view-message-/).map((el) => el.getAttribute('data-testid'));
    expect(shown).toEqual([ids.viewMessage(11), ids.viewMessage(12)]);

    fireEvent.click(screen.getByTestId(ids.back));
    await settle();
    expect(screen.queryByTestId(ids.view)).toBeNull();
    expect(screen.getByTestId(ids.hit(9)).closest('[hidden]')).toBeNull();
    // The results were kept, not fetched again.
    expect(station.params('history.search')).toHaveLength(1);
  });
});

describe('search filter from the form', () => {
  it('takes the date range as whole local days, the last one included', () => {
    const f = toFilter({ ...emptyForm, from: '2025-03-03', to: '2025-03-05' });
    expect(f.from).toBe(new Date(2025, 2, 3).getTime());
    expect(f.to).toBe(new Date(2025, 2, 6).getTime());
  });

  it('leaves out what was not chosen and reads a broadcast number typed with №', () => {
    expect(toFilter(emptyForm)).toEqual({});
    expect(toFilter({ ...emptyForm, q: '  ', broadcastId: '№42', tag: '#авария' })).toEqual({ broadcastId: 42, tag: 'авария' });
    expect(toFilter({ ...emptyForm, broadcastId: 'abc', from: '03.03.2025' })).toEqual({});
  });
});

describe('hit marks', () => {
  it('sorts, clamps and merges the ranges so the text is never garbled', () => {
    expect(markRanges(10, [[6, 12], [0, 2], [1, 3], [4, 4]])).toEqual([
      [0, 3],
      [6, 10],
    ]);
  });
});
