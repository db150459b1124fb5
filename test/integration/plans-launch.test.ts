import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmAlert, Tally, TallyChange } from '../../shared/protocol/index.js';
import { dispatchStation, PEOPLE, until, type DispatchStation } from '../tools/dispatch-station.js';
import { RequestFailed } from '../tools/control-room-client.js';
import { dayNightRoster, outagePlan, zoneWhereItIs } from '../tools/plans-fixture.js';
import { LocalTime } from '../../main/station/domain/roster-time.js';

const MIN = 60_000;
let s: DispatchStation;
let planId: number;
let zone: string;

beforeEach(async () => {
  s = await dispatchStation();
  // "Tonight": a zone where the fake clock reads 03:xx.
  zone = zoneWhereItIs(3, s.clock.now());
  const c = s.contacts;
  await s.admin.request('rosters.save', dayNightRoster(s.groups.north, 'дежурный инженер', zone, [c.sidorova], [c.ivanov, c.petrov]));
  await s.admin.request('rosters.save', dayNightRoster(s.groups.chiefs, 'Мастер', zone, [c.orlova], [c.chief]));
  const { plans } = await s.admin.request('plans.save', outagePlan({ district: s.groups.north, upper: s.groups.chiefs, afterMinutes: 5 }));
  planId = plans[0]!.id;
});
afterEach(async () => {
  await s.stop();
});

