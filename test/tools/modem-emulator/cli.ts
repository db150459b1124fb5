// Run the emulator by hand: `npx tsx test/tools/modem-emulator/cli.ts`, then point the station
// at the printed path (`--carrier modem:PATH`). Type commands on stdin:
//   sms <from> <text…>     an SMS arrives (stored, +CMTI)
//   fault garble|deaf|stuck|urc on|off     toggle a fault
//   fault slow <ms>        delay every reply
//   fault cms <code>       the next send fails with +CMS ERROR <code> (38, 42, 500…)
//   fault full             fill the SIM storage
//   unplug | replug        the port vanishes / comes back
//   sent | storage         show what was sent / what is stored
import { createInterface } from 'node:readline';
import { startEmulatedModem } from './harness.js';

const modem = await startEmulatedModem({ pin: process.env.EMULATOR_PIN });
const e = modem.emulator;
console.log(`Modem emulator ready. Connect the station to: ${modem.stationPath}`);
const rl = createInterface({ input: process.stdin });
rl.on('line', (input) => {
  const [cmd, ...args] = input.trim().split(/\s+/);
  const on = args[1] !== 'off';
  switch (cmd) {
    case 'sms':
      console.log('stored at', e.receive(args[0] ?? '+70000000000', args.slice(1).join(' ') || 'test'));
      break;
    case 'fault':
      if (args[0] === 'garble') e.faults.garble = on;
      else if (args[0] === 'deaf') e.faults.deaf = on;
      else if (args[0] === 'stuck') e.faults.stuckPrompt = on;
      else if (args[0] === 'urc') e.faults.urcInResponse = on;
      else if (args[0] === 'slow') e.faults.slowMs = Number(args[1] ?? 0);
      else if (args[0] === 'cms') e.faults.cmsErrors.push(Number(args[1] ?? 500));
      else if (args[0] === 'full') while (e.storage.used < e.storage.capacity) e.receive('+70000000000', 'filler');
      break;
    case 'unplug':
      void modem.unplug().then(() => console.log('unplugged'));
      break;
    case 'replug':
      void modem.replug().then(() => console.log('replugged'));
      break;
    case 'sent':
      for (const s of e.sent) console.log(s.mr, s.decoded.to, JSON.stringify(s.decoded.text));
      break;
    case 'storage':
      for (const [i, s] of e.storage.list()) console.log(i, s.pdu);
      break;
    default:
      console.log('commands: sms, fault, unplug, replug, sent, storage');
  }
});
process.on('SIGINT', () => void modem.stop().then(() => process.exit(0)));
