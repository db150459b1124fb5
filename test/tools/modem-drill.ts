// A modem carrier on an emulated modem of one vendor, with inbound SMS going into a real store
// (a SQLite file, through the station's Inbound), for the vendor and behaviour tests. Records what
// the carrier hands over, when each commit happened, and every status it showed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CarrierStatus } from '../../shared/protocol/index.js';
import type { CarrierSink, DeliveryReport, InboundSms, LateAnswer } from '../../main/station/carriers/carrier.js';
import { createModemCarrier, type ModemCarrier, type ModemConfig } from '../../main/station/carriers/modem/index.js';
import { Inbound } from '../../main/station/inbound/inbound.js';
import { Store } from '../../main/station/store/store.js';
import { startEmulatedModem, type EmulatedModem } from './modem-emulator/harness.js';
import type { EmulatorOptions } from './modem-emulator/emulator.js';

export async function until(what: string, check: () => boolean, ms = 15_000, stepMs = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export interface StoredInbound {
  id: number;
  phone: string;
  text: string;
  carrier_ref: string;
}

export interface Drill {
  modem: EmulatedModem;
  carrier: ModemCarrier;
  store: Store;
  /** What the carrier handed over, in order (commits and refusals alike). */
  handed: InboundSms[];
  /** Epoch ms of each commit, by carrierRef. */
  committedAt: Map<string, number>;
  reports: DeliveryReport[];
  lates: Array<{ messageId: number; answer: LateAnswer }>;
  statuses: CarrierStatus[];
  /** Fails commits while set (the store refusing: disk full, locked). */
  failCommits: boolean;
  /** Holds commits until resolved. */
  gate: Promise<void> | null;
  rows(): StoredInbound[];
  /** The station's receive path on this store, for a second carrier (a restarted station). */
  sink: CarrierSink;
  /** Every status detail the carrier showed so far. */
  details(): string[];
  stop(): Promise<void>;
}

/** @param prepare runs on the emulator before the carrier starts (an SMS left on the SIM, a damaged slot) */
export async function startDrill(emulator: EmulatorOptions, carrier: Partial<ModemConfig> = {}, prepare?: (modem: EmulatedModem) => void): Promise<Drill> {
  const modem = await startEmulatedModem(emulator);
  prepare?.(modem);
  const dir = mkdtempSync(join(tmpdir(), 'sb-modem-drill-'));
  const store = Store.open(join(dir, 'switchboard.db'));
  const inbound = new Inbound(store, { received: () => undefined, statusChanged: () => undefined });
  const d: Drill = {
    modem,
    carrier: null as unknown as ModemCarrier,
    store,
    handed: [],
    committedAt: new Map(),
    reports: [],
    lates: [],
    statuses: [],
    failCommits: false,
    gate: null,
    sink: null as unknown as CarrierSink,
    rows: () => store.db.prepare(`SELECT id, phone, text, carrier_ref FROM messages WHERE direction = 'in' ORDER BY id`).all() as StoredInbound[],
    details: () => d.statuses.map((s) => s.detail ?? '').filter(Boolean),
    stop: async () => {
      await d.carrier.stop();
      await modem.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const sink: CarrierSink = {
    inbound: async (sms, carrierId) => {
      d.handed.push(sms);
      if (d.gate) await d.gate;
      if (d.failCommits) throw new Error('database or disk is full');
      inbound.receive(sms, carrierId);
      d.committedAt.set(sms.carrierRef ?? '', Date.now());
    },
    report: (r) => d.reports.push(r),
    status: (s) => d.statuses.push(s),
    late: (messageId, answer) => d.lates.push({ messageId, answer }),
  };
  d.sink = sink;
  d.carrier = createModemCarrier({
    id: 'gsm1', name: 'Modem 1', path: modem.stationPath, list: () => modem.list(),
    reopenMinMs: 100, reopenMaxMs: 500, watchdogMs: 500, healthMs: 1_000, answerTimeoutMs: 1_000, ...carrier,
  });
  await d.carrier.start(sink);
  return d;
}

/** 150 Cyrillic characters: three UCS-2 segments. */
export const CYRILLIC_150 = 'Внимание! Отключение подстанции №4, бригадам 7 и 9 прибыть к воротам Б до 14:00, подтвердите ответом 1. Связь через дежурного, тел. 112, позывной Север'.slice(0, 150);
export const LATIN = 'Fire alarm at substation 4: crews 7 and 9 report to gate B.';
export const GSM7_EXTENDED = 'Order {4711} [A|B] ~ ^ \\ costs €100';
