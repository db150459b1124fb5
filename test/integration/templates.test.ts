// Compose templates kept by the station, and `{name}` rendered for each recipient by the
// dispatcher: each message's own text and SMS count, the preview's range, the bill's total.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countSegments } from '../../shared/sms/segments.js';
import { RequestFailed } from '../tools/control-room-client.js';
import { dispatchStation, PEOPLE, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation;
beforeEach(async () => {
  s = await dispatchStation();
});
afterEach(async () => {
  await s.stop();
});

function auditActions(prefix: string): string[] {
  return s.station.core.store.db.prepare(`SELECT action FROM audit WHERE action LIKE ? ORDER BY id`).pluck().all(`${prefix}%`) as string[];
}

function outgoing(broadcastId: number) {
  return s.station.core.store.db
    .prepare(`SELECT phone, text, segments FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY phone`)
    .all(broadcastId) as { phone: string; text: string; segments: number }[];
}

describe('templates', () => {
  it('saves, lists alphabetically, renames and deletes templates, auditing each change', async () => {
    const disp = await s.login('disp');
    let list = await disp.request('templates.save', { name: 'Отключение', text: '{name}, отключение на {order}. Ответьте 1.', kind: 'confirm' });
    list = await disp.request('templates.save', { name: 'Выезд', text: 'Заявка {order}: выезд', kind: 'order' });
    expect(list.templates.map((t) => t.name)).toEqual(['Выезд', 'Отключение']);
    const outage = list.templates.find((t) => t.name === 'Отключение')!;
    expect(outage).toMatchObject({ text: '{name}, отключение на {order}. Ответьте 1.', kind: 'confirm', options: null });

    list = await disp.request('templates.save', { id: outage.id, name: 'Авария', text: 'Авария, {name}', kind: 'plain' });
    expect(list.templates.map((t) => t.name)).toEqual(['Авария', 'Выезд']);
    // An administrator sees a dispatcher's own templates too (to tidy them up).
    expect((await s.admin.request('templates.list', {})).templates.map((t) => t.name)).toEqual(['Авария', 'Выезд']);

    list = await disp.request('templates.delete', { id: outage.id });
    expect(list.templates.map((t) => t.name)).toEqual(['Выезд']);
    expect(auditActions('template.')).toEqual(['template.create', 'template.create', 'template.update', 'template.delete']);
  });

  it('keeps a poll template’s options and refuses one with fewer than two', async () => {
    const list = await s.admin.request('templates.save', { name: 'Учения', text: 'Учения в субботу', kind: 'poll', options: ['Приеду', 'Не приеду'] });
    expect(list.templates[0]!.options).toEqual(['Приеду', 'Не приеду']);
    await expect(s.admin.request('templates.save', { name: 'Пусто', text: 'x', kind: 'poll', options: ['Одна'] })).rejects.toMatchObject({
      error: { code: 'bad_request', field: 'options' },
    });
  });

  it('refuses a second template of the same name, whatever its case', async () => {
    await s.admin.request('templates.save', { name: 'Выезд', text: 'a' });
    const error = await s.admin.request('templates.save', { name: 'ВЫЕЗД', text: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailed);
    expect((error as RequestFailed).error).toMatchObject({ code: 'bad_request', field: 'name' });
  });

  it('lets a viewer read the shared templates but not change them, and audits the refusal', async () => {
    await s.admin.request('templates.save', { name: 'Выезд', text: 'a', shared: true });
    const viewer = await s.login('view');
    expect((await viewer.request('templates.list', {})).templates).toHaveLength(1);
    await expect(viewer.request('templates.save', { name: 'Моё', text: 'b' })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    await expect(viewer.request('templates.delete', { id: 1 })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    expect(auditActions('template.refused')).toHaveLength(2);
  });
});

describe('templates have an owner; shared ones are the administrators’', () => {
  it('keeps a dispatcher’s own template theirs, lets only an administrator share, and refuses the rest in words, audited', async () => {
    const { store } = s.station.core;
    await store.users.create({ login: 'disp2', name: 'Второй диспетчер', role: 'dispatcher', password: 'disp2-password' });
    const disp = await s.login('disp');
    const other = await (await import('../tools/control-room-client.js')).ControlRoomClient.login(s.station.url, 'disp2', 'disp2-password', 'ru');
    try {
      const own = (await disp.request('templates.save', { name: 'Мой выезд', text: 'Выезжаю' })).templates.find((t) => t.name === 'Мой выезд')!;
      expect(own).toMatchObject({ shared: false, mayChange: true, ownerName: 'Диспетчер' });
      // Not on the other dispatcher's desk, and not theirs to change or delete.
      expect((await other.request('templates.list', {})).templates).toEqual([]);
      await expect(other.request('templates.save', { id: own.id, name: 'Чужой', text: 'x' })).rejects.toMatchObject({ error: { code: 'not_found' } });
      await expect(other.request('templates.delete', { id: own.id })).rejects.toMatchObject({ error: { code: 'not_found' } });
      // A dispatcher cannot share.
      await expect(disp.request('templates.save', { name: 'Для всех', text: 'x', shared: true })).rejects.toMatchObject({
        error: { code: 'forbidden', message: expect.stringMatching(/^Shared templates are the administrators’/) },
      });
      // An administrator's shared template is on every desk, and the administrators' to change.
      const shared = (await s.admin.request('templates.save', { name: 'Авария ПС', text: 'Авария на {order}', kind: 'order', shared: true })).templates.find((t) => t.shared)!;
      const seen = (await other.request('templates.list', {})).templates;
      expect(seen).toEqual([expect.objectContaining({ id: shared.id, shared: true, mayChange: false })]);
      await expect(other.request('templates.save', { id: shared.id, name: 'Авария ПС', text: 'испорчено' })).rejects.toMatchObject({
        error: { code: 'forbidden', message: expect.stringMatching(/^Общие шаблоны ведут администраторы/) },
      });
      await expect(disp.request('templates.delete', { id: shared.id })).rejects.toMatchObject({ error: { code: 'forbidden' } });
      expect(store.db.prepare('SELECT text FROM templates WHERE id = ?').pluck().get(shared.id)).toBe('Авария на {order}');
      // …and the administrator tidies up a dispatcher's own.
      await s.admin.request('templates.delete', { id: own.id });
      expect((await disp.request('templates.list', {})).templates.map((t) => t.name)).toEqual(['Авария ПС']);
      const refused = store.audit.recent(20, 'template.refused').map((e) => (e.detail as { reason: string }).reason);
      expect(refused.sort()).toEqual(['templates.sharedAdminOnly', 'templates.sharedAdminOnly', 'templates.sharedAdminOnly']);
    } finally {
      other.close();
    }
  });
});

describe('{name} rendered per recipient', () => {
  it('gives each recipient a text with their own name and counts each message’s SMS', async () => {
    const text = 'Уважаемый {name}, отключение электроэнергии по вашему участку с 14:00 до 18:00, будьте на связи';
    const sent = await s.admin.request('send', { text, groups: [s.groups.north], phones: [PEOPLE.stranger.phone] });
    const messages = outgoing(sent.broadcastId!);
    expect(messages.map((m) => m.text)).toEqual([
      text.replace('{name}', 'Иванов'),
      text.replace('{name}', 'Петров'),
      text.replace('{name}', 'Сидорова'),
      text.replace('{name}', 'Посторонний'),
    ]);
    for (const m of messages) expect(m.segments).toBe(countSegments(m.text).segments);
    // The board keeps the template, so the dispatcher sees what was written.
    expect(s.station.core.store.broadcasts.summary(sent.broadcastId!)!.text).toBe(text);
  });

  it('previews a range of SMS per recipient and the exact total when names push a text over a segment', async () => {
    // 64 Cyrillic characters + the name: "Петров" (6) fits in one SMS of 70, "Посторонний" (11) does not.
    const text = `{name}, ${'а'.repeat(62)}`;
    const request = { text, groups: [], phones: [PEOPLE.petrov.phone, PEOPLE.stranger.phone] };
    const preview = await s.admin.request('preview', request);
    expect(preview).toMatchObject({ recipients: 2, segments: 1, segmentsMax: 2, smsTotal: 3 });
    const sent = await s.admin.request('send', request);
    expect(sent.segments).toBe(2);
    expect(outgoing(sent.broadcastId!).map((m) => m.segments)).toEqual([1, 2]);
  });

  it('drops {name} and its comma for a number with no contact behind it', async () => {
    const sent = await s.admin.request('send', { text: '{name}, свет дали', groups: [], phones: ['+79169990011'] });
    expect(outgoing(sent.broadcastId!)[0]!.text).toBe('свет дали');
  });

  it('puts the order number in place of {order} and files the broadcast under it', async () => {
    const sent = await s.admin.request('send', { text: 'Заявка {order}: замена счётчика', kind: 'order', code: '4711', groups: [s.groups.south] });
    expect(outgoing(sent.broadcastId!)[0]!.text).toBe('Заявка #4711: замена счётчика');
    const thread = await s.admin.request('order.timeline', { code: '4711' });
    expect(thread.broadcasts.map((b) => b.id)).toEqual([sent.broadcastId]);
    expect(thread.broadcasts[0]!.code).toBe('4711');
  });

  it('stores a text without placeholders once for all, as before', async () => {
    const sent = await s.admin.request('send', { text: 'Сбор в 9:00', groups: [s.groups.north] });
    expect(new Set(outgoing(sent.broadcastId!).map((m) => m.text))).toEqual(new Set(['Сбор в 9:00']));
    const preview = await s.admin.request('preview', { text: 'Сбор в 9:00', groups: [s.groups.north] });
    expect(preview).toMatchObject({ segments: 1, segmentsMax: 1, smsTotal: 3 });
  });
});

describe('closing a poll', () => {
  it('stops counting answers once closed and tells every desk', async () => {
    const poll = await s.admin.request('send', { text: 'Выход в субботу: 1 - да, 2 - нет', kind: 'poll', options: ['да', 'нет'], groups: [s.groups.north] });
    await s.drained(poll.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
    const other = await s.login('disp');
    const closed = await s.admin.request('broadcast.close', { broadcastId: poll.broadcastId! });
    expect(closed.closed).toBe(true);
    await other.waitFor('tally.changed', (t: { broadcastId: number; closed?: boolean }) => t.broadcastId === poll.broadcastId && t.closed === true);
    await s.sim.receiveFrom(PEOPLE.petrov.phone, '2');
    const after = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(after.options.map((o) => o.count)).toEqual([1, 0]);
    expect(auditActions('broadcast.close')).toEqual(['broadcast.close']);
  });
});
