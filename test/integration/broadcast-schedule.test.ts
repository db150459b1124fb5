// Scheduled and plain broadcasts as the board handles them: the summary carries the send time
// and the cancel time, a scheduled one moves (its SMS and its escalation clock with it) or goes
// now, a plain one is cancelled for what is still queued, and whoever may not do either is told
// why in their language, with an audit line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlRoomClient, refusal } from '../tools/control-room-client.js';
import { dispatchStation, until, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation;
beforeAll(async () => {
  s = await dispatchStation();
});
afterAll(async () => {
  await s?.stop();
});

const HOUR = 3_600_000;
const queuedDue = (id: number) =>
  s.station.core.store.db
    .prepare(`SELECT DISTINCT next_attempt_at FROM messages WHERE broadcast_id = ? AND status = 'queued'`)
    .pluck()
    .all(id) as number[];

describe('a scheduled broadcast', () => {
  it('shows its time, moves with its SMS, then goes out when moved to now', async () => {
    const at = Date.now() + HOUR;
    const sent = await s.admin.request('send', { text: 'Плановое отключение завтра', groups: [s.groups.north], scheduledAt: at });
    const id = sent.broadcastId!;
    const snap = await s.admin.request('snapshot', {});
    expect(snap.broadcasts.find((b) => b.id === id)).toMatchObject({ scheduledAt: at, cancelledAt: null });
    expect(queuedDue(id)).toEqual([at]);

    const later = at + HOUR;
    const moved = await s.admin.request('broadcast.reschedule', { broadcastId: id, scheduledAt: later });
    expect(moved.scheduledAt).toBe(later);
    expect(queuedDue(id)).toEqual([later]);
    expect(moved.counts.queued).toBe(3);

    const now = await s.admin.request('broadcast.reschedule', { broadcastId: id, scheduledAt: 0 });
    expect(now.scheduledAt).toBeNull();
    await s.drained(id);
    const audit = s.station.core.store.audit.recent(20, 'broadcast.reschedule').filter((e) => e.target === `broadcast:${id}`);
    expect(audit.map((e) => (e.detail as { after: unknown }).after)).toEqual(['now', later]);
    // Once it has gone, there is nothing to move.
    const late = await refusal(s.admin.request('broadcast.reschedule', { broadcastId: id, scheduledAt: Date.now() + HOUR }));
    expect(late.code).toBe('bad_request');
  });

  it('moves a confirmation’s escalation clock with it', async () => {
    const at = Date.now() + HOUR;
    const sent = await s.admin.request('send', {
      text: 'Учения в 10:00. Ответьте 1',
      groups: [s.groups.south],
      kind: 'confirm',
      scheduledAt: at,
      confirm: { afterMinutes: 10, resends: 0, escalateTo: [] },
    });
    const due = s.station.core.store.db.prepare('SELECT due_at FROM escalations WHERE broadcast_id = ?').pluck();
    expect(due.get(sent.broadcastId!)).toBe(at + 10 * 60_000);
    await s.admin.request('broadcast.reschedule', { broadcastId: sent.broadcastId!, scheduledAt: at + 2 * HOUR });
    expect(due.get(sent.broadcastId!)).toBe(at + 2 * HOUR + 10 * 60_000);
    await s.admin.request('broadcast.cancel', { broadcastId: sent.broadcastId! });
  });

  it('is cancelled whole, and the board learns when', async () => {
    const sent = await s.admin.request('send', { text: 'Собрание переносится', groups: [s.groups.north], scheduledAt: Date.now() + HOUR });
    const { cancelled } = await s.admin.request('broadcast.cancel', { broadcastId: sent.broadcastId! });
    expect(cancelled).toBe(3);
    const progress = await s.admin.waitFor('broadcast.progress', (b) => b.id === sent.broadcastId && b.cancelledAt !== null);
    expect(progress.counts.queued).toBe(0);
    expect(progress.counts.failed).toBe(3);
  });
});

describe('who may move or cancel', () => {
  it('refuses another author’s broadcast to a dispatcher, in Russian, and audits it', async () => {
    const sent = await s.admin.request('send', { text: 'Профилактика в пятницу', groups: [s.groups.north], scheduledAt: Date.now() + HOUR });
    const disp = await ControlRoomClient.login(s.station.url, 'disp', 'disp-password', 'ru');
    try {
      const moved = await refusal(disp.request('broadcast.reschedule', { broadcastId: sent.broadcastId!, scheduledAt: Date.now() + 2 * HOUR }));
      expect(moved.code).toBe('forbidden');
      expect(moved.message).toBe('Перенести эту рассылку может только её автор, администратор или диспетчер с правом управлять чужими рассылками.');
      const cancelled = await refusal(disp.request('broadcast.cancel', { broadcastId: sent.broadcastId! }));
      expect(cancelled.message).toBe('Отменить эту рассылку может только её автор, администратор или диспетчер с правом управлять чужими рассылками.');
      const audit = s.station.core.store.audit.recent(50).filter((e) => e.target === `broadcast:${sent.broadcastId}`).map((e) => e.action);
      expect(audit).toEqual(expect.arrayContaining(['reschedule.refused', 'cancel.refused']));
      // Their own broadcast they may move.
      const own = await disp.request('send', { text: 'Своя', groups: [s.groups.north], scheduledAt: Date.now() + HOUR });
      await disp.request('broadcast.reschedule', { broadcastId: own.broadcastId!, scheduledAt: Date.now() + 3 * HOUR });
      await disp.request('broadcast.cancel', { broadcastId: own.broadcastId! });
    } finally {
      disp.close();
    }
  });

  it('cancels a plain broadcast that is going out: what is queued stays unsent', async () => {
    s.sim.setAvailable(false);
    const sent = await s.admin.request('send', { text: 'Всем на связь', groups: [s.groups.north, s.groups.south] });
    await until(() => queuedDue(sent.broadcastId!).length > 0, 5000, 'queued messages');
    const { cancelled } = await s.admin.request('broadcast.cancel', { broadcastId: sent.broadcastId! });
    s.sim.setAvailable(true);
    expect(cancelled).toBe(5);
    await s.drained(sent.broadcastId!);
    const statuses = s.station.core.store.db.prepare(`SELECT status FROM messages WHERE broadcast_id = ?`).pluck().all(sent.broadcastId!);
    expect(new Set(statuses)).toEqual(new Set(['cancelled']));
  });

  it('calls back what the outbox took but the carrier has not had yet (it waits for a rate slot)', async () => {
    const slow = await dispatchStation({ station: { outbox: { rateLimits: { simulator: 1 } } } });
    try {
      const sent = await slow.admin.request('send', { text: 'Медленный канал', groups: [slow.groups.north, slow.groups.south] });
      const status = () => slow.station.core.store.db.prepare(`SELECT status, count(*) AS n FROM messages WHERE broadcast_id = ? GROUP BY status`).all(sent.broadcastId!) as { status: string; n: number }[];
      // All five claimed at once, four of them waiting for their slot.
      await until(() => status().some((r) => r.status === 'sending'), 5_000, 'the outbox to claim them');
      const { cancelled } = await slow.admin.request('broadcast.cancel', { broadcastId: sent.broadcastId! });
      expect(cancelled).toBeGreaterThanOrEqual(3);
      await slow.drained(sent.broadcastId!);
      const final = Object.fromEntries(status().map((r) => [r.status, r.n]));
      expect(final.cancelled).toBe(cancelled);
      // The network saw only what was handed over before the cancel.
      const { readFileSync, existsSync } = await import('node:fs');
      const reached = existsSync(slow.ledgerFile) ? readFileSync(slow.ledgerFile, 'utf8').trim().split('\n').filter(Boolean).length : 0;
      expect(reached).toBe(5 - cancelled);
      const error = slow.station.core.store.db.prepare(`SELECT error FROM messages WHERE broadcast_id = ? AND status = 'cancelled' LIMIT 1`).pluck().get(sent.broadcastId!);
      expect(error).toBe('Cancelled by admin before it was sent.');
    } finally {
      await slow.stop();
    }
  });
});
