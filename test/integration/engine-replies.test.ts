// Issue 13, tried as a dispatcher would on the simulator: replies are counted where they belong
// (cases 1–3), tallies travel as changes (case 4), rights hold at every step (cases 7–8), and a
// dispatcher can move a reply to another broadcast in one audited step. Each test says what was
// sent, what came back, and what the board must show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView, TallyChange } from '../../shared/protocol/index.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { dispatchStation, PEOPLE, until, type DispatchStation, storedReply } from '../tools/dispatch-station.js';

const MIN = 60_000;
let s: DispatchStation;
beforeEach(async () => {
  s = await dispatchStation();
});
afterEach(async () => {
  await s.stop();
});

/** The stored reply from this phone with this text, as the feed shows it. */
const reply = (phone: string, text: string) => storedReply(s.station, phone, text);

/** Sent, and delivered to every recipient (what a phone got last is what it answers). */
async function delivered(broadcastId: number) {
  await s.drained(broadcastId);
  const { broadcasts } = s.station.core.store;
  await until(() => broadcasts.counts(broadcastId).delivered === broadcasts.summary(broadcastId)!.total, 5_000, `broadcast ${broadcastId} delivered`);
}

const settle = () => new Promise((r) => setTimeout(r, 100));

describe('case 1: a poll no longer steals an acknowledgement', () => {
  it('counts "1" for the plain alert the phone got last, and leaves the older open poll silent for him', async () => {
    // A poll with options 1/2/3 is still open…
    const poll = await s.admin.request('send', {
      text: 'Учения в субботу: 1 - приеду, 2 - опоздаю, 3 - не приеду',
      kind: 'poll',
      options: ['Приеду', 'Опоздаю', 'Не приеду'],
      groups: [s.groups.north],
    });
    await delivered(poll.broadcastId!);
    // …then a plain alert goes to the crew, ending "ответьте 1".
    const alert = await s.admin.request('send', { text: 'Авария на ПС-6, выезжайте, ответьте 1', groups: [s.groups.north] });
    await delivered(alert.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.petrov.phone, '1');

    expect(reply(PEOPLE.petrov.phone, '1')).toMatchObject({ broadcastId: alert.broadcastId, matchedBy: 'question' });
    expect(s.station.core.store.broadcasts.counts(alert.broadcastId!).replied).toBe(1);
    const tally = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(tally.answers).toEqual([]);
    expect(tally.silent.map((p) => p.name)).toEqual(['Иванов', 'Петров', 'Сидорова']);
    // The feed row says which broadcast the reply went to.
    const pushed = await s.admin.waitFor('message.created', (m: MessageView) => m.direction === 'in' && m.text === '1');
    expect(pushed.broadcastId).toBe(alert.broadcastId);
  });
});

