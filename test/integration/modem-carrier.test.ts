// The modem carrier against the emulator over a socat pty, through the real serialport stack.
import { afterEach, describe, expect, it } from 'vitest';
import type { CarrierStatus } from '../../shared/protocol/index.js';
import { CarrierError, type CarrierSink, type DeliveryReport, type InboundSms } from '../../main/station/carriers/carrier.js';
import { createModemCarrier, type ModemCarrier } from '../../main/station/carriers/modem/index.js';
import { startEmulatedModem, type EmulatedModem } from '../tools/modem-emulator/harness.js';
import type { EmulatorOptions } from '../tools/modem-emulator/emulator.js';
import { gammuDecode } from '../tools/gammu.js';

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

interface Recorder extends CarrierSink {
  inbound: CarrierSink['inbound'];
  received: InboundSms[];
  reports: DeliveryReport[];
  statuses: CarrierStatus[];
  /** When set, inbound() waits for this before resolving (the commit). */
  gate: Promise<void> | null;
  committedAt: number[];
}

function recorder(): Recorder {
  const r: Recorder = {
    received: [], reports: [], statuses: [], gate: null, committedAt: [],
    inbound: async (sms) => {
      r.received.push(sms);
      if (r.gate) await r.gate;
      r.committedAt.push(Date.now());
    },
    report: (rep) => r.reports.push(rep),
    status: (s) => r.statuses.push(s),
  };
  return r;
}

async function setup(options: EmulatorOptions = {}, extra: Partial<Parameters<typeof createModemCarrier>[0]> = {}): Promise<{ modem: EmulatedModem; carrier: ModemCarrier; sink: Recorder }> {
  const modem = await startEmulatedModem(options);
  const carrier = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: modem.stationPath, reopenMinMs: 100, reopenMaxMs: 500, ...extra });
  const sink = recorder();
  cleanups.push(() => modem.stop(), () => carrier.stop());
  await carrier.start(sink);
  await until('carrier up', () => carrier.status().state === 'up');
  return { modem, carrier, sink };
}

const cyrillic3 = 'Внимание! Авария на подстанции №4, всем бригадам прибыть к воротам Б. '.repeat(3).slice(0, 180);

