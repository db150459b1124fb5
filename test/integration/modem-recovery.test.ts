// Every vendor family recovers with nobody touching it: a reboot with the port open (settings
// lost: echo on, +CMEE off, +CNMI at defaults), an AT interpreter that hangs (while noisy vendors
// keep sending their status lines), and a port that comes back under another name. After each,
// the modem is set up again from scratch: a bad number is refused as permanent (+CMEE is back),
// reports flow (+CNMI is back), and what arrived meanwhile is read once.
// A modem hung before its first setup is reset by the setup itself, once: a reset not a minute
// old may still be under way.
// A device that goes without serialport saying so is found gone by its missing device node.
import { unlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CarrierError } from '../../main/station/carriers/carrier.js';
import { startDrill, until, type Drill } from '../tools/modem-drill.js';
import { VENDOR_IDS } from '../tools/modem-emulator/vendors.js';

const drills: Drill[] = [];
afterEach(async () => {
  for (const d of drills.splice(0)) await d.stop();
});

const up = (d: Drill) => until('carrier up', () => d.carrier.status().state === 'up', 20_000);

async function sendsAndReports(d: Drill, messageId: number): Promise<void> {
  const before = d.reports.length;
  const { refs } = await d.carrier.send({ messageId, phone: '+79161234567', text: `проверка ${messageId}`, requestReport: true });
  await until(`the report of message ${messageId}`, () => d.reports.slice(before).some((r) => r.ref === refs[0]));
  const bad = await d.carrier.send({ messageId: messageId + 1000, phone: '+79990000000', text: 'x', requestReport: false }).catch((e: unknown) => e);
  expect(bad).toBeInstanceOf(CarrierError);
  expect(bad).toMatchObject({ code: 'cms:1', kind: 'permanent' });
}

describe.each(VENDOR_IDS)('%s modem', (vendor) => {
  it('recovers from a reboot with the port open, a hung interpreter and a renamed port', async () => {
    const d = await startDrill({ vendor }, { watchdogMs: 400 });
    drills.push(d);
    const e = d.modem.emulator;
    e.faults.failingNumbers.set('+79990000000', 1);
    await up(d);
    await sendsAndReports(d, 1);

    // ---- reboot with the port open; an SMS arrives while it boots ----
    const echoOffs = e.commands.filter((c) => c === 'ATE0').length;
    e.reboot();
    e.receive('+79001112233', 'пришло во время перезагрузки');
    await until('set up again', () => e.commands.filter((c) => c === 'ATE0').length > echoOffs && d.carrier.status().state === 'up', 20_000);
    await until('the SMS from the reboot stored', () => d.rows().length === 1);
    await sendsAndReports(d, 2);

    // ---- the interpreter hangs; unsolicited lines may keep coming ----
    const commandsBefore = e.commands.length;
    e.faults.deaf = true;
    await until('reset sent', () => e.commands.slice(commandsBefore).some((c) => c.toUpperCase() === e.model.resetCommand.toUpperCase()), 30_000);
    await up(d);
    await sendsAndReports(d, 3);
    expect(d.details().some((x) => /stopped answering/.test(x))).toBe(true);

    // ---- the port comes back under another name (USB re-enumeration) ----
    const renamed = await d.modem.moveTo('ttyUSB6');
    await until('found under the new name', () => d.carrier.modemDetail().path === renamed && d.carrier.status().state === 'up', 20_000);
    expect(d.details().some((x) => x.includes(`came back as ${renamed}`))).toBe(true);
    e.receive('+79001112233', 'после переименования порта');
    await until('the SMS after the rename stored', () => d.rows().length === 2);
    await sendsAndReports(d, 4);

    expect(d.rows().map((r) => r.text)).toEqual(['пришло во время перезагрузки', 'после переименования порта']);
    // Noise was never shown as "unexpected output".
    expect(d.details().filter((x) => /unexpected modem output/.test(x))).toEqual([]);
  });
});

describe('a modem hung before it could be set up', () => {
  it('is reset (the watchdog runs only once it is up), and not reset again while it may still be coming back', async () => {
    const d = await startDrill({ vendor: 'generic' }, { bootGraceMs: 1_000 }, (m) => {
      m.emulator.faults.deaf = true;
      m.emulator.faults.failingNumbers.set('+79990000000', 1);
    });
    drills.push(d);
    const e = d.modem.emulator;
    const resets = () => e.commands.filter((c) => c.toUpperCase() === e.model.resetCommand.toUpperCase()).length;
    await until('reset sent', () => resets() === 1, 30_000);
    // The reset restarts the module (and its interpreter); it hangs again at once.
    e.faults.deaf = true;
    const before = d.statuses.length;
    const failedSetups = () => d.statuses.slice(before).filter((s) => s.state === 'down' && /Cannot reach the modem/.test(s.detail ?? '')).length;
    await until('two setups failed after the reset', () => failedSetups() >= 2, 30_000);
    expect(resets()).toBe(1);
    expect(d.carrier.status().state).not.toBe('up');
    // It comes back on its own: up at the next try, nobody touching it.
    e.faults.deaf = false;
    await up(d);
    await sendsAndReports(d, 1);
    expect(resets()).toBe(1);
  });
});

describe('a device that vanishes without serialport telling', () => {
  it('is found gone by its missing device node while an SMS waits for its answer: in doubt, then reopened', async () => {
    const d = await startDrill({ vendor: 'generic' }, { sendTimeoutMs: 60_000 });
    drills.push(d);
    const e = d.modem.emulator;
    await up(d);
    // The answer to this AT+CMGS comes late (5 s); nothing more is written meanwhile.
    e.faults.cmgsDelayMs.push(5_000);
    const sending = d.carrier.send({ messageId: 1, phone: '+79161234567', text: 'на связи?', requestReport: false }).catch((x: unknown) => x);
    await until('the PDU taken', () => e.sent.length === 1);
    // The node goes (as /dev/ttyUSB2 does on unplug) while the pty itself stays open: no error, no close from serialport.
    unlinkSync(d.modem.stationPath);
    await until('down: port gone', () => d.carrier.status().state === 'down' && d.details().some((x) => /port closed \(.* is gone\)/.test(x)), 10_000);
    expect(await sending).toMatchObject({ kind: 'in-doubt' });
    await d.modem.unplug();
    await d.modem.replug();
    await up(d);
    await expect(d.carrier.send({ messageId: 2, phone: '+79161234567', text: 'снова на связи', requestReport: false })).resolves.toMatchObject({ refs: [expect.any(String)] });
  });
});
