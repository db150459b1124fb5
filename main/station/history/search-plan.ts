// Choosing a page of search results, exactly in (created_at, id) order, without sorting every
// match: sorting costs ~3 µs a match — fine for a rare word, most of a second for a word in every
// fourth message of a million.
//
// FTS5 lists matches cheaply in rowid (= message id) order, and ids grow with time in practice.
// So: take the matches nearest the cursor by id (a batch of BATCH), let SQLite pick the page among
// them in time order, then prove the page exact — look for messages inside the page's time span
// whose ids lie outside the batch's id interval (a delayed SMS stored late, a clock step). Those
// few are checked with FTS5 one by one; if there are many, the next batch is fetched. The proof
// scan runs inside SQLite over the time index and returns only the exceptions.
import type { Db } from '../store/database.js';
import { whereClause, type FilterSql } from './message-filter.js';
import { MESSAGE_COLUMNS, type MessageRow } from './message-row.js';
import { indexBeforeSearch } from './fts-indexer.js';

const BATCH = 1_000;
const FEW = 200;
const MAX_ID = Number.MAX_SAFE_INTEGER;

// BigInt, not number: better-sqlite3 binds a JS number as REAL, and FTS5 seeks only on an INTEGER
// rowid bound — with a REAL one it reads the whole doclist and leaves the filtering to SQLite.
const big = (n: number) => BigInt(Math.max(Math.min(n, MAX_ID), -MAX_ID));

