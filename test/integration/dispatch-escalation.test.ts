import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmAlert } from '../../shared/protocol/index.js';
import { dispatchStation, PEOPLE, type DispatchStation } from '../tools/dispatch-station.js';

const MIN = 60_000;
let s: DispatchStation;
beforeEach(async () => {
  s = await dispatchStation();
});
afterEach(async () => {
  await s.stop();
});

const alerts = () => s.admin.events.filter((e) => e.event === 'confirm.alert').map((e) => e.data as ConfirmAlert);
const followUps = (rootId: number) =>
  s.station.core.store.db
    .prepare(`SELECT b.id, b.text, group_concat(m.phone) AS phones FROM broadcasts b JOIN messages m ON m.broadcast_id = b.id
              WHERE b.parent_id = ? GROUP BY b.id ORDER BY b.id`)
    .all(rootId) as { id: number; text: string; phones: string }[];
/** Lets the station's event loop deliver pushed events after a synchronous clock move. */
const settle = () => new Promise((r) => setTimeout(r, 100));

async function sendAlert() {
  const r = await s.admin.request('send', {
    text: 'Авария на ПС-12, ответьте 1',
    kind: 'confirm',
    groups: [s.groups.north],
    confirm: { afterMinutes: 10, resends: 1, escalateTo: [s.groups.south, s.groups.chiefs] },
  });
  await s.drained(r.broadcastId!);
  return r.broadcastId!;
}

describe('confirmation escalation (fake clock)', () => {
  it('re-sends to the silent after N minutes, then alerts the next group and tells the dispatcher who is silent', async () => {
    const id = await sendAlert();
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');

    s.clock.advance(10 * MIN - 1);
    await settle();
    expect(alerts()).toEqual([]);
    expect(followUps(id)).toEqual([]);

    s.clock.advance(1);
    await settle();
    expect(alerts()).toEqual([expect.objectContaining({ broadcastId: id, step: 1, action: 'resent', group: null })]);
    expect(alerts()[0]!.silent.map((p) => p.name)).toEqual(['Петров', 'Сидорова']);
    const resend = followUps(id)[0]!;
    expect(resend.text).toBe('Авария на ПС-12, ответьте 1');
    expect(resend.phones.split(',').sort()).toEqual([PEOPLE.petrov.phone, PEOPLE.sidorova.phone]);

    // Petrov answers the re-send: it counts on the original alert.
    await s.drained(resend.id);
    await s.sim.receiveFrom(PEOPLE.petrov.phone, 'принял');
    s.clock.advance(10 * MIN);
    await settle();
    const escalated = alerts()[1]!;
    expect(escalated).toMatchObject({ step: 2, action: 'escalated', group: { id: s.groups.south, name: 'Южный РЭС' } });
    expect(escalated.silent.map((p) => p.name)).toEqual(['Сидорова']);
    const toSouth = followUps(id)[1]!;
    expect(toSouth.phones.split(',').sort()).toEqual([PEOPLE.fedorov.phone, PEOPLE.orlova.phone]);
    expect(toSouth.text).toMatch(/^Эскалация: Авария на ПС-12, ответьте 1 Не подтвердили: Сидорова\./);

    s.clock.advance(10 * MIN);
    await settle();
    expect(alerts()[2]).toMatchObject({ step: 3, action: 'escalated', group: { name: 'Руководители' } });
    const tally = await s.admin.request('broadcast.tally', { broadcastId: id });
    expect(tally.escalation).toEqual({ step: 2, dueAt: null, state: 'done' });
    expect(tally.silent.map((p) => p.name)).toEqual(['Сидорова']);

    s.clock.advance(60 * MIN);
    await settle();
    expect(alerts()).toHaveLength(3);
    const log = await s.admin.request('audit.list', { action: 'confirm' });
    expect(log.entries.map((e) => e.action)).toEqual(['confirm.escalated', 'confirm.escalated', 'confirm.resent']);
  });

  it('stops the clock when the last silent person confirms', async () => {
    const id = await sendAlert();
    s.clock.advance(5 * MIN);
    for (const p of [PEOPLE.ivanov, PEOPLE.petrov, PEOPLE.sidorova]) await s.sim.receiveFrom(p.phone, 'Принял');
    const tally = await s.admin.request('broadcast.tally', { broadcastId: id });
    expect(tally.escalation).toEqual({ step: 0, dueAt: null, state: 'done' });
    s.clock.advance(120 * MIN);
    await settle();
    expect(alerts()).toEqual([]);
    expect(followUps(id)).toEqual([]);
  });

  it('keeps a reply that is not a confirmation as the alert’s free text: not silent, not confirmed', async () => {
    const id = await sendAlert();
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, 'не могу, я в отпуске');
    const tally = await s.admin.request('broadcast.tally', { broadcastId: id });
    expect(tally.other).toBe(1);
    expect(tally.options[0]!.count).toBe(0);
    expect(tally.answers).toEqual([expect.objectContaining({ name: 'Иванов', option: 0, text: 'не могу, я в отпуске' })]);
    // The re-send goes to those who said nothing: Иванов has the alert and answered it.
    s.clock.advance(10 * MIN);
    await settle();
    expect(alerts()[0]!.silent.map((p) => p.name)).toEqual(['Петров', 'Сидорова']);
    expect(followUps(id)[0]!.phones.split(',').sort()).toEqual([PEOPLE.petrov.phone, PEOPLE.sidorova.phone]);
    // The escalation names everyone who has not confirmed, him included.
    s.clock.advance(10 * MIN);
    await settle();
    expect(alerts()[1]!.silent.map((p) => p.name)).toEqual(['Иванов', 'Петров', 'Сидорова']);
    expect(followUps(id)[1]!.text).toMatch(/Не подтвердили: Иванов, Петров, Сидорова\./);
  });

  it('stops escalating a cancelled alert', async () => {
    const id = await sendAlert();
    await s.admin.request('broadcast.cancel', { broadcastId: id });
    s.clock.advance(60 * MIN);
    await settle();
    expect(alerts()).toEqual([]);
    const tally = await s.admin.request('broadcast.tally', { broadcastId: id });
    expect(tally.escalation?.state).toBe('cancelled');
  });
});
