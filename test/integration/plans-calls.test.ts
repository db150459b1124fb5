// A plan's call step and call-back confirmation through a whole station whose only carrier is the
// emulated modem (SMS and voice on one pty): tonight's engineers get the alert; the silent are
// rung; one calls back and counts as confirmed by call (rejected, so it costs nothing, and thanked
// by SMS); the chain then reaches the on-call master for whoever is still silent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallView, Tally } from '../../shared/protocol/index.js';
import { createStation, type Station } from '../../main/station/index.js';
import { createModemCarrier } from '../../main/station/carriers/modem/index.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { FakeClock } from '../tools/fake-clock.js';
import { startVoiceModem, type VoiceModem } from '../tools/modem-emulator/voice-harness.js';
import { dayNightRoster, outagePlan, zoneWhereItIs } from '../tools/plans-fixture.js';
import { until } from '../tools/dispatch-station.js';

const MIN = 60_000;
const P = { ivanov: '+79160000001', petrov: '+79160000002', sidorova: '+79160000003', chief: '+79160000006', stranger: '+79160000007' };

let modem: VoiceModem;
let station: Station;
let admin: ControlRoomClient;
let clock: FakeClock;
let dir: string;
let planId: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-plan-calls-'));
  modem = await startVoiceModem();
  clock = new FakeClock();
  const carrier = createModemCarrier({ id: 'gsm1', name: 'Модем 1', path: modem.stationPath, profile: 'simcom', reopenMinMs: 100, reopenMaxMs: 500 });
  station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [carrier], clock });
  const { store } = station.core;
  const north = store.groups.create('Северный РЭС');
  const chiefs = store.groups.create('Энергосеть');
  const id = (name: string, phone: string, group: number) => {
    const c = store.contacts.upsert({ name, phone });
    store.groups.addMember(group, c.id);
    return c.id;
  };
  const c = { ivanov: id('Иванов', P.ivanov, north), petrov: id('Петров', P.petrov, north), sidorova: id('Сидорова', P.sidorova, north), chief: id('Главный', P.chief, chiefs) };
  admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
  const zone = zoneWhereItIs(3, clock.now());
  await admin.request('rosters.save', dayNightRoster(north, 'дежурный инженер', zone, [], [c.ivanov, c.petrov, c.sidorova]));
  await admin.request('rosters.save', dayNightRoster(chiefs, 'мастер', zone, [], [c.chief]));
  planId = (await admin.request('plans.save', outagePlan({ district: north, upper: chiefs, afterMinutes: 5, ringSeconds: 10 }))).plans[0]!.id;
  await until(() => carrier.status().state === 'up' && modem.voice.commands.includes('AT+CLIP=1'), 10_000, 'the modem up');
});
afterEach(async () => {
  admin.close();
  await station.stop();
  await modem.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sentTo = (phone: string) => modem.emulator.sent.filter((s) => s.decoded.to === phone).map((s) => s.decoded.text);
const calls = async (broadcastId: number): Promise<CallView[]> => (await admin.request('plans.launchInfo', { broadcastId }))!.calls;
const tally = (id: number) => admin.request('broadcast.tally', { broadcastId: id }) as Promise<Tally>;
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('plan call step and call-back confirmation through the modem', () => {
  it('rings the silent, counts a call back as confirmation, and escalates the rest to the on-call master', async () => {
    const r = await admin.request('plans.launch', { planId, fields: { объект: 'ПС-12 Северная' } });
    await until(() => modem.emulator.sent.length === 3, 10_000, 'three alerts through the modem');
    expect(sentTo(P.petrov)).toEqual(['Авария на ПС-12 Северная. Выезжайте, ответьте 1.']);
    modem.emulator.receive(P.ivanov, '1');
    await until(() => station.core.store.db.prepare('SELECT count(*) FROM answers').pluck().get() === 1, 10_000, 'Иванов confirms by SMS');

    // Петров picks up (and hangs up half-asleep), Сидорова declines.
    modem.voice.callee(P.petrov, { kind: 'answer', afterMs: 400 });
    modem.voice.callee(P.sidorova, { kind: 'busy', afterMs: 400 });
    clock.advance(5 * MIN);
    await until(() => modem.voice.calls.length === 2 && modem.voice.calls.every((c) => c.endedAt !== null), 30_000, 'both rung');
    await until(() => station.core.store.db.prepare(`SELECT count(*) FROM calls WHERE state IN ('queued', 'dialling')`).pluck().get() === 0, 5_000, 'outcomes stored');
    let log = await calls(r.broadcastId!);
    expect(log.map((c) => [c.name, c.direction, c.state])).toEqual([
      ['Петров', 'out', 'answered'],
      ['Сидорова', 'out', 'busy'],
    ]);
    expect(modem.voice.calls.map((c) => c.to)).toEqual([P.petrov, P.sidorova]); // one modem: one call at a time

    // Петров calls back: the modem rejects the call, the station counts it as his confirmation.
    expect(await modem.voice.incomingCall(P.petrov)).toBe('rejected');
    await until(() => station.core.store.db.prepare(`SELECT count(*) FROM answers WHERE via = 'call'`).pluck().get() === 1, 10_000, 'confirmed by call');
    const t = await tally(r.broadcastId!);
    expect(t.answers.find((a) => a.phone === P.petrov)).toMatchObject({ option: 1, via: 'call', text: null });
    expect(t.silent.map((p) => p.name)).toEqual(['Сидорова']);
    log = await calls(r.broadcastId!);
    expect(log.at(-1)).toMatchObject({ name: 'Петров', direction: 'in', state: 'rejected', confirmed: true });
    await until(() => sentTo(P.petrov).length === 2, 10_000, 'the thank-you SMS');
    expect(sentTo(P.petrov)[1]).toBe('Подтверждение звонком принято. Спасибо.');
    expect(admin.events.some((e) => e.event === 'plans.calls' && (e.data as { calls: CallView[] }).calls.some((c) => c.confirmed))).toBe(true);

    // Сидорова never confirms: after the next wait the on-call master is told.
    clock.advance(5 * MIN);
    await settle();
    // Two SMS parts (the alert's text and who is silent): read them as one.
    await until(() => sentTo(P.chief).join('').includes('Не подтвердили: Сидорова'), 10_000, 'the master alerted');
    const info = await admin.request('plans.launchInfo', { broadcastId: r.broadcastId! });
    expect(info!.onDuty.map((d) => d.role)).toEqual(['дежурный инженер', 'мастер']);
  }, 60_000);

  it('rejects a call from a phone with no open confirmation, audits it, and confirms nothing', async () => {
    expect(await modem.voice.incomingCall(P.stranger)).toBe('rejected');
    await until(() => station.core.store.db.prepare(`SELECT count(*) FROM audit WHERE action = 'call.ignored'`).pluck().get() === 1, 10_000, 'audited');
    expect(station.core.store.db.prepare('SELECT count(*) FROM answers').pluck().get()).toBe(0);
    const row = station.core.store.db.prepare('SELECT phone, state, confirmed FROM calls').get();
    expect(row).toEqual({ phone: P.stranger, state: 'rejected', confirmed: 0 });
  });
});
