// The admin's carrier requests through a real ws client, against a station whose config.json
// has a modem route on an emulated modem (priority 1) and an SMPP route (priority 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';
import { startEmulatedModem, type EmulatedModem } from '../tools/modem-emulator/harness.js';
import { TestSmsc } from '../tools/smsc.js';

let dataDir: string;
let routed: EmulatedModem;
let spare: EmulatedModem;
let smsc: TestSmsc;
let station: Station;
let admin: ControlRoomClient;
let dispatcher: ControlRoomClient;

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function refusal(p: Promise<unknown>): Promise<RequestFailed['error']> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(RequestFailed);
  return (e as RequestFailed).error;
}

const audit = (action: string) => station.core.store.audit.recent(200, action);

beforeAll(async () => {
  routed = await startEmulatedModem({ operator: 'Emulated Net' });
  spare = await startEmulatedModem({ operator: 'Spare Net', csq: 15 });
  smsc = new TestSmsc({ systemId: 'station', password: 'secret', autoReceipt: 'DELIVRD' });
  const smscPort = await smsc.start(0);
  dataDir = mkdtempSync(join(tmpdir(), 'sb-carriers-admin-'));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({
    logLevel: 'silent',
    carriers: [
      { kind: 'modem', id: 'gsm', name: 'Dispatch modem', path: routed.stationPath, priority: 1 },
      { kind: 'smpp', id: 'operator', host: '127.0.0.1', port: smscPort, systemId: 'station', password: 'secret', priority: 2 },
    ],
  }));
  station = await createStation({ dataDir, port: 0 });
  await station.core.store.users.create({ login: 'chief', role: 'admin', password: 'pw-chief-1' });
  await station.core.store.users.create({ login: 'disp', role: 'dispatcher', password: 'pw-disp-1' });
  admin = await ControlRoomClient.login(station.url, 'chief', 'pw-chief-1');
  dispatcher = await ControlRoomClient.login(station.url, 'disp', 'pw-disp-1');
  await until('both routes up', () => station.core.router.statuses().every((s) => s.state === 'up'));
});

