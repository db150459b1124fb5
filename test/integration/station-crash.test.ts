import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../main/station/store/store.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { kill, startStationProcess, type StationProcess } from '../tools/station-process.js';

const RECIPIENTS = 1000;
const BATCH = 50;
let running: StationProcess | null = null;

afterEach(async () => {
  if (running) await kill(running.child);
  running = null;
});

function ledger(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a station killed in the middle of a broadcast', () => {
  it('resumes after SIGKILL with exactly one message per recipient, every one sent', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-crash-'));
    const ledgerFile = join(dataDir, 'network-ledger.txt');
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        logLevel: 'silent',
        // 100 ms per submit, 50 at a time: about 500 SMS a second, slow enough to kill mid-way.
        simulator: { ledgerFile, submitLatencyMs: 100, deliveryLatencyMs: [50, 100], replyRate: 0, failureRate: 0 },
        outbox: { batchSize: BATCH },
      }),
    );
    const seed = Store.open(join(dataDir, 'switchboard.db'));
    const groupId = seed.groups.create('Все');
    seed.db.transaction(() => {
      for (let i = 0; i < RECIPIENTS; i++) {
        const c = seed.contacts.upsert({ name: `Сотрудник ${i}`, phone: `+7916${String(2000000 + i)}` });
        seed.groups.addMember(groupId, c.id);
      }
    })();
    seed.close();

    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    const password = running.adminPassword!;
    const client = await ControlRoomClient.login(running.url, 'admin', password);
    const sent = await client.request('send', { text: 'Учения: проверка оповещения', groups: [groupId] });
    expect(sent.recipients).toBe(RECIPIENTS);
    client.close();

    await until(() => ledger(ledgerFile).length >= 200, 20_000, '200 submits');
    await kill(running.child, 'SIGKILL');
    const atKill = ledger(ledgerFile).length;
    expect(atKill).toBeLessThan(RECIPIENTS);

    running = await startStationProcess(['--data', dataDir, '--port', '0']);
    const store = Store.open(join(dataDir, 'switchboard.db'));
    try {
      const pending = () =>
        (store.db.prepare(`SELECT count(*) AS n FROM messages WHERE status IN ('queued', 'sending')`).get() as { n: number }).n;
      await until(() => pending() === 0, 30_000, 'the outbox to drain');

      const rows = store.db
        .prepare(`SELECT phone, status FROM messages WHERE broadcast_id = ? AND direction = 'out'`)
        .all(sent.broadcastId) as { phone: string; status: string }[];
      expect(rows).toHaveLength(RECIPIENTS);
      expect(new Set(rows.map((r) => r.phone)).size).toBe(RECIPIENTS);
      expect(rows.every((r) => r.status === 'sent' || r.status === 'delivered')).toBe(true);

      // What reached the network: every message at least once; repeats only from the one batch
      // that was in flight when the process died.
      const lines = ledger(ledgerFile);
      const perMessage = new Map<string, number>();
      for (const l of lines) perMessage.set(l.split(' ')[0]!, (perMessage.get(l.split(' ')[0]!) ?? 0) + 1);
      expect(perMessage.size).toBe(RECIPIENTS);
      const repeated = lines.length - RECIPIENTS;
      expect(repeated).toBeGreaterThanOrEqual(0);
      expect(repeated).toBeLessThanOrEqual(BATCH);
    } finally {
      store.close();
    }
  });
});
