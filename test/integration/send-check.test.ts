// The check before sending, from the station: the preview prices the send under the plan chosen
// now (nothing while the package covers it, the overage price beyond, queued SMS counted as
// already spent), names the plan in the asker's language, and carries the admin's thresholds,
// which only an admin changes, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';
import { dispatchStation, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation;
beforeAll(async () => {
  s = await dispatchStation();
});
afterAll(async () => {
  await s?.stop();
});

/** This month's SMS already gone out (or waiting), written straight into the store. */
function spent(count: number, status: 'sent' | 'queued'): void {
  const now = Date.now();
  const insert = s.station.core.store.db.prepare(
    `INSERT INTO messages (direction, phone, text, segments, status, created_at, updated_at, sent_at, next_attempt_at)
     VALUES ('out', ?, 'x', 1, ?, ?, ?, ?, ?)`,
  );
  s.station.core.store.db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`+7999${String(i).padStart(7, '0')}`, status, now, now, status === 'sent' ? now : null, now + 86_400_000);
  })();
}

describe('the cost in the preview', () => {
  it('is nothing inside the package, then the overage beyond it, queued SMS included', async () => {
    const request = { text: 'Проверка связи', groups: [s.groups.north] };
    const first = await s.admin.request('preview', request);
    expect(first.smsTotal).toBe(3);
    expect(first.cost).toEqual({ rub: 0, planName: 'Company', leftBefore: 3000, overSms: 0, overagePrice: 1 });

    spent(2990, 'sent');
    spent(8, 'queued');
    // The month so far is read again after a send (or a few seconds later).
    await s.admin.request('send', { text: 'Раз', phones: ['+79160000001'] });
    const second = await s.admin.request('preview', request);
    // 2,990 sent + 8 queued + 1 just sent = 2,999: one SMS left in the package, two beyond it.
    expect(second.cost).toMatchObject({ rub: 2, leftBefore: 1, overSms: 2 });
  });

  it('names the plan in the language of the desk', async () => {
    const ru = await ControlRoomClient.login(s.station.url, 'admin', s.station.initialAdminPassword!, 'ru');
    try {
      const p = await ru.request('preview', { text: 'Тест', groups: [s.groups.south] });
      expect(p.cost?.planName).toBe('Компания');
    } finally {
      ru.close();
    }
  });
});

describe('the thresholds for a second ask', () => {
  it('come with every preview, and only an admin changes them, audited', async () => {
    const p = await s.admin.request('preview', { text: 'Тест', groups: [s.groups.south] });
    expect(p.limits).toEqual({ smsPerPerson: 4, smsTotal: 1000 });

    const disp = await s.login('disp');
    expect((await disp.request('sendLimits.get', {})).limits).toEqual({ smsPerPerson: 4, smsTotal: 1000 });
    await expect(disp.request('sendLimits.set', { smsPerPerson: 1, smsTotal: null })).rejects.toBeInstanceOf(RequestFailed);

    const set = await s.admin.request('sendLimits.set', { smsPerPerson: 2, smsTotal: null });
    expect(set.limits).toEqual({ smsPerPerson: 2, smsTotal: null });
    expect((await s.admin.request('preview', { text: 'Тест', groups: [s.groups.south] })).limits).toEqual({ smsPerPerson: 2, smsTotal: null });
    const audit = s.station.core.store.audit.recent(10).filter((e) => e.target === 'send-limits' || e.target === 'sendLimits.set');
    expect(audit.map((e) => e.action)).toEqual(['settings.change', 'admin.refused']);
    expect(audit[0]!.detail).toEqual({ before: { smsPerPerson: 4, smsTotal: 1000 }, after: { smsPerPerson: 2, smsTotal: null } });
  });
});
