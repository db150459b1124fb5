// Issue 12, item by item: each numbered behaviour of a real modem family (emulated from the
// sources cited in docs/modem.md), through a real pty, inbound SMS into a real store, outgoing
// PDUs read back by Gammu. Each test says what was sent, what arrived, what was stored, and how
// many times.
import { afterEach, describe, expect, it } from 'vitest';
import { CarrierError } from '../../main/station/carriers/carrier.js';
import { createModemCarrier } from '../../main/station/carriers/modem/index.js';
import { gammuDecode } from '../tools/gammu.js';
import { startDrill, until, type Drill } from '../tools/modem-drill.js';

const drills: Drill[] = [];
afterEach(async () => {
  for (const d of drills.splice(0)) await d.stop();
});

async function drill(...args: Parameters<typeof startDrill>): Promise<Drill> {
  const d = await startDrill(...args);
  drills.push(d);
  return d;
}

const up = (d: Drill, ms = 15_000) => until('carrier up', () => d.carrier.status().state === 'up', ms);
const settings = (d: Drill, re: RegExp) => d.modem.emulator.commands.filter((c) => re.test(c));
const to = '+79161234567';

describe('GSM modems as they really are (issue 12)', () => {
  it('1. Cinterion: AT+CNMI is chosen from AT+CNMI=? (bfr 1 only), accepted at the first try; reports come stored (+CDSI)', async () => {
    const d = await drill({ vendor: 'cinterion', boot: true });
    await up(d);
    expect(settings(d, /^AT\+CNMI=\?$/)).toHaveLength(1);
    expect(settings(d, /^AT\+CNMI=\d/)).toEqual(['AT+CNMI=2,1,0,2,1']);
    expect(settings(d, /^AT\+CPMS="/)[0]).toBe('AT+CPMS="SM","SM","SM"');
    const { refs } = await d.carrier.send({ messageId: 1, phone: to, text: 'проверка', requestReport: true });
    await until('report read from storage, then deleted', () => d.reports.some((r) => r.ref === refs[0]) && d.modem.emulator.memory('SM').used === 0);
  });

  it('2. Wavecom: +CPIN: READY with no OK is taken at once; AT+CPMS gets the two memories it has', async () => {
    const d = await drill({ vendor: 'wavecom', boot: true });
    await up(d);
    const e = d.modem.emulator;
    const cpin = e.commands.indexOf('AT+CPIN?');
    expect(e.commands[cpin + 1]).not.toBe('AT+CSQ'); // no timeout, no resynchronisation after it
    expect(settings(d, /^AT\+CPMS="/)[0]).toBe('AT+CPMS="SM","SM"');
    expect(settings(d, /^AT\+CPMS="[^"]*","[^"]*","/)).toEqual([]);
    e.receive('+79001112233', 'Fastrack on');
    await until('stored', () => d.rows().length === 1);
  });

  it('3. ZTE left in UCS2: moved to GSM with a UCS2-hex parameter; AT+CPMS accepted at once; the operator name in words', async () => {
    const d = await drill({ vendor: 'zte', boot: true });
    await up(d);
    expect(settings(d, /^AT\+CSCS="/)).toEqual(['AT+CSCS="00470053004D"']);
    expect(settings(d, /^AT\+CPMS="[^"]*","/)).toHaveLength(1);
    expect(d.carrier.status().operator).toBe('MTS RUS');

    // A ZTE that will not leave UCS2: every string parameter in UCS2 hex, answers decoded.
    const stuck = await drill({ vendor: 'zte', model: { cscsTest: '+CSCS: ("UCS2")' } });
    await up(stuck);
    expect(settings(stuck, /^AT\+CPMS="/)[0]).toBe('AT+CPMS="0053004D","0053004D","0053004D"');
    expect(stuck.carrier.status().operator).toBe('MTS RUS');
    stuck.modem.emulator.receive('+79001112233', 'в UCS2 тоже');
    await until('stored', () => stuck.rows().length === 1);
  });

  it('4. Quectel EC25 boot: SIM not inserted / busy / NOT READY for two seconds are "starting", never a locked SIM; up within 10 s of SMS DONE', async () => {
    // The boot log's phases, a little longer, so the driver meets each one on a loaded machine too.
    const d = await drill({
      vendor: 'quectel', boot: true,
      model: { boot: { silentMs: 150, urcs: [[150, 'RDY'], [400, '+CFUN: 1'], [3600, '+CPIN: READY'], [3900, '+QIND: SMS DONE']], simNotReady: [[2400, '+CME ERROR: 10'], [3000, '+CME ERROR: 14'], [3600, '+CPIN: NOT READY']], smsReadyMs: 3900 } },
    });
    await up(d);
    const e = d.modem.emulator;
    expect(Date.now() - e.smsReadyAt).toBeLessThan(10_000);
    const during = d.statuses.filter((s) => s.state !== 'up');
    expect(during.every((s) => s.state === 'connecting')).toBe(true);
    expect(d.details().some((x) => /starting up: the SIM is not ready yet \(\+CME ERROR 10\)/.test(x))).toBe(true);
    expect(d.details().filter((x) => /needs its PIN|PUK|No SIM|unlock/i.test(x))).toEqual([]);
  });

  it('5. SIM800 reboots with the port open (UNDER-VOLTAGE POWER DOWN, RDY … SMS Ready): noticed, set up again; reports flow, a bad number is permanent; a silent reboot is found by its echo', async () => {
    const d = await drill({ vendor: 'simcom' });
    const e = d.modem.emulator;
    e.faults.failingNumbers.set('+79990000000', 1);
    await up(d);
    const cmee = settings(d, /^AT\+CMEE=1$/).length;
    e.reboot();
    await until('power-down shown', () => d.details().some((x) => /powering down \(UNDER-VOLTAGE POWER DOWN\)/.test(x)));
    await until('set up again', () => settings(d, /^AT\+CMEE=1$/).length > cmee && d.carrier.status().state === 'up');
    expect(e.state).toMatchObject({ echo: false, cmee: 1 });
    expect(e.state.cnmi[3]).toBe(1);
    const { refs } = await d.carrier.send({ messageId: 1, phone: to, text: 'после сбоя питания', requestReport: true });
    await until('report', () => d.reports.some((r) => r.ref === refs[0]));
    await expect(d.carrier.send({ messageId: 2, phone: '+79990000000', text: 'x', requestReport: false })).rejects.toMatchObject({ code: 'cms:1', kind: 'permanent' });

    // Autobauding SIM800s send no RDY: the reboot shows only as echo coming back.
    const cmeeBefore = settings(d, /^AT\+CMEE=1$/).length;
    e.reboot({ silent: true, powerDownLine: '' });
    await until('echo noticed, set up again', () => settings(d, /^AT\+CMEE=1$/).length > cmeeBefore && d.carrier.status().state === 'up', 20_000);
    expect(d.details().some((x) => /command echo came back/.test(x))).toBe(true);
    expect(e.state).toMatchObject({ echo: false, cmee: 1 });
  });

  it('6. Huawei: ^CURC=0 silences ^RSSI/^DSFLOWRPT/^HCSQ; a hang while they keep coming is reset, since only answers count as life', async () => {
    const d = await drill({ vendor: 'huawei' }, { watchdogMs: 400 });
    const e = d.modem.emulator;
    e.state.noiseOn = true;
    await up(d);
    expect(settings(d, /^AT\^CURC=0$/)).toHaveLength(1);
    expect(e.state.noiseOn).toBe(false);
    // It hangs and starts talking again on its own: the lines keep coming, no answer does.
    e.faults.deaf = true;
    e.state.noiseOn = true;
    await until('reset', () => e.commands.includes('AT+CFUN=1,1'), 20_000);
    await up(d);
    expect(d.details().filter((x) => /unexpected modem output/.test(x))).toEqual([]);
    await expect(d.carrier.send({ messageId: 1, phone: to, text: 'снова на связи', requestReport: false })).resolves.toMatchObject({ refs: [expect.any(String)] });
  });

  it('7. +CMT direct delivery: with CSMS 1 acknowledged (+CNMA) only after commit; an unacknowledged one comes again and is stored once; class 0 on Huawei', async () => {
    const d = await drill({ vendor: 'generic', model: { cnmiTest: '+CNMI: (0-2),(0,2),(0,2),(0,1),(0,1)' }, cnmaTimeoutMs: 1_000, networkRetryMs: 300 });
    await up(d);
    const e = d.modem.emulator;
    expect(settings(d, /^AT\+CSMS=1$/)).toHaveLength(1);
    expect(settings(d, /^AT\+CNMI=\d/)).toEqual(['AT+CNMI=2,2,0,1,0']);
    e.receive('+79001112233', 'прямая доставка');
    await until('stored', () => d.rows().length === 1);
    await until('acknowledged', () => e.acks.length === 1);
    expect(e.acks[0]!).toBeGreaterThanOrEqual([...d.committedAt.values()][0]!);

    // The store refuses: no acknowledgement; the network gives up on it, the modem drops +CNMI
    // (27.005 §3.4.4), the SMS comes again (stored this time) and is read once the store works.
    d.failCommits = true;
    e.receive('+79001112244', 'не потеряется');
    await until('refused once', () => d.handed.length === 2);
    await new Promise((r) => setTimeout(r, 1_300));
    expect(e.acks).toHaveLength(1);
    d.failCommits = false;
    await until('stored after all', () => d.rows().length === 2, 15_000);
    await until('+CNMI restored', () => e.state.cnmi[1] === 2, 15_000);
    expect(d.rows().map((r) => r.text)).toEqual(['прямая доставка', 'не потеряется']);

    // Huawei sends class 0 as +CMT even with <mt> 1, in phase 2 (acknowledged by the modem itself):
    // a refused commit is kept and tried again, not lost.
    const h = await drill({ vendor: 'huawei' });
    await up(h);
    h.failCommits = true;
    h.modem.emulator.receive('+79001112255', 'flash: авария', { class0: true });
    await until('refused once', () => h.handed.length === 1);
    h.failCommits = false;
    await until('class 0 stored on the next round', () => h.rows().length === 1);
    expect(h.rows()[0]!.carrier_ref).toMatch(/^gsm1\/direct\//);
    expect(h.modem.emulator.acks).toEqual([]);
  });

  it('8. +CMTI: "ME",n while the preferred store is SM is read from ME, not from slot n of SM', async () => {
    const d = await drill({ vendor: 'generic' });
    await up(d);
    const e = d.modem.emulator;
    let release!: () => void;
    d.gate = new Promise<void>((r) => (release = r));
    e.receive('+79001112233', 'в SIM');
    await until('first handed', () => d.handed.length === 1);
    e.receive('+79001112244', 'в память модема', { memory: 'ME' });
    release();
    d.gate = null;
    await until('both stored', () => d.rows().length === 2);
    expect(d.rows().map((r) => [r.text, r.carrier_ref.split('/')[1]])).toEqual([['в SIM', 'SM1'], ['в память модема', 'ME1']]);
    await until('both storages empty', () => e.memory('SM').used === 0 && e.memory('ME').used === 0);
  });

  it('9. A burst: the OK of AT+CMGD and the +CMTI for the slot just freed in one read; every SMS read once', async () => {
    const d = await drill({ vendor: 'generic', storageCapacity: 3 });
    const e = d.modem.emulator;
    for (let i = 1; i <= 6; i++) e.receive('+79001112233', `сообщение ${i}`); // three stored, three held by the network
    expect(e.storage.used).toBe(3);
    await up(d);
    // Each is deleted just after its commit: wait for the last delete too.
    await until('six stored and the SIM empty', () => d.rows().length === 6 && e.storage.used === 0);
    expect(d.rows().map((r) => r.text).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `сообщение ${i}`).sort());
    expect(d.handed).toHaveLength(6);
  });

  it('10. Two SMS from one sender in the same second are two; the same SMS read again after a crash is one', async () => {
    const d = await drill({ vendor: 'generic' });
    await up(d);
    const e = d.modem.emulator;
    const sentAt = Date.UTC(2025, 6, 1, 9, 30, 0);
    e.receive('+79001112233', 'нужна помощь', { sentAt });
    e.receive('+79001112233', 'нужна помощь, пострадавший', { sentAt });
    e.receive('+79001112233', 'нужна помощь', { sentAt }); // the same text again, in the same second: a third SMS
    await until('three stored and deleted', () => d.rows().length === 3 && e.storage.used === 0);
    expect(new Set(d.rows().map((r) => r.carrier_ref)).size).toBe(3);

    // Committed, then the delete fails (as a crash between the two would leave it): every later
    // listing reads it again; it is stored once.
    e.faults.cmgdFailures = 1_000;
    e.receive('+79001112244', 'один раз');
    await until('read again by a listing', () => d.handed.filter((s) => s.text === 'один раз').length >= 2);
    expect(d.rows().filter((r) => r.text === 'один раз')).toHaveLength(1);
    expect(e.storage.used).toBe(1);
    // The station restarts on the same store and modem: a new carrier reads the SMS again.
    await d.carrier.stop();
    e.faults.cmgdFailures = 0;
    const restarted = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: d.modem.stationPath, reopenMinMs: 100 });
    const before = d.handed.length;
    await restarted.start(d.sink);
    try {
      await until('read again and deleted', () => d.handed.length > before && e.storage.used === 0);
      expect(d.handed.slice(before).map((s) => s.text)).toEqual(['один раз']);
      expect(d.rows().filter((r) => r.text === 'один раз')).toHaveLength(1);
      expect(d.rows()).toHaveLength(4);
    } finally {
      await restarted.stop();
    }
  });

  it('11. A +CMGS answer after the timeout: that SMS is in doubt (late answer: sent), the next one is sent and counted right', async () => {
    const d = await drill({ vendor: 'generic' }, { sendTimeoutMs: 500 });
    await up(d);
    const e = d.modem.emulator;
    e.faults.cmgsDelayMs.push(1_200);
    const first = await d.carrier.send({ messageId: 1, phone: to, text: 'первое', requestReport: true }).catch((x: unknown) => x);
    expect(first).toBeInstanceOf(CarrierError);
    expect(first).toMatchObject({ kind: 'in-doubt' });
    const second = await d.carrier.send({ messageId: 2, phone: '+79161234568', text: 'второе', requestReport: true });
    await until('late answer', () => d.lates.length === 1);
    expect(d.lates[0]).toEqual({ messageId: 1, answer: { kind: 'sent', refs: [expect.stringMatching(/^gsm1:0:/)] } });
    expect(second.refs[0]).toMatch(/^gsm1:1:/);
    // What reached the network: each SMS once, the second to its own number.
    expect(gammuDecode(e.sent.map((s) => s.pdu)).map((g) => [g.number, g.text])).toEqual([[to, 'первое'], ['+79161234568', 'второе']]);
    await until('both reports', () => d.reports.length === 2);
    expect(d.reports.map((r) => r.ref).sort()).toEqual([(d.lates[0]!.answer as { refs: string[] }).refs[0], second.refs[0]].sort());
  });

  it('12. Status reports stored in SR (+CDSI: "SR",n; <ds>=1 refused) are read and deleted; SR never fills up', async () => {
    const d = await drill({ vendor: 'zte' });
    await up(d);
    const e = d.modem.emulator;
    expect(settings(d, /^AT\+CNMI=\d/)).toEqual(['AT+CNMI=2,1,0,2,0']);
    const refs: string[] = [];
    for (let i = 0; i < 12; i++) refs.push(...(await d.carrier.send({ messageId: i, phone: to, text: `отчёт ${i}`, requestReport: true })).refs);
    await until('twelve reports', () => d.reports.length === 12);
    expect(d.reports.map((r) => r.ref).sort()).toEqual(refs.sort());
    await until('SR empty', () => e.memory('SR').used === 0);
    expect(e.memory('SR').capacity).toBe(10);
  });

  it('13. A SIM full of old SMS with one unreadable entry: the rest read, the bad one kept raw and freed, the full storage reported with its count', async () => {
    const d = await drill({ vendor: 'generic', storageCapacity: 10 }, {}, (modem) => {
      for (let i = 1; i <= 10; i++) modem.emulator.receive('+79001112233', `старое ${i}`);
      modem.emulator.storage.corrupt(4);
    });
    const e = d.modem.emulator;
    await until('SIM emptied', () => e.storage.used === 0, 20_000);
    const texts = d.rows().map((r) => r.text);
    expect(texts.filter((t) => t.startsWith('старое'))).toHaveLength(9);
    expect(texts).toContain('[unreadable SMS in SM slot 4: +CMS ERROR 500]');
    expect(d.details().some((x) => /storage is full \(10\/10\)/.test(x))).toBe(true);
  });

  it('14. A port that comes back under another name is found by its USB identity (the AT interface, not its siblings); two look-alikes are not guessed between', async () => {
    const d = await drill({ vendor: 'huawei' });
    await up(d);
    expect(d.carrier.modemDetail().usb).toMatchObject({ vendorId: '12d1', productId: '1436', interface: '02' });
    const renamed = await d.modem.moveTo('ttyUSB6');
    await until('found again', () => d.carrier.modemDetail().path === renamed && d.carrier.status().state === 'up', 20_000);
    d.modem.emulator.receive('+79001112233', 'нашёлся');
    await until('stored', () => d.rows().length === 1);

    // Two identical sticks without serial numbers: the station says so instead of picking one.
    const twins = await drill({ vendor: 'huawei' }, {
      list: async () => {
        const ports = await twins.modem.list();
        const at = ports.find((p) => p.pnpId?.includes('-if02-'))!;
        return [...ports, { ...at, path: '/dev/ttyUSB9' }];
      },
    });
    await up(twins);
    await twins.modem.moveTo('ttyUSB7');
    await until('ambiguity said', () => twins.details().some((x) => /2 ports \(.*\) look like it/.test(x)), 20_000);
    expect(twins.carrier.status().state).toBe('down');
  });
});
