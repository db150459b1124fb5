// The HTTP carrier against a local provider (node:http) and its callback mounted on a local
// station-like server, both on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarrierError } from '../../main/station/carriers/carrier.js';
import { callbackListener, createHttpCarrier, type HttpCarrier, type HttpCarrierConfigInput } from '../../main/station/carriers/http/index.js';
import { RecordingSink, waitFor } from '../tools/recording-sink.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (req: Received, res: ServerResponse) => void;

let provider: Server;
let providerUrl: string;
let answer: Answer;
let received: Received[];
let station: Server;
let callbackUrl: string;
let carrier: HttpCarrier;
let sink: RecordingSink;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

beforeEach(async () => {
  received = [];
  answer = (req, res) => json(res, 200, { status: 'queued', messages: [{ id: `m-${received.length}` }] });
  provider = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      answer(r, res);
    });
  });
  providerUrl = await listen(provider);
  sink = new RecordingSink();
});

afterEach(async () => {
  await carrier?.stop();
  provider.closeAllConnections();
  await new Promise((r) => provider.close(r));
  if (station) {
    station.closeAllConnections();
    await new Promise((r) => station.close(r));
  }
});

async function startCarrier(overrides: Partial<HttpCarrierConfigInput> = {}): Promise<void> {
  carrier = createHttpCarrier({
    kind: 'http',
    id: 'sms1',
    name: 'Cloud SMS',
    from: 'Dispatch',
    params: { project: 'p-42' },
    send: {
      url: `${providerUrl}/v1/{project}/sms?dlr={report}`,
      method: 'POST',
      contentType: 'json',
      body: { messages: [{ to: '{to_digits}', text: '{text}', sender: '{from}', ref: '{messageId}' }] },
      auth: { kind: 'bearer', token: 'tok-123' },
      messageIdPath: 'messages[0].id',
      timeoutMs: 500,
      ...overrides.send,
    },
    callback: { token: 'cb-secret', ...overrides.callback },
    recoverAfterMs: 60_000,
    ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'send' && k !== 'callback')),
  } as HttpCarrierConfigInput);
  await carrier.start(sink);
  const listener = callbackListener(carrier);
  station = createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/carriers/sms1/callback')) void listener(req, res);
    else res.writeHead(404).end();
  });
  callbackUrl = `${await listen(station)}/api/v1/carriers/sms1/callback?token=cb-secret`;
}

const sms = (text = 'Авария на подстанции №7') => ({ messageId: 17, phone: '+79161234567', text, requestReport: true });

describe('HTTP carrier: sending', () => {
  it('fills the templates, authenticates, and takes the message id from the JSON answer', async () => {
    await startCarrier();
    const result = await carrier.send(sms());
    expect(result.refs).toEqual(['m-1']);
    const [req] = received;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/v1/p-42/sms?dlr=1');
    expect(req!.headers['authorization']).toBe('Bearer tok-123');
    expect(req!.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(req!.body)).toEqual({
      messages: [{ to: '79161234567', text: 'Авария на подстанции №7', sender: 'Dispatch', ref: '17' }],
    });
    expect(carrier.status()).toMatchObject({ state: 'up', sentToday: 1 });
  });

  it('sends a form body and reads the id from a plain-text answer', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK 55501');
    await startCarrier({
      send: {
        url: `${providerUrl}/send`,
        contentType: 'form',
        body: { phone: '{to}', msg: '{text}' },
        auth: { kind: 'header', name: 'X-Api-Key', value: 'k-9' },
        messageIdPattern: '^OK (\\S+)',
      },
    } as Partial<HttpCarrierConfigInput>);
    expect((await carrier.send(sms('Test & go'))).refs).toEqual(['55501']);
    expect(received[0]!.headers['x-api-key']).toBe('k-9');
    expect(Object.fromEntries(new URLSearchParams(received[0]!.body))).toEqual({ phone: '+79161234567', msg: 'Test & go' });
  });

  it('puts everything in a URL-encoded query for a GET API', async () => {
    answer = (_req, res) => json(res, 200, { id: 9 });
    await startCarrier({
      send: { url: `${providerUrl}/send?to={to}&text={text}`, method: 'GET', contentType: 'none', messageIdPath: 'id' },
    } as Partial<HttpCarrierConfigInput>);
    expect((await carrier.send(sms('Да & нет'))).refs).toEqual(['9']);
    const url = new URL(received[0]!.url, 'http://x');
    expect(url.searchParams.get('to')).toBe('+79161234567');
    expect(url.searchParams.get('text')).toBe('Да & нет');
  });

  it('treats a 5xx as transient and goes down after repeated failures', async () => {
    answer = (_req, res) => json(res, 500, { error: 'internal' });
    await startCarrier({ downAfterFailures: 2 });
    const first = await carrier.send(sms()).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(CarrierError);
    expect(first).toMatchObject({ kind: 'transient', code: 'http-500' });
    expect(carrier.status().state).toBe('up');
    await carrier.send(sms()).catch(() => undefined);
    expect(carrier.status().state).toBe('down');
    expect(carrier.status().detail).toMatch(/500/);
  });

  it('reads 429 and 503 as back-pressure, with the Retry-After the provider gives', async () => {
    answer = (_req, res) => res.writeHead(received.length === 1 ? 429 : 503, { 'retry-after': '7' }).end('slow down');
    await startCarrier({ downAfterFailures: 1 });
    await expect(carrier.send(sms())).rejects.toMatchObject({ kind: 'throttled', code: 'http-429', retryAfterMs: 7_000 });
    await expect(carrier.send(sms())).rejects.toMatchObject({ kind: 'throttled', code: 'http-503', retryAfterMs: 7_000 });
    // Slowing down is not failing: the provider stays up.
    expect(carrier.status().state).toBe('up');
  });

  it('treats a 4xx as a permanent refusal of this SMS, with the provider’s words', async () => {
    answer = (_req, res) => json(res, 400, { error: 'invalid number' });
    await startCarrier();
    await expect(carrier.send(sms())).rejects.toMatchObject({ transient: false, code: 'http-400', message: expect.stringMatching(/invalid number/) });
    expect(carrier.status().state).toBe('up');
  });

  it('takes the carrier down on 401 instead of failing the message', async () => {
    answer = (_req, res) => json(res, 401, { error: 'bad key' });
    await startCarrier();
    await expect(carrier.send(sms())).rejects.toMatchObject({ transient: true, code: 'http-401' });
    expect(carrier.status()).toMatchObject({ state: 'down', detail: expect.stringMatching(/credentials/) });
  });

  it('leaves an SMS the provider does not answer in time in doubt, and reports its late answer', async () => {
    let release!: () => void;
    const later = new Promise<void>((r) => (release = r));
    answer = (_req, res) => void later.then(() => json(res, 200, { messages: [{ id: 'late-1' }] }));
    await startCarrier();
    await expect(carrier.send(sms())).rejects.toMatchObject({ kind: 'in-doubt', code: 'http-timeout' });
    expect(carrier.capacity()).toBe(9); // the request still waiting holds its place
    release();
    await waitFor(() => sink.lates.length === 1, 'the late answer');
    expect(sink.lates).toEqual([{ messageId: 17, answer: { kind: 'sent', refs: ['late-1'] } }]);
    expect(carrier.capacity()).toBe(10);
  });

  it('fails the SMS when a 200 answer carries an error field', async () => {
    answer = (_req, res) => json(res, 200, { error: 'number is blacklisted' });
    await startCarrier({ send: { errorPath: 'error' } } as Partial<HttpCarrierConfigInput>);
    await expect(carrier.send(sms())).rejects.toMatchObject({ transient: false, message: expect.stringMatching(/blacklisted/) });
  });
});

