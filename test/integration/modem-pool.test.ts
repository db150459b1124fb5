// Two emulated modems as one pool: load shared by send rate, one unplugged modem does not stop it.
import { afterEach, describe, expect, it } from 'vitest';
import { ModemCarrier, ModemPool, openSerialTransport } from '../../main/station/carriers/modem/index.js';
import { startEmulatedModem } from '../tools/modem-emulator/harness.js';
import type { DeliveryReport } from '../../main/station/carriers/carrier.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('modem pool', () => {
  it('shares sends between modems, reports per modem, and carries on when one is unplugged', async () => {
    const a = await startEmulatedModem({ operator: 'Net A' });
    const b = await startEmulatedModem({ operator: 'Net B' });
    cleanups.push(() => a.stop(), () => b.stop());
    const modem = (id: string, path: string) =>
      new ModemCarrier({ id, name: id, open: () => openSerialTransport({ path }), sendIntervalMs: 50, reopenMinMs: 100, reopenMaxMs: 300 });
    const pool = new ModemPool('pool', 'Modem pool', [modem('A', a.stationPath), modem('B', b.stationPath)]);
    cleanups.push(() => pool.stop());
    const reports: DeliveryReport[] = [];
    await pool.start({ inbound: async () => undefined, report: (r, carrierId) => carrierId === 'pool' && reports.push(r), status: () => undefined });
    await until('both up', () => pool.members().every((m) => m.state === 'up'));

    const sends = Array.from({ length: 10 }, (_, i) => pool.send({ messageId: i, phone: '+79161234567', text: `alert ${i}`, requestReport: true }));
    const refs = (await Promise.all(sends)).flatMap((r) => r.refs);
    expect(a.emulator.sent.length).toBeGreaterThanOrEqual(3);
    expect(b.emulator.sent.length).toBeGreaterThanOrEqual(3);
    expect(a.emulator.sent.length + b.emulator.sent.length).toBe(10);
    await until('ten reports', () => reports.length === 10);
    expect(new Set(reports.map((r) => r.ref))).toEqual(new Set(refs));
    expect(pool.members().map((m) => [m.id, m.operator, m.registration, m.sim])).toEqual([
      ['A', 'Net A', 'home', 'READY'],
      ['B', 'Net B', 'home', 'READY'],
    ]);

    await a.unplug();
    await until('A down', () => pool.members()[0]!.state === 'down');
    expect(pool.status()).toMatchObject({ state: 'up' });
    expect(pool.status().detail).toMatch(/1 of 2 modems up/);
    await pool.send({ messageId: 99, phone: '+79161234567', text: 'via B', requestReport: false });
    expect(b.emulator.sent.at(-1)!.decoded.text).toBe('via B');
  });
});
