import { describe, expect, it } from 'vitest';
import { RosterResolver, type RosterRules, type RosterTeam } from '../../main/station/domain/roster.js';
import { dayNightRotation, twoTwoRotation, weeklyRotation } from '../../main/station/domain/roster-patterns.js';
import { LocalTime, weekdayOf, dayNumber } from '../../main/station/domain/roster-time.js';
import { TimeZoneError } from '../../main/station/domain/time-zone.js';

// A clock the test moves by hand: resolution is always "at this instant", never "now".
function fakeClock(iso: string) {
  let t = Date.parse(iso);
  return {
    now: () => t,
    set: (next: string) => (t = Date.parse(next)),
    advance: (ms: number) => (t += ms),
  };
}

const H = 3_600_000;
const teams = (...members: number[][]): RosterTeam[] => members.map((m, i) => ({ name: `Смена ${i + 1}`, members: m }));
const rules = (over: Partial<RosterRules>): RosterRules => ({ timeZone: 'Europe/Moscow', rotation: null, oneOffs: [], exceptions: [], ...over });
const who = (r: RosterResolver, at: number) => r.onDuty(at).map((m) => m.contactId).sort((a, b) => a - b);

describe('roster patterns', () => {
  it('day/night with four teams runs день – ночь – отсыпной – выходной', () => {
    const r = new RosterResolver(rules({ rotation: dayNightRotation({ anchor: '2026-12-01', teams: teams([1], [2], [3], [4]) }) }));
    const clock = fakeClock('2026-12-01T09:00:00Z'); // 12:00 Moscow, cycle day 0
    expect(who(r, clock.now())).toEqual([1]);
    clock.set('2026-12-01T20:00:00Z'); // 23:00 Moscow: team 4 works the night of day 0
    expect(who(r, clock.now())).toEqual([4]);
    clock.set('2026-12-02T04:59:00Z'); // 07:59 next morning: still the night
    expect(who(r, clock.now())).toEqual([4]);
    clock.set('2026-12-02T05:00:00Z'); // 08:00: team 2 takes the day of day 1
    expect(who(r, clock.now())).toEqual([2]);
    clock.set('2026-12-02T18:00:00Z'); // 21:00: team 1, a day after its day shift, works the night
    expect(who(r, clock.now())).toEqual([1]);
    // Team 1 is back on a day four days later, and again four days before the anchor.
    expect(who(r, Date.parse('2026-12-05T09:00:00Z'))).toEqual([1]);
    expect(who(r, Date.parse('2026-11-27T09:00:00Z'))).toEqual([1]);
  });

  it('2/2 gives each team two days, then two days off', () => {
    const r = new RosterResolver(rules({ rotation: twoTwoRotation({ anchor: '2026-12-01', teams: teams([1, 2], [3]) }) }));
    const noon = (d: string) => Date.parse(`${d}T09:00:00Z`);
    expect(['01', '02', '03', '04', '05', '06'].map((d) => who(r, noon(`2026-12-${d}`)))).toEqual([[1, 2], [1, 2], [3], [3], [1, 2], [1, 2]]);
    // Outside the 08:00–20:00 shift nobody is on duty.
    expect(who(r, Date.parse('2026-12-01T18:00:00Z'))).toEqual([]);
  });

  it('weekly starts on the Monday of the given week and repeats', () => {
    const rotation = weeklyRotation({
      from: '2026-12-03', // a Thursday
      teams: teams([1], [2]),
      days: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', end: '18:00', team: 0 })).concat([{ weekday: 5, start: '09:00', end: '09:00', team: 1 }]),
    });
    expect(rotation.anchor).toBe('2026-11-30');
    expect(weekdayOf(dayNumber(rotation.anchor))).toBe(0);
    const r = new RosterResolver(rules({ rotation }));
    expect(who(r, Date.parse('2026-12-07T07:00:00Z'))).toEqual([1]); // Monday 10:00
    expect(who(r, Date.parse('2026-12-12T12:00:00Z'))).toEqual([2]); // Saturday
    expect(who(r, Date.parse('2026-12-13T05:00:00Z'))).toEqual([2]); // Sunday 08:00: the 24 h Saturday shift
    expect(who(r, Date.parse('2026-12-13T07:00:00Z'))).toEqual([]); // Sunday 10:00: nobody
  });

  it('a one-off shift adds people for its hours only, beside the rotation', () => {
    const r = new RosterResolver(
      rules({
        rotation: twoTwoRotation({ anchor: '2026-12-01', teams: teams([1], [2]) }),
        oneOffs: [{ start: '2026-12-01T10:00', end: '2026-12-02T02:00', members: [9] }],
      }),
    );
    expect(who(r, Date.parse('2026-12-01T09:00:00Z'))).toEqual([1, 9]);
    expect(who(r, Date.parse('2026-12-01T22:00:00Z'))).toEqual([9]);
    expect(who(r, Date.parse('2026-12-01T23:00:00Z'))).toEqual([]);
  });

  it('a rotation with from/until is silent outside its dates', () => {
    const rotation = { ...twoTwoRotation({ anchor: '2026-12-01', teams: teams([1], [2]) }), from: '2026-12-03', until: '2026-12-04' };
    const r = new RosterResolver(rules({ rotation }));
    expect(who(r, Date.parse('2026-12-01T09:00:00Z'))).toEqual([]);
    expect(who(r, Date.parse('2026-12-03T09:00:00Z'))).toEqual([2]);
    expect(who(r, Date.parse('2026-12-05T09:00:00Z'))).toEqual([]);
  });
});

