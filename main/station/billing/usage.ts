// Usage in segments for a local month: in and out, per carrier, per user (the broadcast's
// author), and per local day for the chart. Months and days are the billing office's, in its
// time zone; the store keeps UTC.
//
// An outgoing SMS counts once it has left for a carrier (sent_at set), whatever became of it
// later: carriers bill submission, not delivery. It is placed in the month of its created_at
// (indexed; an alert leaves within seconds of being written).
import type { BillingSummary } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import type { ZoneClock } from '../domain/time-zone.js';

type Usage = BillingSummary['usage'];

const OUT_BILLABLE = `m.direction = 'out' AND m.sent_at IS NOT NULL`;
const IN_BILLABLE = `m.direction = 'in'`;

export function monthUsage(db: Db, range: [number, number]): Usage {
  const [from, to] = range;
  const totals = db
    .prepare(
      `SELECT m.direction AS direction, count(*) AS messages, coalesce(sum(m.segments), 0) AS segments
       FROM messages m WHERE m.created_at >= ? AND m.created_at < ? AND ((${OUT_BILLABLE}) OR (${IN_BILLABLE}))
       GROUP BY m.direction`,
    )
    .all(from, to) as { direction: 'in' | 'out'; messages: number; segments: number }[];
  const zero = () => ({ messages: 0, segments: 0 });
  const usage: Usage = { in: zero(), out: zero(), byCarrier: [], byUser: [] };
  for (const t of totals) usage[t.direction] = { messages: t.messages, segments: t.segments };
  const carriers = db
    .prepare(
      `SELECT m.carrier_id AS carrier, m.direction AS direction, count(*) AS messages, coalesce(sum(m.segments), 0) AS segments
       FROM messages m WHERE m.created_at >= ? AND m.created_at < ? AND ((${OUT_BILLABLE}) OR (${IN_BILLABLE}))
       GROUP BY m.carrier_id, m.direction ORDER BY m.carrier_id`,
    )
    .all(from, to) as { carrier: string | null; direction: 'in' | 'out'; messages: number; segments: number }[];
  const byCarrier = new Map<string | null, Usage['byCarrier'][number]>();
  for (const c of carriers) {
    const row = byCarrier.get(c.carrier) ?? { carrierId: c.carrier, in: zero(), out: zero() };
    row[c.direction] = { messages: c.messages, segments: c.segments };
    byCarrier.set(c.carrier, row);
  }
  usage.byCarrier = [...byCarrier.values()];
  usage.byUser = (
    db
      .prepare(
        `SELECT b.author_id AS userId, u.name AS userName, count(*) AS messages, coalesce(sum(m.segments), 0) AS segments
         FROM messages m LEFT JOIN broadcasts b ON b.id = m.broadcast_id LEFT JOIN users u ON u.id = b.author_id
         WHERE m.created_at >= ? AND m.created_at < ? AND ${OUT_BILLABLE}
         GROUP BY b.author_id ORDER BY segments DESC`,
      )
      .all(from, to) as { userId: number | null; userName: string | null; messages: number; segments: number }[]
  ).map((u) => ({ userId: u.userId, userName: u.userName, out: { messages: u.messages, segments: u.segments } }));
  return usage;
}

/** Segments per local day of the month, in and out, every day present (zeros included). */
export function dailySeries(db: Db, range: [number, number], clock: ZoneClock): BillingSummary['daily'] {
  const [from, to] = range;
  // Quarter-hour buckets in SQL, days in JS: the zone's offset (DST, half-hour zones) is applied
  // exactly, and the month is never more than ~3,000 rows out of SQLite.
  const rows = db
    .prepare(
      `SELECT m.created_at / 900000 AS q, m.direction AS direction, sum(m.segments) AS segments
       FROM messages m WHERE m.created_at >= ? AND m.created_at < ? AND ((${OUT_BILLABLE}) OR (${IN_BILLABLE}))
       GROUP BY q, m.direction`,
    )
    .all(from, to) as { q: number; direction: 'in' | 'out'; segments: number }[];
  const days = new Map<string, { date: string; in: number; out: number }>();
  for (let t = from; t < to; t += 3_600_000) {
    const date = clock.day(t);
    if (!days.has(date)) days.set(date, { date, in: 0, out: 0 });
  }
  for (const r of rows) {
    const date = clock.day(r.q * 900_000);
    const day = days.get(date);
    if (day) day[r.direction] += r.segments;
  }
  return [...days.values()];
}

export function activeEmployees(db: Db): number {
  return db.prepare('SELECT count(*) FROM contacts WHERE active = 1').pluck().get() as number;
}
