// The billing panel as the finance office and an administrator use it, against a fake station
// that answers billing.summary with hand-made figures (pricing itself is the station's, tested
// in tariffs.test.ts; here: that what it computed is shown, and the right things are asked).
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BillingSummary, Cost } from '../../shared/protocol/index.js';
import { useAppStore } from '../../renderer/app/store.js';
import { BillingPanel } from '../../renderer/features/billing/BillingPanel.js';
import { niceCeil } from '../../renderer/features/billing/DailyChart.js';
import { thisMonth } from '../../renderer/features/billing/money.js';
import { billingTestIds as ids } from '../../renderer/features/billing/testids.js';
import { FakeHistoryStation, renderWithStation, settle } from '../fixtures/control-room/history-station.js';

const company3000: Cost = {
  planId: 'company',
  planName: 'Компания',
  choice: { planId: 'company', packages: [1, 0, 0, 0] },
  included: 3000,
  used: 3600,
  overage: 600,
  total: 2100,
  lines: [
    { label: 'Пакет 3000 SMS', quantity: 1, unitPrice: 1500, amount: 1500 },
    { label: 'SMS сверх пакетов', quantity: 600, unitPrice: 1, amount: 600 },
  ],
};
const company5000: Cost = {
  ...company3000,
  choice: { planId: 'company', packages: [0, 1, 0, 0] },
  included: 5000,
  overage: 0,
  total: 2000,
  lines: [{ label: 'Пакет 5000 SMS', quantity: 1, unitPrice: 2000, amount: 2000 }],
};
const employee: Cost = {
  planId: 'employee',
  planName: 'Сотрудник',
  choice: { planId: 'employee' },
  included: 15_300,
  used: 3600,
  overage: 0,
  total: 4590,
  lines: [{ label: 'Сотрудники', quantity: 51, unitPrice: 90, amount: 4590 }],
};

const summary = (over: Partial<BillingSummary> = {}): BillingSummary => ({
  month: '2025-03',
  timeZone: 'Europe/Moscow',
  usage: {
    in: { messages: 40, segments: 42 },
    out: { messages: 3000, segments: 3600 },
    byCarrier: [
      { carrierId: 'sim', in: { messages: 40, segments: 42 }, out: { messages: 2900, segments: 3500 } },
      { carrierId: 'modem', in: { messages: 0, segments: 0 }, out: { messages: 100, segments: 100 } },
    ],
    byUser: [{ userId: 1, userName: 'Администратор', out: { messages: 3000, segments: 3600 } }],
  },
  employees: 51,
  current: company3000,
  cheapest: company5000,
  options: [company5000, company3000, employee],
  quota: { included: 3000, used: 3600, percent: 120, level: 100 },
  daily: [
    { date: '2025-03-01', in: 2, out: 100 },
    { date: '2025-03-02', in: 40, out: 3500 },
  ],
  ...over,
});

let station: FakeHistoryStation;

async function open(role: 'admin' | 'viewer' = 'admin') {
  await renderWithStation(<BillingPanel />, station, role);
  useAppStore.getState().setRecordsPanel('billing', true);
  await settle();
}

beforeEach(() => {
  station = new FakeHistoryStation().on('billing.summary', () => summary()).on('billing.setPlan', () => ({}));
});
afterEach(() => cleanup());

