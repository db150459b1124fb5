// Usage in segments for a local month: in and out, per carrier, per user (the broadcast's
// author), and per local day for the chart. Months and days are the billing office's, in its
// time zone; the store keeps UTC.
//
// An outgoing SMS counts once it has left for a carrier (sent_at set), whatever became of it
// later: carriers bill submission, not delivery. It is placed in the month of its created_at.
//
// Everything here reads `usage_counters` (migration 0061): triggers add each message to its
// quarter hour as it is stored or handed to a carrier, in the same transaction. A month is a
// range of quarter hours in any time zone, so its figures cost the same with 3,000 messages or
// 3,000,000 (a few thousand counter rows at most), and a quota check after every send stays flat.
import type { BillingSummary } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import type { ZoneClock } from '../domain/time-zone.js';

type Usage = BillingSummary['usage'];

/** Counter buckets are quarter hours of UTC epoch ms. */
export const BUCKET_MS = 900_000;

const bucketRange = ([from, to]: [number, number]): [number, number] => [Math.floor(from / BUCKET_MS), Math.ceil(to / BUCKET_MS)];

export function monthUsage(db: Db, range: [number, number]): Usage {
  const [from, to] = bucketRange(range);
  const rows = db
    .prepare(
      `SELECT direction, carrier_id AS carrier, sum(messages) AS messages, sum(segments) AS segments
       FROM usage_counters WHERE bucket >= ? AND bucket < ? GROUP BY direction, carrier_id ORDER BY carrier_id`,
    )
    .all(from, to) as { direction: 'in' | 'out'; carrier: string; messages: number; segments: number }[];
  const zero = () => ({ messages: 0, segments: 0 });
  const usage: Usage = { in: zero(), out: zero(), byCarrier: [], byUser: [] };
  const byCarrier = new Map<string, Usage['byCarrier'][number]>();
  for (const r of rows) {
    if (r.messages === 0) continue;
    usage[r.direction].messages += r.messages;
    usage[r.direction].segments += r.segments;
    const row = byCarrier.get(r.carrier) ?? { carrierId: r.carrier === '' ? null : r.carrier, in: zero(), out: zero() };
    row[r.direction] = { messages: r.messages, segments: r.segments };
    byCarrier.set(r.carrier, row);
  }
  // NULL (no carrier) sorts first, as SQLite sorted it when this was read from the messages.
  usage.byCarrier = [...byCarrier.values()];
  usage.byUser = (
    db
      .prepare(
        `SELECT nullif(c.user_id, 0) AS userId, u.name AS userName, sum(c.messages) AS messages, sum(c.segments) AS segments
         FROM usage_counters c LEFT JOIN users u ON u.id = c.user_id
         WHERE c.bucket >= ? AND c.bucket < ? AND c.direction = 'out'
         GROUP BY c.user_id HAVING sum(c.messages) > 0 ORDER BY segments DESC`,
      )
      .all(from, to) as { userId: number | null; userName: string | null; messages: number; segments: number }[]
  ).map((u) => ({ userId: u.userId, userName: u.userName, out: { messages: u.messages, segments: u.segments } }));
  return usage;
}

/** Segments in these directions over the range: what a quota check needs, and nothing more. */
export function billedSegments(db: Db, range: [number, number], directions: readonly ('in' | 'out')[]): number {
  const [from, to] = bucketRange(range);
  let total = 0;
  const st = db.prepare('SELECT coalesce(sum(segments), 0) FROM usage_counters WHERE bucket >= ? AND bucket < ? AND direction = ?').pluck();
  for (const d of directions) total += st.get(from, to, d) as number;
  return total;
}

/** Segments per local day of the month, in and out, every day present (zeros included). */
export function dailySeries(db: Db, range: [number, number], clock: ZoneClock): BillingSummary['daily'] {
  const [from, to] = range;
  const [bFrom, bTo] = bucketRange(range);
  // Quarter-hour buckets in SQL, days in JS: the zone's offset (DST, half-hour zones) is applied
  // exactly, and the month is never more than ~6,000 rows out of SQLite.
  const rows = db
    .prepare(
      `SELECT bucket AS q, direction, sum(segments) AS segments FROM usage_counters
       WHERE bucket >= ? AND bucket < ? GROUP BY bucket, direction`,
    )
    .all(bFrom, bTo) as { q: number; direction: 'in' | 'out'; segments: number }[];
  const days = new Map<string, { date: string; in: number; out: number }>();
  for (let t = from; t < to; t += 3_600_000) {
    const date = clock.day(t);
    if (!days.has(date)) days.set(date, { date, in: 0, out: 0 });
  }
  for (const r of rows) {
    const date = clock.day(r.q * BUCKET_MS);
    const day = days.get(date);
    if (day) day[r.direction] += r.segments;
  }
  return [...days.values()];
}

export function activeEmployees(db: Db): number {
  return db.prepare('SELECT count(*) FROM contacts WHERE active = 1').pluck().get() as number;
}