describe('modem carrier on an emulated modem', () => {
  it('sends a 3-part Cyrillic SMS that Gammu reads back whole, and marks all parts delivered', async () => {
    const { modem, carrier, sink } = await setup();
    const { refs } = await carrier.send({ messageId: 1, phone: '+79161234567', text: cyrillic3, requestReport: true });
    expect(refs).toHaveLength(3);
    const decoded = gammuDecode(modem.emulator.sent.map((s) => s.pdu));
    expect(decoded.map((d) => d.text).join('')).toBe(cyrillic3);
    expect(decoded.every((d) => d.number === '+79161234567' && d.parts === 3)).toBe(true);
    await until('three delivery reports', () => sink.reports.length === 3);
    expect(sink.reports.map((r) => r.ref).sort()).toEqual([...refs].sort());
    expect(sink.reports.every((r) => r.status === 'delivered')).toBe(true);
    expect(carrier.status()).toMatchObject({ sentToday: 3, operator: 'Emulated Net', signal: 68 });
  });

  it('hands a 2-part inbound SMS over once, whole, and deletes it from the SIM only after the commit', async () => {
    const { modem, sink } = await setup();
    let commit!: () => void;
    sink.gate = new Promise<void>((r) => (commit = r));
    const text = 'Принято, бригада 7 выехала на объект, будем через 20 минут. '.repeat(2);
    modem.emulator.receive('+79001112233', text);
    await until('inbound handed to the sink', () => sink.received.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(modem.emulator.storage.used).toBe(2);
    expect(modem.emulator.deletions).toEqual([]);
    const committedAt = Date.now();
    commit();
    await until('both parts deleted', () => modem.emulator.storage.used === 0);
    expect(modem.emulator.deletions.every((d) => d.at >= committedAt)).toBe(true);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({ from: '+79001112233', text });
  });

  it('reads what was stored before it started, and keeps an SMS the sink failed to commit', async () => {
    const modem = await startEmulatedModem();
    cleanups.push(() => modem.stop());
    modem.emulator.receive('+79001112233', 'sent while the station was off');
    const carrier = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: modem.stationPath, healthMs: 300 });
    cleanups.push(() => carrier.stop());
    let fail = true;
    const sink = recorder();
    sink.inbound = async (sms) => {
      sink.received.push(sms);
      if (fail) throw new Error('database is locked');
    };
    await carrier.start(sink);
    await until('first attempt', () => sink.received.length === 1);
    expect(modem.emulator.storage.used).toBe(1);
    await until('problem shown', () => /could not be saved/.test(carrier.status().detail ?? ''));
    fail = false;
    // The storage check re-reads the SIM only when nearly full; force it by filling storage.
    modem.emulator.storage.capacity = 2;
    await until('committed and deleted', () => modem.emulator.storage.used === 0, 5_000);
    expect(sink.received.at(-1)).toMatchObject({ text: 'sent while the station was off' });
  });

  it('empties a full SIM storage at start so new SMS can arrive', async () => {
    const modem = await startEmulatedModem({ storageCapacity: 10 });
    cleanups.push(() => modem.stop());
    for (let i = 0; i < 10; i++) modem.emulator.receive('+79001112233', `old ${i}`);
    expect(modem.emulator.storage.used).toBe(10);
    const carrier = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: modem.stationPath });
    cleanups.push(() => carrier.stop());
    const sink = recorder();
    await carrier.start(sink);
    await until('all read', () => modem.emulator.storage.used === 0);
    expect(sink.received.map((s) => s.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `old ${i}`).sort());
  });

  it('keeps running through garbled lines and unknown URCs, and says what it ignored', async () => {
    const { modem, carrier } = await setup();
    modem.emulator.faults.garble = true;
    modem.emulator.inject('\r\n+WEIRDURC: 1,2\r\n\x00\x01\xfe\r\nRING\r\n');
    const { refs } = await carrier.send({ messageId: 2, phone: '+79161234567', text: 'still here', requestReport: false });
    expect(refs).toHaveLength(1);
    expect(carrier.status().state).toBe('up');
    expect(carrier.status().detail).toMatch(/Ignored unexpected modem output/);
  });

  it('tells a URC in the middle of a storage listing apart from the listing', async () => {
    const modem = await startEmulatedModem();
    cleanups.push(() => modem.stop());
    modem.emulator.faults.urcInResponse = true;
    modem.emulator.receive('+79001112233', 'one');
    modem.emulator.receive('+79001112244', 'two');
    const carrier = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: modem.stationPath });
    cleanups.push(() => carrier.stop());
    const sink = recorder();
    await carrier.start(sink);
    await until('both read', () => sink.received.length === 2 && modem.emulator.storage.used === 0);
    expect(sink.received.map((s) => s.text).sort()).toEqual(['one', 'two']);
    expect(sink.reports).toEqual([expect.objectContaining({ ref: 'gsm1:250:?', status: 'delivered' })]);
  });

  for (const [code, transient] of [[38, true], [42, true], [500, true], [1, false]] as const) {
    it(`maps +CMS ERROR ${code} to a ${transient ? 'transient' : 'permanent'} CarrierError and sends the next SMS`, async () => {
      const { modem, carrier } = await setup();
      modem.emulator.faults.cmsErrors.push(code);
      const err = await carrier.send({ messageId: 3, phone: '+79161234567', text: 'x', requestReport: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CarrierError);
      expect(err).toMatchObject({ code: `cms:${code}`, transient });
      expect((err as Error).message).toContain(`+CMS ERROR ${code}`);
      expect(carrier.status()).toMatchObject({ state: 'up' });
      expect(carrier.status().detail).toContain(`+CMS ERROR ${code}`);
      await expect(carrier.send({ messageId: 4, phone: '+79161234568', text: 'y', requestReport: false })).resolves.toMatchObject({ refs: [expect.any(String)] });
    });
  }

  it('does not let one undeliverable number hold up the messages behind it', async () => {
    const { modem, carrier } = await setup();
    modem.emulator.faults.failingNumbers.set('+79990000000', 38);
    const results = await Promise.allSettled([
      carrier.send({ messageId: 1, phone: '+79990000000', text: 'a', requestReport: false }),
      carrier.send({ messageId: 2, phone: '+79161234567', text: 'b', requestReport: false }),
      carrier.send({ messageId: 3, phone: '+79161234568', text: 'c', requestReport: false }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('escapes a stuck > prompt and goes on with the next SMS', async () => {
    const { modem, carrier } = await setup({}, { sendTimeoutMs: 500 });
    modem.emulator.faults.stuckPrompt = true;
    await expect(carrier.send({ messageId: 1, phone: '+79161234567', text: 'stuck', requestReport: false })).rejects.toMatchObject({ code: 'modem:timeout', transient: true });
    modem.emulator.faults.stuckPrompt = false;
    await expect(carrier.send({ messageId: 2, phone: '+79161234567', text: 'free', requestReport: false })).resolves.toBeTruthy();
    expect(modem.emulator.sent.map((s) => s.decoded.text)).toEqual(['free']);
  });

  it('reopens the port with backoff after it vanishes and sends again', async () => {
    const { modem, carrier } = await setup();
    await modem.unplug();
    await until('down', () => carrier.status().state === 'down');
    expect(carrier.status().detail).toMatch(/closed|Cannot reach/);
    await expect(carrier.send({ messageId: 1, phone: '+79161234567', text: 'while down', requestReport: false })).rejects.toMatchObject({ code: 'modem:down', transient: true });
    await modem.replug();
    await until('up again', () => carrier.status().state === 'up', 15_000);
    await expect(carrier.send({ messageId: 2, phone: '+79161234567', text: 'back', requestReport: false })).resolves.toBeTruthy();
  });

  it('resets a modem that went silent (watchdog: ping, AT+CFUN, reopen)', async () => {
    const { modem, carrier } = await setup({}, { watchdogMs: 300 });
    modem.emulator.faults.deaf = true;
    await until('reset sent', () => modem.emulator.commands.includes('AT+CFUN=1,1'), 30_000);
    await until('up again', () => carrier.status().state === 'up', 15_000);
    await expect(carrier.send({ messageId: 1, phone: '+79161234567', text: 'alive', requestReport: false })).resolves.toBeTruthy();
  });

  it('enters the SIM PIN from the settings once', async () => {
    const { modem } = await setup({ simState: 'SIM PIN', pin: '4321' }, { pin: '4321' });
    expect(modem.emulator.commands.filter((c) => c.startsWith('AT+CPIN="'))).toEqual(['AT+CPIN="4321"']);
  });

  it('never retries a wrong PIN and never touches a PUK-locked SIM', async () => {
    for (const [simState, pin, expected] of [['SIM PIN', '0000', /rejected the PIN/], ['SIM PUK', '4321', /PUK/]] as const) {
      const modem = await startEmulatedModem({ simState, pin: '4321' });
      cleanups.push(() => modem.stop());
      const carrier = createModemCarrier({ id: 'gsm1', name: 'Modem 1', path: modem.stationPath, pin, reopenMinMs: 50, reopenMaxMs: 200 });
      cleanups.push(() => carrier.stop());
      await carrier.start(recorder());
      await until('locked', () => expected.test(carrier.status().detail ?? ''));
      await new Promise((r) => setTimeout(r, 700)); // several reconnect rounds
      expect(carrier.status().state).toBe('down');
      expect(modem.emulator.commands.filter((c) => c.startsWith('AT+CPIN="')).length).toBe(simState === 'SIM PIN' ? 1 : 0);
    }
  });
});
