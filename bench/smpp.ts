// SMPP submit throughput against the local test SMSC on 127.0.0.1: how fast the carrier pushes
// submits through a window, with no network delay. The SMSC and the carrier share this process
// (and its one thread), so the figure is a floor for the carrier's own overhead, not the
// operator's limit. Prints figures; asserts nothing.
import { pathToFileURL } from 'node:url';
import { createSmppCarrier } from '../main/station/carriers/smpp/index.js';
import type { CarrierSink } from '../main/station/carriers/carrier.js';
import { TestSmsc } from '../test/tools/smsc.js';

const SUBMITS = 5_000;
const CYRILLIC_3_PARTS =
  'Внимание! Авария на подстанции №7. Всем дежурным инженерам прибыть на объект в течение часа. ' +
  'Ответьте 1, если выезжаете, 2, если не можете. Повторяю: авария на подстанции №7, нужен выезд.';

const sink: CarrierSink = { inbound: async () => {}, report: () => {}, status: () => {} };

async function run(window: number, count: number, text: string): Promise<{ seconds: number; pdus: number }> {
  const smsc = new TestSmsc({ record: false });
  await smsc.start(0);
  const carrier = createSmppCarrier({
    kind: 'smpp',
    id: 'bench',
    host: '127.0.0.1',
    port: smsc.port,
    systemId: 'switchboard',
    password: 'secret',
    sourceAddr: 'Dispatch',
    window,
  });
  await carrier.start(sink);
  while (carrier.status().state !== 'up') await new Promise((r) => setTimeout(r, 5));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      carrier.send({ messageId: i, phone: `+7916${String(1_000_000 + i).slice(-7)}`, text, requestReport: true }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const pdus = smsc.submitCount;
  await carrier.stop();
  await smsc.stop();
  return { seconds, pdus };
}

export async function benchSmpp(): Promise<Record<string, string | number>> {
  await run(10, 200, 'warm-up'); // JIT and socket paths warm
  const w1 = await run(1, 1_000, 'Alert: substation 7, reply 1 or 2');
  const w10 = await run(10, SUBMITS, 'Alert: substation 7, reply 1 or 2');
  const w50 = await run(50, SUBMITS, 'Alert: substation 7, reply 1 or 2');
  const cyr = await run(10, 1_000, CYRILLIC_3_PARTS);
  const rate = (r: { seconds: number; pdus: number }) => Math.round(r.pdus / r.seconds);
  return {
    'smpp submits (GSM-7, 1 part), window 1, submit_sm/s': rate(w1),
    [`smpp ${SUBMITS} submits, window 10, s`]: Number(w10.seconds.toFixed(2)),
    'smpp submits, window 10, submit_sm/s': rate(w10),
    [`smpp ${SUBMITS} submits, window 50, s`]: Number(w50.seconds.toFixed(2)),
    'smpp submits, window 50, submit_sm/s': rate(w50),
    'smpp 3-part Cyrillic messages, window 10, messages/s': Math.round(1_000 / cyr.seconds),
    'smpp 3-part Cyrillic messages, window 10, submit_sm/s': rate(cyr),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchSmpp();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
