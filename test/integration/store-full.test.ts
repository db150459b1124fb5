// The disk fills up under the station. On a small tmpfs (mounted here when this machine allows
// it): the disk really fills, every write that needs room fails with SQLITE_FULL. Where mount is
// not allowed, SQLITE_FULL is injected with PRAGMA max_page_count and the free pages filled, and
// the start-while-full case is said to be skipped. Either way: the station stays up, answers
// health, refuses sends with a clear sentence, tells the SMSC "try later", keeps everything
// committed, recovers by itself, and sends nothing twice.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station } from '../../main/station/index.js';
import { createSmppCarrier } from '../../main/station/carriers/smpp/index.js';
import { TestSmsc } from '../tools/smsc.js';
import { Store } from '../../main/station/store/store.js';
import { until } from '../tools/dispatch-station.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A 48 MiB tmpfs, or null when this machine does not allow mounting one. */
function smallDisk(): string | null {
  // SWITCHBOARD_TEST_NO_TMPFS=1 runs the injected variant on a machine that could mount one.
  if (process.env.SWITCHBOARD_TEST_NO_TMPFS) return null;
  const dir = mkdtempSync(join(tmpdir(), 'sb-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`[disk full] cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || '').trim()}): injecting SQLITE_FULL with PRAGMA max_page_count`);
    return null;
  }
  cleanups.push(() => {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Fills the disk holding `dir` to the last byte; returns a function that frees it. */
function fillDisk(dir: string): () => void {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: now it is full; fill the last partial block too.
    try {
      for (;;) writeSync(fd, chunk, 0, 4096);
    } catch {
      /* full */
    }
  } finally {
    closeSync(fd);
  }
  return () => rmSync(file, { force: true });
}

/** Makes every write that needs a new page fail (SQLITE_FULL) on this connection; returns the undo. */
function injectFull(station: Station): () => void {
  const db = station.core.store.db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + 8}`);
  db.exec('CREATE TABLE IF NOT EXISTS store_probe (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  const filler = db.prepare('INSERT INTO store_probe (data) VALUES (zeroblob(4000))');
  try {
    for (;;) filler.run();
  } catch {
    /* every page is taken */
  }
  return () => db.pragma('max_page_count = 1073741823');
}

async function start(dataDir: string, smsc: TestSmsc): Promise<Station> {
  const carrier = createSmppCarrier({ kind: 'smpp', id: 'operator', host: '127.0.0.1', port: smsc.port, systemId: 'switchboard', password: 'secret', sourceAddr: '4938' });
  const station = await createStation({ dataDir, port: 0, logLevel: 'info', carriers: [carrier] });
  await until(() => smsc.sessions.length > 0, 10_000, 'the bind');
  return station;
}

function seedGroup(station: Station, n: number, base: number): number {
  const { store } = station.core;
  const g = store.groups.create(`Все ${base}`);
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) store.groups.addMember(g, store.contacts.upsert({ name: `Сотрудник ${base + i}`, phone: `+7918${String(base + i).padStart(7, '0')}` }).id);
  })();
  return g;
}

const health = async (station: Station) => (await fetch(`${station.url}/api/v1/health`)).json();

describe('disk full', () => {
  it('keeps the station up and read-only, refuses sends clearly, tells the SMSC to try later, and recovers by itself', { timeout: 60_000 }, async () => {
    const disk = smallDisk();
    const dataDir = disk ? join(disk, 'data') : mkdtempSync(join(tmpdir(), 'sb-full-data-'));
    mkdirSync(dataDir, { recursive: true });
    const smsc = new TestSmsc();
    await smsc.start(0);
    smsc.moRetryMs = 300;
    cleanups.push(() => smsc.stop());
    const station = await start(dataDir, smsc);
    cleanups.push(() => station.stop());
    // The one-transaction commit is what this test is about: a send to thousands is committed in
    // steps, and a full disk there has its own test (engine-large-commit.test.ts).
    station.core.dispatcher.largeAudience = 10_000;
    const client = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
    cleanups.push(() => client.close());

    const first = seedGroup(station, 200, 0);
    const second = seedGroup(station, 3_000, 10_000);
    const before = await client.request('send', { text: 'До заполнения диска', groups: [first] });
    await until(() => smsc.seen.length >= 200, 20_000, 'the first broadcast to go out');

    const free = disk ? fillDisk(disk) : injectFull(station);
    // Long enough that its commit cannot fit the room the WAL kept from before the disk filled:
    // 3,000 rows of ~600 bytes, where the first broadcast left a WAL of a few hundred KB.
    const refused = await client.request('send', { text: `Когда диск полон. ${'Линия 10 кВ отключена, выезд бригады. '.repeat(7)}`, groups: [second] }).catch((e: unknown) => e as RequestFailed);
    expect(refused).toBeInstanceOf(RequestFailed);
    expect((refused as RequestFailed).error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/cannot write to its store \(disk full\).*resumes by itself/) });
    const readOnly = await client.waitFor('station.store', (s) => s.state === 'read-only');
    expect(readOnly.reason).toBe('disk full');
    const h = await health(station);
    expect(h).toMatchObject({ ok: false, store: { state: 'read-only', reason: 'disk full', detail: 'read-only — disk full' } });
    // The SMSC's incoming SMS: "try later" while the store cannot take it.
    smsc.queueMo('+79181112233', '4938', 'Принял');
    await until(() => smsc.moDeliveries >= 2, 10_000, 'the SMSC to be told to try later, twice');
    expect(smsc.moPending).toBe(1);

    free();
    await client.waitFor('station.store', (s) => s.state === 'ok', 15_000);
    expect(await health(station)).toMatchObject({ ok: true, store: { state: 'ok', detail: null } });
    const after = await client.request('send', { text: 'После освобождения диска', groups: [second] });
    const { store } = station.core;
    const pending = (id: number) => store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status IN ('queued', 'sending')`).pluck().get(id) as number;
    await until(() => pending(after.broadcastId!) === 0 && pending(before.broadcastId!) === 0, 30_000, 'both broadcasts to go out');
    await until(() => smsc.moPending === 0, 10_000, 'the reply to be stored on redelivery');

    const twice = [...smsc.reachedCounts().values()].filter((n) => n > 1).length;
    const stored = store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'out' AND status IN ('sent', 'delivered')`).pluck().get() as number;
    const replies = store.db.prepare(`SELECT count(*) FROM messages WHERE direction = 'in'`).pluck().get() as number;
    console.log(`[disk full${disk ? ', tmpfs' : ', injected'}] sent 200 before, 3000 after; SMSC took ${smsc.seen.length}; stored sent ${stored}; twice ${twice}; reply stored ${replies} after ${smsc.moDeliveries} deliveries`);
    expect(stored).toBe(3_200);
    expect(smsc.seen.length).toBe(3_200);
    expect(twice).toBe(0);
    expect(replies).toBe(1);
  });

  it('starts while the disk is full, read-only, and does what waited once it can write', { timeout: 60_000 }, async () => {
    const disk = smallDisk();
    if (!disk) {
      console.log('[start while full] skipped: a full disk cannot be injected into a station that is not running yet without a tmpfs');
      return;
    }
    const dataDir = join(disk, 'data');
    mkdirSync(dataDir, { recursive: true });
    const smsc = new TestSmsc();
    await smsc.start(0);
    cleanups.push(() => smsc.stop());
    const first = await start(dataDir, smsc);
    const group = seedGroup(first, 30, 20_000);
    first.core.router.list()[0]!.stop = async () => undefined; // keep it from sending before the stop
    smsc.faults.refuseAll = 0x58; // throttled: nothing goes before the stop
    await first.core.dispatcher.send({ userId: 1, name: 'admin', role: 'admin' }, { text: 'Перед остановкой', groups: [group], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
    await first.stop();
    smsc.faults.refuseAll = null;
    // As a crash leaves them: ten claimed (`sending`), the rest queued.
    const raw = Store.open(join(dataDir, 'switchboard.db'));
    raw.db.prepare(`UPDATE messages SET status = 'sending' WHERE id IN (SELECT id FROM messages WHERE direction = 'out' LIMIT 10)`).run();
    raw.close();
    const reachedBefore = smsc.seen.filter((x) => x.outcome === 'accepted').length;

    const free = fillDisk(disk);
    const station = await start(dataDir, smsc);
    cleanups.push(() => station.stop());
    expect(await health(station)).toMatchObject({ ok: false, store: { state: 'read-only', reason: 'disk full' } });
    const sendingBefore = station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE status = 'sending'`).pluck().get() as number;
    expect(sendingBefore).toBeGreaterThan(0);

    free();
    const pending = () => station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE status IN ('queued', 'sending')`).pluck().get() as number;
    await until(() => station.core.store.writes.writable && pending() === 0, 20_000, 'the station to write again and send what waited');
    const twice = [...smsc.reachedCounts().values()].filter((n) => n > 1).length;
    console.log(`[start while full] ${sendingBefore} SMS in flight at the stop; after recovery all 30 sent; reached twice ${twice}`);
    expect(reachedBefore).toBe(0);
    expect(twice).toBe(0);
    expect(smsc.seen.filter((x) => x.outcome === 'accepted').length).toBe(30);
  });
});
