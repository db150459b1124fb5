// Cloud carriers on the bad day (issue 11), through a whole station and real SMPP over loopback:
// (a) how long an alert queued behind a 10,000-recipient broadcast takes to reach the SMSC at
//     window 10, with the SMSC answering at once and after 100 ms (an operator's SMSC under load);
// (b) throughput of 5,000 SMS over two SMPP routes (window 10, answering after 20 ms: about 500
//     a second each) when the first one throttles half the time (ESME_RTHROTTLED for 1 s, then
//     1 s normal, from the start), and what became of them; and Kannel, the peer gateway, on the
//     same two SMSCs with the same faults, side by side.
// (c) the outbox alone: 10,000 SMS committed at once, then handed to a zero-latency simulator
//     (the figure dispatch.ts measured before large sends were committed in steps).
// Prints figures; never asserts timings. Runnable alone: `npx tsx bench/carriers.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createStation, type Station } from '../main/station/index.js';
import { createSmppCarrier } from '../main/station/carriers/smpp/index.js';
import { SimulatorCarrier } from '../main/station/carriers/simulator.js';
import { TestSmsc } from '../test/tools/smsc.js';
import { kannelMissing, startKannel } from './_kannel.js';

const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };

type Dispatcher = Station['core']['dispatcher'];
/** Sends and waits for the commit: a large audience is committed in steps (sendAndWait), on older trees at once (send). */
async function committed(dispatcher: Dispatcher, req: Parameters<Dispatcher['send']>[1]): Promise<ReturnType<Dispatcher['send']>> {
  const d = dispatcher as Dispatcher & { sendAndWait?: Dispatcher['send'] };
  return d.sendAndWait ? await d.sendAndWait(ADMIN, req) : d.send(ADMIN, req);
}

function seedGroup(station: Station, size: number, phoneBase: number): number {
  const { store } = station.core;
  const group = store.groups.create(`Bench ${phoneBase}`);
  const insert = store.db.prepare(`INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`);
  store.db.transaction(() => {
    for (let i = 0; i < size; i++) {
      const { id } = insert.get(`Сотрудник ${i}`, `+7916${String(phoneBase + i).padStart(7, '0')}`) as { id: number };
      store.groups.addMember(group, id);
    }
  })();
  return group;
}

