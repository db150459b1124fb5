import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView, TallyChange } from '../../shared/protocol/index.js';
import { dispatchStation, PEOPLE, until, type DispatchStation, storedReply } from '../tools/dispatch-station.js';

let s: DispatchStation;
beforeEach(async () => {
  s = await dispatchStation();
});
afterEach(async () => {
  await s.stop();
});

/** The stored reply from this phone with this text, as the feed shows it. */
const reply = (phone: string, text: string) => storedReply(s.station, phone, text);

describe('polls', () => {
  it('tallies answers by number and by word, counts the last answer and shows the change', async () => {
    const poll = await s.admin.request('send', {
      text: 'Учения в субботу: 1 - приеду, 2 - опоздаю, 3 - не приеду',
      kind: 'poll',
      options: ['Приеду', 'Опоздаю', 'Не приеду'],
      groups: [s.groups.north],
    });
    await s.drained(poll.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
    await s.sim.receiveFrom(PEOPLE.petrov.phone, 'ОПОЗДАЮ минут на 20');
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'не приеду, заболел');
    await s.sim.receiveFrom(PEOPLE.petrov.phone, 'а во сколько сбор?');

    const tally = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(tally.options.map((o) => o.count)).toEqual([0, 1, 1]);
    const ivanov = tally.answers.find((a) => a.phone === PEOPLE.ivanov.phone)!;
    expect(ivanov).toMatchObject({ option: 3, previous: 1, changes: 1, name: 'Иванов', text: 'не приеду, заболел' });
    expect(tally.answers.find((a) => a.phone === PEOPLE.petrov.phone)).toMatchObject({ option: 2, previous: null });
    expect(tally.silent.map((p) => p.name)).toEqual(['Сидорова']);
    // The free-text question is in the feed, linked to the poll, but does not count.
    expect(reply(PEOPLE.petrov.phone, 'а во сколько сбор?').broadcastId).toBe(poll.broadcastId);

    // Desks hear each change as who answered what, with the new figures; not the whole tally.
    const pushed = await s.admin.waitFor('tally.changed', (t: TallyChange) => t.answer?.changes === 1);
    expect(pushed).toMatchObject({ broadcastId: poll.broadcastId, answer: { phone: PEOPLE.ivanov.phone, option: 3, previous: 1 } });
    expect(pushed.counts).toEqual({ options: [0, 1, 1], other: 0, answered: 2, silent: 1 });
  });

  it('takes no more answers once the poll is cancelled', async () => {
    const poll = await s.admin.request('send', { text: 'Опрос', kind: 'poll', options: ['Да', 'Нет'], groups: [s.groups.north] });
    await s.drained(poll.broadcastId!);
    await s.admin.request('broadcast.cancel', { broadcastId: poll.broadcastId! });
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'да');
    const tally = await s.admin.request('broadcast.tally', { broadcastId: poll.broadcastId! });
    expect(tally.closed).toBe(true);
    expect(tally.answers).toEqual([]);
  });

  it('refuses a poll without options', async () => {
    await expect(s.admin.request('send', { text: 'Опрос', kind: 'poll', groups: [s.groups.north] })).rejects.toMatchObject({
      error: { code: 'bad_request', field: 'options' },
    });
  });
});

