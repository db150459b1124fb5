// The engine on a bad day (issue 13): replies per second with one 2,000-recipient confirmation
// open (and what each reply costs every desk in bytes), single-recipient REST sends per second
// with an empty month and with 1,000,000 messages already this month, side by side with Kannel's
// sendsms through the same local SMSC, and the longest event-loop stall while a
// 100,000-recipient broadcast is committed. Prints figures; never asserts timings.
// Runnable alone: `npx tsx bench/engine.ts [replies|rest|commit]`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { createStation, type Station } from '../main/station/index.js';
import { SimulatorCarrier } from '../main/station/carriers/simulator.js';
import Database from 'better-sqlite3';
import { main as cli } from '../main/cli.js';
import { kill, startStationProcess } from '../test/tools/station-process.js';
import { TestSmsc } from '../test/tools/smsc.js';
import { kannelMissing, startKannel } from './_kannel.js';
import { cpuMsOf, ownCpuMs } from './_cpu.js';

type Figures = Record<string, string | number>;
const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };
const round = (n: number, d = 1) => Number(n.toFixed(d));
/** A rate with two significant figures at least, so 0.07/s does not print as 0. */
const rate = (n: number) => (n >= 100 ? Math.round(n) : Number(n.toPrecision(2)));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function seedGroup(station: Station, size: number, phoneBase: number): number {
  const { store } = station.core;
  const group = store.groups.create(`Bench ${phoneBase}`);
  const insert = store.db.prepare(`INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`);
  const member = store.db.prepare('INSERT INTO group_members (group_id, contact_id) VALUES (?, ?)');
  store.db.transaction(() => {
    for (let i = 0; i < size; i++) {
      const { id } = insert.get(`Сотрудник ${i}`, `+7916${String(phoneBase + i).padStart(7, '0')}`) as { id: number };
      member.run(group, id);
    }
  })();
  return group;
}

interface Desk {
  ws: WebSocket;
  /** Reply text → when this desk heard of it. */
  seen: Map<string, number>;
  bytes: number;
  frames: number;
}

async function desk(url: string, login: string, password: string): Promise<Desk> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const d: Desk = { ws, seen: new Map(), bytes: 0, frames: 0 };
  const loggedIn = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw: Buffer) => {
      d.bytes += raw.length;
      d.frames++;
      const frame = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; event?: string; data?: { direction?: string; text?: string } };
      if (frame.id === 1) (frame.ok ? resolve() : reject(new Error('bench login failed')));
      if (frame.event === 'message.created' && frame.data?.direction === 'in') d.seen.set(frame.data.text!, performance.now());
    });
  });
  ws.send(JSON.stringify({ id: 1, method: 'login', params: { login, password } }));
  await loggedIn;
  return d;
}

async function drained(station: Station, broadcastId: number, timeoutMs = 120_000): Promise<void> {
  const left = station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck();
  const deadline = Date.now() + timeoutMs;
  while ((left.get(broadcastId) as number) > 0) {
    if (Date.now() > deadline) throw new Error(`broadcast ${broadcastId} did not go out`);
    await sleep(10);
  }
}

