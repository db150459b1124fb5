// Inbound exactly once: an SMS is committed, then acknowledged; what the station does after the
// commit never reaches the acknowledgement; a redelivery — after a lost answer, a SIGKILL, a
// restart — is recognised. Over SMPP (deliver_sm has no id: a content key) and HTTP callbacks
// (the provider's id). Each drill prints what the network delivered, how often, and what was stored.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStation, type Station } from '../../main/station/index.js';
import { createSmppCarrier } from '../../main/station/carriers/smpp/index.js';
import { Store } from '../../main/station/store/store.js';
import { TestSmsc } from '../tools/smsc.js';
import { until } from '../tools/dispatch-station.js';
import { kill, startStationProcess, type StationProcess } from '../tools/station-process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function smppStation(smpp: { ackProofMs?: number } = {}): Promise<{ station: Station; smsc: TestSmsc }> {
  const smsc = new TestSmsc();
  await smsc.start(0);
  const carrier = createSmppCarrier({ kind: 'smpp', id: 'operator', host: '127.0.0.1', port: smsc.port, systemId: 'switchboard', password: 'secret', sourceAddr: '4938', ...smpp });
  const station = await createStation({ dataDir: tempDir('sb-inbound-'), port: 0, logLevel: 'silent', carriers: [carrier] });
  cleanups.push(async () => {
    await station.stop();
    await smsc.stop();
  });
  await until(() => smsc.sessions.length === 1, 10_000, 'the bind');
  return { station, smsc };
}

const inboundRows = (db: Store['db']) =>
  db.prepare(`SELECT phone, text, matched_by AS matchedBy FROM messages WHERE direction = 'in' ORDER BY id`).all() as { phone: string; text: string; matchedBy: string | null }[];

describe('inbound, whatever happens after the commit', () => {
  it('records a command from a sender that is not a phone number, answers it nothing, and acknowledges it once', async () => {
    const { station, smsc } = await smppStation();
    const { store } = station.core;
    const tag = store.tags.ensure('авария');
    store.db.prepare('UPDATE tags SET self_service = 1 WHERE id = ?').run(tag);
    // An operator's alphanumeric sender and a short code, the way MTS sends service SMS.
    expect(await smsc.deliverMo('INFO', '4938', '+#авария')).toEqual([0]);
    expect(await smsc.deliverMo('0611', '4938', '+#авария')).toEqual([0]);
    await new Promise((r) => setTimeout(r, 300));
    const rows = inboundRows(store.db);
    console.log(`[non-phone senders] delivered 2, stored ${rows.length}, SMS sent back ${smsc.submitCount}`);
    expect(rows).toEqual([
      { phone: 'INFO', text: '+#авария', matchedBy: null },
      { phone: '0611', text: '+#авария', matchedBy: null },
    ]);
    expect(smsc.submitCount).toBe(0);
  });

  it('acknowledges an SMS whose auto-reply fails after the commit, and stores it once', async () => {
    const { station, smsc } = await smppStation();
    const { store } = station.core;
    store.db.prepare('UPDATE tags SET self_service = 1 WHERE id = ?').run(store.tags.ensure('авария'));
    store.contacts.upsert({ name: 'Иванов', phone: '+79161112233' });
    station.core.dispatcher.send = () => {
      throw new Error('the dispatcher is broken');
    };
    expect(await smsc.deliverMo('+79161112233', '4938', '+#авария')).toEqual([0]);
    const rows = inboundRows(store.db);
    expect(rows).toEqual([{ phone: '+79161112233', text: '+#авария', matchedBy: 'command' }]);
    // The subscription itself was made; only the receipt SMS could not be sent.
    expect(store.db.prepare('SELECT count(*) FROM tag_subscriptions').pluck().get()).toBe(1);
  });

  it('stores a redelivered SMS once when the SMSC lost our answer, parts too', async () => {
    // The SMSC throws our first answer away, as one whose response timer ran out before it came:
    // a station that cannot count on answering within such an SMSC's timer says so (ackProofMs 0).
    const { station, smsc } = await smppStation({ ackProofMs: 0 });
    smsc.moRetryMs = 100;
    smsc.moLoseFirstAckEvery = 1; // every MO is delivered twice
    smsc.queueMo('+79161112233', '4938', 'Принял, выезжаю');
    smsc.queueMo('+79161112234', '4938', 'Ответ по заявке 4711: кабель заменён, подстанция под напряжением, бригада едет на базу.', 3);
    await until(() => smsc.moPending === 0, 10_000, 'every MO acknowledged');
    const rows = inboundRows(station.core.store.db);
    console.log(`[lost answers] queued 2 MO (4 deliver_sm), delivered ${smsc.moDeliveries} deliver_sm, stored ${rows.length}`);
    expect(smsc.moDeliveries).toBe(8);
    expect(rows.map((r) => r.text)).toEqual(['Принял, выезжаю', 'Ответ по заявке 4711: кабель заменён, подстанция под напряжением, бригада едет на базу.']);
  });

  it('stores the same answer from the same person twice when the SMSC surely had our first acknowledgement', async () => {
    // An engineer answers "1" to one alert, then "1" to the next a minute later: two SMS, same
    // content key. Our first answer went in time and the SMSC answered our next request, so it
    // read it: the second "1" is not a redelivery.
    const { station, smsc } = await smppStation();
    const db = station.core.store.db;
    const acked = () => db.prepare(`SELECT count(*) FROM messages WHERE direction = 'in' AND acked_at IS NOT NULL`).pluck().get() as number;
    expect(await smsc.deliverMo('+79161112235', '4938', '1')).toEqual([0]);
    await until(() => acked() === 1, 5_000, 'the SMSC to prove it read our acknowledgement');
    expect(await smsc.deliverMo('+79161112235', '4938', '1')).toEqual([0]);
    expect(await smsc.deliverMo('+79161112236', '4938', 'Принял, длинный ответ бригады о ходе работ на подстанции, в нескольких частях.', 2)).toEqual([0, 0]);
    await until(() => acked() === 3, 5_000, 'both proved');
    expect(await smsc.deliverMo('+79161112236', '4938', 'Принял, длинный ответ бригады о ходе работ на подстанции, в нескольких частях.', 2)).toEqual([0, 0]);
    await until(() => inboundRows(db).length === 4, 5_000, 'four SMS stored');
    const rows = inboundRows(db);
    console.log(`[same answer twice] delivered 4 SMS (two pairs alike), stored ${rows.length}`);
    expect(rows.map((r) => `${r.phone} ${r.text.slice(0, 7)}`)).toEqual(['+79161112235 1', '+79161112235 1', '+79161112236 Принял,', '+79161112236 Принял,']);
  });
});

