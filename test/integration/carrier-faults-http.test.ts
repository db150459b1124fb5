// The bad day over HTTP: a station with provider A (priority 1) and provider B (priority 2), each
// a local SMS API that misbehaves on command (test/tools/sms-provider.ts cites RFC 6585/9110 and
// providers' own documents). Each drill prints what each provider received, what the store says,
// and how many recipients got the SMS twice.
import { afterEach, describe, expect, it } from 'vitest';
import { DRILL_STATION, httpDrill, sentOrDelivered } from '../tools/fault-drill.js';
import { until } from '../tools/dispatch-station.js';

let drill: Awaited<ReturnType<typeof httpDrill>> | null = null;
afterEach(async () => {
  await drill?.stop();
  drill = null;
});

const station = DRILL_STATION;

describe('HTTP provider A misbehaves, provider B is healthy', () => {
  it('429 with Retry-After: back-pressure — B carries them, A is shown slowed down, nothing failed or counted', async () => {
    drill = await httpDrill({ station });
    const [a] = drill.providers;
    a!.for(2_000, { kind: 'rate-limited', status: 429, retryAfterS: 1 });
    const { id } = drill.group(100);
    const b = drill.send(id, 'Авария на ПС-3, ответьте 1', 'high');
    await until(() => drill!.statuses.some((s) => s.id === 'api-a' && s.state === 'degraded' && /slow down/.test(s.detail ?? '')), 5_000, 'A shown throttled');
    await drill.healthShows('api-a', (c) => c.state === 'degraded' && /slow down|throttled/.test(c.detail ?? ''), 'A throttled');
    await drill.settled(b);
    const r = drill.report(b, 'A answers 429 Retry-After: 1 for 2 s');
    expect(sentOrDelivered(r.statuses)).toBe(100);
    expect(r).toMatchObject({ twice: 0, missing: 0, resends: 0, maxAttempts: 1 });
    expect(r.reached[1]).toBeGreaterThan(80);
  });

  it('503 with Retry-After alone on one route: the lane pauses as told, every SMS goes once, none failed', async () => {
    drill = await httpDrill({ routes: 1, station });
    const [a] = drill.providers;
    a!.for(1_500, { kind: 'rate-limited', status: 503, retryAfterS: 1 });
    const { id } = drill.group(30);
    const b = drill.send(id, 'Проверка связи');
    await drill.healthShows('api-a', (c) => c.state === 'degraded' && /slow down|throttled/.test(c.detail ?? ''), 'A throttled');
    await drill.settled(b, 15_000);
    const r = drill.report(b, 'only route answers 503 Retry-After: 1 for 1.5 s');
    expect(r.statuses).toEqual({ sent: 30 });
    expect(r).toMatchObject({ twice: 0, missing: 0, maxAttempts: 1 });
    // Retry-After was honoured: no flood of refused requests while A asked to wait.
    expect(a!.requests.filter((x) => x.outcome === 'refused').length).toBeLessThan(30);
  });

  it('5xx for everything: A goes down with the reason, the SMS move to B at once, none failed', async () => {
    drill = await httpDrill({ station });
    const [a] = drill.providers;
    a!.mode = { kind: 'error', status: 500 };
    const { id } = drill.group(60);
    const b = drill.send(id, 'Внимание: отключение');
    await drill.settled(b);
    const r = drill.report(b, 'A answers 500');
    expect(sentOrDelivered(r.statuses)).toBe(60);
    expect(r).toMatchObject({ twice: 0, missing: 0 });
    expect(r.maxAttempts).toBeLessThanOrEqual(2);
    const health = await drill.health();
    expect(health.carriers.find((c) => c.id === 'api-a')).toMatchObject({ state: 'down', detail: expect.stringMatching(/answers 500/) });
  });

  it('no answer at all: A is shown down; what A took is in doubt and goes again once through B', async () => {
    drill = await httpDrill({ station });
    const [a] = drill.providers;
    a!.mode = { kind: 'silent' };
    const { id } = drill.group(60);
    const b = drill.send(id, 'Авария! Ответьте 1', 'high');
    await until(() => drill!.statuses.some((s) => s.id === 'api-a' && s.state === 'down'), 5_000, 'A shown down');
    await drill.healthShows('api-a', (c) => c.state === 'down' && (c.inDoubt ?? 0) > 0, 'A down with SMS in doubt');
    await drill.settled(b);
    const r = drill.report(b, 'A never answers');
    expect(sentOrDelivered(r.statuses)).toBe(60);
    expect(r.missing).toBe(0);
    expect(r.resends).toBeGreaterThan(0);
    expect(r.resends).toBeLessThanOrEqual(10); // A's parallel requests
    expect(r.extraCopies).toBeLessThanOrEqual(r.resends);
  });

  it('answers after the timeout on the only route: late answers applied — each sent once, marked sent', async () => {
    drill = await httpDrill({ routes: 1, station });
    const [a] = drill.providers;
    a!.mode = { kind: 'late', afterMs: 800 };
    const { id } = drill.group(20);
    const b = drill.send(id, 'Плановые работы');
    await drill.healthShows('api-a', (c) => (c.inDoubt ?? 0) > 0 && /in doubt/.test(c.detail ?? ''), 'SMS in doubt on A');
    await drill.settled(b, 15_000);
    const r = drill.report(b, 'only route answers after 800 ms, timeout 500 ms');
    expect(r.statuses).toEqual({ sent: 20 });
    expect(r).toMatchObject({ twice: 0, missing: 0, resends: 0 });
  });
});
