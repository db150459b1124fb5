// Security case 4, the request floods (issue 14): 20,000 requests from one logged-in socket used to
// leave /health unanswered for 15 s. Now each socket has a budget (a bucket and a short queue, each
// request in its own turn of the event loop) and each API key its own: during a flood from one
// desk or one key, health and another desk (connecting from 127.0.0.2, another machine to the
// station) keep answering within a second — up to three on a loaded machine when the flood lasts long
// (a starved station answers after the whole flood). What was sent, answered and refused is printed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';

let station: Station;
let desk: ControlRoomClient;
let token: string;

beforeAll(async () => {
  station = await createStation({ dataDir: mkdtempSync(join(tmpdir(), 'sb-floods-')), port: 0, demo: true, logLevel: 'silent' });
  desk = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!, undefined, '127.0.0.2');
  const c = await ControlRoomClient.connect(station.url);
  token = (await c.request('login', { login: 'admin', password: station.initialAdminPassword! })).token;
  c.close();
});
afterAll(async () => {
  desk?.close();
  await station?.stop();
});

/** The longest wait that still means "answered during the flood": a second, more for a long flood on a busy machine. */
const notStarved = (floodMs: number) => Math.max(1_000, Math.min(3_000, floodMs / 4));

/** Samples health and the other desk every 100 ms until `done` resolves; returns the worst waits. */
async function probeWhile(done: Promise<unknown>, deskRequest: () => Promise<unknown>): Promise<{ health: number[]; desk: number[] }> {
  const health: number[] = [];
  const other: number[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const t = performance.now();
    const res = await fetch(`${station.url}/api/v1/health`);
    expect(res.status).toBe(200);
    health.push(performance.now() - t);
    const d = performance.now();
    await deskRequest();
    other.push(performance.now() - d);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { health, desk: other };
}

const worst = (xs: number[]) => Math.round(Math.max(...xs));

describe('4. one client\'s flood does not starve the others', () => {
  it('20,000 requests from one logged-in socket: health and another desk answer within 1 s', async () => {
    const ws = new WebSocket(`${station.url.replace('http', 'ws')}/ws`);
    await new Promise((r) => ws.once('open', r));
    const counts = { ok: 0, limited: 0, other: 0 };
    let answered = 0;
    const all = new Promise<void>((resolve) => {
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; error?: { code: string } };
        if (frame.id === undefined) return;
        if (frame.id === 0) return;
        if (frame.ok) counts.ok++;
        else if (frame.error?.code === 'rate_limited') counts.limited++;
        else counts.other++;
        if (++answered === 20_000) resolve();
      });
    });
    ws.send(JSON.stringify({ id: 0, method: 'resume', params: { token } }));
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    let floodMs = 0;
    // 500 frames every 25 ms: a desk's script stuck in a loop, for as long as it takes to send 20,000.
    const sending = (async () => {
      for (let i = 1; i <= 20_000; i++) {
        ws.send(JSON.stringify({ id: i, method: 'snapshot', params: {} }));
        if (i % 500 === 0) await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const waits = await probeWhile(Promise.all([all, sending]), () => desk.request('history.search', { filter: {}, limit: 20 }));
    floodMs = performance.now() - started;
    console.log(
      `ws flood: 20,000 snapshot frames answered in ${Math.round(floodMs)} ms (${counts.ok} served, ${counts.limited} rate_limited, ${counts.other} other); ` +
        `health worst ${worst(waits.health)} ms over ${waits.health.length} probes, other desk worst ${worst(waits.desk)} ms`,
    );
    ws.close();
    expect(counts.ok + counts.limited).toBe(20_000);
    expect(counts.limited).toBeGreaterThan(15_000);
    expect(worst(waits.health)).toBeLessThan(notStarved(floodMs));
    expect(worst(waits.desk)).toBeLessThan(notStarved(floodMs));
  }, 120_000);

  it('20,000 REST calls with one key: health and a second key answer within 1 s, the flood gets 429', async () => {
    const keys = new ApiKeyRepository(station.core.store.db);
    const flooding = keys.create('admin', 'flood').key;
    const quiet = keys.create('admin', 'quiet').key;
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < 20_000) {
        next++;
        const res = await fetch(`${station.url}/api/v1/messages?limit=20`, { headers: { authorization: `Bearer ${flooding}` } });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    const started = performance.now();
    const flood = Promise.all(Array.from({ length: 32 }, worker));
    const waits = await probeWhile(flood, async () => {
      const res = await fetch(`${station.url}/api/v1/messages?limit=20`, { headers: { authorization: `Bearer ${quiet}` } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    });
    const floodMs = performance.now() - started;
    console.log(
      `REST flood: ${next} calls in ${Math.round(floodMs)} ms (${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}); ` +
        `health worst ${worst(waits.health)} ms, second key worst ${worst(waits.desk)} ms`,
    );
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
    expect(waits.health.length).toBeGreaterThan(3);
    expect(worst(waits.health)).toBeLessThan(notStarved(floodMs));
    expect(worst(waits.desk)).toBeLessThan(notStarved(floodMs));
  }, 180_000);
});
