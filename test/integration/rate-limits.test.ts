// Default per-key limits fit a storm (issue 13): a monitoring system that sends one alert per
// failed device is not cut to 10/s after 600 calls; a key may have its own figures, set on the
// admin screen's request or with the CLI, audited, applied to the next call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../../main/station/integrations/rate-limit.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { startOrg, type Org } from '../tools/integrations-fixture.js';

let org: Org;
let admin: ControlRoomClient;
beforeAll(async () => {
  org = await startOrg();
  admin = await ControlRoomClient.login(org.station.url, 'admin', org.station.initialAdminPassword!);
});
afterAll(async () => {
  admin.close();
  await org.stop();
});

/** `n` calls, `inFlight` at a time; the HTTP status of each. */
async function storm(url: string, key: string, n: number, inFlight = 16, body?: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body ? { body: body(i) } : {}),
      });
      await res.arrayBuffer();
      statuses[i] = res.status;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return statuses;
}

describe('per-key rate limits', () => {
  it('lets a monitoring storm of 1,500 calls at once through on the default limit, where 600 used to be the end', async () => {
    const { key } = new ApiKeyRepository(org.station.core.store.db).create('admin', 'zabbix');
    const calls = await storm(`${org.station.url}/api/v1/tags`, key, 1_450);
    // …and the alerts themselves: one send per failed device.
    const sends = await storm(`${org.station.url}/api/v1/send`, key, 50, 8, (i) => JSON.stringify({ to: '+79160000001', text: `Узел ${i} недоступен` }));
    expect(calls.filter((s) => s !== 200)).toEqual([]);
    expect(sends.filter((s) => s !== 202)).toEqual([]);
    expect(DEFAULT_RATE_LIMITS.burst).toBeGreaterThanOrEqual(1_500);
  });

  it('cuts a key with its own tight limit, leaves other keys alone, and goes back to the default when the limit is cleared (audited)', async () => {
    const keys = new ApiKeyRepository(org.station.core.store.db);
    const loop = keys.create('admin', 'looping script');
    const other = keys.create('admin', 'other script');
    const set = await admin.request('apikeys.limits', { id: loop.view.id, ratePerMinute: 60, burst: 5 });
    expect(set.view).toMatchObject({ ratePerMinute: 60, burst: 5 });

    const cut = await storm(`${org.station.url}/api/v1/tags`, loop.key, 8, 1);
    expect(cut).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect((await storm(`${org.station.url}/api/v1/tags`, other.key, 20, 4)).every((s) => s === 200)).toBe(true);

    const list = await admin.request('apikeys.list', {});
    expect(list.rateDefaults).toEqual(DEFAULT_RATE_LIMITS);
    expect(list.keys.find((k) => k.id === loop.view.id)).toMatchObject({ ratePerMinute: 60, burst: 5 });

    await admin.request('apikeys.limits', { id: loop.view.id, ratePerMinute: null, burst: null });
    // The bucket refills at the default rate now: 100 a second, so a short wait lets calls through again.
    await new Promise((r) => setTimeout(r, 100));
    expect((await storm(`${org.station.url}/api/v1/tags`, loop.key, 5, 1)).filter((s) => s === 200).length).toBeGreaterThanOrEqual(4);
    const audit = await admin.request('audit.list', { action: 'apikey.limits' });
    expect(audit.entries.map((e) => e.detail)).toEqual([
      expect.objectContaining({ before: { ratePerMinute: 60, burst: 5 }, after: { ratePerMinute: null, burst: null } }),
      expect.objectContaining({ before: { ratePerMinute: null, burst: null }, after: { ratePerMinute: 60, burst: 5 } }),
    ]);
  });

  it('refuses a limit that is not a whole number of calls, and a dispatcher changing limits', async () => {
    const { view } = new ApiKeyRepository(org.station.core.store.db).create('admin', 'x');
    await expect(admin.request('apikeys.limits', { id: view.id, ratePerMinute: 0, burst: null })).rejects.toMatchObject({ error: { code: 'bad_request' } });
    const disp = await ControlRoomClient.login(org.station.url, 'dispatcher', 'dispatcher-pass-1');
    try {
      await expect(disp.request('apikeys.limits', { id: view.id, ratePerMinute: 10, burst: 10 })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    } finally {
      disp.close();
    }
  });

  it('sets and clears a key’s limit from the CLI, on the running station’s folder', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main(['apikey', 'create', '--user', 'admin', '--name', 'nagios', '--per-minute', '30000', '--burst', '20000', '--data', org.dir], out)).toBe(0);
    const keys = new ApiKeyRepository(org.station.core.store.db);
    const made = keys.list().find((k) => k.name === 'nagios')!;
    expect(made).toMatchObject({ ratePerMinute: 30000, burst: 20000 });
    expect(await main(['apikey', 'limit', '--id', String(made.id), '--burst', 'default', '--data', org.dir], out)).toBe(0);
    expect(keys.byId(made.id)).toMatchObject({ ratePerMinute: 30000, burst: null });
    expect(await main(['apikey', 'limit', '--id', String(made.id), '--per-minute', 'lots', '--data', org.dir], out)).toBe(2);
  });
});

describe('the token bucket', () => {
  it('holds `burst` calls and refills at the sustained rate', () => {
    const limiter = new RateLimiter({ perMinute: 600, burst: 3 });
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) limiter.take(1, t);
    expect(() => limiter.take(1, t)).toThrow(/Too many requests/);
    limiter.take(1, t + 100); // 600/min = one every 100 ms
    expect(() => limiter.take(1, t + 150)).toThrow();
  });
});
