// A station with one or two SMPP routes, each to its own local SMSC that misbehaves on command
// (test/tools/smsc.ts), for the bad-day drills: send to a group, let it settle, then count what
// each SMSC received, what the store says, and how many recipients got the SMS twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarrierStatus } from '../../shared/protocol/index.js';
import { createStation, type Station, type StationOptions } from '../../main/station/index.js';
import { createSmppCarrier, type SmppCarrier, type SmppCarrierConfigInput } from '../../main/station/carriers/smpp/index.js';
import { TestSmsc } from './smsc.js';
import { until } from './dispatch-station.js';

export interface DrillReport {
  recipients: number;
  statuses: Record<string, number>;
  /** Submits that may have reached a phone (accepted or left unanswered), per SMSC. */
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

export interface Drill {
  station: Station;
  smscs: TestSmsc[];
  routes: SmppCarrier[];
  /** Every carrier.status the station published, in order. */
  statuses: (CarrierStatus & { at: number })[];
  /** A group of `n` new contacts; returns its id and their phones. */
  group(n: number, name?: string): { id: number; phones: string[] };
  send(groupId: number, text: string, priority?: 'high' | 'normal'): number;
  settled(broadcastId: number, timeoutMs?: number): Promise<void>;
  report(broadcastId: number, label: string): DrillReport;
  health(): Promise<{ ok: boolean; carriers: { id: string; state: string; detail?: string | null; inDoubt?: number; resent?: number }[]; store?: unknown }>;
  stop(): Promise<void>;
}

const ADMIN = { userId: 1, name: 'admin', role: 'admin' as const };
let phoneBase = 1_000_000;

export async function smppDrill(
  opts: { routes?: number; smpp?: Partial<SmppCarrierConfigInput>; station?: Partial<StationOptions> } = {},
): Promise<Drill> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-drill-'));
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
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: routes, ...opts.station });
  const statuses: Drill['statuses'] = [];
  station.core.events.on('carrier.status', (s) => statuses.push({ ...s, at: Date.now() }));
  await until(() => routes.every((r) => r.status().state === 'up'), 10_000, 'the SMPP routes to bind');
  const { store, dispatcher } = station.core;
  const count = (sql: string, id: number) => store.db.prepare(sql).pluck().get(id) as number;
  return {
    station,
    smscs,
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
        const digits = r.phone.slice(1);
        const copies = smscs.reduce((n, s) => n + s.deliveredTo(digits), 0);
        if (copies === 0) missing++;
        if (copies > 1) {
          twice++;
          extraCopies += copies - 1;
        }
      }
      const report: DrillReport = {
        recipients: rows.length,
        statuses: statusCounts,
        reached: smscs.map((s) => s.seen.filter((x) => x.outcome !== 'refused').length),
        twice,
        extraCopies,
        missing,
        resends: rows.reduce((n, r) => n + r.resends, 0),
        maxAttempts: Math.max(0, ...rows.map((r) => r.attempts)),
      };
      console.log(
        `[${label}] ${report.recipients} recipients; reached per SMSC ${report.reached.join(' / ')}; stored ${JSON.stringify(statusCounts)}; ` +
          `twice ${report.twice} (${report.extraCopies} extra), missing ${report.missing}, in-doubt re-sends ${report.resends}, most attempts ${report.maxAttempts}`,
      );
      return report;
    },
    async health() {
      return (await fetch(`${station.url}/api/v1/health`)).json();
    },
    async stop() {
      await station.stop();
      for (const s of smscs) await s.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
