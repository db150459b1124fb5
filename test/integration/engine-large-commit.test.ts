// Case 6 of issue 13: a broadcast to many thousands is committed in steps (a worker thread resolves
// the audience, its rows are staged, one statement commits, then they move into the outbox a chunk
// at a time), so the station keeps answering; the outbox never sees a broadcast that might still
// fail to commit; the board shows "preparing N"; a restart abandons what was not committed and
// finishes what was. Scaled down here (the bench runs 100,000): the threshold is lowered to 100.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStation } from '../../main/station/index.js';
import { dispatchStation, until, type DispatchStation } from '../tools/dispatch-station.js';

const SIZE = 1_200;
let s: DispatchStation;
let group: number;
beforeEach(async () => {
  s = await dispatchStation();
  s.station.core.dispatcher.largeAudience = 100;
  const { store } = s.station.core;
  group = store.groups.create('Все участки');
  const insert = store.db.prepare(`INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`);
  store.db.transaction(() => {
    for (let i = 0; i < SIZE; i++) store.groups.addMember(group, (insert.get(`Сотрудник ${i}`, `+7918${String(i).padStart(7, '0')}`) as { id: number }).id);
  })();
});
afterEach(async () => {
  await s.stop();
});

const outgoing = (id: number) => s.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND direction = 'out'`).pluck().get(id) as number;

describe('a send to many thousands', () => {
  it('is committed in steps, shows "preparing N" on the board, and reaches everyone exactly once', async () => {
    s.sim.setAvailable(false); // hold the outbox, to look at what it was given
    const { dispatcher, store } = s.station.core;
    const admin = { userId: 1, name: 'admin', role: 'admin' as const };
    const first = dispatcher.send(admin, { text: 'Учения', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    // Answered at once: the board has the broadcast, preparing all of them, and the outbox nothing yet.
    expect(first.ready).toBeDefined();
    expect(store.broadcasts.summary(first.broadcastId!)).toMatchObject({ total: SIZE, preparing: SIZE });
    expect(outgoing(first.broadcastId!)).toBe(0);
    expect((await first.ready)!.recipients).toBe(SIZE); // committed: every recipient stored
    await first.queued;
    expect(outgoing(first.broadcastId!)).toBe(SIZE);
    expect(store.broadcasts.summary(first.broadcastId!)!.preparing).toBeUndefined();

    // Through the control room, the answer comes once it is committed; the outbox gets it right after.
    const result = await s.admin.request('send', { text: 'Плановое отключение в 22:00', groups: [group] });
    expect(result).toMatchObject({ recipients: SIZE, refused: [] });
    const id = result.broadcastId!;
    await until(() => outgoing(id) === SIZE, 10_000, 'every message in the outbox');
    await until(() => s.admin.events.some((e) => e.event === 'broadcast.progress' && e.data.id === id && !e.data.preparing && e.data.total === SIZE), 5_000, 'the board done preparing');
    const audit = store.audit.recent(5, 'send')[0]!;
    expect(audit.detail).toMatchObject({ recipients: SIZE, staged: true });
    expect(s.station.core.store.db.prepare('SELECT preparing FROM broadcasts WHERE id = ?').pluck().get(id)).toBeNull();
    expect(s.station.core.store.db.prepare('SELECT count(*) FROM broadcast_staging').pluck().get()).toBe(0);
    s.sim.setAvailable(true);
    s.station.core.outbox.wake();
    await s.drained(first.broadcastId!, 60_000);
    await s.drained(id, 60_000);
    const sent = s.station.core.store.db.prepare(`SELECT count(DISTINCT phone) AS phones, count(*) AS n FROM messages WHERE broadcast_id = ?`).get(id);
    expect(sent).toEqual({ phones: SIZE, n: SIZE });
  });

  it('checks rights on the worker thread as on any send: a dispatcher reaches their own people only', async () => {
    const disp = await s.login('disp');
    const result = await disp.request('send', { text: 'Проверка', groups: [group, s.groups.north] });
    // The dispatcher may send to the northern district only: 3 people; the 1,200 are refused, named.
    expect(result.recipients).toBe(3);
    expect(result.refused).toHaveLength(SIZE);
    await until(() => outgoing(result.broadcastId!) === 3, 5_000, 'the three in the outbox');
  });

  it('refuses a send whose staging meets a full disk, in words; a committed one waits out the full disk and finishes', async () => {
    const { db, writes } = s.station.core.store;
    // SQLITE_FULL as a full disk gives it: no page beyond the file's, and its free pages taken.
    const full = () => {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + 4}`);
      db.exec('CREATE TABLE IF NOT EXISTS test_filler (data BLOB NOT NULL)');
      const fill = db.prepare('INSERT INTO test_filler (data) VALUES (zeroblob(4000))');
      try {
        for (;;) fill.run();
      } catch {
        /* every page is taken */
      }
    };
    const roomy = () => {
      db.pragma('max_page_count = 1073741823');
      db.exec('DELETE FROM test_filler');
    };
    // Staging: the store refuses; the send is refused as any send is while the store is read-only.
    full();
    const sent = s.station.core.dispatcher.send({ userId: 1, name: 'admin', role: 'admin' }, { text: 'Полный диск', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    await expect(sent.ready).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/cannot write to its store \(disk full\)/) });
    expect(writes.writable).toBe(false);
    roomy();
    await until(() => writes.writable, 10_000, 'the store writable again');
    expect(outgoing(sent.broadcastId!)).toBe(0);

    // Moving: committed already, so it waits for room and then goes on by itself.
    const id = (db.prepare(`INSERT INTO broadcasts (author_id, source, text, preparing, total, created_at) VALUES (1, 'ui', 'Переждёт', 'moving', 600, ?) RETURNING id`).get(Date.now()) as { id: number }).id;
    const stage = db.prepare('INSERT INTO broadcast_staging (broadcast_id, seq, contact_id, phone) VALUES (?, ?, NULL, ?)');
    for (let i = 0; i < 600; i++) stage.run(id, i, `+7919${String(i).padStart(7, '0')}`);
    full();
    s.station.core.dispatcher.resume();
    await until(() => !writes.writable, 10_000, 'the move to meet the full disk');
    expect(outgoing(id)).toBeLessThan(600);
    roomy();
    const preparing = () => db.prepare('SELECT preparing FROM broadcasts WHERE id = ?').pluck().get(id);
    await until(() => outgoing(id) === 600 && preparing() === null, 20_000, 'the move to finish once there is room');
  });

  it('abandons a send cancelled while it is being prepared: nothing reaches the outbox', async () => {
    s.sim.setAvailable(false);
    const sent = s.station.core.dispatcher.send({ userId: 1, name: 'admin', role: 'admin' }, { text: 'Отменят', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    s.station.core.dispatcher.cancel({ userId: 1, name: 'admin', role: 'admin' }, sent.broadcastId!);
    await sent.ready;
    const db = s.station.core.store.db;
    expect(db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status = 'queued'`).pluck().get(sent.broadcastId)).toBe(0);
    expect(db.prepare('SELECT preparing FROM broadcasts WHERE id = ?').pluck().get(sent.broadcastId)).toBe('abandoned');
    expect(db.prepare('SELECT count(*) FROM broadcast_staging').pluck().get()).toBe(0);
    expect(s.station.core.store.audit.recent(5, 'send.abandoned')[0]!.detail).toEqual({ reason: 'cancelled while it was being prepared' });
  });

  it('after a stop: what was still staging is abandoned, what was committed goes out', async () => {
    const { db } = s.station.core.store;
    const stage = (id: number, n: number) => {
      const insert = db.prepare('INSERT INTO broadcast_staging (broadcast_id, seq, contact_id, phone) VALUES (?, ?, NULL, ?)');
      for (let i = 0; i < n; i++) insert.run(id, i, `+7919${String(id * 1000 + i).padStart(7, '0')}`);
      db.prepare('UPDATE broadcasts SET total = ? WHERE id = ?').run(n, id);
    };
    // As a station killed mid-way would leave them: one still staging, one committed and half moved.
    const mk = (preparing: string) =>
      (db.prepare(`INSERT INTO broadcasts (author_id, source, text, preparing, created_at) VALUES (1, 'ui', 'Авария', ?, ?) RETURNING id`).get(preparing, Date.now()) as { id: number }).id;
    const staging = mk('staging');
    stage(staging, 400);
    const moving = mk('moving');
    stage(moving, 700);
    const dir = s.dir;
    await s.station.stop();
    const again = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [s.sim] });
    try {
      const count = (id: number) => again.core.store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ?`).pluck().get(id) as number;
      const movingState = () => again.core.store.db.prepare('SELECT preparing FROM broadcasts WHERE id = ?').pluck().get(moving);
      await until(() => count(moving) === 700 && movingState() === null, 10_000, 'the committed broadcast moved into the outbox');
      expect(count(staging)).toBe(0);
      const state = again.core.store.db.prepare('SELECT id, preparing FROM broadcasts WHERE id IN (?, ?) ORDER BY id').all(staging, moving);
      expect(state).toEqual([
        { id: staging, preparing: 'abandoned' },
        { id: moving, preparing: null },
      ]);
      expect(again.core.store.db.prepare('SELECT count(*) FROM broadcast_staging').pluck().get()).toBe(0);
    } finally {
      await again.stop();
    }
  });
});
