// On-call rosters (графики дежурств), resolved: who is on duty for one role of one group at an
// instant, and who comes next. A roster is a rotation (a cycle of days with shifts per team:
// day/night, 2/2, weekly are presets of it), one-off shifts, and exceptions (leave, sickness,
// swaps) that take a person off a shift and may put someone in their place. Everything is written
// in the roster's own time zone and resolved here, purely, for the instant the caller names: the
// station asks at send time and again at each escalation step, tests ask with a fake clock.
import { dayNumber, LocalTime, minutesOf } from './roster-time.js';

// The rotation's shape is shared with the roster editor (shared/plans/roster-patterns.ts).
export type { Rotation, RosterTeam, RotationShift } from '../../../shared/plans/roster-patterns.js';
import type { Rotation } from '../../../shared/plans/roster-patterns.js';

export interface OneOffShift {
  /** Local `YYYY-MM-DDTHH:MM`. */
  start: string;
  end: string;
  members: number[];
  note?: string | null;
}

export type ExceptionKind = 'leave' | 'sick' | 'swap';

/**
 * `contactId` is off every shift that *starts* within [from, until]: a night shift begun on the
 * last day of a leave stays with the substitute until it ends, rather than handing over at
 * midnight. A swap is a substitute by agreement; a two-way swap is two of them.
 */
export interface RosterException {
  kind: ExceptionKind;
  contactId: number;
  substituteId?: number | null;
  /** Local date (from its start) or `YYYY-MM-DDTHH:MM`. */
  from: string;
  /** Local date (to its end, inclusive) or `YYYY-MM-DDTHH:MM` (exclusive). */
  until: string;
  note?: string | null;
}

export interface RosterRules {
  timeZone: string;
  rotation: Rotation | null;
  oneOffs: OneOffShift[];
  exceptions: RosterException[];
}

export interface DutyMember {
  contactId: number;
  /** Set when this person stands in for someone: whom, and why. */
  replaces: number | null;
  reason: ExceptionKind | null;
}

export interface ShiftInstance {
  /** UTC epoch ms, [start, end). */
  start: number;
  end: number;
  source: 'rotation' | 'one-off';
  /** The team's name for a rotation shift. */
  team: string | null;
  members: DutyMember[];
  /** Who was scheduled before exceptions, for the roster view. */
  scheduled: number[];
}

const DAY_MS = 86_400_000;
/** Longest a shift can last (a 24 h shift plus a DST hour); bounds how far back we look. */
const LOOKBACK_DAYS = 2;
/** How far ahead "next on duty" searches. */
const NEXT_HORIZON_DAYS = 62;

export class RosterResolver {
  private readonly local: LocalTime;
  private readonly exceptions: { kind: ExceptionKind; contactId: number; substituteId: number | null; from: number; until: number }[];
  private readonly oneOffs: { start: number; end: number; members: number[] }[];
  private readonly rotation: (Rotation & { anchorDay: number; fromDay: number; untilDay: number }) | null;

  constructor(readonly rules: RosterRules) {
    this.local = new LocalTime(rules.timeZone);
    this.exceptions = rules.exceptions.map((e) => ({
      kind: e.kind,
      contactId: e.contactId,
      substituteId: e.substituteId ?? null,
      from: this.local.parse(e.from),
      until: e.until.includes('T') ? this.local.parse(e.until) : this.local.instant(dayNumber(e.until) + 1, 0),
    }));
    this.oneOffs = rules.oneOffs.map((o) => ({ start: this.local.parse(o.start), end: this.local.parse(o.end), members: o.members }));
    const r = rules.rotation;
    this.rotation =
      r && r.cycleDays > 0
        ? {
            ...r,
            anchorDay: dayNumber(r.anchor),
            fromDay: r.from ? dayNumber(r.from) : -Infinity,
            untilDay: r.until ? dayNumber(r.until) : Infinity,
          }
        : null;
  }