describe('roster exceptions', () => {
  const base = dayNightRotation({ anchor: '2026-12-01', teams: teams([1, 2], [3, 4]) });

  it('leave takes a person off every shift that starts within it, and a substitute takes the place', () => {
    const r = new RosterResolver(
      rules({ rotation: base, exceptions: [{ kind: 'leave', contactId: 1, substituteId: 7, from: '2026-12-01', until: '2026-12-02' }] }),
    );
    const day0 = r.onDuty(Date.parse('2026-12-01T09:00:00Z'));
    expect(day0).toEqual([
      { contactId: 7, replaces: 1, reason: 'leave' },
      { contactId: 2, replaces: null, reason: null },
    ]);
    // The night shift of Dec 2 began within the leave: the substitute stays until 08:00 on Dec 3,
    // rather than handing back at midnight.
    expect(who(r, Date.parse('2026-12-02T22:00:00Z'))).toEqual([2, 7]);
    // The next shift after the leave is the person's own again.
    expect(who(r, Date.parse('2026-12-03T09:00:00Z'))).toEqual([1, 2]);
  });

  it('sickness without a substitute leaves the shift short, never someone else silently', () => {
    const r = new RosterResolver(rules({ rotation: base, exceptions: [{ kind: 'sick', contactId: 1, from: '2026-12-01T00:00', until: '2026-12-01T12:00' }] }));
    expect(who(r, Date.parse('2026-12-01T09:00:00Z'))).toEqual([2]); // shift began 08:00, within the sickness
    expect(r.shiftsAt(Date.parse('2026-12-01T09:00:00Z'))[0]!.scheduled).toEqual([1, 2]);
  });

  it('a two-way swap is two exceptions: each works the other one\u2019s shift', () => {
    const r = new RosterResolver(
      rules({
        rotation: base,
        exceptions: [
          { kind: 'swap', contactId: 1, substituteId: 3, from: '2026-12-01', until: '2026-12-01' },
          { kind: 'swap', contactId: 3, substituteId: 1, from: '2026-12-02', until: '2026-12-02' },
        ],
      }),
    );
    // Dec 1 day: team 1 = {1,2}, 3 works for 1. Dec 2 day: team 2 = {3,4}, 1 works for 3.
    expect(who(r, Date.parse('2026-12-01T09:00:00Z'))).toEqual([2, 3]);
    expect(who(r, Date.parse('2026-12-02T09:00:00Z'))).toEqual([1, 4]);
    // The Dec 1 night is team 2's, and 3 is not swapped on it (the swap of 3 starts Dec 2).
    expect(who(r, Date.parse('2026-12-01T18:00:00Z'))).toEqual([3, 4]);
  });

  it('a substitute who is away is replaced by their own substitute; a loop leaves the place empty', () => {
    const chain = new RosterResolver(
      rules({
        rotation: base,
        exceptions: [
          { kind: 'leave', contactId: 1, substituteId: 5, from: '2026-12-01', until: '2026-12-10' },
          { kind: 'sick', contactId: 5, substituteId: 6, from: '2026-12-01', until: '2026-12-01' },
        ],
      }),
    );
    expect(chain.onDuty(Date.parse('2026-12-01T09:00:00Z'))[0]).toEqual({ contactId: 6, replaces: 1, reason: 'leave' });
    const loop = new RosterResolver(
      rules({
        rotation: base,
        exceptions: [
          { kind: 'swap', contactId: 1, substituteId: 5, from: '2026-12-01', until: '2026-12-01' },
          { kind: 'swap', contactId: 5, substituteId: 1, from: '2026-12-01', until: '2026-12-01' },
        ],
      }),
    );
    expect(who(loop, Date.parse('2026-12-01T09:00:00Z'))).toEqual([2]);
  });

  it('the latest exception written wins where two cover the same shift', () => {
    const r = new RosterResolver(
      rules({
        rotation: base,
        exceptions: [
          { kind: 'leave', contactId: 1, substituteId: 5, from: '2026-12-01', until: '2026-12-05' },
          { kind: 'swap', contactId: 1, substituteId: 6, from: '2026-12-01', until: '2026-12-01' },
        ],
      }),
    );
    expect(r.onDuty(Date.parse('2026-12-01T09:00:00Z'))[0]).toEqual({ contactId: 6, replaces: 1, reason: 'swap' });
  });

  it('a substitute already on the shift is counted once', () => {
    const r = new RosterResolver(rules({ rotation: base, exceptions: [{ kind: 'swap', contactId: 1, substituteId: 2, from: '2026-12-01', until: '2026-12-01' }] }));
    expect(who(r, Date.parse('2026-12-01T09:00:00Z'))).toEqual([2]);
  });
});

