// Outgoing webhooks tested with a real HTTP receiver on loopback: signed JSON for replies and
// delivery changes, retried with backoff when the receiver fails, every attempt in the log.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { Webhooks } from '../../main/station/integrations/webhooks.js';

const SECRET = 'a-webhook-secret-of-some-length';
let org: Org;
let receiver: Server;
let received: { event: string; signature: string; body: string }[] = [];
let failNext = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ event: String(req.headers['x-switchboard-event']), signature: String(req.headers['x-switchboard-signature']), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  org = await startOrg({ integrations: { webhooks: [{ url, secret: SECRET }], webhookRetryBaseMs: 50 } });
});
afterAll(async () => {
  await org.stop();
  await new Promise((r) => receiver.close(r));
});

const log = () => new Webhooks(org.station.core, org.station.config.integrations).log();

describe('webhooks', () => {
  it('posts a signed delivery event when an SMS is delivered', async () => {
    const r = await curl(`${org.station.url}/api/v1/send?key=${org.adminKey}&to=89160000001&text=hook`);
    const id = (r.json as { messages: { id: number }[] }).messages[0]!.id;
    await until('the delivered webhook', () => received.some((x) => x.event === 'delivery' && JSON.parse(x.body).message.status === 'delivered'));
    const hit = received.find((x) => x.event === 'delivery' && JSON.parse(x.body).message.status === 'delivered')!;
    expect(hit.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(hit.body).digest('hex')}`);
    expect(JSON.parse(hit.body)).toMatchObject({ event: 'delivery', message: { id, phone: '+79160000001', direction: 'out' } });
  });

  it('retries a reply event after the receiver fails, and logs the attempts', async () => {
    received = [];
    failNext = 2;
    org.station.core.inbound.receive({ from: '+79160000001', text: 'Принял, выезжаю', receivedAt: Date.now(), carrierRef: 'wh-1' }, 'simulator');
    await until('the reply webhook', () => received.some((x) => x.event === 'reply'));
    expect(JSON.parse(received.find((x) => x.event === 'reply')!.body).message).toMatchObject({ direction: 'in', text: 'Принял, выезжаю' });
    // The receiver has the body before the station hears its answer and logs it.
    await until('the log to record the delivery', () => log().find((d) => d.event === 'reply')?.status === 'delivered');
    expect(log().find((d) => d.event === 'reply')).toMatchObject({ status: 'delivered', attempts: 3 });
  });
});