/** Inbound texts in the store, with how many rows each has. */
function storedCounts(dataDir: string): Map<string, number> {
  const store = Store.open(join(dataDir, 'switchboard.db'));
  try {
    const counts = new Map<string, number>();
    for (const r of inboundRows(store.db)) counts.set(r.text, (counts.get(r.text) ?? 0) + 1);
    return counts;
  } finally {
    store.close();
  }
}

function verdict(label: string, sent: string[], stored: Map<string, number>, deliveries: number) {
  const lost = sent.filter((t) => !stored.has(t)).length;
  const twice = [...stored.values()].filter((n) => n > 1).length;
  console.log(`[${label}] sent ${sent.length} SMS in ${deliveries} deliveries; stored ${stored.size}; lost ${lost}; twice ${twice}`);
  return { lost, twice };
}

describe('SIGKILL while replies stream in, restart, redelivery', () => {
  let running: StationProcess | null = null;
  afterEach(async () => {
    if (running) await kill(running.child);
    running = null;
  });

  it('over SMPP: 0 lost, 0 twice', { timeout: 90_000 }, async () => {
    const smsc = new TestSmsc();
    await smsc.start(0);
    cleanups.push(() => smsc.stop());
    smsc.moRetryMs = 200;
    const dataDir = tempDir('sb-kill-smpp-');
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        logLevel: 'silent',
        carriers: [{ kind: 'smpp', id: 'operator', host: '127.0.0.1', port: smsc.port, systemId: 'switchboard', password: 'secret', reconnect: { initialMs: 100, maxMs: 300 } }],
      }),
    );
    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    await until(() => smsc.sessions.length === 1, 20_000, 'the station to bind');
    const texts: string[] = [];
    let n = 0;
    const stream = setInterval(() => {
      for (let i = 0; i < 3 && n < 300; i++, n++) {
        const text = n % 10 === 0 ? `Ответ ${n}: длинный ответ бригады о ходе работ на подстанции, в нескольких частях, с подробностями.` : `Ответ ${n}: принял`;
        texts.push(text);
        smsc.queueMo(`+7916${String(3_000_000 + n)}`, '4938', text, n % 10 === 0 ? 2 : 1);
      }
    }, 10);
    cleanups.push(() => clearInterval(stream));
    await until(() => n >= 120, 20_000, 'replies to stream');
    await kill(running.child, 'SIGKILL');
    const pendingAtKill = smsc.moPending;
    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    await until(() => n >= 300 && smsc.moPending === 0, 60_000, 'every reply acknowledged');
    clearInterval(stream);
    const { lost, twice } = verdict(`SMPP, SIGKILL with ${pendingAtKill} unacknowledged`, texts, storedCounts(dataDir), smsc.moDeliveries);
    expect(lost).toBe(0);
    expect(twice).toBe(0);
  });

  it('over HTTP callbacks: 0 lost, 0 twice', { timeout: 90_000 }, async () => {
    const provider: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}'));
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => provider.close(() => r())));
    const dataDir = tempDir('sb-kill-http-');
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        logLevel: 'silent',
        carriers: [{ kind: 'http', id: 'cloud', send: { url: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/sms` }, callback: { token: 'cb-token' } }],
      }),
    );
    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    let base = running.url;
    // A provider's callback queue: each event posted until it is answered 200, five at a time;
    // a fifth of them posted once more after their 200, as providers do when their own timer fires.
    const events = Array.from({ length: 300 }, (_, i) => ({ id: `in-${i}`, from: `+7916${String(4_000_000 + i)}`, to: '4938', text: `Ответ ${i}: на месте` }));
    let posts = 0;
    let done = 0;
    const post = async (e: (typeof events)[number]): Promise<boolean> => {
      posts++;
      try {
        const res = await fetch(`${base}/api/v1/carriers/cloud/callback?token=cb-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(e),
          signal: AbortSignal.timeout(2_000),
        });
        await res.arrayBuffer();
        return res.status === 200;
      } catch {
        return false;
      }
    };
    const worker = async (queue: typeof events) => {
      for (const e of queue) {
        while (!(await post(e))) await new Promise((r) => setTimeout(r, 100));
        if (Number(e.id.slice(3)) % 5 === 0) await post(e);
        done++;
      }
    };
    const queues = Array.from({ length: 5 }, (_, w) => events.filter((_, i) => i % 5 === w));
    const workers = Promise.all(queues.map(worker));
    await until(() => done >= 100, 30_000, 'callbacks to stream');
    await kill(running.child, 'SIGKILL');
    const doneAtKill = done;
    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    base = running.url;
    await workers;
    const { lost, twice } = verdict(`HTTP callbacks, SIGKILL after ${doneAtKill} answered`, events.map((e) => e.text), storedCounts(dataDir), posts);
    expect(lost).toBe(0);
    expect(twice).toBe(0);
  });
});