function smppRoute(id: string, port: number, window: number) {
  return createSmppCarrier({ kind: 'smpp', id, name: id, host: '127.0.0.1', port, systemId: 'switchboard', password: 'secret', sourceAddr: 'Dispatch', window });
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

async function withStation<T>(smscs: TestSmsc[], window: number, body: (station: Station) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-carriers-'));
  const carriers = smscs.map((s, i) => smppRoute(`smsc-${String.fromCharCode(97 + i)}`, s.port, window));
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers });
  try {
    await until(() => carriers.every((c) => c.status().state === 'up'), 10_000);
    return await body(station);
  } finally {
    await station.stop();
    for (const s of smscs) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Five alerts, each sent while the broadcast is still going out: ms until its submit reaches the SMSC. */
async function alertBehindBroadcast(answerDelayMs: number): Promise<number[]> {
  const smsc = new TestSmsc({ record: false, submitDelayMs: answerDelayMs });
  await smsc.start(0);
  return withStation([smsc], 10, async (station) => {
    const big = seedGroup(station, 10_000, 1_000_000);
    const alerts = seedGroup(station, 5, 9_000_000);
    const alertPhones = (station.core.store.db.prepare('SELECT c.phone FROM contacts c JOIN group_members g ON g.contact_id = c.id WHERE g.group_id = ? ORDER BY c.id').pluck().all(alerts) as string[]);
    const { dispatcher } = station.core;
    await committed(dispatcher, { text: 'Плановое отключение в субботу с 9 до 13', groups: [big], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    const times: number[] = [];
    for (const phone of alertPhones) {
      const before = smsc.seen.length;
      await until(() => smsc.seen.length >= before + 300, 60_000);
      const t0 = performance.now();
      dispatcher.send(ADMIN, { text: 'Авария на ПС-12! Ответьте 1', phones: [phone], groups: [], contacts: [], tags: [], kind: 'plain', priority: 'high', source: 'ui' });
      const digits = phone.slice(1);
      const reached = await until(() => smsc.seen.some((s) => s.destination === digits), 60_000);
      times.push(reached ? performance.now() - t0 : Number.POSITIVE_INFINITY);
    }
    return times.sort((a, b) => a - b);
  });
}

interface ThrottleRun {
  seconds: number;
  perSecond: number;
  sent: number;
  failed: number;
  viaA: number;
  viaB: number;
  twice: number;
  drained: boolean;
}

const THROTTLE_COUNT = 5_000;

/** Two SMSCs answering after 20 ms; A answers ESME_RTHROTTLED 1 s of every 2, from now until `stop`. */
async function halfThrottledPair(): Promise<{ a: TestSmsc; b: TestSmsc; stop(): Promise<void> }> {
  const a = new TestSmsc({ record: false, submitDelayMs: 20 });
  const b = new TestSmsc({ record: false, submitDelayMs: 20 });
  await a.start(0);
  await b.start(0);
  let throttling = true;
  a.faults.refuseAll = 0x58;
  const flip = setInterval(() => {
    throttling = !throttling;
    a.faults.refuseAll = throttling ? 0x58 : null;
  }, 1_000);
  return {
    a,
    b,
    async stop() {
      clearInterval(flip);
      await a.stop();
      await b.stop();
    },
  };
}

/** What the two SMSCs took: submits that may reach a phone on each, recipients reached at all and more than once. */
function tally(a: TestSmsc, b: TestSmsc): { viaA: number; viaB: number; recipients: number; twice: number } {
  const reached = new Map<string, number>();
  for (const smsc of [a, b]) for (const [d, n] of smsc.reachedCounts()) reached.set(d, (reached.get(d) ?? 0) + n);
  const total = (smsc: TestSmsc) => [...smsc.reachedCounts().values()].reduce((x, y) => x + y, 0);
  return { viaA: total(a), viaB: total(b), recipients: reached.size, twice: [...reached.values()].filter((n) => n > 1).length };
}

/** 5,000 SMS over A (priority 1, throttling 1 s of every 2) and B (priority 2), both window 10, answering after 20 ms. */
async function halfThrottled(): Promise<ThrottleRun> {
  const COUNT = THROTTLE_COUNT;
  const pair = await halfThrottledPair();
  const { a, b } = pair;
  try {
    return await withStation([a, b], 10, async (station) => {
      const group = seedGroup(station, COUNT, 2_000_000);
      const { dispatcher, store } = station.core;
      const t0 = performance.now();
      const r = await committed(dispatcher, { text: 'Учения: проверка оповещения', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
      const left = store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck();
      const drained = await until(() => (left.get(r.broadcastId) as number) === 0, 180_000);
      const seconds = (performance.now() - t0) / 1000;
      const counts = Object.fromEntries(
        (store.db.prepare('SELECT status, count(*) AS n FROM messages WHERE broadcast_id = ? GROUP BY status').all(r.broadcastId) as { status: string; n: number }[]).map((x) => [x.status, x.n]),
      );
      const sent = (counts['sent'] ?? 0) + (counts['delivered'] ?? 0);
      const { viaA, viaB, twice } = tally(a, b);
      return { seconds, perSecond: sent / seconds, sent, failed: counts['failed'] ?? 0, viaA, viaB, twice, drained };
    });
  } finally {
    await pair.stop();
  }
}

/**
 * The peer on the same bad day: Kannel's bearerbox with the same two SMPP links (window 10 each),
 * A throttling 1 s of every 2, fed the same 5,000 SMS through smsbox's sendsms (16 requests in
 * flight). Kannel shares traffic between its links and pauses a throttled one for throttling-wait
 * (1 s); it has no priorities between them. Timed until both SMSCs together accepted every recipient
 * (or nothing new came for 30 s: then what never arrived is printed).
 */
async function kannelHalfThrottled(): Promise<(ThrottleRun & { version: string }) | string> {
  const missing = kannelMissing();
  if (missing) return `skipped: ${missing}`;
  const COUNT = THROTTLE_COUNT;
  const pair = await halfThrottledPair();
  const { a, b } = pair;
  // A message Kannel's link gave back (throttled) waits sms-resend-freq before it is tried again:
  // 60 s by default, which would stall it for a minute; 1 s here, as our lanes pause.
  const kannel = await startKannel(
    [a, b].map((s) => ({ port: s.port, systemId: 'switchboard', password: 'secret', window: 10 })),
    { resendFreqS: 1 },
  ).catch(async (err: unknown) => {
    await pair.stop();
    throw err;
  });
  try {
    const t0 = performance.now();
    const text = encodeURIComponent('Учения: проверка оповещения');
    let next = 0;
    const worker = async () => {
      while (next < COUNT) {
        const i = next++;
        const res = await fetch(`${kannel.sendsmsUrl}&charset=UTF-8&coding=2&to=%2B7916${String(2_000_000 + i).padStart(7, '0')}&text=${text}`);
        const body = await res.text();
        if (res.status !== 202 && res.status !== 200) throw new Error(`Kannel answered ${res.status}: ${body}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    // Until every recipient is reached, or nothing new arrived for 30 s (what is left, Kannel holds).
    let lastN = 0;
    let lastAt = performance.now();
    await until(() => {
      const got = tally(a, b).recipients;
      if (got !== lastN) {
        lastN = got;
        lastAt = performance.now();
      }
      return got >= COUNT || performance.now() - lastAt > 30_000;
    }, 180_000);
    const { viaA, viaB, twice, recipients: sent } = tally(a, b);
    const drained = sent >= COUNT;
    const seconds = ((drained ? lastAt : performance.now()) - t0) / 1000;
    return { version: kannel.version, seconds, perSecond: sent / seconds, sent, failed: COUNT - sent, viaA, viaB, twice, drained };
  } finally {
    await kannel.stop();
    await pair.stop();
  }
}

/** Outbox throughput alone: the commit is made at once and not timed; ms from it to the last SMS handed over. */
async function outboxAlone(): Promise<{ ms: number; cpuMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-outbox-'));
  const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [1, 5], replyRate: 0, failureRate: 0 });
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim] });
  try {
    const group = seedGroup(station, 10_000, 3_000_000);
    const { dispatcher, store } = station.core;
    // commitAtOnce: the whole audience in one transaction (older trees ignore the field and do that anyway).
    const r = dispatcher.send(ADMIN, { text: 'Проверка', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui', commitAtOnce: true } as Parameters<Dispatcher['send']>[1]);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const left = store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck();
    while ((left.get(r.broadcastId) as number) > 0) await new Promise((res) => setTimeout(res, 2));
    const cpu = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await station.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : 'never');

export async function benchCarriers(): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {};
  for (const delay of [0, 100]) {
    const t = await alertBehindBroadcast(delay);
    figures[`alert behind 10k broadcast → SMSC, window 10, answers after ${delay} ms: median (ms)`] = ms(t[2]!);
    figures[`alert behind 10k broadcast → SMSC, window 10, answers after ${delay} ms: worst of 5 (ms)`] = ms(t[4]!);
  }
  const outbox = await outboxAlone();
  figures['outbox alone: 10,000 committed SMS to a zero-latency simulator, msg/s'] = Math.round(10_000 / (outbox.ms / 1000));
  figures['outbox alone: CPU for those 10,000 (process, ms)'] = Math.round(outbox.cpuMs);
  const h = await halfThrottled();
  const n = THROTTLE_COUNT.toLocaleString('en');
  figures[`${n} SMS, route A throttling half the time + route B: seconds`] = h.drained ? Number(h.seconds.toFixed(2)) : `not drained in ${Math.round(h.seconds)} s`;
  figures[`${n} SMS, route A throttling half the time + route B: sent/s`] = Math.round(h.perSecond);
  figures[`${n} SMS, route A throttling half the time: sent / failed`] = `${h.sent} / ${h.failed}`;
  figures[`${n} SMS, route A throttling half the time: submits accepted by A / B`] = `${h.viaA} / ${h.viaB}`;
  figures[`${n} SMS, route A throttling half the time: recipients reached twice`] = h.twice;
  const k = await kannelHalfThrottled();
  if (typeof k === 'string') figures['Kannel on the same two SMSCs'] = k;
  else {
    figures[`Kannel ${k.version}, same two SMSCs and faults: seconds`] = k.drained ? Number(k.seconds.toFixed(2)) : `not drained in ${Math.round(k.seconds)} s`;
    figures[`Kannel, same two SMSCs and faults: sent/s`] = Math.round(k.perSecond);
    figures[`Kannel, same two SMSCs and faults: submits accepted by A / B`] = `${k.viaA} / ${k.viaB}`;
    figures[`Kannel, same two SMSCs and faults: recipients reached twice / never`] = `${k.twice} / ${k.failed}`;
    figures['station / Kannel, sent/s with A throttling half the time'] = Math.round((h.perSecond / k.perSecond) * 100) / 100;
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchCarriers();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
