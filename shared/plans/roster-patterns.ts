// The shift patterns control rooms actually write, as rotations: day/night with any number of
// teams ("день – ночь – отсыпной – выходной" is four), 2/2, and a weekly week. Each is only a
// way to fill in the cycle; a custom rotation lists its shifts itself.
// Pure and shared: the roster editor builds the same rotation the station resolves.

export interface RosterTeam {
  name: string;
  members: number[];
}
/** One shift of the cycle: on cycle day `day`, team `team` works from `start` to `end` (local). */
export interface RotationShift {
  day: number;
  start: string;
  /** At or before `start` means the next day (20:00–08:00 is a night; 08:00–08:00 is 24 hours). */
  end: string;
  team: number;
}
export type RotationPattern = 'day-night' | 'two-two' | 'weekly' | 'custom';

export interface Rotation {
  /** The preset the rotation was made from; only a label, the shifts say everything. */
  pattern: RotationPattern;
  /** Local date of cycle day 0. */
  anchor: string;
  cycleDays: number;
  teams: RosterTeam[];
  shifts: RotationShift[];
  /** Local dates (inclusive) the rotation runs between; null = open-ended. */
  from?: string | null;
  until?: string | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

/**
 * Day/night: team i works the day shift on cycle day i and the night shift the day after, then
 * rests; with four teams that is день – ночь – отсыпной – выходной, with three a night is followed
 * by a day and a half off, with two it is 24 hours on, 24 off. The cycle is as many days as teams.
 */
export function dayNightRotation(o: { anchor: string; teams: RosterTeam[]; dayStart?: string; nightStart?: string }): Rotation {
  const dayStart = o.dayStart ?? '08:00';
  const nightStart = o.nightStart ?? '20:00';
  const n = o.teams.length;
  const shifts: RotationShift[] = [];
  o.teams.forEach((_, team) => {
    shifts.push({ day: team % n, start: dayStart, end: nightStart, team });
    shifts.push({ day: (team + 1) % n, start: nightStart, end: dayStart, team });
  });
  return { pattern: 'day-night', anchor: o.anchor, cycleDays: n, teams: o.teams, shifts };
}

/** 2/2: each team works two days running, then rests two while the next team works. */
export function twoTwoRotation(o: { anchor: string; teams: RosterTeam[]; start?: string; end?: string }): Rotation {
  const start = o.start ?? '08:00';
  const end = o.end ?? '20:00';
  const shifts: RotationShift[] = [];
  o.teams.forEach((_, team) => {
    shifts.push({ day: team * 2, start, end, team }, { day: team * 2 + 1, start, end, team });
  });
  return { pattern: 'two-two', anchor: o.anchor, cycleDays: o.teams.length * 2, teams: o.teams, shifts };
}

/** One week, Monday to Sunday: per weekday (0 = Monday) the team on duty and its hours. */
export function weeklyRotation(o: {
  /** Any date: the cycle starts on the Monday of its week. */
  from: string;
  teams: RosterTeam[];
  days: { weekday: number; start: string; end: string; team: number }[];
}): Rotation {
  const day = dayNumber(o.from);
  const monday = day - weekdayOf(day);
  const anchor = new Date(monday * 86_400_000).toISOString().slice(0, 10);
  return {
    pattern: 'weekly',
    anchor,
    cycleDays: 7,
    teams: o.teams,
    shifts: o.days.map((d) => ({ day: d.weekday, start: d.start, end: d.end, team: d.team })),
  };
}
