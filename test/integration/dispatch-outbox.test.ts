import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { dispatchStation, until, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation | null = null;
afterEach(async () => {
  await s?.stop();
  s = null;
});

/** `count` active contacts in a new group, phones +7917… */
function bigGroup(st: DispatchStation, name: string, count: number, base: number): number {
  const { store } = st.station.core;
  const g = store.groups.create(name);
  store.db.transaction(() => {
    for (let i = 0; i < count; i++) store.groups.addMember(g, store.contacts.upsert({ name: `${name} ${i}`, phone: `+7917${String(base + i).padStart(7, '0')}` }).id);
  })();
  return g;
}

const statuses = (st: DispatchStation, broadcastId: number) =>
  Object.fromEntries(
    (st.station.core.store.db.prepare(`SELECT status, count(*) AS n FROM messages WHERE broadcast_id = ? GROUP BY status`).all(broadcastId) as {
      status: string;
      n: number;
    }[]).map((r) => [r.status, r.n]),
  );

const ledger = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => Number(l.split(' ')[0])) : []);

describe('durable outbox', () => {
  it('lets an alert overtake a survey already queued', async () => {
    s = await dispatchStation({ sim: { submitLatencyMs: 10 }, station: { outbox: { batchSize: 10 } } });
    const { ledgerFile } = s;
    const survey = await s.admin.request('send', { text: 'Опрос: 1 - да, 2 - нет', kind: 'poll', options: ['да', 'нет'], groups: [bigGroup(s, 'Опрос', 300, 0)] });
    await until(() => ledger(ledgerFile).length >= 20, 10_000, 'the survey to start');
    const alert = await s.admin.request('send', { text: 'Авария! ответьте 1', kind: 'confirm', groups: [bigGroup(s, 'Авария', 30, 5000)] });
    await s.drained(alert.broadcastId!);
    const { store } = s.station.core;
    const alertIds = new Set(store.db.prepare('SELECT id FROM messages WHERE broadcast_id = ?').pluck().all(alert.broadcastId) as number[]);
    const order = ledger(ledgerFile);
    const first = order.findIndex((id) => alertIds.has(id));
    const last = order.length - 1 - [...order].reverse().findIndex((id) => alertIds.has(id));
    // Once the alert reached the head of the queue, at most the batch already in flight of the
    // survey went out among its 30 SMS; and most of the survey was still waiting.
    const surveyBetween = order.slice(first, last + 1).filter((id) => !alertIds.has(id)).length;
    expect(surveyBetween).toBeLessThanOrEqual(10);
    expect(statuses(s, survey.broadcastId!).queued ?? 0).toBeGreaterThan(150);
    await s.drained(survey.broadcastId!, 30_000);
  });

  it('paces a carrier to its rate limit', async () => {
    s = await dispatchStation({ station: { outbox: { batchSize: 50, rateLimits: { simulator: 20 } } } });
    const r = await s.admin.request('send', { text: 'Проверка', groups: [bigGroup(s, 'Темп', 21, 0)] });
    const t0 = Date.now();
    await s.drained(r.broadcastId!);
    // 21 SMS at 20/s: the 21st slot is a full second after the first.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('retries a transient refusal with backoff, and fails it for good only after the last attempt', async () => {
    s = await dispatchStation({ sim: { transientErrorRate: 0.5 }, station: { outbox: { retryBaseMs: 20 } } });
    const r = await s.admin.request('send', { text: 'Повтор', groups: [s.groups.north, s.groups.south] });
    await s.drained(r.broadcastId!);
    const rows = s.station.core.store.db
      .prepare('SELECT status, attempts, error FROM messages WHERE broadcast_id = ?')
      .all(r.broadcastId) as { status: string; attempts: number; error: string | null }[];
    expect(Math.max(...rows.map((m) => m.attempts))).toBeGreaterThan(1);
    for (const m of rows) {
      if (m.status === 'failed') expect(m).toMatchObject({ attempts: 5, error: expect.stringMatching(/busy/) });
      else expect(['sent', 'delivered']).toContain(m.status);
    }
  });

  it('expires what could not go out within its validity instead of sending it late', async () => {
    s = await dispatchStation();
    s.sim.setAvailable(false);
    const r = await s.admin.request('send', { text: 'Срочно до 10:00', groups: [s.groups.north], validMinutes: 0.01 });
    await new Promise((res) => setTimeout(res, 800));
    s.sim.setAvailable(true);
    s.station.core.outbox.wake();
    await s.drained(r.broadcastId!, 5_000);
    expect(statuses(s, r.broadcastId!)).toEqual({ expired: 3 });
  });

  it('holds a scheduled broadcast until its time', async () => {
    s = await dispatchStation();
    const r = await s.admin.request('send', { text: 'Напоминание', groups: [s.groups.north], scheduledAt: Date.now() + 1_500 });
    await new Promise((res) => setTimeout(res, 700));
    expect(statuses(s, r.broadcastId!)).toEqual({ queued: 3 });
    await s.drained(r.broadcastId!, 5_000);
    const sentAt = s.station.core.store.db.prepare('SELECT min(sent_at) FROM messages WHERE broadcast_id = ?').pluck().get(r.broadcastId) as number;
    const scheduled = s.station.core.store.db.prepare('SELECT scheduled_at FROM broadcasts WHERE id = ?').pluck().get(r.broadcastId) as number;
    expect(sentAt).toBeGreaterThanOrEqual(scheduled);
  });

  it('cancels mid-way: what was not sent stays unsent', async () => {
    s = await dispatchStation({ sim: { submitLatencyMs: 20 }, station: { outbox: { batchSize: 10 } } });
    const { ledgerFile } = s;
    const r = await s.admin.request('send', { text: 'Учения', groups: [bigGroup(s, 'Все', 400, 0)] });
    await until(() => ledger(ledgerFile).length >= 30, 10_000, 'some to go out');
    const { cancelled } = await s.admin.request('broadcast.cancel', { broadcastId: r.broadcastId! });
    await s.drained(r.broadcastId!);
    await new Promise((res) => setTimeout(res, 300));
    const st = statuses(s, r.broadcastId!);
    expect(st.cancelled).toBe(cancelled);
    expect(cancelled).toBeGreaterThan(200);
    // The network saw exactly the ones not cancelled: the in-flight batch finished, nothing after.
    expect(ledger(ledgerFile).length).toBe(400 - cancelled);
    const board = await s.admin.request('snapshot', {});
    expect(board.broadcasts.find((b) => b.id === r.broadcastId)!.counts.queued).toBe(0);
  });
});
