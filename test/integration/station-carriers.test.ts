import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station } from '../../main/station/index.js';
import { TestSmsc } from '../tools/smsc.js';
import { ControlRoomClient } from '../tools/control-room-client.js';

// The station builds its carriers from config.json, as an installation would configure it.
let smsc: TestSmsc;
let station: Station;
let client: ControlRoomClient;

beforeAll(async () => {
  smsc = new TestSmsc({ systemId: 'station', password: 'secret', autoReceipt: 'DELIVRD' });
  const port = await smsc.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-carriers-'));
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({
      logLevel: 'silent',
      carriers: [{ kind: 'smpp', id: 'operator', host: '127.0.0.1', port, systemId: 'station', password: 'secret', priority: 1 }],
    }),
  );
  station = await createStation({ dataDir, port: 0 });
  await station.core.store.users.create({ login: 'op', role: 'admin', password: 'pw-operator' });
  client = await ControlRoomClient.login(station.url, 'op', 'pw-operator');
});

afterAll(async () => {
  client?.close();
  await station?.stop();
  await smsc?.stop();
});

describe('carriers configured in config.json', () => {
  it('runs the SMPP route: a send is submitted, receipted as delivered, and an MO reply is linked to it', async () => {
    let health = await (await fetch(`${station.url}/api/v1/health`)).json();
    for (let i = 0; i < 100 && health.carriers[0].state !== 'up'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      health = await (await fetch(`${station.url}/api/v1/health`)).json();
    }
    expect(health.carriers).toEqual([{ id: 'operator', kind: 'smpp', state: 'up', detail: null, inDoubt: 0, resent: 0 }]);

    const sent = await client.request('send', { text: 'Авария на фидере 7, ответьте 1', phones: ['+7 916 555-00-11'] });
    const done = await client.waitFor('broadcast.progress', (b) => b.id === sent.broadcastId && b.counts.delivered === 1);
    expect(done.counts.failed).toBe(0);
    expect(smsc.submitted.at(-1)).toMatchObject({ destination: '79165550011', text: 'Авария на фидере 7, ответьте 1' });

    await smsc.deliverMo('79165550011', '4938', '1');
    const reply = await client.waitFor('message.created', (m) => m.direction === 'in');
    expect(reply).toMatchObject({ phone: '+79165550011', text: '1', broadcastId: sent.broadcastId, carrier: 'operator' });
  });

  it('reports the carrier down when the SMSC goes away, and holds new messages queued', async () => {
    await smsc.stop();
    await client.waitFor('carrier.status', (s) => s.id === 'operator' && s.state !== 'up');
    const sent = await client.request('send', { text: 'Повторная проверка', phones: ['+7 916 555-00-12'] });
    await new Promise((r) => setTimeout(r, 300));
    const row = station.core.store.db.prepare('SELECT status, error FROM messages WHERE broadcast_id = ?').get(sent.broadcastId) as {
      status: string;
      error: string | null;
    };
    expect(row.status).toBe('queued');
    expect(row.error).toMatch(/No carrier/);
  });
});