  /** The shifts under way at `at`, with exceptions applied (people may be empty: everyone away). */
  shiftsAt(at: number): ShiftInstance[] {
    return this.between(at, at + 1).filter((s) => s.start <= at && at < s.end);
  }

  /** Who is on duty at `at`: every member of every shift under way, each person once. */
  onDuty(at: number): DutyMember[] {
    const seen = new Map<number, DutyMember>();
    for (const s of this.shiftsAt(at)) for (const m of s.members) if (!seen.has(m.contactId)) seen.set(m.contactId, m);
    return [...seen.values()];
  }

  /** The next shifts to begin after `at` (all those starting at that same moment), or [] within two months. */
  next(at: number): ShiftInstance[] {
    const step = 7 * DAY_MS;
    for (let from = at + 1; from < at + NEXT_HORIZON_DAYS * DAY_MS; from += step) {
      const starting = this.between(from, from + step).filter((s) => s.start > at && s.members.length > 0);
      if (starting.length === 0) continue;
      const first = Math.min(...starting.map((s) => s.start));
      return starting.filter((s) => s.start === first);
    }
    return [];
  }

  /** Every shift overlapping [from, to), earliest first. */
  between(from: number, to: number): ShiftInstance[] {
    const out: ShiftInstance[] = [];
    const r = this.rotation;
    if (r) {
      const firstDay = this.local.dayAt(from) - LOOKBACK_DAYS;
      const lastDay = this.local.dayAt(to);
      for (let day = firstDay; day <= lastDay; day++) {
        if (day < r.fromDay || day > r.untilDay) continue;
        const cycleDay = (((day - r.anchorDay) % r.cycleDays) + r.cycleDays) % r.cycleDays;
        for (const shift of r.shifts) {
          if (shift.day !== cycleDay) continue;
          const team = r.teams[shift.team];
          if (!team) continue;
          const startMin = minutesOf(shift.start);
          const endMin = minutesOf(shift.end);
          const start = this.local.instant(day, startMin);
          const end = endMin > startMin ? this.local.instant(day, endMin) : this.local.instant(day + 1, endMin);
          if (end <= from || start >= to) continue;
          out.push(this.instance(start, end, 'rotation', team.name, team.members));
        }
      }
    }
    for (const o of this.oneOffs) {
      if (o.end <= from || o.start >= to) continue;
      out.push(this.instance(o.start, o.end, 'one-off', null, o.members));
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** The local wall-clock form of an instant in this roster's zone. */
  localTime(at: number): string {
    return this.local.format(at);
  }

  private instance(start: number, end: number, source: ShiftInstance['source'], team: string | null, scheduled: number[]): ShiftInstance {
    const members: DutyMember[] = [];
    const placed = new Set<number>();
    for (const contactId of scheduled) {
      const m = this.standIn(contactId, start);
      if (m && !placed.has(m.contactId)) {
        placed.add(m.contactId);
        members.push(m);
      }
    }
    return { start, end, source, team, members, scheduled: [...scheduled] };
  }

  /**
   * Who works the shift `contactId` was scheduled for, starting at `start`: the person, their
   * substitute, the substitute's substitute (a stand-in who falls ill is replaced too), or nobody.
   */
  private standIn(contactId: number, start: number): DutyMember | null {
    let current = contactId;
    let first: { kind: ExceptionKind } | null = null;
    const visited = new Set<number>();
    for (;;) {
      visited.add(current);
      const away = this.awayAt(current, start);
      if (!away) break;
      first ??= away;
      if (away.substituteId === null || visited.has(away.substituteId)) return null;
      current = away.substituteId;
    }
    return current === contactId ? { contactId, replaces: null, reason: null } : { contactId: current, replaces: contactId, reason: first!.kind };
  }

  /** The exception that takes this person off a shift starting at `start`; the last one written wins. */
  private awayAt(contactId: number, start: number) {
    for (let i = this.exceptions.length - 1; i >= 0; i--) {
      const e = this.exceptions[i]!;
      if (e.contactId === contactId && e.from <= start && start < e.until) return e;
    }
    return null;
  }
}