describe('case 2: escalation no longer pollutes the original', () => {
  it('counts a supervisor’s "1" on the escalation step, shows it on the alert as answered by escalation, and stops the chain', async () => {
    const alert = await s.admin.request('send', {
      text: 'Резерв: авария на ПС-12, ответьте 1',
      kind: 'confirm',
      groups: [s.groups.north],
      confirm: { afterMinutes: 10, resends: 0, escalateTo: [s.groups.chiefs, s.groups.south] },
    });
    await delivered(alert.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'Принял');
    s.clock.advance(10 * MIN);
    await settle();
    const step = s.station.core.store.db.prepare(`SELECT id FROM broadcasts WHERE parent_id = ? AND follow_up = 'escalation'`).pluck().get(alert.broadcastId) as number;
    await delivered(step);
    await s.sim.receiveFrom(PEOPLE.chief.phone, '1');

    expect(reply(PEOPLE.chief.phone, '1').broadcastId).toBe(step);
    const original = await s.admin.request('broadcast.tally', { broadcastId: alert.broadcastId! });
    // Not one of its recipients: 1 confirmed (Иванов), 2 silent, out of 3.
    expect(original.answers.map((a) => a.name)).toEqual(['Иванов']);
    expect(original.silent.map((p) => p.name)).toEqual(['Петров', 'Сидорова']);
    expect(original.options[0]!.count).toBe(1);
    expect(original.byEscalation).toEqual([expect.objectContaining({ broadcastId: step, name: 'Главный', option: 1 })]);
    // Someone took it: the chain stops before the southern district.
    expect(original.escalation?.state).toBe('done');
    expect(original.steps?.map((x) => x.action)).toEqual(['escalated', 'taken']);
    s.clock.advance(30 * MIN);
    await settle();
    expect(s.station.core.store.db.prepare('SELECT count(*) FROM broadcasts WHERE parent_id = ?').pluck().get(alert.broadcastId)).toBe(1);
    const own = await s.admin.request('broadcast.tally', { broadcastId: step });
    expect(own).toMatchObject({ escalates: alert.broadcastId, options: [expect.objectContaining({ count: 1 })] });
    const change = await s.admin.waitFor('tally.changed', (c: TallyChange) => c.broadcastId === alert.broadcastId && c.byEscalation !== undefined);
    expect(change.counts).toMatchObject({ answered: 1, silent: 2 });
    const taken = await s.admin.request('audit.list', { action: 'confirm.taken' });
    expect(taken.entries[0]!.detail).toMatchObject({ by: PEOPLE.chief.phone });
  });
});

describe('case 3: an answer outside the options is kept', () => {
  it('keeps "3" to a two-option poll as its free-text answer, counted as other, and tells the desks', async () => {
    const poll = await s.admin.request('send', { text: 'Выйдете в субботу? 1 - да, 2 - нет', kind: 'poll', options: ['Да', 'Нет'], groups: [s.groups.north] });
    await delivered(poll.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.sidorova.phone, '3');
    const tally = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(tally.options.map((o) => o.count)).toEqual([0, 0]);
    expect(tally.other).toBe(1);
    expect(tally.answers).toEqual([expect.objectContaining({ name: 'Сидорова', option: 0, text: '3' })]);
    expect(tally.silent.map((p) => p.name)).toEqual(['Иванов', 'Петров']);
    const change = await s.admin.waitFor('tally.changed', (c: TallyChange) => c.answer?.phone === PEOPLE.sidorova.phone);
    expect(change.counts).toEqual({ options: [0, 0], other: 1, answered: 1, silent: 2 });
    // A later answer that fits is a change of mind; free text after it does not undo it.
    await s.sim.receiveFrom(PEOPLE.sidorova.phone, '2');
    await s.sim.receiveFrom(PEOPLE.sidorova.phone, 'извините, ошиблась');
    const after = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(after.answers).toEqual([expect.objectContaining({ option: 2, previous: 0, text: '2' })]);
    expect(after.other).toBe(0);
  });
});