function plainPage(db: Db, sql: FilterSql, after: [number, number] | null, desc: boolean, want: number): MessageRow[] {
  const dir = desc ? 'DESC' : 'ASC';
  const where = [...sql.where];
  const params = [...sql.params];
  if (after) {
    where.push(`(m.created_at, m.id) ${desc ? '<' : '>'} (?, ?)`);
    params.push(...after);
  }
  return db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
       ${whereClause(where)} ORDER BY m.created_at ${dir}, m.id ${dir} LIMIT ?`,
    )
    .all(...params, want) as MessageRow[];
}

/** A page of `want` rows after `after` (exclusive) in time order, newest first when `desc`. */
export function selectPage(db: Db, sql: FilterSql, after: [number, number] | null, desc: boolean, want: number): MessageRow[] {
  if (!sql.match) return plainPage(db, sql, after, desc, want);
  // The index is written in batches: what is still waiting for it goes in before it is read.
  indexBeforeSearch(db);
  const match = sql.match;
  const dir = desc ? 'DESC' : 'ASC';
  const batch = db
    .prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid ${desc ? '<=' : '>='} ? ORDER BY rowid ${dir} LIMIT ?`)
    .pluck()
    .safeIntegers(false);
  const range = db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid >= ? AND rowid <= ?').pluck().safeIntegers(false);

  const cursorWhere = after ? [`(m.created_at, m.id) ${desc ? '<' : '>'} (?, ?)`] : [];
  const cursorParams = after ?? [];

  const known = new Set<number>(); // matches found so far
  const checked: number[] = []; // ids outside [lo, hi] already checked one by one
  // [lo, hi]: the id interval in which every match is in `known`. Start at the id of the first
  // message in the page's time order (the cursor, or the edge of the date range).
  const timeWhere = [...cursorWhere];
  const timeParams: unknown[] = [...cursorParams];
  if (sql.from !== null) {
    timeWhere.push('m.created_at >= ?');
    timeParams.push(sql.from);
  }
  if (sql.to !== null) {
    timeWhere.push('m.created_at < ?');
    timeParams.push(sql.to);
  }
  const start = db
    .prepare(`SELECT m.id FROM messages m ${whereClause(timeWhere)} ORDER BY m.created_at ${dir}, m.id ${dir} LIMIT 1`)
    .pluck()
    .get(...timeParams) as number | undefined;
  if (start === undefined) return [];
  let near = start;
  let lo = near;
  let hi = near;
  let size = BATCH;
  const extend = () => {
    const ids = batch.all(match, big(near), size) as number[];
    for (const id of ids) known.add(id);
    const exhausted = ids.length < size;
    const edge = ids[ids.length - 1];
    if (desc) {
      lo = exhausted || edge === undefined ? -MAX_ID : edge;
      near = lo - 1;
    } else {
      hi = exhausted || edge === undefined ? MAX_ID : edge;
      near = hi + 1;
    }
    size = Math.min(size * 2, 1 << 20);
  };
  extend();
  // Ids beyond the start that are older (newer) than it in time: a rare disorder, checked below.
  if (desc) hi = Math.max(hi, start);
  else lo = Math.min(lo, start);

  for (;;) {
    const page = db
      .prepare(
        `SELECT m.id, m.created_at FROM messages m
         ${whereClause(['m.id IN (SELECT value FROM json_each(?))', ...sql.where, ...cursorWhere])}
         ORDER BY m.created_at ${dir}, m.id ${dir} LIMIT ?`,
      )
      .raw(true)
      .all(JSON.stringify([...known]), ...sql.params, ...cursorParams, want) as [number, number][];
    // The time span the page claims: from the cursor to its last row (or to the end if short).
    const last = page.length === want ? page[page.length - 1]! : null;
    const spanWhere = last ? [`(m.created_at, m.id) ${desc ? '>=' : '<='} (?, ?)`] : [];
    const spanParams = last ? [last[1], last[0]] : [];
    const base = [...sql.where, ...cursorWhere, ...spanWhere];
    const baseParams = [...sql.params, ...cursorParams, ...spanParams];
    // The span is short when the page is full: read it through the time index. When the page is
    // short the span runs to the end, and the side behind is better read as a rowid range.
    const timeIndex = last ? 'INDEXED BY messages_created' : '';
    let progressed = false;

    // Behind: ids past the start against the walk (newer ids holding older times — a late insert).
    // Cover them with one FTS5 call reaching the farthest of them.
    const behind: [number, number] | null = desc ? (hi < MAX_ID ? [hi + 1, MAX_ID] : null) : lo > -MAX_ID ? [-MAX_ID, lo - 1] : null;
    if (behind) {
      const far = db
        .prepare(`SELECT ${desc ? 'max' : 'min'}(m.id) FROM messages m ${timeIndex} ${whereClause([...base, 'm.id >= ? AND m.id <= ?'])}`)
        .pluck()
        .get(...baseParams, behind[0], behind[1]) as number | null;
      if (far !== null) {
        const [from, to] = desc ? [hi + 1, far] : [far, lo - 1];
        for (const id of range.all(match, big(from), big(to)) as number[]) known.add(id);
        if (desc) hi = far;
        else lo = far;
        progressed = true;
      }
    }

    // Ahead: ids beyond the batch in the walk's direction that fall inside the span. A few are
    // checked with one FTS5 call; many mean the batch was too small — fetch the next one.
    const ahead: [number, number] | null = desc ? (lo > -MAX_ID ? [-MAX_ID, lo - 1] : null) : hi < MAX_ID ? [hi + 1, MAX_ID] : null;
    if (ahead) {
      const ids = db
        .prepare(
          `SELECT m.id FROM messages m INDEXED BY messages_created
           ${whereClause([...base, 'm.id >= ? AND m.id <= ?', 'm.id NOT IN (SELECT value FROM json_each(?))'])} LIMIT ?`,
        )
        .pluck()
        .all(...baseParams, ahead[0], ahead[1], JSON.stringify(checked), FEW + 1) as number[];
      if (ids.length > FEW) {
        extend();
        progressed = true;
      } else if (ids.length > 0) {
        // One FTS5 call for all of them (a prefix costs a doclist merge per call, however narrow).
        const hits = new Set(range.all(match, big(Math.min(...ids)), big(Math.max(...ids))) as number[]);
        for (const id of ids) {
          checked.push(id);
          if (hits.has(id)) known.add(id);
        }
        progressed = true;
      }
    }

    if (!progressed) {
      const ids = page.map(([id]) => id);
      if (ids.length === 0) return [];
      return db
        .prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
           WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY m.created_at ${dir}, m.id ${dir}`,
        )
        .all(JSON.stringify(ids)) as MessageRow[];
    }
  }
}
