// A station with one or two routes — SMPP, each to its own local SMSC (test/tools/smsc.ts), or
// HTTP, each to its own local provider (test/tools/sms-provider.ts) — that misbehave on command,
// for the bad-day drills: send to a group, let it settle, then count what each network received,
// what the store says, and how many recipients got the SMS twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarrierStatus } from '../../shared/protocol/index.js';
import { createStation, type Station, type StationOptions } from '../../main/station/index.js';
import type { Carrier } from '../../main/station/carriers/carrier.js';
import { createSmppCarrier, type SmppCarrier, type SmppCarrierConfigInput } from '../../main/station/carriers/smpp/index.js';
import { createHttpCarrier, type HttpCarrier, type HttpCarrierConfigInput } from '../../main/station/carriers/http/index.js';
import { TestSmsc } from './smsc.js';
import { SmsProvider } from './sms-provider.js';
import { until } from './dispatch-station.js';

export interface DrillReport {
  recipients: number;
  statuses: Record<string, number>;
  /** Submits that may have reached a phone (accepted or left unanswered), per network. */
  reached: number[];
  /** Recipients that got it more than once, and how many copies too many in all. */
  twice: number;
  extraCopies: number;
  /** Recipients no SMSC ever took a submit for. */
  missing: number;
  /** SMS re-sent after a submit in doubt (messages.resends). */
  resends: number;
  maxAttempts: number;
}

/** What a drill needs of a network: how many submits for a phone may have reached it. */
interface Network {
  reached(phone: string): number;
  /** Submits that may have reached a phone, in all. */
  total(): number;
  stop(): Promise<void>;
}

export interface Drill<R extends Carrier = Carrier> {
  station: Station;
  routes: R[];
  /** Every carrier.status the station published, in order. */
  statuses: (CarrierStatus & { at: number })[];
  /** A group of `n` new contacts; returns its id and their phones. */
  group(n: number, name?: string): { id: number; phones: string[] };
  send(groupId: number, text: string, priority?: 'high' | 'normal'): number;
  settled(broadcastId: number, timeoutMs?: number): Promise<void>;
  report(broadcastId: number, label: string): DrillReport;
  health(): Promise<Health>;
  /**
   * Polls GET /api/v1/health until the carrier's entry matches `shows` (while the fault lasts),
   * and returns that entry: what an operator's monitoring would have read.
   */
  healthShows(carrierId: string, shows: (c: HealthCarrier) => boolean, what: string, timeoutMs?: number): Promise<HealthCarrier>;
  stop(): Promise<void>;
}

export interface HealthCarrier {
  id: string;
  state: string;
  detail?: string | null;
  inDoubt?: number;
  resent?: number;
}
export interface Health {
  ok: boolean;
  carriers: HealthCarrier[];
  store?: unknown;
}

const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };

/** Station options for drills: the defaults' proportions, short enough for a test. */
export const DRILL_STATION = {
  outbox: {
    inDoubtGraceMs: 1_500,
    moveAfterMs: { high: 300, normal: 1_000 },
    health: { silentDegradedMs: 700, silentDownMs: 1_500, throttleHoldMs: 1_000, holdMs: 1_500, slowMs: 400 },
  },
};

export const sentOrDelivered = (statuses: Record<string, number>) => (statuses['sent'] ?? 0) + (statuses['delivered'] ?? 0);
let phoneBase = 1_000_000;

export async function smppDrill(
  opts: { routes?: number; smpp?: Partial<SmppCarrierConfigInput>; station?: Partial<StationOptions> } = {},
): Promise<Drill<SmppCarrier> & { smscs: TestSmsc[] }> {
  const smscs: TestSmsc[] = [];
  for (let i = 0; i < (opts.routes ?? 2); i++) {
    const smsc = new TestSmsc();
    await smsc.start(0);
    smscs.push(smsc);
  }
  const routes = smscs.map((s, i) =>
    createSmppCarrier({
      kind: 'smpp',
      id: `smsc-${'ab'[i]}`,
      name: `SMSC ${'AB'[i]}`,
      host: '127.0.0.1',
      port: s.port,
      systemId: 'switchboard',
      password: 'secret',
      sourceAddr: 'Dispatch',
      responseTimeoutMs: 500,
      enquireLinkMs: 1_000,
      reconnect: { initialMs: 50, maxMs: 200 },
      ...opts.smpp,
    }),
  );
  const networks = smscs.map((s) => ({
    reached: (phone: string) => s.deliveredTo(phone.slice(1)),
    total: () => s.seen.filter((x) => x.outcome !== 'refused').length,
    stop: () => s.stop(),
  }));
  return { ...(await drillStation(routes, networks, opts.station)), smscs };
}