/** 2,000-recipient confirmation open; 1,000 replies as fast as they come, then 500 at 100/s, to 3 desks. */
export async function benchReplies(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-replies-'));
  const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [1, 5], replyRate: 0, failureRate: 0 });
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim] });
  const desks: Desk[] = [];
  try {
    const { store, dispatcher } = station.core;
    await store.users.create({ login: 'bench', name: 'Bench', role: 'admin', password: 'bench-password' });
    const size = 2_000;
    const group = seedGroup(station, size, 2_000_000);
    const sent = dispatcher.send(ADMIN, { text: 'Учения: подтвердите, ответьте 1', groups: [group], contacts: [], phones: [], tags: [], kind: 'confirm', source: 'ui' });
    await drained(station, sent.broadcastId!);
    for (let i = 0; i < 3; i++) desks.push(await desk(station.url, 'bench', 'bench-password'));
    const phone = (i: number) => `+7916${String(2_000_000 + i).padStart(7, '0')}`;
    let acknowledged = 0;
    const arrive = async (i: number, text: string) => {
      await sim.receiveFrom(phone(i), text);
      acknowledged++;
    };
    const allSeen = async (texts: string[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!desks.every((d) => texts.every((t) => d.seen.has(t)))) {
        if (Date.now() > deadline) return false;
        await sleep(2);
      }
      return true;
    };
    await sleep(300);
    const bytesBefore = desks[0]!.bytes;

    const burst = 1_000;
    const burstTexts = Array.from({ length: burst }, (_, i) => `1 принял ${i}`);
    const t0 = performance.now();
    for (let i = 0; i < burst; i++) {
      await arrive(i, burstTexts[i]!);
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    const burstDone = await allSeen(burstTexts, 300_000);
    const burstMs = performance.now() - t0;
    const bytesPerReply = (desks[0]!.bytes - bytesBefore) / burst;

    const steady = Array.from({ length: 500 }, (_, i) => `1 на месте ${i}`);
    const at = new Map<string, number>();
    const startedSteady = performance.now();
    for (let i = 0; i < steady.length; i++) {
      // Paced against the clock, so a slow reply does not lower the offered rate.
      const due = startedSteady + i * 10;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      at.set(steady[i]!, performance.now());
      void arrive(burst + i, steady[i]!);
    }
    const steadyDone = await allSeen(steady, 300_000);
    const lat = steady
      .filter((t) => desks.every((d) => d.seen.has(t)))
      .map((t) => Math.max(...desks.map((d) => d.seen.get(t)!)) - at.get(t)!)
      .sort((a, b) => a - b);
    await sleep(200);
    const stored = store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'in'`).pluck().get() as number;
    return {
      'replies: 1,000 to an open 2,000-recipient confirmation, 3 desks (replies/s)': burstDone ? Math.round(burst / (burstMs / 1000)) : 'timed out',
      'replies: bytes pushed per reply to each desk': Math.round(bytesPerReply),
      'replies: at 100/s, carrier to last desk, p50 (ms)': lat.length ? round(pct(lat, 0.5)) : 'n/a',
      'replies: at 100/s, carrier to last desk, p99 (ms)': lat.length && steadyDone ? round(pct(lat, 0.99)) : 'timed out',
      'replies: stored / acknowledged to the carrier': `${stored} / ${acknowledged}`,
    };
  } finally {
    for (const d of desks) d.ws.close();
    await station.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Single-recipient sends through one door, `inFlight` at a time, for at most `budgetMs`. */
async function sendLoop(count: number, inFlight: number, budgetMs: number, one: (i: number) => Promise<void>): Promise<{ done: number; seconds: number }> {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + budgetMs;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      await one(next++);
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { done, seconds: (performance.now() - started) / 1000 };
}

/** `sendLoop`, with the CPU the server's processes and this client used per send. */
async function measuredLoop(count: number, inFlight: number, budgetMs: number, one: (i: number) => Promise<void>, serverPids: number[]) {
  const server0 = cpuMsOf(serverPids);
  const client0 = ownCpuMs();
  const run = await sendLoop(count, inFlight, budgetMs, one);
  const server1 = cpuMsOf(serverPids);
  const perSend = (ms: number) => round(ms / Math.max(1, run.done), 3);
  return {
    ...run,
    serverCpu: server0 !== null && server1 !== null ? perSend(server1 - server0) : null,
    clientCpu: perSend(ownCpuMs() - client0),
  };
}

/** A million messages this month, written straight into the store file as a month of traffic would leave them. */
function seedMonth(file: string, n: number): void {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  const now = Date.now();
  const d = new Date(now);
  const monthStart = new Date(d.getFullYear(), d.getMonth(), 1).getTime();
  const span = Math.max(60_000, now - 60_000 - monthStart);
  const insert = db.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < @to)
     INSERT INTO messages (direction, phone, text, segments, status, carrier_id, created_at, updated_at, sent_at, delivered_at)
     SELECT CASE WHEN i % 5 = 0 THEN 'in' ELSE 'out' END, '+7917' || printf('%07d', i % 50000), 'Сбой на узле ' || (i % 977) || ' #мониторинг', 1,
       CASE WHEN i % 5 = 0 THEN 'received' ELSE 'delivered' END, 'smpp',
       @start + i * @step, @start + i * @step, CASE WHEN i % 5 = 0 THEN NULL ELSE @start + i * @step END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE @start + i * @step END
     FROM seq`,
  );
  const step = Math.floor(span / n);
  for (let from = 0; from < n; from += 100_000) {
    db.transaction(() => insert.run({ from, to: Math.min(n, from + 100_000), start: monthStart, step }))();
  }
  db.close();
}