describe('billing', () => {
  it('asks for this month in the desk’s time zone, and again for a month picked', async () => {
    await open();
    expect(station.params('billing.summary')[0]).toEqual({ month: thisMonth(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    fireEvent.change(screen.getByTestId(ids.month), { target: { value: '2025-02' } });
    await settle();
    expect(station.params('billing.summary').at(-1).month).toBe('2025-02');
  });

  it('shows usage in and out, by carrier and by user, and the cost under the chosen plan line by line', async () => {
    await open();
    expect(screen.getByTestId(ids.usageOut).getAttribute('data-segments')).toBe('3600');
    expect(screen.getByTestId(ids.usageIn).getAttribute('data-segments')).toBe('42');
    expect(screen.getByTestId(ids.byCarrier).textContent).toContain('3500 SMS / 2900');
    expect(screen.getByTestId(ids.byUser).textContent).toContain('Администратор');
    const current = screen.getByTestId(ids.current);
    expect(current.getAttribute('data-total')).toBe('2100');
    expect(current.textContent).toContain('SMS сверх пакетов');
  });

  it('names the advisor’s cheaper plan with the saving, and says so when the chosen plan is cheapest', async () => {
    await open();
    const advice = screen.getByTestId(ids.advice);
    expect(advice.getAttribute('data-saving')).toBe('100');
    expect(advice.textContent).toContain('Пакет 5000 SMS');
    cleanup();
    station.on('billing.summary', () => summary({ current: company5000, quota: { included: 5000, used: 3600, percent: 72, level: 0 } }));
    await open();
    expect(screen.queryByTestId(ids.advice)).toBeNull();
    expect(screen.getByTestId(ids.current).textContent).toContain('самый выгодный');
  });

  it('shows the quota bar calm below 80%, with an alarm at 80% and at 100%', async () => {
    station.on('billing.summary', () => summary({ quota: { included: 5000, used: 3600, percent: 72, level: 0 } }));
    await open();
    expect(screen.getByTestId(ids.quota).getAttribute('data-level')).toBe('0');
    expect(screen.queryByTestId(ids.quotaAlarm)).toBeNull();
    cleanup();
    station.on('billing.summary', () => summary({ quota: { included: 3000, used: 2500, percent: 83.3, level: 80 } }));
    await open();
    expect(screen.getByTestId(ids.quota).getAttribute('aria-valuenow')).toBe('2500');
    expect(screen.getByTestId(ids.quotaAlarm).textContent).toContain('80%');
    cleanup();
    station.on('billing.summary', () => summary());
    await open();
    expect(screen.getByTestId(ids.quota).getAttribute('data-level')).toBe('100');
    expect(screen.getByTestId(ids.quotaAlarm).textContent).toContain('кончились');
  });

  it('draws a pair of bars per day scaled to a round top', async () => {
    await open();
    const chart = screen.getByTestId(ids.chart);
    expect(chart.querySelectorAll('rect.billing-bar-out')).toHaveLength(2);
    expect(chart.querySelectorAll('rect.billing-bar-in')).toHaveLength(2);
    expect(chart.querySelector('title')!.textContent).toContain('исходящих 3600');
    expect([niceCeil(0), niceCeil(7), niceCeil(3500), niceCeil(10)]).toEqual([1, 10, 5000, 10]);
  });

  it('lets an administrator choose among the advisor’s options and reloads the month', async () => {
    await open();
    expect(screen.getByTestId(ids.applyPlan)).toHaveProperty('disabled', true); // the current plan is picked
    fireEvent.click(screen.getByTestId(ids.plan(2)));
    fireEvent.click(screen.getByTestId(ids.applyPlan));
    // Switching asks first, with the month under the plan now and the one picked.
    const ask = screen.getByTestId(ids.planConfirm);
    expect(ask.textContent).toContain('Сейчас:');
    expect(station.params('billing.setPlan')).toEqual([]);
    fireEvent.click(screen.getByTestId(ids.planConfirmOk));
    await settle();
    expect(station.params('billing.setPlan')).toEqual([{ plan: { planId: 'employee' } }]);
    expect(station.params('billing.summary')).toHaveLength(2);
  });

  it('offers no plan choice to anyone but an administrator', async () => {
    await open('viewer');
    expect(screen.getByTestId(ids.current)).toBeTruthy();
    expect(screen.queryByTestId(ids.plan(0))).toBeNull();
  });

  it('shows a quota alarm on the folded panel’s tab, and the figures once opened until acknowledged', async () => {
    await renderWithStation(<BillingPanel />, station);
    expect(station.calls).toEqual([]);
    await act(() => useAppStore.getState().quotaRaised({ month: '2025-03', level: 80, used: 2400, included: 3000 }));
    expect(screen.getByTestId(ids.quotaBadge).getAttribute('data-level')).toBe('80');
    await act(() => useAppStore.getState().setRecordsPanel('billing', true));
    await settle();
    const alarm = screen.getAllByRole('alert').find((el) => el.textContent?.includes('2400 из 3000'));
    expect(alarm).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Понятно' }));
    expect(screen.queryByTestId(ids.quotaBadge)).toBeNull();
  });
});
