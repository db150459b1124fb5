// The full-text index, written in batches rather than by every send (migration 0110).
//
// FTS5 writes a segment for each transaction that changes it, and builds it from scratch: with a
// REST group commit of ~8 sends that was ~36 µs of CPU per message, a third of what storing a send
// costs; a batch of a few hundred rows costs ~4 µs a row. So a stored message is only noted in
// fts_pending (by trigger, on every connection), and noted rows are moved into messages_fts here:
//  - by the station's timer, a batch at a time (FtsIndexer);
//  - at start, whatever a crash or the CLI left noted;
//  - right before any full-text query, all of them (indexBeforeSearch), so a search sees every
//    message committed before it began, however recent.
import type { Db } from '../store/database.js';
import { writeTrouble } from '../store/write-health.js';

/** Rows a timer step moves at most: ~7 ms of the event loop; a bigger backlog goes a turn at a time. */
export const FTS_STEP = 2_000;
/** Enough noted rows to be worth a batch now: past 256 a row costs ~4 µs, little less beyond. */
export const FTS_EAGER = 512;
/** How long a noted row waits at most for the timer (a search does not wait for it). */
export const FTS_MAX_WAIT_MS = 500;
const POLL_MS = 100;
const TROUBLE_PAUSE_MS = 2_000;

const fold = (col: string) => `replace(replace(${col}, 'ё', 'е'), 'Ё', 'Е')`;

interface Statements {
  first: () => number | null;
  last: () => number | null;
  index: (upTo: number) => void;
  forget: (upTo: number) => number;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let st = cache.get(db);
  if (st) return st;
  // Noted rows are counted by the span of their ids, two seeks rather than a scan: ids are given
  // in order, so the span is the count, or more when some noted messages were deleted since.
  const first = db.prepare('SELECT min(id) FROM fts_pending').pluck();
  const last = db.prepare('SELECT max(id) FROM fts_pending').pluck();
  // The same folding as migration 0002's triggers (FTS5 does not fold ё to е); the query side
  // folds with normalizeText(). A noted id whose message is gone (never, with the delete trigger)
  // is simply forgotten by the join. CROSS JOIN keeps fts_pending outside: left to itself SQLite
  // carries `p.id <= ?` over to m.id and walks every message up to the bound (3.6 ms for 128 rows
  // over 20,000 messages, where the noted rows alone take 0.1).
  const index = db.prepare(
    `INSERT INTO messages_fts (rowid, text, tags)
     SELECT m.id, ${fold('m.text')}, ${fold('m.tags')}
     FROM fts_pending p CROSS JOIN messages m ON m.id = p.id
     WHERE p.id <= ?`,
  );
  const forget = db.prepare('DELETE FROM fts_pending WHERE id <= ?');
  st = {
    first: () => first.get() as number | null,
    last: () => last.get() as number | null,
    index: (upTo) => void index.run(upTo),
    forget: (upTo) => forget.run(upTo).changes,
  };
  cache.set(db, st);
  return st;
}

/** How many rows are noted, or more when some of the noted messages have been deleted since. */
export function notedSpan(db: Db): number {
  const st = statements(db);
  const first = st.first();
  return first === null ? 0 : st.last()! - first + 1;
}

/**
 * Moves the noted messages among the `limit` ids from the oldest noted (so at most `limit`) into
 * messages_fts, in one transaction: indexed and no longer noted together, or neither. Returns
 * how many it moved.
 * Immediate, so that the rows it reads are the newest committed (another connection may be
 * noting more meanwhile; those wait for the next step).
 */
export function indexPending(db: Db, limit = Number.POSITIVE_INFINITY): number {
  const st = statements(db);
  if (st.first() === null) return 0;
  const step = () => {
    const first = st.first();
    if (first === null) return 0;
    const upTo = Number.isFinite(limit) ? first + Math.max(limit, 1) - 1 : Number.MAX_SAFE_INTEGER;
    st.index(upTo);
    return st.forget(upTo);
  };
  // Inside a caller's transaction (a search run in one) it becomes a savepoint of it.
  return db.transaction(step).immediate();
}

/**
 * Before a full-text query on `db`: indexes every noted message. While the store cannot write
 * (disk full, locked by another program) the query runs on the index as it is, missing only the
 * messages noted last before the trouble; refusing to search then would hide everything else.
 */
export function indexBeforeSearch(db: Db): void {
  try {
    indexPending(db);
  } catch (err) {
    if (!writeTrouble(err)) throw err;
  }
}

export interface FtsIndexerOptions {
  /** False while the store is read-only: the timer waits for it (store.writes.writable). */
  writable?: () => boolean;
  /** A step that failed: the store's trouble (store.writes.failed) or a bug to log. */
  trouble?: (err: unknown) => void;
  step?: number;
  eager?: number;
  maxWaitMs?: number;
  pollMs?: number;
}

/**
 * The station's indexer: every poll it looks how many rows are noted (notedSpan), and moves
 * them when there are `eager` or more, or when some have waited `maxWaitMs`.
 * A step moves at most `step` rows; a full step is followed by another on the next turn of the
 * event loop, until the backlog is gone. Started, it first catches up on what was noted before.
 */
export class FtsIndexer {
  private timer: NodeJS.Timeout | null = null;
  private waitingSince: number | null = null;
  private draining = false;
  private stopped = false;
  private pausedUntil = 0;
  private readonly step: number;
  private readonly eager: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly db: Db,
    private readonly options: FtsIndexerOptions = {},
  ) {
    this.step = options.step ?? FTS_STEP;
    this.eager = options.eager ?? FTS_EAGER;
    this.maxWaitMs = options.maxWaitMs ?? FTS_MAX_WAIT_MS;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.poll(), this.options.pollMs ?? POLL_MS);
    this.timer.unref();
    this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private ready(): boolean {
    if (!this.db.open) this.stop();
    if (this.stopped || performance.now() < this.pausedUntil) return false;
    // Never inside a transaction someone left open across turns: the step would become part of it.
    return !this.db.inTransaction && (this.options.writable?.() ?? true);
  }

  private failed(err: unknown): void {
    // Told once, then a pause: a failing step is not retried (and logged) ten times a second.
    this.pausedUntil = performance.now() + TROUBLE_PAUSE_MS;
    this.options.trouble?.(err);
  }

  private poll(): void {
    if (this.draining || !this.ready()) return;
    let noted: number;
    try {
      noted = notedSpan(this.db);
    } catch (err) {
      this.failed(err);
      return;
    }
    if (noted === 0) {
      this.waitingSince = null;
      return;
    }
    const now = performance.now();
    this.waitingSince ??= now;
    if (noted >= this.eager || now - this.waitingSince >= this.maxWaitMs) this.drain();
  }

  private drain(): void {
    this.draining = false;
    if (!this.ready()) return;
    let backlog: number;
    try {
      backlog = notedSpan(this.db);
      indexPending(this.db, this.step);
    } catch (err) {
      this.failed(err);
      return;
    }
    this.waitingSince = null;
    // Only a backlog beyond one step goes on next turn: what arrives meanwhile waits for a batch.
    if (backlog <= this.step) return;
    this.draining = true;
    setImmediate(() => this.drain());
  }
}
