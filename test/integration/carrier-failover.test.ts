// Failover with real carriers: an SMPP account first, an HTTP provider second. When the SMSC
// vanishes the router sends through HTTP; when it is back, through SMPP again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { CarrierState } from '../../shared/protocol/index.js';
import { createHttpCarrier } from '../../main/station/carriers/http/index.js';
import { CarrierRouter } from '../../main/station/carriers/router.js';
import { createSmppCarrier } from '../../main/station/carriers/smpp/index.js';
import { RecordingSink, waitFor } from '../tools/recording-sink.js';
import { TestSmsc } from '../tools/smsc.js';

let smsc: TestSmsc;
let provider: Server;
let router: CarrierRouter;

afterEach(async () => {
  await router?.stop();
  await smsc?.stop();
  provider?.closeAllConnections();
  await new Promise((r) => provider?.close(r));
});

it('fails over from SMPP to HTTP while the SMSC is gone, and back when it returns', async () => {
  smsc = new TestSmsc();
  const port = await smsc.start(0);
  let httpSent = 0;
  provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `h${++httpSent}` })));
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  const providerPort = (provider.address() as AddressInfo).port;

  const smpp = createSmppCarrier({
    kind: 'smpp', id: 'smpp', host: '127.0.0.1', port, systemId: 'switchboard', password: 'secret',
    reconnect: { initialMs: 50, maxMs: 100 },
  });
  const http = createHttpCarrier({
    kind: 'http', id: 'http',
    send: { url: `http://127.0.0.1:${providerPort}/sms`, messageIdPath: 'id' },
  });
  router = new CarrierRouter([
    { carrier: http, priority: 2 },
    { carrier: smpp, priority: 1 },
  ]);
  const changes: Array<[string, CarrierState]> = [];
  router.onStatus((s) => changes.push([s.id, s.state]));
  await router.start(new RecordingSink());
  await waitFor(() => smpp.status().state === 'up', 'SMPP to bind');

  const sendVia = async () => {
    const carrier = router.pick('+79161234567');
    if (!carrier) throw new Error('no carrier up');
    await carrier.send({ messageId: 1, phone: '+79161234567', text: 'x', requestReport: false });
    return carrier.id;
  };
  expect(await sendVia()).toBe('smpp');
  await smsc.stop();
  await waitFor(() => changes.some(([id, state]) => id === 'smpp' && state === 'down'), 'the router to hear SMPP went down');
  expect(await sendVia()).toBe('http');
  expect(httpSent).toBe(1);
  await smsc.start(port);
  await waitFor(() => smpp.status().state === 'up', 'SMPP to come back');
  expect(await sendVia()).toBe('smpp');
});