export async function httpDrill(
  opts: { routes?: number; http?: Partial<HttpCarrierConfigInput['send']>; station?: Partial<StationOptions> } = {},
): Promise<Drill<HttpCarrier> & { providers: SmsProvider[] }> {
  const providers: SmsProvider[] = [];
  const urls: string[] = [];
  for (let i = 0; i < (opts.routes ?? 2); i++) {
    const p = new SmsProvider();
    urls.push(await p.start());
    providers.push(p);
  }
  const routes = urls.map((url, i) =>
    createHttpCarrier({
      kind: 'http',
      id: `api-${'ab'[i]}`,
      name: `API ${'AB'[i]}`,
      send: { url: `${url}/sms`, body: { to: '{to}', text: '{text}' }, messageIdPath: 'id', timeoutMs: 500, lateAnswerMs: 1_500, ...opts.http },
      recoverAfterMs: 1_000,
    }),
  );
  const networks = providers.map((p) => ({
    reached: (phone: string) => p.reached(phone),
    total: () => p.requests.filter((r) => r.outcome !== 'refused').length,
    stop: () => p.stop(),
  }));
  return { ...(await drillStation(routes, networks, opts.station)), providers };
}

async function drillStation<R extends Carrier>(routes: R[], networks: Network[], options: Partial<StationOptions> = {}): Promise<Drill<R>> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-drill-'));
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: routes, ...options });
  const statuses: Drill['statuses'] = [];
  station.core.events.on('carrier.status', (s) => statuses.push({ ...s, at: Date.now() }));
  await until(() => routes.every((r) => r.status().state === 'up'), 10_000, 'the routes to come up');
  const { store, dispatcher } = station.core;
  const count = (sql: string, id: number) => store.db.prepare(sql).pluck().get(id) as number;
  return {
    station,
    routes,
    statuses,
    group(n, name = `Группа ${phoneBase}`) {
      const id = store.groups.create(name);
      const phones: string[] = [];
      store.db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const phone = `+7917${String(phoneBase++).padStart(7, '0')}`;
          phones.push(phone);
          store.groups.addMember(id, store.contacts.upsert({ name: `${name} ${i}`, phone }).id);
        }
      })();
      return { id, phones };
    },
    send(groupId, text, priority = 'normal') {
      const r = dispatcher.send(ADMIN, { text, groups: [groupId], contacts: [], phones: [], tags: [], kind: 'plain', priority, source: 'ui' });
      if (r.broadcastId === null) throw new Error(`nothing was sent: ${JSON.stringify(r.refused)}`);
      return r.broadcastId;
    },
    settled: (broadcastId, timeoutMs = 20_000) =>
      until(
        () => count(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`, broadcastId) === 0,
        timeoutMs,
        `broadcast ${broadcastId} to settle`,
      ),
    report(broadcastId, label) {
      const rows = store.db.prepare(`SELECT phone, status, attempts, resends FROM messages WHERE broadcast_id = ?`).all(broadcastId) as {
        phone: string;
        status: string;
        attempts: number;
        resends: number;
      }[];
      const statusCounts: Record<string, number> = {};
      for (const r of rows) statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
      let twice = 0;
      let extraCopies = 0;
      let missing = 0;
      for (const r of rows) {
        const copies = networks.reduce((n, net) => n + net.reached(r.phone), 0);
        if (copies === 0) missing++;
        if (copies > 1) {
          twice++;
          extraCopies += copies - 1;
        }
      }
      const report: DrillReport = {
        recipients: rows.length,
        statuses: statusCounts,
        reached: networks.map((n) => n.total()),
        twice,
        extraCopies,
        missing,
        resends: rows.reduce((n, r) => n + r.resends, 0),
        maxAttempts: Math.max(0, ...rows.map((r) => r.attempts)),
      };
      console.log(
        `[${label}] ${report.recipients} recipients; reached per network ${report.reached.join(' / ')}; stored ${JSON.stringify(statusCounts)}; ` +
          `twice ${report.twice} (${report.extraCopies} extra), missing ${report.missing}, in-doubt re-sends ${report.resends}, most attempts ${report.maxAttempts}`,
      );
      return report;
    },
    async health() {
      return (await fetch(`${station.url}/api/v1/health`)).json() as Promise<Health>;
    },
    async healthShows(carrierId, shows, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last: HealthCarrier | undefined;
      for (;;) {
        const health = (await (await fetch(`${station.url}/api/v1/health`)).json()) as Health;
        last = health.carriers.find((c) => c.id === carrierId);
        if (last && shows(last)) {
          console.log(`[health] ${carrierId}: ${last.state} — ${last.detail ?? ''} (in doubt ${last.inDoubt ?? 0}, re-sent ${last.resent ?? 0})`);
          return last;
        }
        if (Date.now() > deadline) throw new Error(`health never showed ${what}; last: ${JSON.stringify(last)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      await station.stop();
      for (const n of networks) await n.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