describe('roster: who is next', () => {
  it('names the people of the next shift to begin, with its start', () => {
    const r = new RosterResolver(rules({ rotation: dayNightRotation({ anchor: '2026-12-01', teams: teams([1], [2]) }) }));
    const clock = fakeClock('2026-12-01T09:00:00Z');
    const next = r.next(clock.now());
    expect(next.map((s) => s.members.map((m) => m.contactId))).toEqual([[2]]);
    expect(new Date(next[0]!.start).toISOString()).toBe('2026-12-01T17:00:00.000Z'); // 20:00 Moscow
    clock.advance(24 * H);
    expect(r.next(clock.now())[0]!.members[0]!.contactId).toBe(1);
  });

  it('skips a shift everyone is away from, and finds a rare shift weeks ahead', () => {
    const r = new RosterResolver(
      rules({
        rotation: twoTwoRotation({ anchor: '2026-12-01', teams: teams([1], [2]) }),
        exceptions: [{ kind: 'leave', contactId: 2, from: '2026-12-03', until: '2026-12-04' }],
      }),
    );
    expect(r.next(Date.parse('2026-12-02T18:00:00Z'))[0]!.members[0]!.contactId).toBe(1); // Dec 5, after 2's leave
    const rare = new RosterResolver(rules({ oneOffs: [{ start: '2027-01-20T09:00', end: '2027-01-20T18:00', members: [4] }] }));
    expect(rare.next(Date.parse('2026-12-02T00:00:00Z'))[0]!.members[0]!.contactId).toBe(4);
    expect(new RosterResolver(rules({})).next(Date.parse('2026-12-02T00:00:00Z'))).toEqual([]);
  });
});

