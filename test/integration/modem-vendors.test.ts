// Every vendor family the emulator models (test/tools/modem-emulator/vendors.ts, sources in
// docs/modem.md), booting as the station opens the port: up within 10 s of its "SMS ready"; the
// three kinds of text a dispatch center sends leave as PDUs Gammu reads back exactly; a single SMS,
// a 3-part SMS with a 16-bit reference whose parts come out of order, and the delivery reports of
// every part arrive whole and exactly once, the SMS in the real store, deleted from the modem
// only after their commit.
import { afterEach, describe, expect, it } from 'vitest';
import { gammuDecode } from '../tools/gammu.js';
import { CYRILLIC_150, GSM7_EXTENDED, LATIN, startDrill, until, type Drill } from '../tools/modem-drill.js';
import { VENDOR_IDS } from '../tools/modem-emulator/vendors.js';

const drills: Drill[] = [];
afterEach(async () => {
  for (const d of drills.splice(0)) await d.stop();
});

const to = '+79161234567';

describe.each(VENDOR_IDS)('%s modem', (vendor) => {
  it('comes up within 10 s of SMS ready, sends correct PDUs and takes in SMS and reports exactly once', async () => {
    const d = await startDrill({ vendor, boot: true });
    drills.push(d);
    const e = d.modem.emulator;
    await until('carrier up', () => d.carrier.status().state === 'up');
    expect(Date.now() - e.smsReadyAt).toBeLessThan(10_000);
    // Only "starting" on the way up, never a call to unlock the SIM.
    expect(d.details().filter((x) => /needs its PIN|PUK|unlock/i.test(x))).toEqual([]);

    // ---- out: Latin (1 part), 150 Cyrillic characters (3 UCS-2 parts), GSM-7 extension (1 part) ----
    const texts = [LATIN, CYRILLIC_150, GSM7_EXTENDED];
    const refs: string[][] = [];
    for (const [i, text] of texts.entries()) refs.push((await d.carrier.send({ messageId: i + 1, phone: to, text, requestReport: true })).refs);
    expect(refs.map((r) => r.length)).toEqual([1, 3, 1]);
    const decoded = gammuDecode(e.sent.map((s) => s.pdu));
    expect(decoded.map((g) => g.error)).toEqual(decoded.map(() => undefined));
    expect(decoded.every((g) => g.type === 'Submit' && g.number === to)).toBe(true);
    expect([decoded[0]!.text, decoded.slice(1, 4).map((g) => g.text).join(''), decoded[4]!.text]).toEqual(texts);
    expect(decoded.slice(1, 4).map((g) => [g.part, g.parts])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(decoded[1]!.coding).toMatch(/Unicode/);
    expect(decoded[4]!.coding).toMatch(/Default/);

    // ---- reports: one per part, each once, for the refs the sends returned ----
    await until('five delivery reports', () => d.reports.length >= 5);
    await new Promise((r) => setTimeout(r, 200));
    expect(d.reports.map((r) => r.ref).sort()).toEqual(refs.flat().sort());
    expect(d.reports.every((r) => r.status === 'delivered')).toBe(true);

    // ---- in: held at the commit, nothing may be deleted yet ----
    let release!: () => void;
    d.gate = new Promise<void>((r) => (release = r));
    const long = 'Бригада 7 на месте, нужна помощь: пострадавший у ворот Б, вызвали скорую. Ждём указаний дежурного. '.repeat(2);
    e.receive('+79001112233', 'Принято, выезжаем');
    e.receive('+79001112244', long, { refBits: 16, order: [3, 1, 2] });
    // The reader waits for each commit before it goes on: both SMS are still on the modem.
    await until('the first handed over', () => d.handed.length === 1);
    await until('all parts stored', () => [...e.memories.values()].reduce((n, m) => n + m.used, 0) === 4);
    await new Promise((r) => setTimeout(r, 300));
    const stored = new Set([...e.memories.values()].flatMap((m) => m.list().map(([, sms]) => sms.pdu)));
    expect(stored.size).toBe(4);
    expect(e.deletions.filter((x) => x.pdu !== null && stored.has(x.pdu))).toEqual([]);
    release();
    d.gate = null;
    await until('both stored and deleted', () => d.rows().length === 2 && [...e.memories.values()].every((m) => m.used === 0));
    expect(d.rows().map((r) => [r.phone, r.text])).toEqual([['+79001112233', 'Принято, выезжаем'], ['+79001112244', long]]);
    const deleted = e.deletions.filter((x) => x.pdu !== null && stored.has(x.pdu));
    expect(deleted).toHaveLength(4);
    for (const del of deleted) {
      const row = d.rows().find((r) => r.carrier_ref.split('/')[1]!.split('+').includes(`${del.memory}${del.index}`))!;
      expect(del.at).toBeGreaterThanOrEqual(d.committedAt.get(row.carrier_ref)!);
    }
    // Listed again (after each delete, and on the timer: every second here): still exactly once.
    const listings = () => e.commands.filter((c) => c === 'AT+CMGL=4').length;
    const listed = listings();
    await until('two more listings', () => listings() >= listed + 2);
    expect(d.rows()).toHaveLength(2);
    expect(d.handed).toHaveLength(2);
  });
});
