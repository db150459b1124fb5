import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../main/station/store/store.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { kill, startStationProcess, type StationProcess } from '../tools/station-process.js';
import { until } from '../tools/dispatch-station.js';

const RECIPIENTS = 10_000;
const BATCH = 50;
let running: StationProcess | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  if (running) await kill(running.child);
  running = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

const ledger = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('SIGKILL during a 10,000-recipient broadcast', () => {
  it('loses no recipient and repeats only what was in flight at the carrier, counted', { timeout: 180_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-crash10k-'));
    const ledgerFile = join(dataDir, 'network-ledger.txt');
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        logLevel: 'silent',
        simulator: { ledgerFile, submitLatencyMs: 20, deliveryLatencyMs: [50, 100], replyRate: 0, failureRate: 0 },
        outbox: { batchSize: BATCH },
      }),
    );
    const seed = Store.open(join(dataDir, 'switchboard.db'));
    const groupId = seed.groups.create('Все');
    const insert = seed.db.prepare(`INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`);
    seed.db.transaction(() => {
      for (let i = 0; i < RECIPIENTS; i++) {
        const { id } = insert.get(`Сотрудник ${i}`, `+7918${String(i).padStart(7, '0')}`) as { id: number };
        seed.groups.addMember(groupId, id);
      }
    })();
    seed.close();

    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    const client = await ControlRoomClient.login(running.url, 'admin', running.adminPassword!);
    const sent = await client.request('send', { text: 'Учения ГО: проверка оповещения, ответьте 1', kind: 'confirm', groups: [groupId] });
    expect(sent.recipients).toBe(RECIPIENTS);
    client.close();

    await until(() => ledger(ledgerFile).length >= 3_000, 60_000, '3,000 submits');
    // Land inside a submit (20 ms each) rather than on the batch boundary the ledger just showed.
    await new Promise((r) => setTimeout(r, 8));
    await kill(running.child, 'SIGKILL');
    running = null;

    // What the store knew at the moment of death: the claimed batch is the only uncertainty.
    const dead = Store.open(join(dataDir, 'switchboard.db'));
    const inflight = new Set(
      (dead.db.prepare(`SELECT id FROM messages WHERE status = 'sending'`).pluck().all() as number[]).map(String),
    );
    const recordedSent = dead.db.prepare(`SELECT count(*) FROM messages WHERE status IN ('sent', 'delivered')`).pluck().get() as number;
    dead.close();
    const atKill = ledger(ledgerFile).length;
    expect(atKill).toBeLessThan(RECIPIENTS);
    expect(inflight.size).toBeLessThanOrEqual(BATCH);
    // The network may have taken some of the in-flight batch before the kill; the store did not hear of them.
    expect(atKill - recordedSent).toBeLessThanOrEqual(inflight.size);

    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    const store = Store.open(join(dataDir, 'switchboard.db'));
    try {
      const pending = store.db.prepare(`SELECT count(*) FROM messages WHERE status IN ('queued', 'sending')`).pluck();
      await until(() => pending.get() === 0, 120_000, 'the outbox to drain after restart');
      const rows = store.db
        .prepare(`SELECT id, status FROM messages WHERE broadcast_id = ? AND direction = 'out'`)
        .all(sent.broadcastId) as { id: number; status: string }[];
      expect(rows).toHaveLength(RECIPIENTS);
      expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'delivered')).toEqual([]);

      const perMessage = new Map<string, number>();
      for (const l of ledger(ledgerFile)) {
        const id = l.split(' ')[0]!;
        perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      }
      expect(perMessage.size).toBe(RECIPIENTS);
      const twice = [...perMessage.entries()].filter(([, n]) => n > 1);
      expect(twice.every(([, n]) => n === 2)).toBe(true);
      // Sent twice: only messages that were in flight at the single carrier when the process died.
      expect(twice.every(([id]) => inflight.has(id))).toBe(true);
      expect(twice.length).toBe(atKill - recordedSent);
      console.log(
        `crash drill: ${atKill} submits before SIGKILL, ${inflight.size} in flight (batch ${BATCH}), ${twice.length} sent twice, 0 lost of ${RECIPIENTS}`,
      );
    } finally {
      store.close();
    }
  });
});