describe('reply matching order', () => {
  it('links a reply to the latest SMS the phone got, not to an older open poll; the poll takes the next answer that fits it', async () => {
    const poll = await s.admin.request('send', { text: 'Выйдете в ночь?', kind: 'poll', options: ['Да', 'Нет'], contacts: [s.contacts.fedorov] });
    await s.drained(poll.broadcastId!);
    await until(() => s.station.core.store.broadcasts.counts(poll.broadcastId!).delivered === 1, 5_000, 'the poll delivered');
    const later = await s.admin.request('send', { text: 'Инструктаж в 8:00, придёте?', contacts: [s.contacts.fedorov] });
    await s.drained(later.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.fedorov.phone, 'да');
    expect(reply(PEOPLE.fedorov.phone, 'да')).toMatchObject({ broadcastId: later.broadcastId, matchedBy: 'question' });
    // The newer SMS is answered; an answer that fits the older, still unanswered poll goes there…
    await s.sim.receiveFrom(PEOPLE.fedorov.phone, 'нет');
    expect(reply(PEOPLE.fedorov.phone, 'нет')).toMatchObject({ broadcastId: poll.broadcastId, matchedBy: 'question' });
    // …and free text continues the latest conversation.
    await s.sim.receiveFrom(PEOPLE.fedorov.phone, 'а кто ведёт?');
    expect(reply(PEOPLE.fedorov.phone, 'а кто ведёт?')).toMatchObject({ broadcastId: later.broadcastId, matchedBy: 'window' });
  });

  it('links a plain reply to the latest SMS to that phone, and what follows to the same conversation', async () => {
    const first = await s.admin.request('send', { text: 'Первое', contacts: [s.contacts.orlova] });
    await s.drained(first.broadcastId!);
    // The phone got the first before the second was sent: what the phone got last is what it answers.
    await until(() => s.station.core.store.broadcasts.counts(first.broadcastId!).delivered === 1, 5_000, 'the first SMS delivered');
    const second = await s.admin.request('send', { text: 'Второе', contacts: [s.contacts.orlova] });
    await s.drained(second.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.orlova.phone, 'принято');
    expect(reply(PEOPLE.orlova.phone, 'принято')).toMatchObject({ broadcastId: second.broadcastId, matchedBy: 'question' });
    // A follow-up continues the newer conversation; it does not wander off to the older, unanswered SMS.
    await s.sim.receiveFrom(PEOPLE.orlova.phone, 'буду к 9');
    expect(reply(PEOPLE.orlova.phone, 'буду к 9')).toMatchObject({ broadcastId: second.broadcastId, matchedBy: 'window' });
  });

  it('flags a reply that answers nothing', async () => {
    await s.sim.receiveFrom('+79169998877', 'кто это?');
    const m = reply('+79169998877', 'кто это?');
    expect(m.broadcastId).toBeNull();
    expect(m.matchedBy).toBeNull();
    const pushed = await s.admin.waitFor('message.created', (v: MessageView) => v.text === 'кто это?');
    expect(pushed.broadcastId).toBeNull();
  });

  it('puts a reply’s #tags into those tag streams', async () => {
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'Свет дали #Авария #ПС12');
    expect(reply(PEOPLE.ivanov.phone, 'Свет дали #Авария #ПС12').tags).toEqual(['авария', 'пс12']);
    expect(s.station.core.store.tags.byName('авария')).toBeDefined();
  });
});

