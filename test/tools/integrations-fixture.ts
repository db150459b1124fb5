// A station with a small organisation for the integration doors' tests: an admin key, and a
// dispatcher whose rights cover the "Север" group only (so "Юг" is refused on every door).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createStation, type Station, type StationOptions } from '../../main/station/index.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';

export const run = promisify(execFile);

export interface Org {
  station: Station;
  dir: string;
  adminKey: string;
  dispatcherKey: string;
  /** Legacy key of the dispatcher, for MTS-style login + MD5(key). */
  legacyKey: string;
  groups: { north: number; south: number };
  contacts: { ivanov: number; petrov: number; sidorova: number };
  phones: { ivanov: string; petrov: string; sidorova: string };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startOrg(options: Partial<StationOptions> = {}): Promise<Org> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-integrations-'));
  const station = await createStation({
    dataDir: dir,
    port: 0,
    logLevel: 'silent',
    simulator: { seed: 7, deliveryLatencyMs: [5, 10], replyRate: 0, failureRate: 0 },
    ...options,
  });
  const { store } = station.core;
  await store.users.create({ login: 'dispatcher', name: 'Диспетчер', role: 'dispatcher', password: 'dispatcher-pass-1' });
  const disp = store.users.byLogin('dispatcher')!;
  const north = store.groups.create('Север');
  const south = store.groups.create('Юг');
  const ivanov = store.contacts.upsert({ name: 'Иванов', phone: '+79160000001', email: 'ivanov@example.org' }).id;
  const petrov = store.contacts.upsert({ name: 'Петров', phone: '+79160000002' }).id;
  const sidorova = store.contacts.upsert({ name: 'Сидорова', phone: '+79160000003' }).id;
  store.groups.addMember(north, ivanov);
  store.groups.addMember(north, petrov);
  store.groups.addMember(south, sidorova);
  const tag = store.tags.ensure('АварияСервер1');
  store.tags.subscribe(tag, ivanov, 'admin');
  store.tags.subscribe(tag, sidorova, 'admin');
  store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'group', ?)`).run(disp.id, north);
  const keys = new ApiKeyRepository(store.db);
  const adminKey = keys.create('admin', 'tests').key;
  const dispatcherKey = keys.create('dispatcher', 'tests').key;
  const legacyKey = keys.create('dispatcher', 'old MTS script', true).key;
  return {
    station,
    dir,
    adminKey,
    dispatcherKey,
    legacyKey,
    groups: { north, south },
    contacts: { ivanov, petrov, sidorova },
    phones: { ivanov: '+79160000001', petrov: '+79160000002', sidorova: '+79160000003' },
    async stop() {
      await station.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CurlResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: unknown;
}

/** Runs the real curl; `args` are curl's own arguments before the URL. */
export async function curl(url: string, args: string[] = []): Promise<CurlResult> {
  const { stdout } = await run('curl', ['-sS', '-i', '--max-time', '20', ...args, url], { maxBuffer: 64 * 1024 * 1024 });
  const split = stdout.indexOf('\r\n\r\n');
  const head = stdout.slice(0, split).split('\r\n');
  const body = stdout.slice(split + 4);
  const status = Number(head[0]!.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let json: unknown = undefined;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, body, json };
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
