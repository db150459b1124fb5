// The answers the HTTP front remembers between requests (which routes match a path, whether a
// Host is ours) must be the ones it would work out again: a route added later is found, a
// refused Host stays refused, and neither memory grows without bound.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HttpRoutes } from '../../main/station/server/http-routes.js';
import { OriginPolicy } from '../../main/station/server/origin-policy.js';

const request = (method: string, path: string) => {
  const req = { method, headers: {} } as IncomingMessage;
  const res = { statusCode: 200, headersSent: false, req, writeHead() { return this; }, end() {} } as unknown as ServerResponse;
  return { req, res, url: new URL(path, 'http://station') };
};

describe('HttpRoutes', () => {
  it('finds a route added after the same path was asked for', async () => {
    const routes = new HttpRoutes();
    const seen: string[] = [];
    routes.add('GET', '/api/v1/things/:id', ({ params }) => void seen.push(`thing ${params.id}`));
    const { req, res, url } = request('POST', '/api/v1/things/7');
    expect(await routes.handle(req, res, url)).toBe(true); // 405: only GET is there
    expect(await routes.handle(request('GET', '/api/v1/other').req, res, request('GET', '/api/v1/other').url)).toBe(false);
    routes.add('POST', '/api/v1/things/:id', ({ params }) => void seen.push(`posted ${params.id}`));
    routes.add('GET', '/api/v1/other', () => void seen.push('other'));
    expect(await routes.handle(req, res, url)).toBe(true);
    const other = request('GET', '/api/v1/other');
    expect(await routes.handle(other.req, other.res, other.url)).toBe(true);
    const get = request('GET', '/api/v1/things/8');
    await routes.handle(get.req, get.res, get.url);
    await routes.handle(get.req, get.res, get.url);
    expect(seen).toEqual(['posted 7', 'other', 'thing 8', 'thing 8']);
  });

  it('still matches every path after many distinct ones', async () => {
    const routes = new HttpRoutes();
    let n = 0;
    routes.add('GET', '/api/v1/messages/:id', () => void n++);
    for (let i = 0; i < 2_000; i++) {
      const { req, res, url } = request('GET', `/api/v1/messages/${i}`);
      expect(await routes.handle(req, res, url)).toBe(true);
    }
    const long = request('GET', `/api/v1/messages/${'9'.repeat(300)}`);
    expect(await routes.handle(long.req, long.res, long.url)).toBe(true);
    expect(n).toBe(2_001);
  });
});

describe('OriginPolicy.hostAllowed', () => {
  const policy = new OriginPolicy({
    bindHost: '127.0.0.1', port: () => 4938, tls: false, hostnames: ['*.example.org'], allowedOrigins: [],
    machine: { hostname: 'desk', addresses: () => ['10.0.0.5'] },
  });

  it('gives the same answer every time it is asked', () => {
    for (let round = 0; round < 3; round++) {
      expect(policy.hostAllowed('localhost:4938')).toBe(true);
      expect(policy.hostAllowed('127.0.0.1:4938')).toBe(true);
      expect(policy.hostAllowed('sms.example.org')).toBe(true);
      expect(policy.hostAllowed('evil.example')).toBe(false);
      expect(policy.hostAllowed('evil.example:4938')).toBe(false);
      expect(policy.hostAllowed('a b')).toBe(false);
    }
  });

  it('keeps answering after a flood of made-up Hosts', () => {
    for (let i = 0; i < 5_000; i++) expect(policy.hostAllowed(`rebind-${i}.evil.example`)).toBe(false);
    expect(policy.hostAllowed('localhost:4938')).toBe(true);
    expect(policy.hostAllowed('evil.example')).toBe(false);
  });
});
