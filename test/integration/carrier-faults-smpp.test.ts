// The bad day over SMPP: a station with route A (priority 1) and route B (priority 2), each to a
// local SMSC that misbehaves on command (test/tools/smsc.ts cites the SMPP 3.4 sections). Each
// drill prints what was sent, what each SMSC received, what the store says and how many
// recipients got the SMS twice, and ends with every recipient sent exactly once through some
// carrier, repeats bounded by the in-doubt re-sends, and nothing failed that could have gone out.
import { afterEach, describe, expect, it } from 'vitest';
import { DRILL_STATION, smppDrill, sentOrDelivered } from '../tools/fault-drill.js';
import { until } from '../tools/dispatch-station.js';

let drill: Awaited<ReturnType<typeof smppDrill>> | null = null;
afterEach(async () => {
  await drill?.stop();
  drill = null;
});

const station = DRILL_STATION;

describe('SMPP route A misbehaves, route B is healthy', () => {
  it('throttled for a while: back-pressure, not failure — B carries the alerts, A is shown degraded, no attempt counted', async () => {
    drill = await smppDrill({ station });
    const [a] = drill.smscs;
    a!.throttleFor(3_000);
    const { id } = drill.group(200);
    const b = drill.send(id, 'Авария на ПС-12, ответьте 1', 'high');
    await until(
      () => drill!.statuses.some((s) => s.id === 'smsc-a' && s.state === 'degraded' && /slow down/.test(s.detail ?? '')),
      5_000,
      'A to be shown throttled',
    );
    const health = await drill.health();
    expect(health.carriers.find((c) => c.id === 'smsc-a')).toMatchObject({ state: 'degraded', detail: expect.stringMatching(/throttled/) });
    await drill.settled(b);
    const r = drill.report(b, 'A throttles for 3 s');
    expect(sentOrDelivered(r.statuses)).toBe(200);
    expect(r).toMatchObject({ twice: 0, missing: 0, resends: 0 });
    expect(r.reached[1]).toBeGreaterThan(150); // B carried them
    // A throttle is not an attempt: nothing was tried more than once.
    expect(r.maxAttempts).toBe(1);
    // Once A stops throttling, a test SMS finds it well again and it is up: traffic returns to it.
    const deadline = Date.now() + 15_000;
    while (drill.station.core.router.status('smsc-a')!.state !== 'up') {
      if (Date.now() > deadline) throw new Error('A did not recover by itself');
      drill.send(drill.group(1).id, 'Проверка связи');
      await new Promise((r) => setTimeout(r, 300));
    }
    const acceptedByA = () => a!.seen.filter((x) => x.outcome === 'accepted').length;
    const before = acceptedByA();
    const after = drill.send(drill.group(20).id, 'После ограничения');
    await drill.settled(after);
    drill.report(after, 'after A recovered');
    expect(acceptedByA() - before).toBeGreaterThanOrEqual(15);
  });

  it('answers after the deadline: each SMS in doubt, its late answer applied — sent once, marked sent', async () => {
    drill = await smppDrill({ routes: 1, station });
    const [a] = drill.smscs;
    a!.submitDelayMs = 800; // the route's responseTimeoutMs is 500
    const { id } = drill.group(20);
    const b = drill.send(id, 'Плановые работы на ВЛ-110');
    // While it lasts, health says the SMS are in doubt on A (and, once late answers come, that A is slow).
    const during = await drill.healthShows('smsc-a', (c) => (c.inDoubt ?? 0) > 0 && /in doubt/.test(c.detail ?? ''), 'SMS in doubt on A');
    expect(during.inDoubt).toBeLessThanOrEqual(10); // at most A's window
    await drill.settled(b);
    const r = drill.report(b, 'A answers after 800 ms, deadline 500 ms');
    expect(r.statuses).toEqual({ sent: 20 });
    expect(r).toMatchObject({ twice: 0, missing: 0, resends: 0 });
    // Nothing is left in doubt; each was, and its late answer settled it (the flag stays as a record).
    const db = drill.station.core.store.db;
    expect(db.prepare(`SELECT count(*) FROM messages WHERE status = 'sending'`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM messages WHERE status = 'sent' AND in_doubt_at IS NOT NULL`).pluck().get()).toBe(20);
    // The board said why it was slow while it was.
    expect(drill.statuses.some((s) => s.id === 'smsc-a' && /Slow|no answer|in doubt/i.test(s.detail ?? ''))).toBe(true);
  });

  it('answers after the deadline with B beside it: what A took is applied late, the rest go through B — each once', async () => {
    drill = await smppDrill({ station });
    const [a] = drill.smscs;
    a!.submitDelayMs = 800;
    const { id } = drill.group(20);
    const b = drill.send(id, 'Авария на ВЛ-35, ответьте 1', 'high');
    await drill.healthShows('smsc-a', (c) => (c.inDoubt ?? 0) > 0 || (c.state !== 'up' && /deadline|no answer|Slow/i.test(c.detail ?? '')), 'A in doubt or slow');
    await drill.settled(b);
    const r = drill.report(b, 'A answers after 800 ms (deadline 500 ms), B healthy');
    expect(r.statuses).toEqual({ sent: 20 });
    expect(r).toMatchObject({ twice: 0, missing: 0, resends: 0 });
    expect(r.reached[0]! + r.reached[1]!).toBe(20);
  });

  it('keeps the link and answers nothing: A is shown down, B sends; SMS left in doubt on A go again once', async () => {
    drill = await smppDrill({ station });
    const [a] = drill.smscs;
    a!.faults.silent = true;
    const { id } = drill.group(200);
    const b = drill.send(id, 'Авария! Ответьте 1', 'high');
    await until(
      () => drill!.statuses.some((s) => s.id === 'smsc-a' && s.state === 'down' && /no submit answered|no answer in time/.test(s.detail ?? '')),
      5_000,
      'A to be shown down though its link is up',
    );
    expect(drill.routes[0]!.status().state).toBe('up'); // the link itself says up
    await drill.healthShows('smsc-a', (c) => c.state === 'down' && /no submit answered|no answer in time/.test(c.detail ?? '') && (c.inDoubt ?? 0) > 0, 'A down, with SMS in doubt');
    await drill.settled(b);
    const r = drill.report(b, 'A silent (enquire_link answered, submit_sm never)');
    expect(sentOrDelivered(r.statuses)).toBe(200);
    expect(r.missing).toBe(0);
    // Repeats: only SMS whose submit A took silently, each re-sent once (A may deliver them yet).
    expect(r.resends).toBeGreaterThan(0);
    expect(r.resends).toBeLessThanOrEqual(10); // A's window
    expect(r.extraCopies).toBeLessThanOrEqual(r.resends);
  });

  it('drops the link mid-broadcast: in-flight SMS are in doubt and go again once; the rest continue', async () => {
    drill = await smppDrill({ station });
    const [a] = drill.smscs;
    a!.submitDelayMs = 30;
    const { id } = drill.group(300);
    const b = drill.send(id, 'Учения: проверка оповещения');
    await until(() => a!.seen.length >= 60, 10_000, 'A to take some');
    // The SMSC goes away with submits outstanding and stays away a while (a crashed SMSC box):
    // health shows A down with the link's reason, B carries the rest meanwhile.
    const port = a!.port;
    await a!.stop();
    const down = await drill.healthShows('smsc-a', (c) => c.state === 'down' || c.state === 'connecting', 'A down while its SMSC is away');
    expect(down.detail).toMatch(/refused|closed|lost|Connecting|reset|No answer/i);
    await a!.start(port);
    await drill.settled(b);
    const r = drill.report(b, 'A drops the link mid-broadcast and is away a while');
    expect(sentOrDelivered(r.statuses)).toBe(300);
    expect(r.missing).toBe(0);
    expect(r.extraCopies).toBeLessThanOrEqual(r.resends);
    expect(r.resends).toBeLessThanOrEqual(10);
  });

  it('refuses some numbers for good: those fail at once with the reason; the others go once', async () => {
    drill = await smppDrill({ station });
    const [a] = drill.smscs;
    const { id, phones } = drill.group(50);
    const bad = phones.slice(0, 5);
    for (const p of bad) a!.faults.refuseDestinations.set(p.slice(1), 0x0b);
    const b = drill.send(id, 'Собрание в 15:00');
    await drill.settled(b);
    const r = drill.report(b, 'A: ESME_RINVDSTADR for 5 numbers');
    // A bad number says nothing about the carrier: A stays up.
    expect((await drill.health()).carriers.find((c) => c.id === 'smsc-a')).toMatchObject({ state: 'up' });
    expect(r.statuses).toEqual({ sent: 45, failed: 5 });
    expect(r.twice).toBe(0);
    const failed = drill.station.core.store.db.prepare(`SELECT phone, attempts, error FROM messages WHERE broadcast_id = ? AND status = 'failed'`).all(b) as {
      phone: string;
      attempts: number;
      error: string;
    }[];
    expect(failed.map((f) => f.phone).sort()).toEqual([...bad].sort());
    for (const f of failed) expect(f).toMatchObject({ attempts: 1, error: expect.stringMatching(/invalid destination/) });
  });

  it('the only route answers system error to everything for longer than the retries used to last: nothing fails, all go once it recovers', async () => {
    // Old rule: 5 transient refusals failed an SMS — here after 50+100+200+400 ms. A carrier
    // refusing everything says nothing about the SMS: they wait, backing off, and go once it is well.
    drill = await smppDrill({ routes: 1, station: { outbox: { ...station.outbox, retryBaseMs: 50, maxRetryDelayMs: 300 } } });
    const [a] = drill.smscs;
    a!.throttleFor(2_500, 0x08); // ESME_RSYSERR for every submit for 2.5 s
    const { id } = drill.group(20);
    const b = drill.send(id, 'Авария на ПС-7, ответьте 1', 'high');
    const during = await drill.healthShows('smsc-a', (c) => c.state === 'degraded' && /failed.*system error/i.test(c.detail ?? ''), 'A degraded with its errors');
    expect(during.detail).toMatch(/of the last/);
    await drill.settled(b, 20_000);
    const r = drill.report(b, 'only route answers ESME_RSYSERR for 2.5 s');
    expect(r.statuses).toEqual({ sent: 20 });
    expect(r).toMatchObject({ twice: 0, missing: 0, resends: 0 });
    expect(r.maxAttempts).toBeGreaterThan(5); // tried past the old limit, and never failed
  });

  it('refuses everything with an account-level error: the SMS move to B instead of failing, A is shown degraded', async () => {
    drill = await smppDrill({ station });
    const [a] = drill.smscs;
    a!.faults.refuseAll = 0x0a; // ESME_RINVSRCADR: our sender is not allowed on this account
    const { id } = drill.group(100);
    const b = drill.send(id, 'Внимание: гроза');
    await drill.settled(b);
    const r = drill.report(b, 'A refuses every sender (0x0A)');
    // The fault still lasts: health names it.
    await drill.healthShows('smsc-a', (c) => c.state === 'degraded' && /invalid source/.test(c.detail ?? ''), 'A degraded with the refusal');
    expect(sentOrDelivered(r.statuses)).toBe(100);
    expect(r).toMatchObject({ twice: 0, missing: 0 });
    expect(r.maxAttempts).toBeLessThanOrEqual(2);
    expect(drill.statuses.some((s) => s.id === 'smsc-a' && s.state === 'degraded' && /invalid source/.test(s.detail ?? ''))).toBe(true);
  });

  it('how long an alert waits for its troubled preferred route is a station setting, applied at once', async () => {
    // A is preferred for these alerts (as an alert plan's carrier, or the recipients' own operator)
    // and throttles; config says wait a minute before moving on. The admin sets 0.2 s on screen.
    drill = await smppDrill({ station: { outbox: { ...station.outbox, moveAfterMs: { high: 60_000, normal: 60_000 } } } });
    const [a, bSmsc] = drill.smscs;
    a!.faults.refuseAll = 0x58;
    const { id } = drill.group(10);
    const b = drill.send(id, 'Авария на ПС-9, ответьте 1', 'high');
    const { store, router, settings } = drill.station.core;
    for (const m of store.db.prepare('SELECT id FROM messages WHERE broadcast_id = ?').pluck().all(b) as number[]) router.prefer(m, 'smsc-a');
    await until(() => router.status('smsc-a')!.state === 'degraded', 5_000, 'A to be shown throttled');
    await new Promise((r) => setTimeout(r, 700));
    expect(bSmsc!.seen.length).toBe(0); // still waiting for A, as configured
    expect(settings.effective()).toMatchObject({ alertMoveSeconds: 60, moveSeconds: 60 });
    settings.set({ alertMoveSeconds: 0.2 });
    await drill.settled(b, 10_000);
    const r = drill.report(b, 'preferred A throttles; alerts move after the setting changes to 0.2 s');
    expect(r.statuses).toEqual({ sent: 10 });
    expect(r).toMatchObject({ twice: 0, missing: 0, maxAttempts: 1 });
    expect(r.reached[1]).toBe(10);
  });

  it('an alert queued behind a big broadcast starts at the next free place, on any lane', async () => {
    drill = await smppDrill({ routes: 1, station });
    const [a] = drill.smscs;
    a!.submitDelayMs = 20;
    const big = drill.group(2_000);
    const alert = drill.group(5);
    const broadcast = drill.send(big.id, 'Плановое отключение в субботу');
    await until(() => a!.seen.length >= 100, 10_000, 'the broadcast to start');
    const before = a!.seen.length;
    const sentAlert = drill.send(alert.id, 'АВАРИЯ: всем на связь', 'high');
    await drill.settled(sentAlert);
    const alertDigits = new Set(alert.phones.map((p) => p.slice(1)));
    const firstAlert = a!.seen.findIndex((s) => alertDigits.has(s.destination));
    // At most one window (10) of the broadcast went between the alert's commit and its first SMS.
    expect(firstAlert - before).toBeLessThanOrEqual(10);
    const left = drill.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status = 'queued'`).pluck().get(broadcast) as number;
    expect(left).toBeGreaterThan(1_000);
  });
});
