// Group commit (dispatch/send-group.ts): the sends of one event-loop turn share one commit, each
// with its own outcome, none told "sent" (nor handed to the outbox) before that commit is on disk.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import type { DispatchRequest, DispatchResult } from '../../main/station/dispatch/dispatch.js';
import { StationError } from '../../main/station/errors.js';
import { indexBeforeSearch } from '../../main/station/history/fts-indexer.js';
import { dispatchStation, PEOPLE, until, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation | null = null;
afterEach(async () => {
  await s?.stop();
  s = null;
});

const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };
const plain = (phones: string[], text: string): DispatchRequest => ({ phones, groups: [], tags: [], contacts: [], text, kind: 'plain', source: 'http' });
const settle = (p: Promise<DispatchResult>) => p.then((ok) => ({ ok }), (err: unknown) => ({ err }));

describe('sends of one turn committed together', () => {
  it('each keeps its own outcome (sent, refused, error), rights checked per send, and the outbox hears of them only after the one commit', async () => {
    s = await dispatchStation();
    const { core } = s.station;
    const disp = core.store.users.byLogin('disp')!;
    const dispatcher = { userId: disp.id, name: 'disp', role: 'dispatcher' as const };
    // A second connection sees only what is committed.
    const outside = new Database(join(s.dir, 'switchboard.db'), { readonly: true });
    const countOutside = outside.prepare(`SELECT count(*) FROM messages WHERE direction = 'out' AND text LIKE 'Группа %'`).pluck();
    const hooks = (core.dispatcher as unknown as { hooks: { committed: (id: number, ids: number[]) => void } }).hooks;
    const original = hooks.committed;
    const seenAtHook: { inTransaction: boolean; committed: number }[] = [];
    hooks.committed = (id, ids) => {
      seenAtHook.push({ inTransaction: core.store.db.inTransaction, committed: countOutside.get() as number });
      original(id, ids);
    };
    try {
      const outcomes = await Promise.all([
        settle(core.dispatcher.sendTogether(ADMIN, plain([PEOPLE.ivanov.phone], 'Группа 1'))),
        // Too long for ten SMS: this one's own error, the others go on.
        settle(core.dispatcher.sendTogether(ADMIN, plain([PEOPLE.petrov.phone], `Группа ${'я'.repeat(2_000)}`))),
        // A dispatcher may not send to a raw number outside their district: refused, audited.
        settle(core.dispatcher.sendTogether(dispatcher, plain([PEOPLE.fedorov.phone], 'Группа 3'))),
        settle(core.dispatcher.sendTogether(dispatcher, plain([PEOPLE.sidorova.phone], 'Группа 4'))),
      ]);
      const [first, tooLong, refused, fourth] = outcomes as [{ ok: DispatchResult }, { err: unknown }, { ok: DispatchResult }, { ok: DispatchResult }];
      expect(first.ok.broadcastId).toBeGreaterThan(0);
      expect(tooLong.err).toBeInstanceOf(StationError);
      expect((tooLong.err as StationError).code).toBe('too_large');
      expect(refused.ok.broadcastId).toBeNull();
      expect(refused.ok.refused).toHaveLength(1);
      expect(fourth.ok.broadcastId).toBeGreaterThan(first.ok.broadcastId!);
      // Two broadcasts, committed together before either hook ran.
      expect(seenAtHook).toEqual([
        { inTransaction: false, committed: 2 },
        { inTransaction: false, committed: 2 },
      ]);
      const actions = core.store.audit.recent(20).map((e) => `${e.actor} ${e.action}`);
      expect(actions.filter((a) => a.endsWith(' send'))).toEqual(['disp send', 'admin send']);
      expect(actions).toContain('disp send.refused');
      await s.drained(first.ok.broadcastId!);
      await s.drained(fourth.ok.broadcastId!);
      expect(core.store.db.prepare(`SELECT phone FROM messages WHERE direction = 'out' AND text LIKE 'Группа %' ORDER BY id`).pluck().all()).toEqual([
        PEOPLE.ivanov.phone,
        PEOPLE.sidorova.phone,
      ]);
    } finally {
      hooks.committed = original;
      outside.close();
    }
  });

  it('a group whose commit fails fails every send it held: nothing stored, nothing handed to the outbox, each caller told', async () => {
    s = await dispatchStation();
    const { core } = s.station;
    const db = core.store.db;
    const send = core.dispatcher.send.bind(core.dispatcher);
    let woken = 0;
    const hooks = (core.dispatcher as unknown as { hooks: { committed: (id: number, ids: number[]) => void } }).hooks;
    const original = hooks.committed;
    hooks.committed = (id, ids) => {
      woken++;
      original(id, ids);
    };
    // The second send leaves a row whose foreign key only the COMMIT checks: the commit fails.
    core.dispatcher.send = (actor, req) => {
      const r = send(actor, req);
      if (req.text === 'Сбой 2') {
        db.pragma('defer_foreign_keys = ON');
        db.prepare('INSERT INTO broadcast_tags (broadcast_id, tag_id) VALUES (?, ?)').run(r.broadcastId, 999_999);
      }
      return r;
    };
    try {
      const before = db.prepare('SELECT count(*) FROM broadcasts').pluck().get() as number;
      const outcomes = await Promise.all(
        [PEOPLE.ivanov.phone, PEOPLE.petrov.phone, PEOPLE.sidorova.phone].map((phone, i) =>
          settle(core.dispatcher.sendTogether(ADMIN, plain([phone], `Сбой ${i + 1}`))),
        ),
      );
      expect(outcomes.every((o) => 'err' in o)).toBe(true);
      expect(db.inTransaction).toBe(false);
      expect(db.prepare('SELECT count(*) FROM broadcasts').pluck().get()).toBe(before);
      expect(db.prepare(`SELECT count(*) FROM messages WHERE text LIKE 'Сбой %'`).pluck().get()).toBe(0);
      expect(woken).toBe(0);
    } finally {
      core.dispatcher.send = send;
      hooks.committed = original;
    }
    // The next turn's sends are their own group, and go.
    const again = await core.dispatcher.sendTogether(ADMIN, plain([PEOPLE.ivanov.phone], 'После сбоя'));
    await s.drained(again.broadcastId!);
  });

  it('sends that fail half-written are rolled back alone, in their own savepoint, when the group is tried again', async () => {
    s = await dispatchStation();
    const { core } = s.station;
    const db = core.store.db;
    const broadcasts = core.store.broadcasts;
    const create = broadcasts.create.bind(broadcasts);
    // Fails after its broadcast and messages are written, inside the send's own transaction.
    broadcasts.create = (b, now) => {
      const r = create(b, now);
      if (b.text.startsWith('Ломается')) throw new Error(`half-written ${b.text}`);
      return r;
    };
    try {
      const outcomes = await Promise.all(
        ['Ломается 1', 'Идёт 2', 'Ломается 3', 'Идёт 4'].map((text, i) => settle(core.dispatcher.sendTogether(ADMIN, plain([`+7916000010${i}`], text)))),
      );
      expect(outcomes.map((o) => ('ok' in o ? 'ok' : (o.err as Error).message))).toEqual(['half-written Ломается 1', 'ok', 'half-written Ломается 3', 'ok']);
      expect(db.prepare(`SELECT text FROM broadcasts WHERE text LIKE 'Ломается%' OR text LIKE 'Идёт%' ORDER BY id`).pluck().all()).toEqual(['Идёт 2', 'Идёт 4']);
      expect(db.prepare(`SELECT count(*) FROM messages WHERE text LIKE 'Ломается%'`).pluck().get()).toBe(0);
      // The rolled-back ones left nothing waiting for the full-text index (noted by trigger in
      // the group's transaction); once it is caught up it holds the sent ones.
      expect(db.prepare('SELECT count(*) FROM fts_pending WHERE id NOT IN (SELECT id FROM messages)').pluck().get()).toBe(0);
      indexBeforeSearch(db);
      expect(db.prepare(`SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'идет'`).pluck().get()).toBe(2);
      for (const o of outcomes) if ('ok' in o) await s.drained(o.ok.broadcastId!);
    } finally {
      broadcasts.create = create;
    }
  });

  it('REST sends in flight together each get their own answer, and every 202 is in the store', async () => {
    s = await dispatchStation();
    const { core } = s.station;
    const key = new ApiKeyRepository(core.store.db).create('admin', 'monitoring').key;
    const post = (body: unknown) =>
      fetch(`${s!.station.url}/api/v1/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { broadcastId?: number; messages?: { id: number; phone: string }[] } }));
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post(i % 6 === 5 ? { to: PEOPLE.ivanov.phone, text: '' } : { to: `+7916${String(1_000_000 + i).padStart(7, '0')}`, text: `Сервер ${i} #мониторинг` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 24 }, (_, i) => (i % 6 === 5 ? 400 : 202)));
    for (const a of answers.filter((x) => x.status === 202)) {
      const stored = core.store.db.prepare('SELECT id, phone FROM messages WHERE broadcast_id = ?').all(a.body.broadcastId);
      expect(stored).toEqual(a.body.messages!.map((m) => ({ id: m.id, phone: m.phone })));
    }
    // One api.call line per call, whatever its answer.
    await new Promise((r) => setImmediate(r));
    expect(core.store.audit.recent(200, 'api.call')).toHaveLength(24);
  });

  it('the outbox and the queued audit lines ride in the group commit: new sends are claimed in the commit that stores them', async () => {
    s = await dispatchStation();
    const { core } = s.station;
    const outside = new Database(join(s.dir, 'switchboard.db'), { readonly: true });
    const statusOutside = outside.prepare(`SELECT status FROM messages WHERE broadcast_id = ? AND direction = 'out'`).pluck();
    const auditOutside = outside.prepare(`SELECT count(*) FROM audit WHERE action = 'test.soon'`).pluck();
    const hooks = (core.dispatcher as unknown as { hooks: { committed: (id: number, ids: number[]) => void } }).hooks;
    const original = hooks.committed;
    const atHook: { status: unknown[]; audit: unknown }[] = [];
    hooks.committed = (id, ids) => {
      // Right after the commit, before anything else could write: what that one commit held.
      atHook.push({ status: statusOutside.all(id), audit: auditOutside.get() });
      original(id, ids);
    };
    try {
      // A line queued the turn before, waiting for its end-of-turn flush.
      core.store.audit.recordSoon({ userId: null, name: 'test' }, 'test.soon');
      const sent = await Promise.all([1, 2, 3].map((i) => core.dispatcher.sendTogether(ADMIN, plain([`+791600002${i}0`], `Попутно ${i}`))));
      expect(atHook).toHaveLength(3);
      for (const h of atHook) expect(h).toEqual({ status: ['sending'], audit: 1 });
      for (const r of sent) await s.drained(r.broadcastId!);
    } finally {
      hooks.committed = original;
      outside.close();
    }
  });

  it('a rider that fails is rolled back alone: the sends commit, the outbox and the audit lines write again by themselves', async () => {
    s = await dispatchStation();
    const { core } = s.station;
    const db = core.store.db;
    db.exec('CREATE TABLE rider_probe (n INTEGER)');
    let breaking = true;
    const told: string[] = [];
    core.dispatcher.rideAlong(() =>
      breaking
        ? {
            write: () => {
              db.prepare('INSERT INTO rider_probe (n) VALUES (1)').run();
              throw new Error('rider broke');
            },
            committed: () => told.push('committed'),
            rolledBack: () => told.push('rolled back'),
          }
        : null,
    );
    core.store.audit.recordSoon({ userId: null, name: 'test' }, 'test.soon');
    const sent = await Promise.all([1, 2].map((i) => core.dispatcher.sendTogether(ADMIN, plain([`+791600003${i}0`], `Несмотря ${i}`))));
    breaking = false;
    expect(sent.every((r) => r.broadcastId !== null)).toBe(true);
    expect(told).toEqual(['rolled back']);
    // Its half-write went with its savepoint; the sends did not.
    expect(db.prepare('SELECT count(*) FROM rider_probe').pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM messages WHERE text LIKE 'Несмотря %'`).pluck().get()).toBe(2);
    // The outbox's turn and the audit line, rolled back with it, are written by themselves later.
    for (const r of sent) await s.drained(r.broadcastId!);
    await until(() => core.store.audit.recent(50, 'test.soon').length === 1, 5_000, 'the queued audit line');
  });
});

