// Driver overhead per SMS: the modem carrier sending to the emulator over a socat pty, with no
// air delay, so what is measured is our AT/PDU path plus the pty round trip.
import { pathToFileURL } from 'node:url';
import { createModemCarrier } from '../main/station/carriers/modem/index.js';
import { startEmulatedModem } from '../test/tools/modem-emulator/harness.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function benchModem(): Promise<Record<string, string | number>> {
  const modem = await startEmulatedModem({ reportStatus: null });
  const carrier = createModemCarrier({ id: 'bench', name: 'Bench modem', path: modem.stationPath });
  try {
    await carrier.start({ inbound: async () => undefined, report: () => undefined, status: () => undefined });
    const deadline = Date.now() + 10_000;
    while (carrier.status().state !== 'up') {
      if (Date.now() > deadline) throw new Error('emulated modem did not come up');
      await new Promise((r) => setTimeout(r, 10));
    }
    const timeSends = async (n: number, text: string) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await carrier.send({ messageId: i, phone: '+79161234567', text, requestReport: true });
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };
    await timeSends(20, 'warm-up');
    // CPU time (this process: driver and emulator, serialport's threads included) says more than
    // wall time on a shared machine, where the pty round trip waits for socat to be scheduled.
    const cpu0 = process.cpuUsage();
    const single = await timeSends(300, 'Авария на подстанции №4, бригадам прибыть к воротам Б.');
    const cpu = process.cpuUsage(cpu0);
    const three = await timeSends(100, 'Внимание! Авария на подстанции №4, всем бригадам прибыть к воротам Б. '.repeat(3).slice(0, 180));
    const total = single.reduce((a, b) => a + b, 0);
    return {
      'modem: 1-segment SMS, median ms': +percentile(single, 0.5).toFixed(2),
      'modem: 1-segment SMS, p95 ms': +percentile(single, 0.95).toFixed(2),
      'modem: 3-segment SMS, median ms': +percentile(three, 0.5).toFixed(2),
      'modem: SMS per second (1 segment, sequential)': Math.round((single.length * 1000) / total),
      'modem: CPU µs per 1-segment SMS (driver + emulator)': Math.round((cpu.user + cpu.system) / single.length),
      'modem: setup': 'emulator on socat pty, serialport 13, no air delay, report requested',
    };
  } finally {
    await carrier.stop();
    await modem.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchModem();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
}
