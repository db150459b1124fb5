// Local calendar arithmetic for rosters: a shift is written in the wall-clock time of its
// roster's zone ("ночь с 20:00 до 08:00"), and resolved to UTC instants only when asked "who is
// on duty at t". Days are counted as integers (days since 1970-01-01 on the local calendar), so
// a cycle of 2/2 or day/night never drifts across months, leap years or DST changes.
import { ZoneClock } from './time-zone.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `2026-12-03` → local day number. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date written as YYYY-MM-DD`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** Local day number → `2026-12-03`. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `08:30` → minutes after midnight. `24:00` is allowed for "to the end of the day". */
export function minutesOf(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) > 0)) {
    throw new RangeError(`"${time}" is not a time written as HH:MM`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Monday = 0 … Sunday = 6, for a local day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Wall-clock time of a roster's zone, turned into instants and back. */
export class LocalTime {
  private readonly zone: ZoneClock;

  /** Throws TimeZoneError for a zone this computer does not know. */
  constructor(readonly timeZone: string) {
    this.zone = new ZoneClock(timeZone);
  }

  /** The local day an instant falls on. */
  dayAt(utcMs: number): number {
    return Math.floor(this.zone.wall(utcMs) / DAY_MS);
  }

  /** Minutes after local midnight at an instant. */
  minuteAt(utcMs: number): number {
    const wall = this.zone.wall(utcMs);
    return Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS);
  }

  /**
   * The instant a local day and minute name. Where the clock is set back and the time happens
   * twice, the first of the two; where it jumps forward and the time never happens, the time
   * moves forward by the jump (02:30 on the spring-forward night of Berlin is 03:30 summer time),
   * so a shift still starts, just as late as the clocks on the wall say.
   */
  instant(day: number, minute: number): number {
    const wall = day * DAY_MS + minute * MINUTE_MS;
    const before = this.zone.offset(wall - DAY_MS);
    const after = this.zone.offset(wall + DAY_MS);
    const candidates = [wall - before, wall - after].filter((u) => u + this.zone.offset(u) === wall).sort((a, b) => a - b);
    return candidates[0] ?? wall - before;
  }

  /** `2026-12-03` (start of that day) or `2026-12-03T20:00` → instant. */
  parse(local: string): number {
    const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(local);
    if (!m) throw new RangeError(`"${local}" is not a local date or time written as YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
    return this.instant(dayNumber(m[1]!), m[2] ? minutesOf(m[2]) : 0);
  }

  /** `2026-12-03T20:00` for an instant, in this zone. */
  format(utcMs: number): string {
    const minute = this.minuteAt(utcMs);
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    return `${dateOf(this.dayAt(utcMs))}T${hh}:${mm}`;
  }
}
