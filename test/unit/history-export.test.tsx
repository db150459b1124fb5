// Excel export from the history panel: started with the desk's zone and language, followed by
// the station's progress events (through the store, as the bridge hands them over), cancellable,
// then a download through a one-use ticket (never the session token in a URL).
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../renderer/app/store.js';
import { writeToken } from '../../renderer/features/login/session-token.js';
import { HistoryPanel } from '../../renderer/features/history/HistoryPanel.js';
import { historyTestIds as ids } from '../../renderer/features/history/testids.js';
import { FakeHistoryStation, hit, renderWithStation, settle } from '../fixtures/control-room/history-station.js';

let station: FakeHistoryStation;

async function openHistory() {
  await renderWithStation(<HistoryPanel />, station);
  useAppStore.getState().setRecordsPanel('history', true);
  await settle();
}

const progress = (over: object) =>
  act(() => useAppStore.getState().exportProgressed({ exportId: 'e1', state: 'running', rows: 0, total: 2000, fileName: null, error: null, ...over }));

beforeEach(() => {
  station = new FakeHistoryStation()
    .on('history.search', () => ({ hits: [hit({ id: 1 })], next: null }))
    .on('history.export.start', () => ({ exportId: 'e1', total: 2000 }))
    .on('history.export.cancel', () => ({}))
    .on('export.ticket', () => ({ url: '/api/v1/exports/e1?ticket=T1', expiresAt: Date.now() + 60_000 }));
  writeToken('tok/en+1');
});
afterEach(() => {
  cleanup();
  writeToken(null);
});

describe('history export', () => {
  it('exports what the search shows in the desk’s time zone and language, with progress, then a link', async () => {
    await openHistory();
    fireEvent.change(screen.getByTestId(ids.query), { target: { value: '#авария' } });
    fireEvent.click(screen.getByTestId(ids.search));
    await settle();
    fireEvent.click(screen.getByTestId(ids.exportFiltered));
    await settle();
    expect(station.params('history.export.start')[0]).toEqual({
      filter: { q: '#авария' },
      locale: 'ru',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });

    await progress({ rows: 500 });
    const bar = screen.getByTestId(ids.exportProgress) as HTMLProgressElement;
    expect(bar.value).toBe(25);
    expect(screen.getByTestId(ids.exportAll)).toHaveProperty('disabled', true);

    await progress({ state: 'done', rows: 2000, fileName: 'Сообщения 2025-03-03.xlsx' });
    const followed: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      followed.push({ href: this.getAttribute('href')!, download: this.download });
    });
    fireEvent.click(screen.getByTestId(ids.exportDownload));
    await settle();
    click.mockRestore();
    expect(station.params('export.ticket')).toEqual([{ exportId: 'e1' }]);
    expect(followed).toEqual([{ href: '/api/v1/exports/e1?ticket=T1', download: 'Сообщения 2025-03-03.xlsx' }]);
    expect(followed[0]!.href).not.toContain('tok');
  });

  it('offers only “all messages” while nothing narrows the list', async () => {
    await openHistory();
    expect(screen.queryByTestId(ids.exportFiltered)).toBeNull();
    fireEvent.click(screen.getByTestId(ids.exportAll));
    await settle();
    expect(station.params('history.export.start')[0].filter).toEqual({});
  });

  it('cancels on request and says so when the station confirms', async () => {
    await openHistory();
    fireEvent.click(screen.getByTestId(ids.exportAll));
    await settle();
    await progress({ rows: 100 });
    fireEvent.click(screen.getByTestId(ids.exportCancel));
    await settle();
    expect(station.params('history.export.cancel')).toEqual([{ exportId: 'e1' }]);
    await progress({ state: 'cancelled', rows: 100 });
    expect(screen.getByTestId(ids.exportStatus).getAttribute('data-state')).toBe('cancelled');
    expect(screen.queryByTestId(ids.exportDownload)).toBeNull();
  });

  it('ignores another desk’s export and a late progress tick after the end', async () => {
    await openHistory();
    fireEvent.click(screen.getByTestId(ids.exportAll));
    await settle();
    await act(() => useAppStore.getState().exportProgressed({ exportId: 'other', state: 'done', rows: 9, total: 9, fileName: 'x.xlsx', error: null }));
    expect(screen.queryByTestId(ids.exportDownload)).toBeNull();
    await progress({ state: 'failed', error: 'The disk is full. Free some space and start again.' });
    await progress({ rows: 1500 });
    expect(screen.getByTestId(ids.exportStatus).textContent).toContain('The disk is full');
  });

  it('shows the station’s sentence when an export cannot start', async () => {
    station.on('history.export.start', () => {
      throw new Error('An export is already running on this station. Wait for it to finish.');
    });
    await openHistory();
    fireEvent.click(screen.getByTestId(ids.exportAll));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('already running');
  });
});