const db = () => s.station.core.store.db;
const audit = (action: string) => db().prepare('SELECT actor, target, detail FROM audit WHERE action = ? ORDER BY id').all(action) as { actor: string; target: string; detail: string }[];
const phonesOf = (broadcastId: number) =>
  (db().prepare(`SELECT phone FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY phone`).pluck().all(broadcastId) as string[]);
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('alert plans: launch through the one door', () => {
  it('sends to tonight\u2019s on-call engineers per roster, records who was on duty, and previews fields, SMS and cost', async () => {
    const preview = await s.admin.request('plans.preview', { planId, fields: {} });
    expect(preview.missing).toEqual(['объект']);
    expect(preview.text).toBe('Авария на {объект}. Выезжайте, ответьте 1.');
    const filled = await s.admin.request('plans.preview', { planId, fields: { объект: 'ПС-12 Северная' } });
    expect(filled).toMatchObject({ missing: [], recipients: 2, segments: 1, smsTotal: 2, text: 'Авария на ПС-12 Северная. Выезжайте, ответьте 1.' });
    expect(filled.cost).toBe(0); // within the month's package
    expect(filled.onDuty[0]!.people.map((p) => p.name)).toEqual(['Иванов', 'Петров']);

    const r = await s.admin.request('plans.launch', { planId, fields: { объект: 'ПС-12 Северная' } });
    expect(r.recipients).toBe(2);
    expect(phonesOf(r.broadcastId!)).toEqual([PEOPLE.ivanov.phone, PEOPLE.petrov.phone]);
    const info = await s.admin.request('plans.launchInfo', { broadcastId: r.broadcastId! });
    expect(info).toMatchObject({ code: 'ПС12', name: 'Авария на ПС', drill: false, door: 'ui', fields: { объект: 'ПС-12 Северная' } });
    expect(info!.onDuty).toEqual([expect.objectContaining({ groupName: 'Северный РЭС', role: 'дежурный инженер' })]);
    expect(info!.onDuty[0]!.people.map((p) => p.name)).toEqual(['Иванов', 'Петров']);
    expect(audit('plan.launch')).toEqual([expect.objectContaining({ actor: 'admin', target: `broadcast:${r.broadcastId}` })]);
    expect(JSON.parse(audit('plan.launch')[0]!.detail)).toMatchObject({ plan: 'ПС12', door: 'ui', drill: false });
  });

  it('resolves on duty at send time: a sickness entered after the plan was written applies to the next launch', async () => {
    const roster = (await s.admin.request('rosters.list', {})).rosters.find((x) => x.groupId === s.groups.north)!;
    // It is 03:xx in the roster's zone: tonight's shift began yesterday at 20:00, local time.
    const local = new LocalTime(zone);
    const today = local.format(s.clock.now()).slice(0, 10);
    const yesterday = local.format(s.clock.now() - 24 * 3_600_000).slice(0, 10);
    await s.admin.request('rosters.save', {
      ...roster,
      exceptions: [{ kind: 'sick', contactId: s.contacts.petrov, substituteId: s.contacts.fedorov, from: yesterday, until: today }],
    });
    const r = await s.admin.request('plans.launch', { planId, fields: { объект: 'ПС-3' } });
    expect(phonesOf(r.broadcastId!)).toEqual([PEOPLE.ivanov.phone, PEOPLE.fedorov.phone].sort());
    const person = r.onDuty[0]!.people.find((p) => p.name === 'Фёдоров')!;
    expect(person).toMatchObject({ reason: 'sick', replaces: { name: 'Петров' } });
  });

  it('marks every SMS of a drill, re-sends and escalations included', async () => {
    const r = await s.admin.request('plans.launch', { planId, fields: { объект: 'ПС-1' }, drill: true });
    const text = db().prepare('SELECT text FROM broadcasts WHERE id = ?').pluck().get(r.broadcastId!) as string;
    expect(text).toBe('УЧЕНИЯ! Авария на ПС-1. Выезжайте, ответьте 1.');
    await s.drained(r.broadcastId!);
    s.clock.advance(10 * MIN); // call step (no modem here), then the master
    await settle();
    const follow = db().prepare('SELECT text FROM broadcasts WHERE parent_id = ?').pluck().all(r.broadcastId!) as string[];
    expect(follow).toHaveLength(1);
    expect(follow[0]).toContain('УЧЕНИЯ!');
    expect((await s.admin.request('plans.launchInfo', { broadcastId: r.broadcastId! }))!.drill).toBe(true);
  });

  it('walks the chain: a call step (no modem: said so), then the on-call master of the next level for whoever is still silent', async () => {
    const r = await s.admin.request('plans.launch', { planId, fields: { объект: 'ПС-12' } });
    await s.drained(r.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
    s.clock.advance(5 * MIN);
    await settle();
    const calls = (await s.admin.request('plans.launchInfo', { broadcastId: r.broadcastId! }))!.calls;
    expect(calls).toEqual([expect.objectContaining({ name: 'Петров', direction: 'out', state: 'failed', detail: 'No modem that can make calls is connected.' })]);
    s.clock.advance(5 * MIN);
    await settle();
    const alerts = s.admin.events.filter((e) => e.event === 'confirm.alert').map((e) => e.data as ConfirmAlert);
    expect(alerts.map((a) => a.action)).toEqual(['called', 'escalated']);
    expect(alerts[1]!.group!.name).toBe('Руководители · Мастер');
    expect(alerts[1]!.silent.map((p) => p.name)).toEqual(['Петров']);
    const toMaster = db().prepare('SELECT id, text FROM broadcasts WHERE parent_id = ?').get(r.broadcastId!) as { id: number; text: string };
    expect(phonesOf(toMaster.id)).toEqual([PEOPLE.chief.phone]);
    expect(toMaster.text).toContain('Не подтвердили: Петров');
    // History: who was on duty at the launch and at the master's step.
    const info = await s.admin.request('plans.launchInfo', { broadcastId: r.broadcastId! });
    expect(info!.onDuty.map((d) => `${d.groupName} · ${d.role}: ${d.people.map((p) => p.name).join(', ')}`)).toEqual([
      'Северный РЭС · дежурный инженер: Иванов, Петров',
      'Руководители · Мастер: Главный',
    ]);
  });

  it('checks the launcher\u2019s rights at each step: a dispatcher of the district cannot reach the master', async () => {
    const disp = await s.login('disp');
    const r = await disp.request('plans.launch', { planId, fields: { объект: 'ПС-12' } });
    expect(r.recipients).toBe(2);
    await s.drained(r.broadcastId!);
    s.clock.advance(10 * MIN);
    await settle();
    const follow = db().prepare('SELECT count(*) FROM broadcasts WHERE parent_id = ?').pluck().get(r.broadcastId!);
    expect(follow).toBe(0);
    expect(audit('send.refused').at(-1)!.actor).toBe('disp');
  });

  it('refuses in words: a missing field, an unknown field, a viewer, an unknown plan, a role with nobody on duty', async () => {
    await expect(s.admin.request('plans.launch', { planId, fields: {} })).rejects.toMatchObject({ error: { code: 'bad_request', field: 'fields.объект' } });
    await expect(s.admin.request('plans.launch', { planId, fields: { объект: 'x', адрес: 'y' } })).rejects.toThrow(/no field "адрес"/);
    const view = await s.login('view');
    const refused = await view.request('plans.launch', { planId, fields: { объект: 'ПС-1' } });
    expect(refused.broadcastId).toBeNull();
    expect(refused.refused.length).toBe(2);
    await expect(s.admin.request('plans.launch', { planId: 999, fields: {} })).rejects.toBeInstanceOf(RequestFailed);
    const roster = (await s.admin.request('rosters.list', {})).rosters.find((x) => x.groupId === s.groups.north)!;
    await s.admin.request('rosters.save', { ...roster, rotation: { ...roster.rotation!, teams: [roster.rotation!.teams[0]!, { name: 'Ночь', members: [] }] } });
    const nobody = await s.admin.request('plans.launch', { planId, fields: { объект: 'ПС-1' } });
    expect(nobody.broadcastId).toBeNull();
    expect(nobody.refused[0]!.reason).toMatch(/Nobody is on duty as "дежурный инженер" in Северный РЭС/);
    expect(audit('plan.launch.refused').length).toBeGreaterThanOrEqual(3);
  });

  it('lets only admins edit plans, and dispatchers edit rosters; every change is audited with before and after', async () => {
    const disp = await s.login('disp');
    await expect(disp.request('plans.delete', { id: planId })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    const roster = (await disp.request('rosters.list', {})).rosters[0]!;
    await disp.request('rosters.save', { ...roster, timeZone: 'Europe/Moscow' });
    expect(audit('roster.update').at(-1)).toMatchObject({ actor: 'disp' });
    await expect(s.admin.request('rosters.save', { ...roster, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ error: { field: 'timeZone' } });
    await expect(s.admin.request('plans.save', { ...outagePlan({ district: s.groups.north, upper: s.groups.chiefs, afterMinutes: 5 }), name: 'Другой' })).rejects.toThrow(/already has the code/);
    expect(audit('plan.create')).toHaveLength(1);
  });

  it('confirmation by SMS counts on the launch and stops the chain', async () => {
    const r = await s.admin.request('plans.launch', { planId, fields: { объект: 'ПС-12' } });
    await s.drained(r.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.ivanov.phone, '1');
    await s.sim.receiveFrom(PEOPLE.petrov.phone, 'принял');
    await until(() => s.admin.events.some((e) => e.event === 'tally.changed' && (e.data as TallyChange).counts.silent === 0), 5_000, 'everyone confirmed');
    s.clock.advance(20 * MIN);
    await settle();
    expect(db().prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    expect(db().prepare('SELECT count(*) FROM broadcasts WHERE parent_id = ?').pluck().get(r.broadcastId!)).toBe(0);
  });
});
