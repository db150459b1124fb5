// A queue per webhook receiver: one that never answers, or answers 500, holds back only its own
// deliveries. 200 reply events to a dead receiver and a healthy one: the healthy one gets all
// 200 at once, in order; the dead one is tried a few at a time and backs off.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrg, until, type Org } from '../tools/integrations-fixture.js';

let org: Org;
const servers: Server[] = [];
const hanging: ServerResponse[] = [];
const healthy: number[] = [];
let deadHits = 0;
let brokenHits = 0;

async function listen(handler: (body: string, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

beforeAll(async () => {
  const dead = await listen((_b, res) => {
    deadHits++;
    hanging.push(res); // never answers: each attempt waits for the 10 s timeout
  });
  const broken = await listen((_b, res) => {
    brokenHits++;
    res.writeHead(500).end();
  });
  const ok = await listen((body, res) => {
    healthy.push(JSON.parse(body).message.id);
    res.writeHead(204).end();
  });
  org = await startOrg({
    integrations: {
      webhooks: [
        { url: dead, secret: 'dead-receiver-secret-long-enough' },
        { url: broken, secret: 'broken-receiver-secret-long-enough' },
        { url: ok, secret: 'healthy-receiver-secret-long-enough' },
      ],
      webhookRetryBaseMs: 1_000,
    },
  });
});

afterAll(async () => {
  await org.stop();
  for (const res of hanging) res.destroy();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('webhooks, one queue per receiver', () => {
  it('delivers every event to a healthy receiver at once while another never answers and a third fails', async () => {
    const t0 = Date.now();
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = org.station.core.inbound.receive({ from: `+7916000${String(i).padStart(4, '0')}`, text: `Ответ ${i}`, receivedAt: Date.now(), carrierRef: `hook-${i}` }, 'simulator');
      ids.push(id!);
    }
    await until('every event at the healthy receiver', () => healthy.length >= 200, 15_000);
    const seconds = (Date.now() - t0) / 1000;
    console.log(`[webhooks] 200 events: healthy receiver got ${healthy.length} in ${seconds.toFixed(2)} s; the silent one was tried ${deadHits} times, the failing one ${brokenHits}`);
    expect([...healthy].sort((a, b) => a - b)).toEqual(ids);
    // All 200 arrived while the silent receiver's first deliveries were still waiting on it:
    // nothing of the healthy one waited for them.
    const deadDone = org.station.core.store.db.prepare(`SELECT count(*) FROM webhook_deliveries WHERE url LIKE ? AND attempts > 0`).pluck().get(`%:${(servers[0]!.address() as AddressInfo).port}/%`);
    expect(deadDone).toBe(0);
    // The silent receiver has at most 4 deliveries open; the failing one backs off after its first failures.
    expect(deadHits).toBeLessThanOrEqual(4);
    expect(brokenHits).toBeLessThanOrEqual(8);
  });
});
