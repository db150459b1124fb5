// readBody against a real socket: a body in many pieces arrives whole, one streamed past the limit
// is cut with 413's error, and a client that goes away mid-body ends the read with an error
// instead of leaving the handler waiting for ever.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../main/station/integrations/http-body.js';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** Starts a server whose handler reads the body with `maxBytes`; resolves its port and the outcomes. */
async function serve(maxBytes: number) {
  const outcomes: Promise<Buffer>[] = [];
  server = createServer((req: IncomingMessage, res) => {
    const read = readBody(req, maxBytes);
    outcomes.push(read);
    read.then(
      (body) => res.end(`got ${body.length}`),
      () => (res.headersSent || res.destroyed ? undefined : res.writeHead(413).end()),
    );
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { port: (server!.address() as { port: number }).port, outcomes };
}

function post(port: number, pieces: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (const p of pieces) req.write(p);
    req.end();
  });
}

describe('readBody', () => {
  it('reads a body sent in many pieces, and an empty one', async () => {
    const { port, outcomes } = await serve(1000);
    expect(await post(port, ['{"to":', '"+79160000001",', '"text":"x"}'])).toEqual({ status: 200, body: 'got 32' });
    expect((await outcomes[0]!).toString()).toBe('{"to":"+79160000001","text":"x"}');
    expect(await post(port, [])).toEqual({ status: 200, body: 'got 0' });
  });

  it('cuts a body streamed past the limit with the too-large error', async () => {
    const { port, outcomes } = await serve(100);
    const answer = await post(port, ['x'.repeat(60), 'y'.repeat(60)]).catch(() => ({ status: 'cut', body: '' }));
    expect([413, 'cut']).toContain(answer.status);
    await expect(outcomes[0]!).rejects.toMatchObject({ code: 'too_large' });
  });

  it('ends with an error when the client goes away mid-body', async () => {
    const { port, outcomes } = await serve(10_000);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((r) => socket.on('connect', () => r()));
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{"to":');
    while (outcomes.length === 0) await new Promise((r) => setTimeout(r, 5));
    socket.destroy();
    await expect(outcomes[0]!).rejects.toThrow();
  });
});
