// Dispatch engine figures (issue 5): commit of a 10,000-recipient broadcast, outbox throughput to
// a zero-latency simulator, and inbound replies stored + matched + pushed to 5 ws clients.
// Prints figures; never asserts timings. Runnable alone: `npx tsx bench/dispatch.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { createStation, type Station } from '../main/station/index.js';
import { SimulatorCarrier } from '../main/station/carriers/simulator.js';

const RECIPIENTS = 10_000;
const CLIENTS = 5;

function seedGroup(station: Station, size: number, phoneBase: number): number {
  const { store } = station.core;
  const group = store.groups.create(`Bench ${phoneBase}`);
  const insert = store.db.prepare(
    `INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`,
  );
  store.db.transaction(() => {
    for (let i = 0; i < size; i++) {
      const { id } = insert.get(`Сотрудник ${i}`, `+7916${String(phoneBase + i).padStart(7, '0')}`) as { id: number };
      store.groups.addMember(group, id);
    }
  })();
  return group;
}

const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };

async function commitAndDrain(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-dispatch-'));
  const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [1, 5], replyRate: 0, failureRate: 0 });
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim] });
  try {
    const group = seedGroup(station, RECIPIENTS, 1_000_000);
    const { dispatcher, store } = station.core;
    const t0 = performance.now();
    // Waits for the commit: a large audience is committed in steps after send() answers.
    const result = await dispatcher.sendAndWait(ADMIN, { text: 'Авария на ПС-12, ответьте 1', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    const commitMs = performance.now() - t0;
    if (result.recipients !== RECIPIENTS) throw new Error(`expected ${RECIPIENTS} recipients, got ${result.recipients}`);
    const left = store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck();
    while ((left.get(result.broadcastId) as number) > 0) await new Promise((r) => setTimeout(r, 5));
    const drainMs = performance.now() - t0;
    return {
      'dispatch.commit_10k_ms': round(commitMs),
      'dispatch.outbox_10k_ms': round(drainMs),
      'dispatch.outbox_msg_per_s': Math.round(RECIPIENTS / (drainMs / 1000)),
    };
  } finally {
    await station.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Client {
  ws: WebSocket;
  seen: Map<string, number>;
}

async function connect(url: string, login: string, password: string): Promise<Client> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const client: Client = { ws, seen: new Map() };
  const loggedIn = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; event?: string; data?: { direction?: string; text?: string } };
      if (frame.id === 1) (frame.ok ? resolve() : reject(new Error('bench login failed')));
      if (frame.event === 'message.created' && frame.data?.direction === 'in') client.seen.set(frame.data.text!, performance.now());
    });
  });
  ws.send(JSON.stringify({ id: 1, method: 'login', params: { login, password } }));
  await loggedIn;
  return client;
}

async function inbound(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-inbound-'));
  const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [1, 5], replyRate: 0, failureRate: 0 });
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim] });
  try {
    const { store, dispatcher, inbound: inb } = station.core;
    await store.users.create({ login: 'bench', role: 'admin', password: 'bench-password' });
    const size = 2_000;
    const group = seedGroup(station, size, 2_000_000);
    const sent = dispatcher.send(ADMIN, { text: 'Учения: ответьте 1', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    const left = store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck();
    while ((left.get(sent.broadcastId) as number) > 0) await new Promise((r) => setTimeout(r, 5));
    // One login at a time: the station refuses a burst of simultaneous logins as a guess attack.
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await connect(station.url, 'bench', 'bench-password'));
    const phone = (i: number) => `+7916${String(2_000_000 + (i % size)).padStart(7, '0')}`;
    let seq = 0;
    const arrive = (text: string) => inb.receive({ from: phone(seq), text, receivedAt: Date.now(), carrierRef: `b-${seq++}` }, 'simulator');
    const allSeen = async (texts: string[]) => {
      while (!clients.every((c) => texts.every((t) => c.seen.has(t)))) await new Promise((r) => setTimeout(r, 2));
    };

    // Throughput: as fast as the station takes them, yielding every 50 so frames get written.
    const burst = Array.from({ length: 5_000 }, (_, i) => `burst ${i}`);
    const t0 = performance.now();
    for (let i = 0; i < burst.length; i++) {
      arrive(burst[i]!);
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    await allSeen(burst);
    const burstMs = performance.now() - t0;

    // Latency at a steady 100/s: arrival → last of the 5 clients.
    const steady = Array.from({ length: 500 }, (_, i) => `steady ${i}`);
    const arrivedAt = new Map<string, number>();
    for (const t of steady) {
      arrivedAt.set(t, performance.now());
      arrive(t);
      await new Promise((r) => setTimeout(r, 10));
    }
    await allSeen(steady);
    const lat = steady.map((t) => Math.max(...clients.map((c) => c.seen.get(t)!)) - arrivedAt.get(t)!).sort((a, b) => a - b);
    for (const c of clients) c.ws.close();
    return {
      'inbound.burst_5k_ms': round(burstMs),
      'inbound.replies_per_s': Math.round(burst.length / (burstMs / 1000)),
      'inbound.p50_ms_at_100_per_s': round(lat[Math.floor(lat.length * 0.5)]!),
      'inbound.p99_ms_at_100_per_s': round(lat[Math.floor(lat.length * 0.99)]!),
    };
  } finally {
    await station.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function benchDispatch(): Promise<Record<string, string | number>> {
  return { ...(await commitAndDrain()), ...(await inbound()) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchDispatch().then(
    (figures) => {
      for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(32)} ${v}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
