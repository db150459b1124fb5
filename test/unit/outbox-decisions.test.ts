// What an answer means for one SMS: the outbox's rules of the bad day, as data.
import { describe, expect, it } from 'vitest';
import { CarrierError } from '../../main/station/carriers/carrier.js';
import { decideDoubt, decideRefusal } from '../../main/station/dispatch/outbox/decisions.js';

const rules = { maxAttempts: 5, retryBaseMs: 5_000, maxRetryDelayMs: 60_000, maxRefusedAttempts: 1_440, inDoubtGraceMs: 30_000 };
const sms = (attempts: number) => ({ id: 7, broadcastId: 1, phone: '+79160000001', text: 'x', attempts, validUntil: null, priority: 0, nextAttemptAt: 0, resends: 0 });
const entry = (resends: number) => ({ id: 7, carrierId: 'a', phone: '+79160000001', resends, since: 0 });

describe('refusals answered in time', () => {
  it('a throttle waits without an attempt counted', () => {
    expect(decideRefusal(sms(1), 'a', new CarrierError('slow down', 'x', 'throttled'), rules, 1_000, true)).toEqual({
      outcome: { kind: 'retry', id: 7, at: 1_000, error: 'a: slow down', countAttempt: false },
      waits: true,
    });
  });

  it('a transient refusal goes elsewhere at once, or later with backoff when nothing else can take it', () => {
    const e = new CarrierError('busy', 'x', 'transient');
    expect(decideRefusal(sms(2), 'a', e, rules, 1_000, true)).toMatchObject({ outcome: { at: 1_000, countAttempt: true }, avoid: { carrierId: 'a', until: 6_000 } });
    expect(decideRefusal(sms(2), 'a', e, rules, 1_000, false)).toMatchObject({ outcome: { at: 11_000 } });
    expect(decideRefusal(sms(5), 'a', e, rules, 1_000, true)).toEqual({ outcome: { kind: 'failed', id: 7, error: 'a: busy' }, settled: true });
  });

  it('a carrier that refuses everything fails nothing: the SMS waits, backing off to a minute', () => {
    const e = new CarrierError('system error', 'x', 'transient');
    expect(decideRefusal(sms(5), 'a', e, rules, 0, false, false)).toMatchObject({ outcome: { kind: 'retry', at: 60_000, countAttempt: true } });
    expect(decideRefusal(sms(40), 'a', e, rules, 0, false, false)).toMatchObject({ outcome: { kind: 'retry', at: 60_000 } });
    expect(decideRefusal(sms(3), 'a', e, rules, 0, false, false)).toMatchObject({ outcome: { kind: 'retry', at: 20_000 } });
    expect(decideRefusal(sms(9), 'a', e, rules, 0, true, false)).toMatchObject({ outcome: { kind: 'retry', at: 0 } });
    // …but not for ever: without a validity, a day of tries at the longest delay gives it up.
    expect(decideRefusal(sms(1_440), 'a', e, rules, 0, false, false)).toMatchObject({ outcome: { kind: 'failed', error: expect.stringMatching(/Refused 1440 times.*given up/) }, settled: true });
    expect(decideRefusal({ ...sms(1_440), validUntil: 10_000_000 }, 'a', e, rules, 0, false, false)).toMatchObject({ outcome: { kind: 'retry' } });
  });

  it('a permanent refusal fails it', () => {
    expect(decideRefusal(sms(1), 'a', new CarrierError('bad number', 'x', 'permanent'), rules, 0, true).outcome).toEqual({ kind: 'failed', id: 7, error: 'a: bad number' });
  });
});

describe('an SMS in doubt', () => {
  it('is sent when its late answer says so', () => {
    expect(decideDoubt(entry(0), { kind: 'sent', refs: ['r1'] }, rules, 0)).toEqual({ outcome: { kind: 'sent', id: 7, carrierId: 'a', refs: ['r1'] }, settled: true });
  });

  it('goes again once: through a fresh link when it was lost, through another carrier when no answer came', () => {
    expect(decideDoubt(entry(0), { kind: 'lost' }, rules, 100)).toEqual({
      outcome: { kind: 'resend', id: 7, at: 100, error: 'a: the link was lost before the carrier answered; sent again once.' },
      resentOn: 'a',
    });
    expect(decideDoubt(entry(0), null, rules, 100)).toMatchObject({ outcome: { kind: 'resend' }, avoid: { carrierId: 'a', until: 30_100 }, resentOn: 'a' });
  });

  it('in doubt a second time with no answer, is not sent a third time', () => {
    expect(decideDoubt(entry(1), null, rules, 0)).toMatchObject({ outcome: { kind: 'unresolved', error: expect.stringMatching(/not sent a third time/) }, settled: true });
    expect(decideDoubt(entry(1), { kind: 'lost' }, rules, 0).outcome.kind).toBe('unresolved');
  });

  it('refused late: it surely did not go, so it is an ordinary refusal', () => {
    expect(decideDoubt(entry(1), { kind: 'refused', error: new CarrierError('queue full', 'x', 'throttled') }, rules, 0).outcome).toMatchObject({ kind: 'retry', countAttempt: false });
    expect(decideDoubt(entry(0), { kind: 'refused', error: new CarrierError('bad', 'x', 'permanent') }, rules, 0).outcome.kind).toBe('failed');
  });
});