describe('order codes', () => {
  it('joins replies quoting the order number to its thread, even from a phone it was never sent to', async () => {
    const order = await s.admin.request('send', { text: 'Заказ #4711: Ленина 5, замер окон', kind: 'order', contacts: [s.contacts.ivanov] });
    await s.drained(order.broadcastId!);
    // A newer plain message to the stranger would win by the reply window; the code must win first.
    const other = await s.admin.request('send', { text: 'График на неделю', contacts: [s.contacts.stranger] });
    await s.drained(other.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '#4711 выехал');
    await s.sim.receiveFrom(PEOPLE.stranger.phone, '4711 готово, акт подписан');

    expect(reply(PEOPLE.stranger.phone, '4711 готово, акт подписан')).toMatchObject({ broadcastId: order.broadcastId, replyTo: null, matchedBy: 'code' });
    expect(reply(PEOPLE.ivanov.phone, '#4711 выехал').replyTo).not.toBeNull();
    const timeline = await s.admin.request('order.timeline', { code: '#4711' });
    expect(timeline.broadcasts.map((b) => b.id)).toEqual([order.broadcastId]);
    expect(timeline.messages.map((m) => [m.direction, m.phone])).toEqual([
      ['out', PEOPLE.ivanov.phone],
      ['in', PEOPLE.ivanov.phone],
      ['in', PEOPLE.stranger.phone],
    ]);
  });

  it('shows a dispatcher limited to the north only their people in the thread, and nothing of a southern order', async () => {
    const north = await s.admin.request('send', { text: 'Заказ #5120: Мира 3', kind: 'order', contacts: [s.contacts.ivanov, s.contacts.fedorov] });
    const south = await s.admin.request('send', { text: 'Заказ #5121: Садовая 8', kind: 'order', contacts: [s.contacts.orlova] });
    await s.drained(north.broadcastId!);
    await s.drained(south.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.fedorov.phone, '#5120 на месте');
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '#5120 выехал');
    await until(() => s.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'in'`).pluck().get() === 2, 5_000, 'both replies');
    const disp = await s.login('disp');
    const mine = await disp.request('order.timeline', { code: '5120' });
    expect(mine.broadcasts.map((b) => b.id)).toEqual([north.broadcastId]);
    expect(mine.messages.map((m) => [m.direction, m.phone])).toEqual([
      ['out', PEOPLE.ivanov.phone],
      ['in', PEOPLE.ivanov.phone],
    ]);
    expect((await s.admin.request('order.timeline', { code: '5120' })).messages).toHaveLength(4);
    const theirs = await disp.request('order.timeline', { code: '5121' });
    expect(theirs).toMatchObject({ broadcasts: [], messages: [] });
  });

  it('refuses an order without a number', async () => {
    await expect(s.admin.request('send', { text: 'Заказ без номера', kind: 'order', contacts: [s.contacts.ivanov] })).rejects.toMatchObject({
      error: { field: 'code' },
    });
  });
});

describe('tag subscriptions', () => {
  it('subscribes by SMS where the tag is self-service and confirms by SMS', async () => {
    const { store } = s.station.core;
    const tagId = store.tags.ensure('Авария');
    await s.admin.request('tags.selfService', { tagId, on: true });
    await s.sim.receiveFrom(PEOPLE.stranger.phone, '+#авария');
    const subscribers = () => store.db.prepare('SELECT contact_id, source FROM tag_subscriptions WHERE tag_id = ?').all(tagId);
    expect(subscribers()).toEqual([{ contact_id: s.contacts.stranger, source: 'sms' }]);
    const back = () =>
      store.db.prepare(`SELECT text, status FROM messages WHERE direction = 'out' AND phone = ? ORDER BY id`).all(PEOPLE.stranger.phone) as {
        text: string;
        status: string;
      }[];
    await until(() => back().some((m) => m.status !== 'queued'), 5_000, 'the confirmation SMS');
    expect(back()[0]!.text).toMatch(/Вы подписаны на #Авария/);

    const alert = await s.admin.request('send', { text: 'Отключение на ПС-3', tags: ['авария'] });
    expect(alert.recipients).toBe(1);

    await s.sim.receiveFrom(PEOPLE.stranger.phone, '-#Авария');
    expect(subscribers()).toEqual([]);
    const log = await s.admin.request('audit.list', { action: 'tag' });
    expect(log.entries.map((e) => [e.action, e.actor])).toEqual([
      ['tag.unsubscribe', `sms:${PEOPLE.stranger.phone}`],
      ['tag.subscribe', `sms:${PEOPLE.stranger.phone}`],
      ['tag.self_service', 'admin'],
    ]);
  });

  it('refuses a subscription by SMS to a tag that is not self-service, saying so', async () => {
    const { store } = s.station.core;
    const tagId = store.tags.ensure('Руководство');
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '+#руководство');
    expect(store.db.prepare('SELECT count(*) FROM tag_subscriptions WHERE tag_id = ?').pluck().get(tagId)).toBe(0);
    const text = store.db.prepare(`SELECT text FROM messages WHERE direction = 'out' AND phone = ?`).pluck().get(PEOPLE.ivanov.phone);
    expect(text).toMatch(/недоступна/);
  });

  it('lets the admin subscribe a contact, audited', async () => {
    const tagId = s.station.core.store.tags.ensure('Газ');
    const r = await s.admin.request('tags.subscribe', { tagId, contactId: s.contacts.orlova, subscribed: true });
    expect(r.subscribers).toBe(1);
    const log = await s.admin.request('audit.list', { action: 'tag.subscribe' });
    expect(log.entries[0]!.detail).toMatchObject({ source: 'admin', contactId: s.contacts.orlova });
  });
});