export async function benchRest(): Promise<Figures> {
  const figures: Figures = {};
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-rest-'));
  const smsc = new TestSmsc({ record: false });
  await smsc.start(0);
  // The station in a process of its own, as Kannel's boxes are: the HTTP client here does not share its thread.
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      carriers: [{ kind: 'smpp', id: 'smpp', host: '127.0.0.1', port: smsc.port, systemId: 'switchboard', password: 'secret', sourceAddr: 'Dispatch', window: 50 }],
      integrations: { rateLimitPerMinute: 10_000_000 },
      logLevel: 'warn',
    }),
  );
  const station = await startStationProcess(['--data', dir, '--port', '0', '--empty']);
  const SENDS = 3_000;
  const IN_FLIGHT = 8;
  const BUDGET_MS = 30_000;
  try {
    const keyLines: string[] = [];
    await cli(['apikey', 'create', '--user', 'admin', '--name', 'bench', '--data', dir], { log: (l) => keyLines.push(l), err: () => {} });
    const key = keyLines[0]!;
    let seq = 0;
    let resets = 0;
    const rest = async () => {
      const i = seq++;
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(`${station.url}/api/v1/send`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ to: `+7916${String(1_000_000 + (i % 1_000_000)).padStart(7, '0')}`, text: `Сервер ${i} недоступен #мониторинг` }),
          });
        } catch (err) {
          // A station that blocks its event loop for seconds drops kept-alive connections before
          // reading the next request on them: count it and try again on a fresh one.
          resets++;
          if (attempt >= 5) throw err;
          continue;
        }
        if (res.status !== 202) throw new Error(`send ${i} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        return;
      }
    };
    const submittedBy = async (target: number) => {
      const deadline = Date.now() + 120_000;
      while (smsc.submitCount < target && Date.now() < deadline) await sleep(10);
    };
    // Warm-up: JIT, statement caches, the SMPP window, the WAL file at its working size. With 300
    // the first figure was still warming: the full month read 1.1–1.3× faster than the empty one.
    const WARM = 1_000;
    await sendLoop(WARM, IN_FLIGHT, BUDGET_MS, rest);
    await submittedBy(seq);
    const stationPid = station.child.pid ? [station.child.pid] : [];
    const empty = await measuredLoop(SENDS, IN_FLIGHT, BUDGET_MS, rest, stationPid);
    const emptyRate = empty.done / empty.seconds;
    figures['REST: 1-recipient sends, empty month, 8 in flight (sends/s)'] = rate(emptyRate);
    if (empty.serverCpu !== null) figures['REST: station CPU per send, empty month (ms)'] = empty.serverCpu;
    figures['REST: bench client + test SMSC CPU per send (ms)'] = empty.clientCpu;
    await submittedBy(seq);

    let kannelRate: number | null = null;
    let kannelStoredRate: number | null = null;
    const missing = kannelMissing();
    if (missing) {
      figures['Kannel sendsms → SMPP'] = `skipped: ${missing}`;
    } else {
      // As Debian's kannel.conf ships it (no store: accepted SMS live in memory), and with a spool
      // store, so what it accepted survives a restart, as each of our sends is committed first.
      for (const store of [undefined, 'spool'] as const) {
        const kannel = await startKannel({ port: smsc.port, systemId: 'switchboard', password: 'secret' }, store ? { store } : {});
        try {
          let k = 0;
          const kSend = async () => {
            const i = k++;
            const res = await fetch(`${kannel.sendsmsUrl}&to=%2B7918${String(1_000_000 + i).padStart(7, '0')}&text=${encodeURIComponent(`Server ${i} down #monitoring`)}`);
            const body = await res.text();
            if (res.status !== 202 && res.status !== 200) throw new Error(`Kannel answered ${res.status}: ${body}`);
          };
          await sendLoop(300, IN_FLIGHT, BUDGET_MS, kSend);
          const run = await measuredLoop(SENDS, IN_FLIGHT, BUDGET_MS, kSend, kannel.pids);
          const r = run.done / run.seconds;
          if (store) kannelStoredRate = r;
          else kannelRate = r;
          figures[`Kannel ${kannel.version} sendsms → SMPP, same SMSC, 8 in flight${store ? ', spool store' : ''} (sends/s)`] = rate(r);
          if (run.serverCpu !== null) figures[`Kannel${store ? ' (spool store)' : ''}: bearerbox + smsbox CPU per send (ms)`] = run.serverCpu;
          figures[`Kannel${store ? ' (spool store)' : ''}: bench client + test SMSC CPU per send (ms)`] = run.clientCpu;
        } finally {
          await kannel.stop();
        }
      }
    }

    const seedStarted = performance.now();
    seedMonth(join(dir, 'switchboard.db'), 1_000_000);
    figures['(seeding 1,000,000 messages this month took, s)'] = round((performance.now() - seedStarted) / 1000);
    // Keep-alive sockets idle through the seeding may have been closed by the server.
    await sleep(6_000);
    await sendLoop(WARM, IN_FLIGHT, BUDGET_MS, rest);
    const full = await measuredLoop(SENDS, IN_FLIGHT, BUDGET_MS, rest, stationPid);
    const fullRate = full.done / full.seconds;
    figures['REST: 1-recipient sends, 1,000,000 messages this month (sends/s)'] = rate(fullRate);
    if (full.serverCpu !== null) figures['REST: station CPU per send, 1,000,000 messages this month (ms)'] = full.serverCpu;
    figures['REST: full month / empty month'] = round(fullRate / emptyRate, 3);
    figures['REST: connections the station dropped unread (retried)'] = resets;
    if (kannelRate !== null) {
      figures['REST / Kannel, empty month'] = round(emptyRate / kannelRate, 3);
      figures['REST / Kannel, 1,000,000 messages this month'] = round(fullRate / kannelRate, 3);
    }
    if (kannelStoredRate !== null) {
      figures['REST / Kannel with its spool store, empty month'] = round(emptyRate / kannelStoredRate, 3);
      figures['REST / Kannel with its spool store, 1,000,000 messages this month'] = round(fullRate / kannelStoredRate, 3);
    }
    return figures;
  } finally {
    await kill(station.child, 'SIGTERM');
    await smsc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Watches the event loop: the widest gap between two 1 ms ticks, and the delay histogram's p99. */
function loopWatch() {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  // Besides the histogram (which samples only when its own timer gets to run), the widest gap
  // between two 1 ms ticks: a synchronous commit shows as one long gap.
  let last = performance.now();
  let widest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    widest = Math.max(widest, now - last);
    last = now;
  }, 1);
  return async () => {
    await sleep(50);
    clearInterval(tick);
    h.disable();
    return { max: round(Math.max(h.max / 1e6, widest)), p99: round(h.percentile(99) / 1e6) };
  };
}

/**
 * The longest event-loop stall from the send click until all 100,000 messages are in the outbox,
 * /health probed meanwhile; with the carrier down (the commit alone) and with a zero-latency
 * simulator draining the outbox at the same time. On a shared machine a process is also paused by
 * the OS: the same watch over an idle stretch of the same length is printed beside it.
 */
export async function benchCommit(): Promise<Figures> {
  const figures: Figures = {};
  for (const carrierUp of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'sb-bench-commit-'));
    const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [1, 5], replyRate: 0, failureRate: 0 });
    const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim] });
    const label = carrierUp ? 'commit 100,000, outbox draining to a 0-latency simulator' : 'commit 100,000 recipients, carrier down';
    try {
      if (!carrierUp) sim.setAvailable(false);
      const size = 100_000;
      const group = seedGroup(station, size, 3_000_000);
      const count = station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND direction = 'out'`).pluck();
      const health: number[] = [];
      let probing = true;
      const probe = (async () => {
        while (probing) {
          const t = performance.now();
          const res = await fetch(`${station.url}/api/v1/health`);
          await res.arrayBuffer();
          health.push(performance.now() - t);
          await sleep(20);
        }
      })();
      await sleep(200);
      const watch = loopWatch();
      const t0 = performance.now();
      const sent = station.core.dispatcher.send(ADMIN, { text: 'Всем: плановое отключение в 22:00', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
      const answeredMs = performance.now() - t0;
      while ((count.get(sent.broadcastId) as number) < size || station.core.store.broadcasts.summary(sent.broadcastId!)?.preparing) await sleep(5);
      const committedMs = performance.now() - t0;
      const during = await watch();
      const idle = loopWatch();
      await sleep(Math.min(committedMs, 10_000));
      const baseline = await idle();
      probing = false;
      await probe;
      health.sort((a, b) => a - b);
      figures[`${label}: send() answered after (ms)`] = round(answeredMs);
      figures[`${label}: all in the outbox after (ms)`] = round(committedMs);
      figures[`${label}: longest event-loop stall (ms)`] = during.max;
      figures[`${label}: event-loop delay p99 (ms)`] = during.p99;
      figures[`${label}: same watch while idle, longest (ms)`] = baseline.max;
      figures[`${label}: slowest /health meanwhile (ms)`] = round(health[health.length - 1] ?? 0);
    } finally {
      await station.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv[2];
  const parts: [string, () => Promise<Figures>][] = [
    ['replies', benchReplies],
    ['rest', benchRest],
    ['commit', benchCommit],
  ];
  for (const [name, fn] of parts) {
    if (only && only !== name) continue;
    for (const [k, v] of Object.entries(await fn())) console.log(`${k.padEnd(78)} ${v}`);
  }
}
