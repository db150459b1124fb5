import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/station/store/database.js';
import { billingSummary, checkQuotaAlarms, setPlanChoice } from '../../main/station/billing/billing.js';
import { insertMessage, seedBroadcast, seedPeople } from '../tools/history-seed.js';

let dir: string;
let db: Db;
const MSK = 'Europe/Moscow';
const at = (iso: string) => Date.parse(iso); // with an explicit offset

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-billing-'));
  db = openDatabase(join(dir, 'station.db'));
  const s = seedPeople(db);
  const to = [
    { contactId: s.contacts.ivanov, phone: '+79161234501', reply: 'Принял' },
    { contactId: s.contacts.petrov, phone: '+79161234502' },
  ];
  // 1 November 00:30 Moscow is still 31 October in UTC: it belongs to November here.
  seedBroadcast(db, s, 'Первая', at('2026-11-01T00:30:00+03:00'), to);
  seedBroadcast(db, s, 'Вторая', at('2026-11-15T12:00:00+03:00'), to, 'smpp-1');
  // 30 November 23:59 Moscow; and 1 December 00:10 Moscow (not November).
  insertMessage(db, { direction: 'out', text: 'Длинная', segments: 3, phone: '+79161234503', at: at('2026-11-30T23:59:00+03:00') });
  insertMessage(db, { direction: 'out', text: 'Декабрь', phone: '+79161234503', at: at('2026-12-01T00:10:00+03:00') });
  // Still in the outbox: not billed.
  insertMessage(db, { direction: 'out', text: 'В очереди', status: 'queued', phone: '+79161234503', at: at('2026-11-20T10:00:00+03:00') });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('billing', () => {
  it('counts segments of the local month, in and out, per carrier and per author', () => {
    const b = billingSummary(db, { month: '2026-11', timeZone: MSK });
    expect(b.usage.out).toEqual({ messages: 5, segments: 7 });
    expect(b.usage.in).toEqual({ messages: 2, segments: 2 });
    expect(b.usage.byCarrier).toEqual([
      { carrierId: 'modem-1', in: { messages: 1, segments: 1 }, out: { messages: 3, segments: 5 } },
      { carrierId: 'smpp-1', in: { messages: 1, segments: 1 }, out: { messages: 2, segments: 2 } },
    ]);
    expect(b.usage.byUser).toEqual([
      { userId: 1, userName: 'Диспетчер Смирнова', out: { messages: 4, segments: 4 } },
      { userId: null, userName: null, out: { messages: 1, segments: 3 } },
    ]);
    expect(b.employees).toBe(4);
  });

  it('draws every day of the month, in the local zone', () => {
    const { daily } = billingSummary(db, { month: '2026-11', timeZone: MSK });
    expect(daily).toHaveLength(30);
    expect(daily[0]).toEqual({ date: '2026-11-01', in: 1, out: 2 });
    expect(daily[14]).toEqual({ date: '2026-11-15', in: 1, out: 2 });
    expect(daily[29]).toEqual({ date: '2026-11-30', in: 0, out: 3 });
  });

  it('prices the chosen plan and names the cheaper one', () => {
    setPlanChoice(db, { planId: 'company', packages: [1, 0, 0, 0] });
    const b = billingSummary(db, { month: '2026-11', timeZone: MSK });
    expect(b.current).toMatchObject({ planId: 'company', total: 1_500, included: 3_000, used: 7 });
    // 4 employees × 150 ₽ = 600 ₽ with 1,200 SMS included.
    expect(b.cheapest).toMatchObject({ planId: 'employee', total: 600, included: 1_200 });
    expect(b.quota).toEqual({ included: 3_000, used: 7, percent: 0.2, level: 0 });
  });

  it('raises the quota alarms once each', () => {
    setPlanChoice(db, { planId: 'employee' });
    const now = at('2026-11-20T12:00:00+03:00');
    expect(checkQuotaAlarms(db, { timeZone: MSK, now })).toEqual([]);
    db.prepare('UPDATE contacts SET active = 0 WHERE id > 1').run(); // quota drops to 300
    db.prepare(`UPDATE messages SET segments = 240 WHERE text = 'Длинная'`).run(); // 4 + 240 = 244 ≥ 80 %
    expect(checkQuotaAlarms(db, { timeZone: MSK, now })).toEqual([{ month: '2026-11', level: 80, used: 244, included: 300 }]);
    expect(checkQuotaAlarms(db, { timeZone: MSK, now })).toEqual([]);
    db.prepare(`UPDATE messages SET segments = 300 WHERE text = 'Длинная'`).run();
    expect(checkQuotaAlarms(db, { timeZone: MSK, now }).map((a) => a.level)).toEqual([100]);
  });

  it('refuses a plan that does not exist in the tariff data', () => {
    expect(() => setPlanChoice(db, { planId: 'company', packages: [1, 0, 0, 0, 0] })).toThrow(/4 packages/);
  });
});
