// A carrier's health beyond its link, and the lane window that throttling narrows: pure logic
// over a clock the test moves.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, LaneHealth } from '../../main/station/carriers/health/lane-health.js';
import { HealthBoard } from '../../main/station/carriers/health/health-board.js';
import { AdaptiveWindow } from '../../main/station/dispatch/outbox/adaptive-window.js';
import { emptyStatus } from '../../main/station/carriers/carrier.js';

const T = { ...DEFAULT_THRESHOLDS, throttleHoldMs: 1_000, holdMs: 2_000 };

function answer(h: LaneHealth, kind: Parameters<LaneHealth['answered']>[1], at: number, latency = 10): void {
  h.answered(h.submitted(at - latency), kind, at);
}

describe('lane health', () => {
  it('calls a throttling carrier degraded with the share in words, then tests it with one SMS and clears it', () => {
    const h = new LaneHealth(T);
    for (let i = 0; i < 5; i++) answer(h, 'accepted', 100 + i);
    expect(h.current()).toBeNull();
    for (let i = 0; i < 3; i++) answer(h, 'throttled', 200 + i);
    expect(h.current()).toEqual({ state: 'degraded', reason: 'The carrier asks to slow down: 3 of the last 8 submits were throttled.' });
    h.tick(1_100);
    expect(h.isProbing).toBe(false);
    h.tick(1_300);
    expect(h.isProbing).toBe(true);
    expect(h.current()?.reason).toMatch(/Testing it with one SMS/);
    answer(h, 'accepted', 1_400);
    expect(h.current()).toBeNull();
  });

  it('renews a verdict for twice as long when the test SMS fails too', () => {
    const h = new LaneHealth(T);
    for (let i = 0; i < 3; i++) answer(h, 'throttled', 100 + i);
    h.tick(1_200);
    answer(h, 'throttled', 1_250);
    expect(h.current()?.state).toBe('degraded');
    h.tick(2_200);
    expect(h.isProbing).toBe(false); // held 2 s this time
    h.tick(3_300);
    expect(h.isProbing).toBe(true);
  });

  it('sees a link that answers nothing: degraded after 5 s, down after 15 s, with how many wait', () => {
    const h = new LaneHealth(T);
    answer(h, 'accepted', 50);
    h.submitted(100);
    h.submitted(200);
    h.tick(4_000);
    expect(h.current()).toBeNull();
    h.tick(5_200);
    expect(h.current()).toEqual({ state: 'degraded', reason: 'Connected, but no submit answered for 5.1 s (2 waiting).' });
    h.tick(15_200);
    expect(h.current()).toMatchObject({ state: 'down', reason: expect.stringMatching(/no submit answered for 15 s \(2 waiting\)/) });
  });

  it('calls three unanswered submits in a row down, and slow once late answers prove it alive', () => {
    const h = new LaneHealth(T);
    for (let i = 0; i < 3; i++) answer(h, 'unanswered', 100 + i);
    expect(h.current()).toMatchObject({ state: 'down', reason: expect.stringMatching(/last 3 submits got no answer/) });
    h.lateAnswer(300, 'sent');
    expect(h.current()).toMatchObject({ state: 'degraded', reason: expect.stringMatching(/^Slow/) });
  });

  it('does not blame the carrier for numbers it refuses', () => {
    const h = new LaneHealth(T);
    for (let i = 0; i < 20; i++) answer(h, 'rejected', 100 + i);
    expect(h.current()).toBeNull();
  });

  it('calls a carrier degraded when most submits fail, quoting the last error', () => {
    const h = new LaneHealth(T);
    for (let i = 0; i < 10; i++) h.answered(h.submitted(100), 'refused', 110 + i, 'system error at the SMSC');
    expect(h.current()).toEqual({ state: 'degraded', reason: '10 of the last 10 submits failed (system error at the SMSC).' });
  });
});

describe('health board', () => {
  it('makes the link state worse, never better, and tells the SMS in doubt', () => {
    const board = new HealthBoard(T);
    const up = { ...emptyStatus('a', 'smpp', 'A'), state: 'up' as const, detail: null };
    expect(board.effective(up)).toEqual(up);
    const lane = board.lane('a');
    for (let i = 0; i < 3; i++) answer(lane, 'unanswered', 100 + i);
    lane.inDoubt = 3;
    lane.resent = 1;
    expect(board.effective(up)).toMatchObject({
      state: 'down',
      detail: 'Connected, but the last 3 submits got no answer in time. 3 SMS in doubt (sent, no answer yet); 1 re-sent after no answer.',
      inDoubt: 3,
      resent: 1,
    });
    // A link that is down says why itself.
    const down = { ...up, state: 'down' as const, detail: 'The SMSC closed the connection.' };
    expect(board.effective(down)).toMatchObject({ state: 'down', detail: expect.stringMatching(/^The SMSC closed the connection\. 3 SMS in doubt/) });
  });
});

describe('adaptive window', () => {
  it('starts at the carrier’s capacity, halves and pauses on a throttle, and grows back with accepted submits', () => {
    const w = new AdaptiveWindow({ max: 1_000, basePauseMs: 250, maxPauseMs: 10_000 });
    expect(w.allowed(10, 0)).toBe(10);
    w.throttled(1_000);
    expect(w.allowed(10, 1_100)).toBe(0); // paused 250 ms
    expect(w.allowed(10, 1_300)).toBe(5);
    for (let i = 0; i < 40; i++) w.accepted(); // about one more per window of answers
    expect(w.allowed(10, 2_000)).toBe(10);
  });

  it('counts a burst of throttles from one window as one signal, pauses longer while they go on, and honours Retry-After', () => {
    const w = new AdaptiveWindow({ max: 1_000, basePauseMs: 250, maxPauseMs: 10_000 });
    w.allowed(16, 0);
    for (let i = 0; i < 10; i++) w.throttled(1_000 + i);
    expect(w.current).toBe(8);
    expect(w.resumesAt(1_010)).toBeGreaterThan(1_250);
    w.throttled(5_000, 7_000);
    expect(w.resumesAt(5_000)).toBe(12_000);
  });
});
