// A demo station for screenshots and benches: a fresh data folder with the demo organisation,
// a known admin, `switchboard start --demo` as a child process, and a little traffic (an alert
// asking for confirmation, a poll, an order) so the control room has something to show.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ControlRoomClient } from './control-room-client.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'main/bin/switchboard.js');

export interface DemoStation {
  url: string;
  data: string;
  login: string;
  password: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `npm run build` unless the bundle and the station's build are there (or `force`). */
export function ensureBuilt(force = false): void {
  if (!force && existsSync(join(ROOT, 'dist/renderer/index.html')) && existsSync(join(ROOT, 'dist/main'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

export function addUser(data: string, login: string, role: 'admin' | 'dispatcher' | 'viewer', password: string): void {
  const r = spawnSync(process.execPath, [CLI, 'user', 'add', '--data', data, '--login', login, '--role', role, '--password', password], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`user add failed: ${r.stderr}`);
}

export async function startDemoStation(port: number): Promise<DemoStation> {
  const data = mkdtempSync(join(tmpdir(), 'switchboard-demo-'));
  const login = 'demo-admin';
  const password = 'demo-password-4938';
  addUser(data, login, 'admin', password);
  const child = spawn(process.execPath, [CLI, 'start', '--data', data, '--port', String(port), '--demo'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`station exited:\n${out}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* Not listening yet. */
    }
    if (Date.now() > deadline) throw new Error(`station did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    data,
    login,
    password,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(data, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** An outage's worth of traffic: an alert with confirmation, a poll and an order. Returns their ids. */
export async function demoTraffic(station: DemoStation): Promise<{ alert: number; poll: number; order: number; scheduled: number }> {
  const c = await ControlRoomClient.login(station.url, station.login, station.password);
  try {
    const snap = await c.request('snapshot', {});
    const group = (name: string) => snap.groups.find((g) => g.name === name)!.id;
    const alert = await c.request('send', {
      text: '#авария Нет напряжения на ПС-12, Северный район. Ответьте 1, если приняли.',
      groups: [group('Северный РЭС')],
      kind: 'confirm',
      confirm: { afterMinutes: 30, resends: 1, escalateTo: [] },
    });
    const poll = await c.request('send', {
      text: 'Кто может выйти в ночную смену? 1 - да, 2 - нет, 3 - после 22:00',
      groups: [group('Южный РЭС')],
      kind: 'poll',
      options: ['да', 'нет', 'после 22:00'],
    });
    const order = await c.request('send', { text: 'Наряд #4711: замена опоры на ВЛ-10 кВ, ул. Лесная', groups: [group('Бригада 5')], kind: 'order' });
    const scheduled = await c.request('send', {
      text: 'Завтра с 9:00 до 13:00 плановое отключение ВЛ-10 кВ «Лесная». Бригадам быть на связи.',
      groups: [group('Северный РЭС')],
      scheduledAt: Date.now() + 18 * 3_600_000,
    });
    return { alert: alert.broadcastId!, poll: poll.broadcastId!, order: order.broadcastId!, scheduled: scheduled.broadcastId! };
  } finally {
    c.close();
  }
}
