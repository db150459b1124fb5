// The plans bar and launch dialog as a dispatcher uses them, against a fake station that answers
// the plans requests: a click and a field launch the plan once; SMS and on-duty follow the field;
// Alt+Shift+1 opens the first plan; the board line shows the calls, live.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LaunchInfo, PlanView, RequestName } from '../../shared/protocol/index.js';
import { StationContext } from '../../renderer/app/station-context.js';
import { resetAppStore, useAppStore } from '../../renderer/app/store.js';
import { PlansBar } from '../../renderer/features/plans/PlansBar.js';
import { LaunchLine } from '../../renderer/features/plans/LaunchLine.js';
import { plansTestIds as ids } from '../../renderer/features/plans/testids.js';
import { requestOnlyCommands } from '../fixtures/control-room/request-only-commands.js';

const PLAN: PlanView = {
  id: 3,
  code: 'ПС12',
  name: 'Авария на ПС',
  audience: { groups: [], contacts: [], tags: [], onCall: [{ groupId: 2, role: 'дежурный инженер' }] },
  text: 'Авария на {объект}. Ответьте 1.',
  fields: [{ name: 'объект', required: true }],
  kind: 'confirm',
  confirm: { afterMinutes: 10, resends: 0 },
  chain: [{ kind: 'call', ringSeconds: 30 }],
  priority: 'high',
  carrierId: null,
  callReply: null,
  smsCommand: true,
  sort: 0,
  updatedAt: 0,
};

const PEOPLE = [
  { contactId: 1, name: 'Иванов', phone: '+79160000001', replaces: null, reason: null },
  { contactId: 2, name: 'Петров', phone: '+79160000002', replaces: { contactId: 4, name: 'Фёдоров', phone: '' }, reason: 'sick' as const },
];

let calls: { method: string; params: any }[];
const commands = requestOnlyCommands(async (method: RequestName, params: any) => {
  calls.push({ method, params });
  switch (method) {
    case 'plans.list':
      return { plans: [PLAN] };
    case 'plans.preview': {
      const value = params.fields['объект'] ?? '';
      return {
        text: `${params.drill ? 'УЧЕНИЯ! ' : ''}Авария на ${value || '{объект}'}. Ответьте 1.`,
        missing: value ? [] : ['объект'],
        recipients: 2,
        segments: 1,
        encoding: 'ucs2',
        characters: 30,
        smsTotal: 2,
        cost: 0,
        onDuty: [{ groupId: 2, groupName: 'Северный РЭС', role: 'дежурный инженер', people: PEOPLE }],
        refused: [],
      };
    }
    case 'plans.launch':
      return { broadcastId: 41, recipients: 2, segments: 1, refused: [], onDuty: [] };
    case 'plans.launchInfo':
      return INFO;
    default:
      throw new Error(`unexpected ${method}`);
  }
});

const INFO: LaunchInfo = {
  broadcastId: 41,
  planId: 3,
  code: 'ПС12',
  name: 'Авария на ПС',
  drill: true,
  door: 'ui',
  fields: { объект: 'ПС-12' },
  onDuty: [{ groupId: 2, groupName: 'Северный РЭС', role: 'дежурный инженер', people: PEOPLE }],
  calls: [],
};

async function settle(ms = 200) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

beforeEach(async () => {
  resetAppStore();
  calls = [];
  useAppStore.getState().signedIn({ id: 5, login: 'disp', name: 'Диспетчер', role: 'dispatcher', locale: 'ru' });
  useAppStore.getState().synced();
});
afterEach(() => cleanup());

const renderBar = async () => {
  render(
    <StationContext.Provider value={commands}>
      <PlansBar />
      <LaunchLine broadcastId={41} />
    </StationContext.Provider>,
  );
  await settle();
};

describe('plans bar and launch dialog', () => {
  it('launches a plan with its one field in two actions, once, and counts SMS as the field fills', async () => {
    await renderBar();
    fireEvent.click(screen.getByTestId(ids.launchButton('ПС12')));
    const submit = screen.getByTestId(ids.submit) as HTMLButtonElement;
    expect(document.activeElement).toBe(screen.getByTestId(ids.field('объект')));
    expect(submit.disabled).toBe(true); // the field is required
    fireEvent.change(screen.getByTestId(ids.field('объект')), { target: { value: 'ПС-12' } });
    await settle(300);
    expect(screen.getByTestId(ids.preview).textContent).toContain('Авария на ПС-12. Ответьте 1.');
    expect(screen.getByTestId(ids.smsTotal).getAttribute('data-count')).toBe('2');
    expect(screen.getByTestId(ids.onDuty).textContent).toContain('Петров (вместо Фёдоров, больничный)');
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    fireEvent.click(submit);
    await settle();
    expect(calls.filter((c) => c.method === 'plans.launch')).toEqual([
      { method: 'plans.launch', params: expect.objectContaining({ planId: 3, fields: { объект: 'ПС-12' }, drill: false, clientRef: expect.any(String) }) },
    ]);
    expect(screen.getByTestId(ids.result).textContent).toBe('Оповещение №41 отправлено: 2 получателей.');
    expect(document.activeElement).toBe(screen.getByTestId(ids.close));
  });

  it('marks a drill in the text and on the button', async () => {
    await renderBar();
    fireEvent.click(screen.getByTestId(ids.launchButton('ПС12')));
    fireEvent.click(screen.getByTestId(ids.drill));
    fireEvent.change(screen.getByTestId(ids.field('объект')), { target: { value: 'ПС-1' } });
    await settle(300);
    expect(screen.getByTestId(ids.preview).textContent).toContain('УЧЕНИЯ! Авария на ПС-1');
    expect(screen.getByTestId(ids.submit).textContent).toBe('Запустить учения');
  });

  it('opens the first plan on Alt+Shift+1 in any keyboard layout', async () => {
    await renderBar();
    fireEvent.keyDown(window, { code: 'Digit1', key: '!', altKey: true, shiftKey: true });
    expect(screen.getByTestId(ids.dialog)).toBeTruthy();
  });

  it('shows the plan, who was on duty and each call on the board row, updated by plans.calls', async () => {
    await renderBar();
    const line = screen.getByTestId(ids.boardLine(41));
    expect(line.textContent).toContain('УЧЕНИЯ');
    expect(line.textContent).toContain('Сценарий ПС12 «Авария на ПС»');
    const at = new Date(2026, 11, 3, 3, 12).getTime();
    act(() =>
      useAppStore.getState().callsChanged(41, [
        { id: 1, broadcastId: 41, direction: 'out', contactId: 2, name: 'Петров', phone: '+79160000002', state: 'no-answer', detail: null, confirmed: false, carrierId: 'gsm1', at, endedAt: at },
        { id: 2, broadcastId: 41, direction: 'in', contactId: 2, name: 'Петров', phone: '+79160000002', state: 'rejected', detail: null, confirmed: true, carrierId: 'gsm1', at: at + 120_000, endedAt: at + 120_000 },
      ]),
    );
    expect(screen.getByTestId(ids.call(1)).textContent).toBe('Петров: звонок 03:12, не ответил');
    expect(screen.getByTestId(ids.call(2)).textContent).toBe('Петров: перезвонил 03:14, подтвердил звонком');
  });
});
