// Carriers configured from the control room against a real station and a local SMSC: a fresh
// station runs the simulator seeded from (empty) config; an admin adds an SMPP route (its password
// sealed, never shown back), tests its bind first, puts it first and sends through it — all without
// a restart; an edit keeps the link's password, switching off and removing take it out of routing,
// and a restart keeps what the screen set while config.json still seeds new entries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient, refusal } from '../tools/control-room-client.js';
import { until } from '../tools/dispatch-station.js';
import { TestSmsc } from '../tools/smsc.js';

let dir: string;
let station: Station;
let admin: ControlRoomClient;
let smsc: TestSmsc;

const smppRoute = (over: Record<string, unknown> = {}) => ({
  kind: 'smpp' as const,
  name: 'МТС SMPP',
  settings: { host: '127.0.0.1', port: smsc.port, systemId: 'switchboard', window: 5, reconnect: { initialMs: 100, maxMs: 500 }, ...over },
  secrets: { password: 'secret' },
});

async function start(): Promise<void> {
  station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', simulator: { replyRate: 0, failureRate: 0, deliveryLatencyMs: [5, 10] } });
  admin = await ControlRoomClient.login(station.url, 'admin', 'admin-password-4938', 'ru');
}

const carrierIds = () => station.core.router.list().map((c) => c.id);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-carrier-config-'));
  smsc = new TestSmsc({ autoReceipt: 'DELIVRD' });
  await smsc.start(0);
  const first = await createStation({ dataDir: dir, port: 0, logLevel: 'silent' });
  await first.core.store.users.setPasswordById(first.core.store.users.byLogin('admin')!.id, 'admin-password-4938');
  await first.stop();
  await start();
});
afterAll(async () => {
  admin?.close();
  await station?.stop();
  await smsc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('routes on screen', () => {
  it('starts a fresh station on the simulator, seeded as a route', async () => {
    const { routes } = await admin.request('carriers.routes', {});
    expect(routes).toEqual([expect.objectContaining({ id: 'simulator', kind: 'simulator', enabled: true, source: 'config', fixed: false, position: 1 })]);
    expect(routes[0]!.status?.state).toBe('up');
  });

  it('tests an SMPP bind before saving: a wrong password says so, the right one binds', async () => {
    const wrong = await admin.request('carriers.testLink', { route: { ...smppRoute(), secrets: { password: 'nope' } } });
    expect(wrong.ok).toBe(false);
    expect(wrong.state).toBe('down');
    expect(wrong.detail).toMatch(/password|refused|bind/i);
    const right = await admin.request('carriers.testLink', { route: smppRoute() });
    expect(right).toMatchObject({ ok: true, state: 'up' });
    expect(right.steps.at(-1)?.state).toBe('up');
    // Nothing was saved, nothing routed.
    expect(carrierIds()).toEqual(['simulator']);
  });

  it('adds an SMPP route that binds at once; its password is sealed and never shown back', async () => {
    const changed = admin.waitFor('carriers.changed', (list: { id: string }[]) => list.some((c) => c.id === 'smpp-1'));
    const saved = await admin.request('carriers.saveRoute', { route: smppRoute() });
    expect(saved.id).toBe('smpp-1');
    await changed;
    const route = saved.routes.find((r) => r.id === 'smpp-1')!;
    expect(route).toMatchObject({ kind: 'smpp', name: 'МТС SMPP', source: 'screen', position: 2, secrets: { password: true } });
    expect(JSON.stringify(route)).not.toContain('secret"');
    expect(route.settings).not.toHaveProperty('password');
    await until(() => station.core.router.status('smpp-1')?.state === 'up', 10_000, 'the SMPP bind');
    const row = station.core.store.db.prepare('SELECT settings, secrets FROM carriers WHERE id = ?').get('smpp-1') as { settings: string; secrets: string };
    expect(row.settings).not.toContain('secret');
    expect(row.secrets).not.toContain('secret');
    const audit = station.core.store.audit.recent(5, 'carrier.create')[0]!;
    expect(JSON.stringify(audit.detail)).not.toContain('secret"');
    expect(audit.detail).toMatchObject({ name: 'МТС SMPP', secretsSet: ['password'] });
  });

  it('puts SMPP first, and a send goes through it', async () => {
    await admin.request('carriers.reorderRoutes', { ids: ['smpp-1', 'simulator'] });
    expect(carrierIds()).toEqual(['smpp-1', 'simulator']);
    const before = smsc.submitCount;
    const sent = await admin.request('send', { text: 'Проверка маршрута', phones: ['+79160000001'] });
    await until(() => smsc.submitCount > before, 10_000, 'the SMSC to get the SMS');
    const carrierOf = () => (station.core.store.db.prepare(`SELECT carrier_id FROM messages WHERE broadcast_id = ?`).get(sent.broadcastId!) as { carrier_id: string | null }).carrier_id;
    await until(() => carrierOf() !== null, 5_000, 'the send to be recorded');
    expect(carrierOf()).toBe('smpp-1');
  });

  it('keeps the password through an edit that leaves it out, and rebuilds the link', async () => {
    const old = station.core.router.get('smpp-1');
    await admin.request('carriers.saveRoute', { id: 'smpp-1', route: { ...smppRoute({ window: 3 }), secrets: {} } });
    const now = station.core.router.get('smpp-1');
    expect(now).not.toBe(old);
    await until(() => station.core.router.status('smpp-1')?.state === 'up', 10_000, 'the SMPP bind after the edit');
    const audit = station.core.store.audit.recent(5, 'carrier.update')[0]!;
    expect(audit.detail).toMatchObject({ changed: { settings: { window: { before: 5, after: 3 } } } });
    // A change of operators only keeps the same link.
    await admin.request('carriers.saveRoute', { id: 'smpp-1', route: { ...smppRoute({ window: 3 }), secrets: {}, operators: ['mts'] } });
    expect(station.core.router.get('smpp-1')).toBe(now);
  });

  it('refuses settings it could not connect with, naming the field, in the desk’s language', async () => {
    const noHost = await refusal(admin.request('carriers.saveRoute', { route: { ...smppRoute({ host: '' }) } }));
    expect(noHost).toMatchObject({ code: 'bad_request', field: 'host', message: 'Заполните «host»: без этого канал не подключится.' });
    const pin = await refusal(admin.request('carriers.saveRoute', { route: { kind: 'modem', name: 'Модем', settings: { path: '/dev/ttyUSB9' }, secrets: { pin: '12' } } }));
    expect(pin.field).toBe('pin');
    const badPort = await refusal(admin.request('carriers.saveRoute', { route: smppRoute({ port: 99999 }) }));
    expect(badPort.field).toBe('port');
  });

  it('switches a route off and on, and removes one; the simulator takes the traffic meanwhile', async () => {
    await admin.request('carriers.enableRoute', { id: 'smpp-1', enabled: false });
    expect(station.core.router.status('smpp-1')?.state).toBe('disabled');
    const sent = await admin.request('send', { text: 'Пока SMPP выключен', phones: ['+79160000002'] });
    await until(() => (station.core.store.db.prepare(`SELECT carrier_id FROM messages WHERE broadcast_id = ?`).get(sent.broadcastId!) as { carrier_id: string | null }).carrier_id === 'simulator', 10_000, 'the simulator');
    await admin.request('carriers.enableRoute', { id: 'smpp-1', enabled: true });
    await until(() => station.core.router.status('smpp-1')?.state === 'up', 10_000, 'the SMPP bind again');

    await admin.request('carriers.saveRoute', { route: { kind: 'http', name: 'SMS API', settings: { send: { url: 'http://127.0.0.1:9/send' } }, secrets: {} } });
    expect(carrierIds()).toContain('http-1');
    await admin.request('carriers.removeRoute', { id: 'http-1' });
    expect(carrierIds()).not.toContain('http-1');
  });

  it('keeps the screen’s routes over a restart, and config.json still seeds a new entry', async () => {
    admin.close();
    await station.stop();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ carriers: [{ kind: 'http', id: 'provider', name: 'Провайдер', send: { url: 'http://127.0.0.1:9/api' } }] }),
    );
    await start();
    expect(carrierIds()).toEqual(['smpp-1', 'simulator', 'provider']);
    const { routes } = await admin.request('carriers.routes', {});
    expect(routes.find((r) => r.id === 'smpp-1')).toMatchObject({ secrets: { password: true }, operators: ['mts'] });
    expect(routes.find((r) => r.id === 'provider')).toMatchObject({ source: 'config' });
    await until(() => station.core.router.status('smpp-1')?.state === 'up', 10_000, 'the SMPP bind after the restart');
  });

  it('is for an admin only', async () => {
    await station.core.store.users.create({ login: 'disp', name: 'Диспетчер', role: 'dispatcher', password: 'disp-password' });
    const disp = await ControlRoomClient.login(station.url, 'disp', 'disp-password');
    try {
      expect((await refusal(disp.request('carriers.routes', {}))).code).toBe('forbidden');
    } finally {
      disp.close();
    }
  });
});
