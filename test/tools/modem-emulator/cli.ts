// Run the emulator by hand: `npx tsx test/tools/modem-emulator/cli.ts [vendor]` (generic,
// cinterion, wavecom, zte, quectel, simcom, huawei), then point the station at the printed path
// (`--carrier modem:PATH`). Type commands on stdin:
//   sms <from> <text…>     an SMS arrives (stored and announced, or +CMT, as the modem is set)
//   flash <from> <text…>   a class 0 SMS
//   fault garble|deaf|stuck|urc on|off     toggle a fault (deaf: the interpreter hangs)
//   fault slow <ms>        delay every reply
//   fault late <ms>        the next +CMGS answer comes this much later
//   fault cms <code>       the next send fails with +CMS ERROR <code> (38, 42, 500…)
//   fault full             fill the SIM storage
//   reboot                 the module restarts with the port open
//   unplug | replug        the port vanishes / comes back
//   move <name>            the port comes back under another name
//   sent | storage         show what was sent / what is stored
import { createInterface } from 'node:readline';
import { startEmulatedModem } from './harness.js';
import { VENDOR_IDS, type VendorId } from './vendors.js';

const vendor = (process.argv[2] ?? 'generic') as VendorId;
if (!VENDOR_IDS.includes(vendor)) {
  console.error(`Unknown vendor "${vendor}"; one of: ${VENDOR_IDS.join(', ')}`);
  process.exit(2);
}
const modem = await startEmulatedModem({ vendor, boot: true, ...(process.env.EMULATOR_PIN ? { pin: process.env.EMULATOR_PIN, simState: 'SIM PIN' } : {}) });
const e = modem.emulator;
console.log(`${e.model.family} emulator ready. Connect the station to: ${modem.stationPath}`);
const rl = createInterface({ input: process.stdin });
rl.on('line', (input) => {
  const [cmd, ...args] = input.trim().split(/\s+/);
  const on = args[1] !== 'off';
  switch (cmd) {
    case 'sms':
    case 'flash':
      console.log('stored at', e.receive(args[0] ?? '+70000000000', args.slice(1).join(' ') || 'test', { class0: cmd === 'flash' }));
      break;
    case 'fault':
      if (args[0] === 'garble') e.faults.garble = on;
      else if (args[0] === 'deaf') e.faults.deaf = on;
      else if (args[0] === 'stuck') e.faults.stuckPrompt = on;
      else if (args[0] === 'urc') e.faults.urcInResponse = on;
      else if (args[0] === 'slow') e.faults.slowMs = Number(args[1] ?? 0);
      else if (args[0] === 'late') e.faults.cmgsDelayMs.push(Number(args[1] ?? 70_000));
      else if (args[0] === 'cms') e.faults.cmsErrors.push(Number(args[1] ?? 500));
      else if (args[0] === 'full') while (!e.storage.full) e.receive('+70000000000', 'filler');
      break;
    case 'reboot':
      e.reboot();
      break;
    case 'unplug':
      void modem.unplug().then(() => console.log('unplugged'));
      break;
    case 'replug':
      void modem.replug().then(() => console.log('replugged'));
      break;
    case 'move':
      void modem.moveTo(args[0] ?? 'ttyUSB6').then((p) => console.log('now at', p));
      break;
    case 'sent':
      for (const s of e.sent) console.log(s.mr, s.decoded.to, JSON.stringify(s.decoded.text));
      break;
    case 'storage':
      for (const [name, m] of e.memories) for (const [i, s] of m.list()) console.log(name, i, s.pdu);
      break;
    default:
      console.log('commands: sms, flash, fault, reboot, unplug, replug, move, sent, storage');
  }
});
// socat outlives a process that exits without stopping it: stop on Ctrl-C, kill and end of input.
const stop = () => void modem.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
rl.on('close', stop);