describe('roster time zones and daylight saving', () => {
  it('resolves a roster in its own zone, whatever the station\u2019s', () => {
    const rotation = twoTwoRotation({ anchor: '2026-12-01', teams: teams([1], [2]), start: '08:00', end: '20:00' });
    const yekaterinburg = new RosterResolver(rules({ timeZone: 'Asia/Yekaterinburg', rotation }));
    const moscow = new RosterResolver(rules({ timeZone: 'Europe/Moscow', rotation }));
    const at = Date.parse('2026-12-01T04:00:00Z'); // 09:00 in Yekaterinburg (+5), 07:00 in Moscow (+3)
    expect(who(yekaterinburg, at)).toEqual([1]);
    expect(who(moscow, at)).toEqual([]);
    expect(new Date(yekaterinburg.shiftsAt(at)[0]!.start).toISOString()).toBe('2026-12-01T03:00:00.000Z');
  });

  it('a night shift is 13 hours long when the clocks go back, and ends at 08:00 on the wall', () => {
    // Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET.
    const r = new RosterResolver(rules({ timeZone: 'Europe/Berlin', rotation: dayNightRotation({ anchor: '2026-10-24', teams: teams([1], [2], [3], [4]) }) }));
    const night = r.shiftsAt(Date.parse('2026-10-25T03:00:00Z'))[0]!;
    expect(night.members[0]!.contactId).toBe(4);
    expect(new Date(night.start).toISOString()).toBe('2026-10-24T18:00:00.000Z'); // 20:00 CEST
    expect(new Date(night.end).toISOString()).toBe('2026-10-25T07:00:00.000Z'); // 08:00 CET
    expect((night.end - night.start) / H).toBe(13);
    expect(who(r, Date.parse('2026-10-25T06:59:00Z'))).toEqual([4]);
    expect(who(r, Date.parse('2026-10-25T07:00:00Z'))).toEqual([2]); // the day shift of Oct 25
  });

  it('a night shift is 11 hours long when the clocks go forward', () => {
    // Berlin, 29 Mar 2026: 02:00 CET becomes 03:00 CEST.
    const r = new RosterResolver(rules({ timeZone: 'Europe/Berlin', rotation: dayNightRotation({ anchor: '2026-03-28', teams: teams([1], [2]) }) }));
    const night = r.shiftsAt(Date.parse('2026-03-29T01:30:00Z'))[0]!;
    expect(new Date(night.start).toISOString()).toBe('2026-03-28T19:00:00.000Z');
    expect(new Date(night.end).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect((night.end - night.start) / H).toBe(11);
  });

  it('a shift starting in the skipped hour starts when the wall clock shows that time after the jump', () => {
    const r = new RosterResolver(rules({ timeZone: 'Europe/Berlin', oneOffs: [{ start: '2026-03-29T02:30', end: '2026-03-29T06:00', members: [1] }] }));
    const s = r.between(Date.parse('2026-03-28T00:00:00Z'), Date.parse('2026-03-30T00:00:00Z'))[0]!;
    expect(new Date(s.start).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(r.localTime(s.start)).toBe('2026-03-29T03:30');
  });

  it('a shift starting in the repeated hour starts at its first occurrence', () => {
    const r = new RosterResolver(rules({ timeZone: 'Europe/Berlin', oneOffs: [{ start: '2026-10-25T02:30', end: '2026-10-25T06:00', members: [1] }] }));
    const s = r.between(Date.parse('2026-10-24T00:00:00Z'), Date.parse('2026-10-26T00:00:00Z'))[0]!;
    expect(new Date(s.start).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, the first time round
    expect((s.end - s.start) / H).toBe(4.5);
  });

  it('a leave written in local dates covers whole local days across a DST change', () => {
    const r = new RosterResolver(
      rules({
        timeZone: 'America/New_York',
        rotation: twoTwoRotation({ anchor: '2026-11-01', teams: teams([1], [2]), start: '00:00', end: '00:00' }),
        exceptions: [{ kind: 'leave', contactId: 1, substituteId: 3, from: '2026-11-01', until: '2026-11-01' }],
      }),
    );
    // 1 Nov 2026 in New York is 25 hours long (EDT → EST at 02:00); the 24 h shift runs midnight to midnight.
    const s = r.shiftsAt(Date.parse('2026-11-02T04:30:00Z'))[0]!; // 23:30 EST on Nov 1
    expect((s.end - s.start) / H).toBe(25);
    expect(s.members).toEqual([{ contactId: 3, replaces: 1, reason: 'leave' }]);
    expect(who(r, Date.parse('2026-11-02T06:00:00Z'))).toEqual([1]); // Nov 2: the leave is over
  });

  it('refuses a zone the computer does not know, in words', () => {
    expect(() => new RosterResolver(rules({ timeZone: 'Mars/Olympus' }))).toThrow(TimeZoneError);
  });

  it('local wall time round-trips through instants', () => {
    const local = new LocalTime('Asia/Kolkata'); // +05:30
    expect(local.format(local.parse('2026-12-01T20:15'))).toBe('2026-12-01T20:15');
    expect(new Date(local.parse('2026-12-01')).toISOString()).toBe('2026-11-30T18:30:00.000Z');
  });
});