afterAll(async () => {
  admin?.close();
  dispatcher?.close();
  await station?.stop();
  await smsc?.stop();
  await routed?.stop();
  await spare?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('carrier administration over the control-room protocol', () => {
  it('lists every route in priority order with the modem\'s signal, operator, registration, SIM and identity', async () => {
    const { carriers } = await admin.request('carriers.list', {});
    expect(carriers.map((c) => [c.id, c.kind, c.priority, c.state])).toEqual([
      ['gsm', 'modem', 1, 'up'],
      ['operator', 'smpp', 2, 'up'],
    ]);
    expect(carriers[0]!.modems).toEqual([expect.objectContaining({
      id: 'gsm', path: routed.stationPath, state: 'up', signal: 68, operator: 'Emulated Net', registration: 'home', sim: 'READY',
      manufacturer: 'Switchboard', model: 'Emulated GSM Modem', queue: 0,
    })]);
    expect(carriers[1]!.modems).toEqual([]);
  });

  it('refuses a dispatcher every carrier request as forbidden and audits each refusal', async () => {
    const before = audit('admin.refused').length;
    for (const [method, params] of [
      ['carriers.list', {}],
      ['carriers.ports', {}],
      ['carriers.probe', { path: spare.stationPath }],
      ['carriers.testSend', { carrierId: 'gsm', phone: '+79160000001', text: 'x' }],
    ] as const) {
      const error = await refusal(dispatcher.request(method, params as never));
      expect(error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/administrator/) });
    }
    expect(audit('admin.refused').slice(0, 4).map((a) => a.target).sort()).toEqual(['carriers.list', 'carriers.ports', 'carriers.probe', 'carriers.testSend']);
    expect(audit('admin.refused').length - before).toBe(4);
    expect(spare.emulator.commands).toEqual([]);
  });

  it('lists serial ports and says a typed path (a pty) is allowed', async () => {
    const r = await admin.request('carriers.ports', {});
    expect(Array.isArray(r.ports)).toBe(true);
    expect(r.typedPathsAllowed).toBe(true);
    expect(r.note).toMatch(/pty/);
  });

  it('probes a free port: the raw answers to ATI, CGMI, CGMM, CSQ, CREG and CPIN, a "ready" verdict, audited', async () => {
    const r = await admin.request('carriers.probe', { path: spare.stationPath });
    expect(r.answers.map((a) => a.command)).toEqual(['AT', 'ATI', 'AT+CGMI', 'AT+CGMM', 'AT+CSQ', 'AT+CREG?', 'AT+CPIN?']);
    expect(r.answers.find((a) => a.command === 'ATI')!.lines).toEqual(['Manufacturer: Switchboard', 'Model: Emulated GSM Modem', 'Revision: EMU 1.0', 'OK']);
    expect(r.answers.find((a) => a.command === 'AT+CSQ')!.lines).toEqual(['+CSQ: 15,99', 'OK']);
    expect(r.verdict).toMatchObject({ ok: true, code: 'ready', signal: 48, registration: 'home', sim: 'READY' });
    // Read-only: nothing that changes the modem (echo, PIN, storage) was sent.
    expect(spare.emulator.commands.filter((c) => /ATE|CPIN=|CPMS=|CMGF|CNMI/.test(c))).toEqual([]);
    expect(audit('carrier.probe')[0]).toMatchObject({ target: `port:${spare.stationPath}` });
  });

  it('says what is wrong when the SIM wants its PIN, and when nothing is at the path', async () => {
    const locked = await startEmulatedModem({ simState: 'SIM PIN', pin: '1234' });
    try {
      const r = await admin.request('carriers.probe', { path: locked.stationPath });
      expect(r.verdict).toMatchObject({ ok: false, code: 'sim-pin', sentence: expect.stringMatching(/PIN/) });
      expect(r.answers.find((a) => a.command === 'AT+CSQ')).toMatchObject({ ok: false, lines: ['+CME ERROR: 11'] });
    } finally {
      await locked.stop();
    }
    const missing = await admin.request('carriers.probe', { path: join(dataDir, 'no-such-port') });
    expect(missing.verdict).toMatchObject({ ok: false, code: 'unreachable', sentence: expect.stringMatching(/Cannot open/) });
  });

  it('refuses to probe the port a running modem route uses, and that route keeps sending', async () => {
    const commandsBefore = routed.emulator.commands.length;
    const error = await refusal(admin.request('carriers.probe', { path: routed.stationPath }));
    expect(error).toMatchObject({ code: 'bad_request', field: 'path', message: expect.stringMatching(/"Dispatch modem" \(gsm\) is using/) });
    expect(routed.emulator.commands.slice(commandsBefore).filter((c) => c === 'ATI')).toEqual([]);
    expect(audit('carrier.probe.refused')[0]).toMatchObject({ target: `port:${routed.stationPath}` });
    const sent = await admin.request('send', { text: 'После отказа в пробе', phones: ['+79160000009'] });
    await admin.waitFor('broadcast.progress', (b) => b.id === sent.broadcastId && b.counts.delivered === 1);
    expect(routed.emulator.sent.at(-1)!.decoded.text).toBe('После отказа в пробе');
  });

  it('sends a test SMS through the chosen carrier even when another ranks first, stored and audited like any send', async () => {
    const submitted = smsc.submitted.length;
    const modemSent = routed.emulator.sent.length;
    const r = await admin.request('carriers.testSend', { carrierId: 'operator', phone: '+7 916 000-00-42', text: 'Проверка маршрута' });
    expect(r.carrierId).toBe('operator');
    const delivered = await admin.waitFor('message.updated', (m) => m.id === r.messageId && m.status === 'delivered');
    expect(delivered).toMatchObject({ phone: '+79160000042', text: 'Проверка маршрута', direction: 'out' });
    const row = station.core.store.db.prepare('SELECT carrier_id FROM messages WHERE id = ?').get(r.messageId) as { carrier_id: string };
    expect(row.carrier_id).toBe('operator');
    expect(smsc.submitted.slice(submitted).map((s) => s.destination)).toEqual(['79160000042']);
    expect(routed.emulator.sent.length).toBe(modemSent);
    expect(audit('carrier.test-send')[0]).toMatchObject({ target: 'carrier:operator', actor: 'chief' });
    expect(audit('send')[0]).toMatchObject({ target: `broadcast:${r.broadcastId}`, actor: 'chief' });
  });

  it('refuses a test send through a carrier that is down, with its reason, or one that does not exist', async () => {
    await routed.unplug();
    try {
      await until('modem down', () => station.core.router.get('gsm')!.status().state === 'down');
      const error = await refusal(admin.request('carriers.testSend', { carrierId: 'gsm', phone: '+79160000001', text: 'x' }));
      expect(error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/"Dispatch modem" is down \(.*(port closed|Cannot reach the modem)/i) });
      expect(await refusal(admin.request('carriers.testSend', { carrierId: 'nope', phone: '+79160000001', text: 'x' }))).toMatchObject({ code: 'not_found' });
    } finally {
      await routed.replug();
    }
  });
});
