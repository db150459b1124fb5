// A station for dispatch-rule tests: a real SQLite file in a temp dir, a scripted simulator (no
// random replies), a fake clock for escalations, three users and a small organisation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station, type StationOptions } from '../../main/station/index.js';
import type { MessageView } from '../../shared/protocol/index.js';
import { SimulatorCarrier, type SimulatorOptions } from '../../main/station/carriers/simulator.js';
import { ControlRoomClient } from './control-room-client.js';
import { FakeClock } from './fake-clock.js';

export const PEOPLE = {
  ivanov: { name: 'Иванов', phone: '+79160000001', group: 'north' },
  petrov: { name: 'Петров', phone: '+79160000002', group: 'north' },
  sidorova: { name: 'Сидорова', phone: '+79160000003', group: 'north' },
  fedorov: { name: 'Фёдоров', phone: '+79160000004', group: 'south' },
  orlova: { name: 'Орлова', phone: '+79160000005', group: 'south' },
  chief: { name: 'Главный', phone: '+79160000006', group: 'chiefs' },
  stranger: { name: 'Посторонний', phone: '+79160000007', group: null },
} as const;
export type Person = keyof typeof PEOPLE;

export interface DispatchStation {
  station: Station;
  sim: SimulatorCarrier;
  clock: FakeClock;
  dir: string;
  /** Where the simulator appends `messageId phone` per accepted submit. */
  ledgerFile: string;
  groups: { north: number; south: number; chiefs: number };
  contacts: Record<Person, number>;
  admin: ControlRoomClient;
  login(login: 'disp' | 'view'): Promise<ControlRoomClient>;
  /** Resolves when no message of the broadcast is queued or sending. */
  drained(broadcastId: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The latest stored reply from this phone with this text, as the feed shows it (with how it was matched). */
export function storedReply(station: Station, phone: string, text: string): MessageView {
  const { store } = station.core;
  const id = store.db
    .prepare(`SELECT id FROM messages WHERE direction = 'in' AND phone = ? AND text = ? ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get(phone, text) as number;
  return store.messages.view(id)!;
}

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function dispatchStation(
  opts: { sim?: Partial<SimulatorOptions>; station?: Partial<StationOptions> } = {},
): Promise<DispatchStation> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-dispatch-'));
  const ledgerFile = join(dir, 'ledger.txt');
  const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [5, 10], replyRate: 0, failureRate: 0, ledgerFile, ...opts.sim });
  const clock = new FakeClock();
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim], clock, ...opts.station });
  const { store } = station.core;
  const groups = { north: store.groups.create('Северный РЭС'), south: store.groups.create('Южный РЭС'), chiefs: store.groups.create('Руководители') };
  const contacts = {} as Record<Person, number>;
  for (const [key, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    contacts[key] = store.contacts.upsert({ name: p.name, phone: p.phone }).id;
    if (p.group) store.groups.addMember(groups[p.group], contacts[key]);
  }
  const disp = await store.users.create({ login: 'disp', name: 'Диспетчер', role: 'dispatcher', password: 'disp-password' });
  await store.users.create({ login: 'view', name: 'Наблюдатель', role: 'viewer', password: 'view-password' });
  // The dispatcher may send to the northern district only.
  store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'group', ?)`).run(disp.id, groups.north);
  const admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
  const clients: ControlRoomClient[] = [admin];
  const pending = store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck();
  return {
    station,
    sim,
    clock,
    dir,
    ledgerFile,
    groups,
    contacts,
    admin,
    async login(login) {
      const c = await ControlRoomClient.login(station.url, login, `${login}-password`);
      clients.push(c);
      return c;
    },
    drained: (broadcastId, timeoutMs = 10_000) => until(() => pending.get(broadcastId) === 0, timeoutMs, `broadcast ${broadcastId} to go out`),
    async stop() {
      for (const c of clients) c.close();
      await station.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
