// Wall-clock time in a named zone, for Excel (which has no time zones: a cell holds the local
// date and time the reader should see) and for billing months and days. Pure: Intl only.
import { SaidError } from './said.js';

export class TimeZoneError extends SaidError {
  override readonly name = 'TimeZoneError';
  constructor(readonly zone: string) {
    super(`"${zone}" is not a time zone this computer knows. Use a name like Europe/Moscow or Asia/Yekaterinburg.`, 'timezone.unknown', { zone });
  }
}

/** The computer's own zone: the default for exports and billing. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// Offsets change only on the hour or half hour in every zone in use; a 15-minute bucket cache
// makes a million-row export pay for Intl formatting a few thousand times instead of a million.
const BUCKET = 15 * 60_000;

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();

  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TimeZoneError(timeZone);
    }
  }

  /** Offset of the zone from UTC at that instant, in ms (Moscow: +3 h). */
  offset(utcMs: number): number {
    const bucket = Math.floor(utcMs / BUCKET);
    const hit = this.cache.get(bucket);
    if (hit !== undefined) return hit;
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(bucket * BUCKET)) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    const offset = wall - bucket * BUCKET;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(bucket, offset);
    return offset;
  }

  /** The local wall-clock time as ms whose UTC fields read as local (what Excel stores). */
  wall(utcMs: number): number {
    return utcMs + this.offset(utcMs);
  }

  /** The UTC instant of a local wall-clock time (DST gaps resolve forward). */
  utcOf(wallMs: number): number {
    const guess = wallMs - this.offset(wallMs);
    return wallMs - this.offset(guess);
  }

  /** `2026-11-24` for the local day of that instant. */
  day(utcMs: number): string {
    return new Date(this.wall(utcMs)).toISOString().slice(0, 10);
  }

  /** `2026-11` for the local month of that instant. */
  month(utcMs: number): string {
    return this.day(utcMs).slice(0, 7);
  }

  /** [start, end) in UTC ms of a local month `YYYY-MM`. */
  monthRange(month: string): [number, number] {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return [this.utcOf(Date.UTC(y, m - 1, 1)), this.utcOf(Date.UTC(y, m, 1))];
  }
}
