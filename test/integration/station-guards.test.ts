// No single fault ends the station: a turn of the outbox that throws, a carrier that cannot
// start, an exception nobody caught. Each is logged, reported and survived.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station } from '../../main/station/index.js';
import { SimulatorCarrier } from '../../main/station/carriers/simulator.js';
import { until } from '../tools/dispatch-station.js';

let station: Station | null = null;
let dir: string | null = null;
afterEach(async () => {
  await station?.stop();
  station = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };

async function startWith(carriers: SimulatorCarrier[]): Promise<Station> {
  dir = mkdtempSync(join(tmpdir(), 'sb-guards-'));
  station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers });
  return station;
}

describe('faults that end nothing', () => {
  it('keeps sending when a turn of the outbox throws', async () => {
    const s = await startWith([new SimulatorCarrier({ submitLatencyMs: 0, replyRate: 0, deliveryLatencyMs: [5, 10] })]);
    const { store, dispatcher } = s.core;
    const due = store.outbox.due.bind(store.outbox);
    let failures = 3;
    store.outbox.due = (...args) => {
      if (failures-- > 0) throw new TypeError('a bug in the outbox');
      return due(...args);
    };
    const r = dispatcher.send(ADMIN, { text: 'Проверка', phones: ['+79160000001', '+79160000002'], groups: [], contacts: [], tags: [], kind: 'plain', source: 'ui' });
    await until(() => store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('sent', 'delivered')`).pluck().get(r.broadcastId) === 2, 10_000, 'the SMS to go out after the faults');
    expect(failures).toBeLessThan(0);
  });

  it('keeps sending when a listener of the event bus throws; the other listeners still hear every event', async () => {
    const s = await startWith([new SimulatorCarrier({ submitLatencyMs: 0, replyRate: 0, deliveryLatencyMs: [5, 10] })]);
    const { store, dispatcher, events } = s.core;
    let thrown = 0;
    events.on('message.updated', () => {
      thrown++;
      throw new TypeError('a bug in a listener');
    });
    const heard = new Set<number>();
    events.on('message.updated', (m) => heard.add(m.id));
    const r = dispatcher.send(ADMIN, { text: 'Проверка', phones: ['+79160000001', '+79160000002', '+79160000003'], groups: [], contacts: [], tags: [], kind: 'plain', source: 'ui' });
    const delivered = () => store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status = 'delivered'`).pluck().get(r.broadcastId) as number;
    await until(() => delivered() === 3, 10_000, 'the SMS to be sent and delivered while a listener throws');
    expect(thrown).toBeGreaterThanOrEqual(3);
    expect(heard.size).toBe(3);
  });

  it('answers 500 for a request handler that throws, at once or later, and keeps answering', async () => {
    const s = await startWith([new SimulatorCarrier({ replyRate: 0 })]);
    s.routes.add('GET', '/api/v1/test-throws', () => {
      throw new TypeError('a bug in a handler');
    });
    s.routes.add('GET', '/api/v1/test-rejects', async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new TypeError('a bug in an async handler');
    });
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${s.url}/api/v1/test-throws`)).status).toBe(500);
      expect((await fetch(`${s.url}/api/v1/test-rejects`)).status).toBe(500);
    }
    expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
  });

  it('shows a carrier that cannot start as down with the reason, and starts it again with back-off', async () => {
    const flaky = new SimulatorCarrier({ id: 'flaky', name: 'Flaky' });
    let tries = 0;
    const realStart = flaky.start.bind(flaky);
    flaky.start = async (sink) => {
      if (++tries < 3) throw new Error('port busy');
      return realStart(sink);
    };
    const s = await startWith([flaky]);
    expect(s.core.router.status('flaky')).toMatchObject({ state: 'down', detail: expect.stringMatching(/could not start \(port busy\); trying again/) });
    const health = await (await fetch(`${s.url}/api/v1/health`)).json();
    expect(health.subsystems).toEqual([{ name: 'carrier flaky', state: 'restarting', restarts: 1, detail: expect.stringMatching(/port busy.*again in 1 s/) }]);
    await until(() => s.core.router.status('flaky')?.state === 'up', 10_000, 'the carrier to start on a later try');
    expect(tries).toBe(3);
  });
});

describe('the process guard', () => {
  it('logs an uncaught exception and an unhandled rejection with context, and the process keeps running', async () => {
    const guard = fileURLToPath(new URL('../../main/station/resilience/process-guard.ts', import.meta.url));
    const script = `
      import { installProcessGuard } from ${JSON.stringify(guard)};
      installProcessGuard(() => null);
      setTimeout(() => { throw new Error('a timer that throws'); }, 10);
      setTimeout(() => { Promise.reject(new Error('nobody listens')); }, 20);
      setTimeout(() => { console.log('still running'); process.exit(0); }, 200);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out).toMatch(/uncaught exception \(Error: a timer that throws\); the station keeps running/);
    expect(out).toMatch(/unhandled promise rejection \(Error: nobody listens\); the station keeps running/);
    expect(out).toContain('still running');
  });
});