describe('case 4: one open confirmation does not make every reply carry the whole tally', () => {
  it('pushes each reply as a change of a few hundred bytes to every desk, however many recipients', async () => {
    const { store } = s.station.core;
    const big = store.groups.create('Резерв 300');
    const insert = store.db.prepare(`INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`);
    store.db.transaction(() => {
      for (let i = 0; i < 300; i++) store.groups.addMember(big, (insert.get(`Сотрудник ${i}`, `+7917${String(i).padStart(7, '0')}`) as { id: number }).id);
    })();
    const alert = await s.admin.request('send', { text: 'Сбор резерва, ответьте 1', kind: 'confirm', groups: [big] });
    await s.drained(alert.broadcastId!, 30_000);
    const second = await ControlRoomClient.login(s.station.url, 'admin', s.station.initialAdminPassword!);
    try {
      const before = s.admin.events.length;
      for (let i = 0; i < 50; i++) await s.sim.receiveFrom(`+7917${String(i).padStart(7, '0')}`, '1');
      const heard = (c: ControlRoomClient, from = 0) => c.events.slice(from).filter((e) => e.event === 'tally.changed').length;
      await until(() => heard(second) >= 50 && heard(s.admin, before) >= 50, 10_000, '50 tally changes on both desks');
      const changes = s.admin.events.slice(before).filter((e) => e.event === 'tally.changed');
      const sizes = changes.map((e) => JSON.stringify(e.data).length);
      expect(changes).toHaveLength(50);
      expect(Math.max(...sizes)).toBeLessThan(1_000);
      expect(changes.at(-1)!.data.counts).toEqual({ options: [50], other: 0, answered: 50, silent: 250 });
      // Nothing pushed carries the silent list or every answer.
      expect(s.admin.events.slice(before).every((e) => !('silent' in (e.data as object)) || e.event === 'confirm.alert')).toBe(true);
      // What arrived was stored exactly once each, and each was acknowledged to the carrier.
      expect(store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'in'`).pluck().get()).toBe(50);
    } finally {
      second.close();
    }
  });

  it('finds what a reply answers through the phone’s own SMS and counter rows (query plans)', () => {
    const { db } = s.station.core.store;
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    const candidates = plan(
      `SELECT m.id FROM messages m JOIN broadcasts b ON b.id = m.broadcast_id LEFT JOIN broadcasts r ON r.id = b.parent_id
       WHERE m.phone = '+7' AND m.direction = 'out' AND m.created_at >= 0 AND m.status IN ('sending', 'sent', 'delivered', 'failed')
       ORDER BY m.created_at DESC, m.id DESC LIMIT 20`,
    );
    expect(candidates).toMatch(/SEARCH m USING INDEX messages_phone_time \(phone=\? AND created_at>\?\)/);
    expect(candidates).not.toMatch(/SCAN/);
    expect(plan(`SELECT 1 FROM messages a WHERE a.reply_to = 5 AND a.direction = 'in'`)).toMatch(/USING INDEX messages_reply_to/);
    expect(plan(`SELECT option, n, recipients FROM answer_counts WHERE question_id = 5`)).toMatch(/SEARCH answer_counts USING PRIMARY KEY/);
    expect(plan(`SELECT 1 FROM messages WHERE broadcast_id = 5 AND phone = '+7' AND direction = 'out'`)).toMatch(/messages_one_per_recipient/);
  });
});

describe('a tally is read within the reader’s scope', () => {
  it('gives a dispatcher limited to the north the tally of a broadcast that reaches their people, and not one that reaches none of them', async () => {
    const south = await s.admin.request('send', { text: 'Юг: сбор, ответьте 1', kind: 'confirm', groups: [s.groups.south] });
    const north = await s.admin.request('send', { text: 'Север: сбор, ответьте 1', kind: 'confirm', groups: [s.groups.north] });
    const disp = await s.login('disp');
    expect((await disp.request('broadcast.tally', { broadcastId: north.broadcastId! })).silent.map((p) => p.name)).toEqual(['Иванов', 'Петров', 'Сидорова']);
    await expect(disp.request('broadcast.tally', { broadcastId: south.broadcastId! })).rejects.toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining(String(south.broadcastId)) },
    });
    // Closing what they cannot see is refused the same way, before any right is weighed.
    await expect(disp.request('broadcast.close', { broadcastId: south.broadcastId! })).rejects.toMatchObject({ error: { code: 'not_found' } });
    expect((await s.admin.request('broadcast.tally', { broadcastId: south.broadcastId! })).closed).toBe(false);
  });
});

describe('case 7: closing or cancelling is for the author, an administrator, or the right to manage others’ broadcasts', () => {
  it('refuses a dispatcher closing or cancelling an administrator’s confirmation, in words, audited; lets the author and a manager', async () => {
    const alert = await s.admin.request('send', { text: 'Авария, ответьте 1', kind: 'confirm', groups: [s.groups.north], confirm: { afterMinutes: 10, resends: 1, escalateTo: [] } });
    const disp = await s.login('disp');
    const ru = await ControlRoomClient.login(s.station.url, 'disp', 'disp-password', 'ru');
    try {
      await expect(disp.request('broadcast.close', { broadcastId: alert.broadcastId! })).rejects.toMatchObject({
        error: { code: 'forbidden', message: expect.stringMatching(/Only its author, an administrator or a dispatcher allowed to manage/) },
      });
      await expect(ru.request('broadcast.cancel', { broadcastId: alert.broadcastId! })).rejects.toMatchObject({
        error: { code: 'forbidden', message: expect.stringMatching(/^Отменить эту рассылку может только её автор/) },
      });
      const tally = await s.admin.request('broadcast.tally', { broadcastId: alert.broadcastId! });
      expect(tally).toMatchObject({ closed: false, escalation: { state: 'open' } });
      const refused = await s.admin.request('audit.list', { action: 'close.refused' });
      expect(refused.entries[0]).toMatchObject({ actor: 'disp', target: `broadcast:${alert.broadcastId}` });
      expect((await s.admin.request('audit.list', { action: 'cancel.refused' })).entries).toHaveLength(1);

      // The dispatcher's own confirmation is theirs to close.
      const own = await disp.request('send', { text: 'Свой опрос', kind: 'poll', options: ['Да', 'Нет'], groups: [s.groups.north] });
      expect((await disp.request('broadcast.close', { broadcastId: own.broadcastId! })).closed).toBe(true);

      // Given the right to manage others' broadcasts, the shift can close the administrator's alert.
      const userId = s.station.core.store.users.byLogin('disp')!.id;
      await s.admin.request('rights.set', { userId, rights: [{ scope: 'group', targetId: s.groups.north }, { scope: 'manage', targetId: null }] });
      const closed = await disp.request('broadcast.close', { broadcastId: alert.broadcastId! });
      expect(closed).toMatchObject({ closed: true, escalation: { state: 'cancelled' } });
    } finally {
      ru.close();
    }
  });
});

describe('case 8: each escalation step checks the author’s rights when it sends', () => {
  it('alerts only whom the author may reach in a group filled after the alert went out, and shows the refusal on the board', async () => {
    const { store } = s.station.core;
    // Empty when the alert is sent, so the chain accepts it…
    const reserve = store.groups.create('Резерв');
    const disp = await s.login('disp');
    const alert = await disp.request('send', {
      text: 'Авария на ПС-3, ответьте 1',
      kind: 'confirm',
      groups: [s.groups.north],
      confirm: { afterMinutes: 10, resends: 0, escalateTo: [reserve] },
    });
    expect(alert.refused).toEqual([]);
    await s.drained(alert.broadcastId!);
    // …then filled: Фёдоров is in the southern district, beyond the dispatcher's rights; Иванов is not.
    store.groups.addMember(reserve, s.contacts.fedorov);
    store.groups.addMember(reserve, s.contacts.ivanov);
    s.clock.advance(10 * MIN);
    await settle();

    const step = store.db.prepare(`SELECT id, author_id FROM broadcasts WHERE parent_id = ?`).get(alert.broadcastId) as { id: number; author_id: number };
    expect(step.author_id).toBe(store.users.byLogin('disp')!.id); // sent as the author, not as the system
    expect(store.db.prepare(`SELECT phone FROM messages WHERE broadcast_id = ?`).pluck().all(step.id)).toEqual([PEOPLE.ivanov.phone]);
    const ru = await ControlRoomClient.login(s.station.url, 'admin', s.station.initialAdminPassword!, 'ru');
    try {
      const tally = await ru.request('broadcast.tally', { broadcastId: alert.broadcastId! });
      expect(tally.steps).toEqual([
        expect.objectContaining({
          action: 'escalated',
          group: { id: reserve, name: 'Резерв' },
          reached: 1,
          refused: [{ kind: 'contact', target: `Фёдоров (${PEOPLE.fedorov.phone})`, reason: expect.stringMatching(/^У автора тревоги \(disp\) нет права писать этому сотруднику/) }],
        }),
      ]);
    } finally {
      ru.close();
    }
    // The author reads the same step without Фёдоров's name or number: he is outside their rights (docs/security.md).
    const own = await disp.request('broadcast.tally', { broadcastId: alert.broadcastId! });
    expect(own.steps![0]!.refused).toEqual([{ kind: 'contact', target: 'a recipient outside your rights', reason: expect.stringMatching(/^The alert's author \(disp\) may not send/) }]);
    expect(JSON.stringify(own)).not.toContain('Фёдоров');
    const pushed = await s.admin.waitFor('confirm.alert', (a: { action: string }) => a.action === 'escalated');
    expect(pushed).toMatchObject({ refused: 1, group: { name: 'Резерв' } });
    const audit = await s.admin.request('audit.list', { action: 'send.refused' });
    expect(audit.entries[0]).toMatchObject({ actor: 'disp' });
  });

  it('alerts nobody when the author was disabled since, and says why', async () => {
    const { store } = s.station.core;
    const disp = await s.login('disp');
    const alert = await disp.request('send', { text: 'Авария, ответьте 1', kind: 'confirm', groups: [s.groups.north], confirm: { afterMinutes: 10, resends: 1, escalateTo: [] } });
    await s.drained(alert.broadcastId!);
    store.db.prepare(`UPDATE users SET disabled = 1 WHERE login = 'disp'`).run();
    s.clock.advance(10 * MIN);
    await settle();
    const tally = await s.admin.request('broadcast.tally', { broadcastId: alert.broadcastId! });
    expect(tally.steps?.[0]).toMatchObject({ action: 'refused', reached: 0 });
    expect(tally.steps?.[0]!.refused[0]!.reason).toMatch(/author \(disp\) is disabled/);
    expect(store.db.prepare('SELECT count(*) FROM broadcasts WHERE parent_id = ?').pluck().get(alert.broadcastId)).toBe(0);
  });
});

describe('an escalation alert on the board, to a reader limited to some of its people', () => {
  it('names the dispatcher\'s people among the silent, and counts the others without name or number (issue 14 case 10)', async () => {
    const disp = await s.login('disp');
    const alert = await s.admin.request('send', { text: 'Авария, ответьте 1', kind: 'confirm', groups: [s.groups.north, s.groups.south], confirm: { afterMinutes: 10, resends: 1, escalateTo: [] } });
    await s.drained(alert.broadcastId!);
    s.clock.advance(10 * MIN);
    const own = await s.admin.waitFor('confirm.alert', (a: { broadcastId: number }) => a.broadcastId === alert.broadcastId);
    const seen = await disp.waitFor('confirm.alert', (a: { broadcastId: number }) => a.broadcastId === alert.broadcastId);
    expect(own.silent.map((p: { name: string }) => p.name).sort()).toEqual(['Иванов', 'Орлова', 'Петров', 'Сидорова', 'Фёдоров']);
    expect(seen.silent).toHaveLength(5);
    expect(seen.silent.map((p: { name: string }) => p.name).sort()).toEqual(['a recipient outside your rights', 'a recipient outside your rights', 'Иванов', 'Петров', 'Сидорова']);
    expect(JSON.stringify(seen)).not.toMatch(/Фёдоров|Орлова|9160000004|9160000005/);
  });
});

describe('moving a reply', () => {
  it('moves a reply to another broadcast in one step: counted there, out of where it was, audited; refused to a viewer', async () => {
    const poll = await s.admin.request('send', { text: 'Выйдете в ночь? 1 - да, 2 - нет', kind: 'poll', options: ['Да', 'Нет'], groups: [s.groups.north] });
    await delivered(poll.broadcastId!);
    const alert = await s.admin.request('send', { text: 'Авария, ответьте 1', kind: 'confirm', groups: [s.groups.north] });
    await delivered(alert.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
    const r = reply(PEOPLE.ivanov.phone, '1');
    expect(r.broadcastId).toBe(alert.broadcastId);
    expect((await s.admin.request('broadcast.tally', { broadcastId: alert.broadcastId! })).options[0]!.count).toBe(1);

    const view = await s.login('view');
    await expect(view.request('reply.move', { messageId: r.id, broadcastId: poll.broadcastId! })).rejects.toMatchObject({ error: { code: 'forbidden' } });

    const disp = await s.login('disp');
    const moved = await disp.request('reply.move', { messageId: r.id, broadcastId: poll.broadcastId! });
    expect(moved.broadcastId).toBe(poll.broadcastId);
    const onPoll = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(onPoll.answers).toEqual([expect.objectContaining({ name: 'Иванов', option: 1, messageId: r.id })]);
    const onAlert = await s.admin.request('broadcast.tally', { broadcastId: alert.broadcastId! });
    expect(onAlert.answers).toEqual([]);
    expect(onAlert.silent.map((p) => p.name)).toEqual(['Иванов', 'Петров', 'Сидорова']);
    const removed = await s.admin.waitFor('tally.changed', (c: TallyChange) => c.broadcastId === alert.broadcastId && c.removed !== undefined);
    expect(removed.removed).toEqual({ phone: PEOPLE.ivanov.phone, silent: expect.objectContaining({ name: 'Иванов' }) });
    expect(s.station.core.store.broadcasts.counts(alert.broadcastId!).replied).toBe(0);
    expect(s.station.core.store.broadcasts.counts(poll.broadcastId!).replied).toBe(1);
    const audit = await s.admin.request('audit.list', { action: 'reply.move' });
    expect(audit.entries[0]).toMatchObject({ actor: 'disp', detail: { from: alert.broadcastId, to: poll.broadcastId } });
    const pushed = await s.admin.waitFor('message.updated', (m: MessageView) => m.id === r.id && m.broadcastId === poll.broadcastId);
    expect(pushed.direction).toBe('in');
  });

  it('moves only what the dispatcher may see: a reply from outside their people, or into a broadcast they do not see, is not there to them', async () => {
    // The administrator alerts the southern district; Фёдоров answers. The dispatcher sees the north only.
    const south = await s.admin.request('send', { text: 'Юг: авария, ответьте 1', kind: 'confirm', groups: [s.groups.south] });
    await delivered(south.broadcastId!);
    const north = await s.admin.request('send', { text: 'Север: авария, ответьте 1', kind: 'confirm', groups: [s.groups.north] });
    await delivered(north.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.fedorov.phone, '1');
    await s.sim.receiveFrom(PEOPLE.petrov.phone, '1');
    const fedorov = reply(PEOPLE.fedorov.phone, '1');
    const petrov = reply(PEOPLE.petrov.phone, '1');
    expect([fedorov.broadcastId, petrov.broadcastId]).toEqual([south.broadcastId, north.broadcastId]);

    const disp = await s.login('disp');
    await expect(disp.request('reply.move', { messageId: fedorov.id, broadcastId: north.broadcastId! })).rejects.toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining(String(fedorov.id)) },
    });
    await expect(disp.request('reply.move', { messageId: petrov.id, broadcastId: south.broadcastId! })).rejects.toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining(String(south.broadcastId)) },
    });
    // Nothing moved, nothing audited as moved.
    expect(reply(PEOPLE.fedorov.phone, '1').broadcastId).toBe(south.broadcastId);
    expect(reply(PEOPLE.petrov.phone, '1').broadcastId).toBe(north.broadcastId);
    expect((await s.admin.request('audit.list', { action: 'reply.move' })).entries).toEqual([]);
    // Out of a broadcast they see to none at all is theirs to do.
    const none = await disp.request('reply.move', { messageId: petrov.id, broadcastId: null });
    expect(none.broadcastId).toBeNull();
    expect(s.station.core.store.broadcasts.counts(north.broadcastId!).replied).toBe(0);
  });
});
