// Foundation figures: committing a 10,000-recipient broadcast, and station start to ready
// with 100,000 messages already in the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStation } from '../main/station/index.js';
import { Store } from '../main/station/store/store.js';
import { SimulatorCarrier } from '../main/station/carriers/simulator.js';

function seedContacts(store: Store, n: number): number {
  const groupId = store.groups.create(`Все ${n}`);
  const insert = store.db.prepare(
    `INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`,
  );
  const member = store.db.prepare('INSERT INTO group_members (group_id, contact_id) VALUES (?, ?)');
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const { id } = insert.get(`Сотрудник ${i}`, `+7916${String(3000000 + i)}`) as { id: number };
      member.run(groupId, id);
    }
  })();
  return groupId;
}

function seedMessages(store: Store, n: number): void {
  const insert = store.db.prepare(
    `INSERT INTO messages (direction, phone, text, segments, status, created_at, updated_at)
     VALUES (?, ?, ?, 1, ?, ?, ?)`,
  );
  const t0 = Date.now() - n * 1000;
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const out = i % 3 !== 0;
      insert.run(out ? 'out' : 'in', `+7916${String(4000000 + (i % 5000))}`, `Сообщение ${i} #авария`, out ? 'delivered' : 'received', t0 + i * 1000, t0 + i * 1000);
    }
  })();
}

export async function benchStation(): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {};
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-station-'));
  try {
    // 1. Commit of a 10,000-recipient broadcast (resolve, rights, one transaction).
    const carrier = new SimulatorCarrier({ submitLatencyMs: 0 });
    // The carrier stays down so the outbox does not compete with the commit being measured.
    const station = await createStation({ dataDir: join(dir, 'a'), port: 0, logLevel: 'silent', carriers: [carrier] });
    carrier.setAvailable(false);
    const groupId = seedContacts(station.core.store, 10_000);
    const actor = { userId: null, name: 'bench', role: 'system' as const };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = station.core.dispatcher.send(actor, { text: `Тревога ${i}`, groups: [groupId], contacts: [], phones: [], tags: [], kind: 'plain', source: 'ui' });
      times.push(performance.now() - t);
      if (r.recipients !== 10_000) throw new Error(`expected 10000 recipients, got ${r.recipients}`);
    }
    times.sort((a, b) => a - b);
    figures['commit broadcast to 10,000 recipients, median of 5 (ms)'] = times[2]!.toFixed(1);
    figures['commit broadcast to 10,000 recipients, worst of 5 (ms)'] = times[4]!.toFixed(1);
    await station.stop();

    // 2. Start to ready over a store with 100,000 messages.
    const dataDir = join(dir, 'b');
    const first = await createStation({ dataDir, port: 0, logLevel: 'silent', demo: true });
    seedMessages(first.core.store, 100_000);
    await first.stop();
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const s = await createStation({ dataDir, port: 0, logLevel: 'silent' });
      await fetch(`${s.url}/api/v1/health`);
      starts.push(performance.now() - t);
      await s.stop();
    }
    starts.sort((a, b) => a - b);
    figures['station start to ready, 100,000 messages, median of 3 (ms)'] = starts[1]!.toFixed(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchStation());
}
