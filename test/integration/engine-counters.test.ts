// Case 5 of issue 13 — every send got slower as the month filled, because the quota check counted
// the whole month after each commit. Billing, quota and progress now read counters that triggers
// keep in the same transactions as the messages. These tests hold the counters to what a full
// count of the messages says (after real traffic through the station, and after the migration
// fills them from an old store), and hold the per-send queries to index searches on small tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, type Db } from '../../main/station/store/database.js';
import Database from 'better-sqlite3';
import { billedSegments, monthUsage } from '../../main/station/billing/usage.js';
import { checkQuotaAlarms } from '../../main/station/billing/billing.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { dispatchStation, PEOPLE, until, type DispatchStation } from '../tools/dispatch-station.js';

/** What the counters must say, counted the slow way from the messages themselves. */
function recount(db: Db) {
  const usage = db
    .prepare(
      `SELECT m.created_at / 900000 AS bucket, m.direction, ifnull(m.carrier_id, '') AS carrier,
              CASE WHEN m.direction = 'in' THEN 0 ELSE ifnull(b.author_id, 0) END AS user, count(*) AS messages, sum(m.segments) AS segments
       FROM messages m LEFT JOIN broadcasts b ON b.id = m.broadcast_id WHERE m.direction = 'in' OR m.sent_at IS NOT NULL
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
  const counts = db
    .prepare(
      `SELECT broadcast_id AS id, status, count(*) AS n FROM messages WHERE direction = 'out' AND broadcast_id IS NOT NULL GROUP BY 1, 2
       UNION ALL SELECT broadcast_id, 'replied', count(DISTINCT phone) FROM messages WHERE direction = 'in' AND broadcast_id IS NOT NULL GROUP BY 1
       ORDER BY 1, 2`,
    )
    .all();
  return { usage, counts };
}

function counters(db: Db) {
  return {
    usage: db
      .prepare(
        `SELECT bucket, direction, carrier_id AS carrier, user_id AS user, messages, segments FROM usage_counters WHERE messages != 0
         ORDER BY 1, 2, 3, 4`,
      )
      .all(),
    counts: db.prepare(`SELECT broadcast_id AS id, status, n FROM broadcast_counts WHERE n != 0 ORDER BY 1, 2`).all(),
  };
}

let s: DispatchStation | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('usage and progress counters', () => {
  it('agree with a full count after sends, reports, replies, a move, a cancel and a deletion', async () => {
    s = await dispatchStation({ sim: { failureRate: 0.3, seed: 11 } });
    const { store } = s.station.core;
    const a = await s.admin.request('send', { text: 'Авария на ПС-12, ответьте 1', kind: 'confirm', groups: [s.groups.north, s.groups.south] });
    await s.drained(a.broadcastId!);
    const disp = await s.login('disp');
    const b = await disp.request('send', { text: 'Длинное сообщение '.repeat(12), groups: [s.groups.north] });
    await s.drained(b.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'Еду');
    await s.sim.receiveFrom(PEOPLE.fedorov.phone, 'принял');
    await s.sim.receiveFrom('+79169990000', 'кто это?');
    s.sim.setAvailable(false);
    const c = await s.admin.request('send', { text: 'Отменят', groups: [s.groups.chiefs] });
    await s.admin.request('broadcast.cancel', { broadcastId: c.broadcastId! });
    // A reply moved by hand and a message deleted by a maintenance script.
    store.db.prepare(`UPDATE messages SET broadcast_id = ? WHERE direction = 'in' AND phone = ?`).run(b.broadcastId, PEOPLE.fedorov.phone);
    store.db.prepare(`DELETE FROM messages WHERE direction = 'in' AND phone = '+79169990000'`).run();
    await new Promise((r) => setTimeout(r, 300));
    expect(counters(store.db)).toEqual(recount(store.db));
    expect(counters(store.db).usage.length).toBeGreaterThan(0);

    const summary = store.broadcasts.summary(a.broadcastId!)!;
    // Иванов answered the message he got last (b), twice: one phone; Фёдоров's reply was moved to b.
    expect(summary.counts.replied).toBe(0);
    expect(store.broadcasts.counts(b.broadcastId!).replied).toBe(2);
    expect(summary.counts.delivered + summary.counts.failed + summary.counts.sent).toBe(summary.total);
  });

  it('fills the counters (and follow-ups, answer counts, template owners) from an old store when the migrations run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-counters-'));
    try {
      const db = new Database(join(dir, 'old.db'));
      const all = loadMigrations();
      migrate(db, all.filter((m) => m.version < 61));
      db.prepare(`INSERT INTO users (login, name, role, password_hash, created_at) VALUES ('d', 'D', 'dispatcher', 'x', 0)`).run();
      db.prepare(`INSERT INTO broadcasts (id, author_id, source, text, created_at) VALUES (1, 1, 'ui', 'Старое', 0)`).run();
      const insert = db.prepare(
        `INSERT INTO messages (direction, broadcast_id, phone, text, segments, status, carrier_id, created_at, updated_at, sent_at)
         VALUES (?, ?, ?, 'т', ?, ?, ?, ?, ?, ?)`,
      );
      const t0 = Date.parse('2026-03-01T00:00:00Z');
      db.transaction(() => {
      for (let i = 0; i < 500; i++) {
        const out = i % 4 !== 0;
        const status = out ? (['queued', 'sent', 'delivered', 'failed'] as const)[i % 4] : 'received';
        insert.run(out ? 'out' : 'in', i % 3 === 0 ? 1 : null, `+7916000${String(i).padStart(4, '0')}`, 1 + (i % 3), status, i % 2 ? 'smpp' : null, t0 + i * 60_000, t0, out && status !== 'queued' ? t0 + i * 60_000 : null);
      }
      })();
      // An alert with a re-send and an escalation as the old code made them, an answer, two templates.
      db.prepare(`INSERT INTO broadcasts (id, author_id, source, kind, text, confirm, created_at) VALUES (2, 1, 'ui', 'confirm', 'Авария', '{}', 0)`).run();
      db.prepare(`INSERT INTO broadcasts (id, author_id, source, kind, text, parent_id, created_at) VALUES (3, NULL, 'system', 'confirm', 'Авария', 2, 0), (4, NULL, 'system', 'confirm', 'Эскалация: Авария', 2, 0)`).run();
      db.prepare(`INSERT INTO answers (broadcast_id, phone, option, at) VALUES (2, '+79160000004', 1, 0)`).run();
      db.prepare(`INSERT INTO templates (name, text, created_by, updated_at) VALUES ('Общий', 'a', NULL, 0), ('Свой', 'b', 1, 0)`).run();
      migrate(db, all);
      expect(counters(db)).toEqual(recount(db));
      expect(db.prepare('SELECT id, follow_up FROM broadcasts WHERE id > 1 ORDER BY id').all()).toEqual([
        { id: 2, follow_up: null },
        { id: 3, follow_up: 'resend' },
        { id: 4, follow_up: 'escalation' },
      ]);
      // The answer's phone was sent nothing: kept, but it leaves nobody less silent.
      expect(db.prepare('SELECT question_id, option, n, recipients FROM answer_counts').all()).toEqual([{ question_id: 2, option: 1, n: 1, recipients: 0 }]);
      expect(db.prepare('SELECT name, shared FROM templates ORDER BY name').all()).toEqual([
        { name: 'Общий', shared: 1 },
        { name: 'Свой', shared: 0 },
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the month and the quota check from the counters alone (query plans)', async () => {
    s = await dispatchStation();
    const { db } = s.station.core.store;
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const quota = plan('SELECT coalesce(sum(segments), 0) FROM usage_counters WHERE bucket >= ? AND bucket < ? AND direction = ?', 0, 10, 'out');
    expect(quota).toMatch(/SEARCH usage_counters USING PRIMARY KEY \(bucket>\? AND bucket<\?\)/);
    expect(quota).not.toMatch(/messages/);
    const progress = plan('SELECT status, n FROM broadcast_counts WHERE broadcast_id = ?', 1);
    expect(progress).toMatch(/SEARCH broadcast_counts USING PRIMARY KEY \(broadcast_id=\?\)/);
    // The functions the station calls give the same month a full count gives.
    const r = await s.admin.request('send', { text: 'Проверка', groups: [s.groups.north] });
    await s.drained(r.broadcastId!);
    await new Promise((res) => setTimeout(res, 100));
    const month: [number, number] = [0, Date.now() + 86_400_000];
    expect(monthUsage(db, month).out).toEqual({ messages: 3, segments: 3 });
    expect(billedSegments(db, month, ['out'])).toBe(3);
    expect(checkQuotaAlarms(db)).toEqual([]);
  });
});

describe('per-send and per-reply statements', () => {
  it('read through an index: a REST send, its delivery report, a reply, a confirmation’s answer and the quota check scan no table that grows with traffic', async () => {
    s = await dispatchStation();
    const { db } = s.station.core.store;
    const key = new ApiKeyRepository(db).create('admin', 'monitoring').key;
    const rest = async (to: string, text: string) => {
      const res = await fetch(`${s!.station.url}/api/v1/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to, text }),
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { broadcastId: number }).broadcastId;
    };
    await s.drained(await rest(PEOPLE.ivanov.phone, 'Прогрев #мониторинг')); // statements prepared once are prepared here

    // Every statement run from here on, by its SQL (better-sqlite3 statements share one prototype).
    const ran = new Set<string>();
    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<'run' | 'get' | 'all' | 'iterate', (...a: unknown[]) => unknown>;
    const originals = { run: proto.run, get: proto.get, all: proto.all, iterate: proto.iterate };
    for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
      proto[name] = function (this: { source: string }, ...a: unknown[]) {
        ran.add(this.source);
        return originals[name].apply(this, a);
      };
    }
    try {
      const plain = await rest(PEOPLE.petrov.phone, 'Сервер 7 недоступен #мониторинг');
      await s.drained(plain);
      await until(() => s!.station.core.store.broadcasts.counts(plain).delivered === 1, 5_000, 'the delivery report');
      await s.sim.receiveFrom(PEOPLE.petrov.phone, 'принял, еду');
      const confirm = await s.admin.request('send', { text: 'Подтвердите выход, ответьте 1', kind: 'confirm', groups: [s.groups.north] });
      await s.drained(confirm.broadcastId!);
      await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
      await until(() => s!.station.core.inbound.answers.countsOf(confirm.broadcastId!)?.answered === 1, 5_000, 'the answer counted');
      checkQuotaAlarms(db);
      await new Promise((r) => setTimeout(r, 300)); // progress and tally pushes run on their timers
    } finally {
      Object.assign(proto, originals);
    }
    expect(ran.size).toBeGreaterThan(20);
    const scans: string[] = [];
    for (const sql of ran) {
      if (/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b/i.test(sql)) continue;
      // The plan does not depend on the values: every parameter bound to null.
      const bare = sql.replace(/'[^']*'/g, "''");
      const named = Object.fromEntries([...bare.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => [m[1]!, null]));
      const positional = Array<null>((bare.match(/\?/g) ?? []).length).fill(null);
      const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = Object.keys(named).length > 0 ? explain.all(...positional, named) : explain.all(...positional);
      const plan = (rows as { detail: string }[]).map((r) => r.detail);
      // Allowed, as none grows with traffic: the directory's active head count (the send's cost
      // check, cached), a group tree walked by a recursive CTE, and the outbox's partial index of
      // what is queued now.
      const bad = plan.filter(
        (d) => /^SCAN /.test(d) && !/VIRTUAL TABLE|CONSTANT ROW|^SCAN contacts$|^SCAN sub$|^SCAN messages USING INDEX messages_outbox$/.test(d),
      );
      if (bad.length > 0) scans.push(`${sql.replace(/\s+/g, ' ').trim()}  →  ${bad.join('; ')}`);
    }
    expect(scans).toEqual([]);
  });

  it('reach what depends on a deleted contact, group or broadcast through an index (an import undone deletes thousands)', async () => {
    s = await dispatchStation();
    const { db } = s.station.core.store;
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail);
    const contact = plan('DELETE FROM contacts WHERE id = ?');
    expect(contact).toContain('SEARCH answers USING INDEX answers_contact (contact_id=?)');
    // Every table that points at a contact (answers, calls, the duty log, MTS lists…), by index.
    expect(contact.filter((d) => /^SCAN /.test(d))).toEqual([]);
    // A group's subgroups are few (groups is the directory, not traffic); the duty log is not.
    expect(plan('DELETE FROM groups WHERE id = ?').filter((d) => /^SCAN /.test(d) && d !== 'SCAN groups')).toEqual([]);
    const broadcast = plan('DELETE FROM broadcasts WHERE id = ?');
    expect(broadcast).toContain('SEARCH escalation_steps USING INDEX escalation_steps_broadcast (broadcast_id=?)');
    expect(broadcast.filter((d) => /^SCAN /.test(d))).toEqual([]);
  });
});