describe('HTTP carrier: callbacks', () => {
  const post = (body: string, type = 'application/json', url = callbackUrl) =>
    fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

  it('turns a delivery-report callback into a report for the message id', async () => {
    await startCarrier();
    const res = await post(JSON.stringify({ id: 'm-1', status: 'delivered' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(sink.reports).toEqual([expect.objectContaining({ ref: 'm-1', status: 'delivered' })]);
  });

  it('reads a batch of reports, failed ones with the reason', async () => {
    await startCarrier({
      callback: { itemsPath: 'results', report: { idPath: 'messageId', statusPath: 'state', errorPath: 'reason' } },
    } as Partial<HttpCarrierConfigInput>);
    const res = await post(
      JSON.stringify({ results: [{ messageId: 'a', state: 'DELIVRD' }, { messageId: 'b', state: 'UNDELIV', reason: 'absent subscriber' }] }),
    );
    expect(res.status).toBe(200);
    expect(sink.reports.map((r) => [r.ref, r.status])).toEqual([
      ['a', 'delivered'],
      ['b', 'failed'],
    ]);
    expect(sink.reports[1]!.error).toMatch(/absent subscriber/);
  });

  it('commits an incoming SMS before answering the provider', async () => {
    await startCarrier();
    let open!: () => void;
    sink.gate = new Promise((r) => (open = r));
    let answered = false;
    const res = post('from=89161234567&to=1234&text=%D0%95%D0%B4%D1%83&id=in-1', 'application/x-www-form-urlencoded').then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    open();
    expect((await res).status).toBe(200);
    expect(sink.inbounds).toEqual([expect.objectContaining({ from: '+79161234567', to: '1234', text: 'Еду', carrierRef: 'in-1' })]);
  });

  it('answers 503 when the store cannot commit, so the provider retries', async () => {
    await startCarrier();
    sink.failCommits = true;
    const res = await post(JSON.stringify({ from: '+79161234567', text: 'Еду' }));
    expect(res.status).toBe(503);
  });

  it('refuses a callback without the token', async () => {
    await startCarrier();
    const res = await post(JSON.stringify({ id: 'm-1', status: 'delivered' }), 'application/json', callbackUrl.replace('cb-secret', 'guess'));
    expect(res.status).toBe(403);
    expect(sink.reports).toEqual([]);
  });

  it('refuses a payload that is neither a report nor an SMS', async () => {
    await startCarrier();
    expect((await post(JSON.stringify({ hello: 'world' }))).status).toBe(400);
  });

  it('comes back up when the probe URL answers again', async () => {
    let healthy = false;
    answer = (req, res) => (req.url === '/health' ? json(res, healthy ? 200 : 502, {}) : json(res, 503, {}));
    await startCarrier({ healthUrl: `${providerUrl}/health`, recoverAfterMs: 100, downAfterFailures: 1 });
    await waitFor(() => carrier.status().state === 'down', 'the failed probe');
    healthy = true;
    await waitFor(() => carrier.status().state === 'up', 'the probe to succeed', 3_000);
  });
});
