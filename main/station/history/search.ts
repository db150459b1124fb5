// History search and paging. Pages are keyed by (created_at, id) — a cursor, not an offset — so
// messages arriving while the dispatcher scrolls neither repeat nor vanish between pages.
import type { MessageFilter, MessageHit, SearchResult } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { highlight } from '../domain/search-highlight.js';
import type { ParsedQuery } from '../domain/search-query.js';
import { filterSql, whereClause, withMatch, type FilterSql } from './message-filter.js';

export interface SearchOptions {
  limit?: number;
  cursor?: string | null;
  order?: 'desc' | 'asc';
}

export class CursorError extends Error {
  override readonly name = 'CursorError';
  constructor() {
    super('This page link is no longer valid: start the search again from the first page.');
  }
}

export function encodeCursor(createdAt: number, id: number): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => Number.isSafeInteger(v))) {
      return [value[0] as number, value[1] as number];
    }
  } catch {
    // fall through to the typed error
  }
  throw new CursorError();
}

export interface MessageRow {
  id: number;
  direction: 'in' | 'out';
  broadcast_id: number | null;
  reply_to: number | null;
  contact_id: number | null;
  contact_name: string | null;
  phone: string;
  text: string;
  tags: string;
  segments: number;
  status: MessageHit['status'];
  error: string | null;
  carrier_id: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  delivered_at: number | null;
}

export const MESSAGE_COLUMNS = `m.id, m.direction, m.broadcast_id, m.reply_to, m.contact_id, c.name AS contact_name,
  m.phone, m.text, m.tags, m.segments, m.status, m.error, m.carrier_id, m.created_at, m.updated_at,
  m.sent_at, m.delivered_at`;

export function toHit(row: MessageRow, query: ParsedQuery): MessageHit {
  const { snippet, highlights } = highlight(row.text, query);
  return {
    id: row.id,
    direction: row.direction,
    broadcastId: row.broadcast_id,
    replyTo: row.reply_to,
    contactId: row.contact_id,
    contactName: row.contact_name,
    phone: row.phone,
    text: row.text,
    tags: row.tags.split(' ').filter(Boolean),
    segments: row.segments,
    status: row.status,
    error: row.error,
    carrier: row.carrier_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    snippet,
    highlights,
  };
}

// Two plans for a page of matches, because sorting all matches by time costs ~3 µs a match:
// fine for a rare word, 0.7 s for one in every fourth message of a million.
//  - few matches (under RARE): let FTS5 list them all, join, sort, take a page;
//  - many matches: walk the time index in growing chunks (that order is the page order) and keep
//    the chunk's messages FTS5 matches within the chunk's id range. Ids grow with time in practice,
//    so the range is tight; if they did not, the result would still be exact, only slower.
const RARE = 3_000;
const FIRST_CHUNK = 1_000;
const MAX_CHUNK = 65_536;

function pageIds(db: Db, sql: FilterSql, after: [number, number] | null, desc: boolean, want: number): number[] {
  const dir = desc ? 'DESC' : 'ASC';
  const cmp = desc ? '<' : '>';
  const ids: number[] = [];
  let bound = after;
  let chunk = FIRST_CHUNK;
  const inRange = db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid >= ? AND rowid <= ?').pluck();
  for (;;) {
    const where = [...sql.where];
    const params = [...sql.params];
    if (bound) {
      where.push(`(m.created_at, m.id) ${cmp} (?, ?)`);
      params.push(bound[0], bound[1]);
    }
    const rows = db
      .prepare(`SELECT m.id, m.created_at FROM messages m ${whereClause(where)} ORDER BY m.created_at ${dir}, m.id ${dir} LIMIT ?`)
      .raw(true)
      .all(...params, chunk) as [number, number][];
    if (rows.length === 0) return ids;
    let lo = Infinity;
    let hi = -Infinity;
    for (const [id] of rows) {
      if (id < lo) lo = id;
      if (id > hi) hi = id;
    }
    // BigInt, not number: better-sqlite3 binds a number as REAL, and FTS5 only seeks on an INTEGER
    // rowid bound — with a REAL one it reads the whole doclist and lets SQLite filter.
    const hits = new Set((inRange.all(sql.match, BigInt(lo), BigInt(hi)) as (number | bigint)[]).map(Number));
    for (const [id] of rows) {
      if (!hits.has(id)) continue;
      ids.push(id);
      if (ids.length >= want) return ids;
    }
    if (rows.length < chunk) return ids;
    const last = rows[rows.length - 1]!;
    bound = [last[1], last[0]];
    chunk = Math.min(chunk * 2, MAX_CHUNK);
  }
}

function pageRows(db: Db, sql: FilterSql, after: [number, number] | null, desc: boolean, want: number): MessageRow[] {
  const dir = desc ? 'DESC' : 'ASC';
  const select = (from: string, where: string[], params: unknown[]) =>
    db
      .prepare(
        `SELECT ${MESSAGE_COLUMNS} ${from} LEFT JOIN contacts c ON c.id = m.contact_id
         ${whereClause(where)} ORDER BY m.created_at ${dir}, m.id ${dir} LIMIT ?`,
      )
      .all(...params, want) as MessageRow[];
  const cursorWhere = after ? [`(m.created_at, m.id) ${desc ? '<' : '>'} (?, ?)`] : [];
  const cursorParams = after ?? [];
  if (sql.match) {
    const matches = db
      .prepare('SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)')
      .pluck()
      .get(sql.match, RARE) as number;
    if (matches >= RARE) {
      const ids = pageIds(db, sql, after, desc, want);
      if (ids.length === 0) return [];
      return select('FROM messages m', [`m.id IN (${ids.map(() => '?').join(', ')})`], ids);
    }
  }
  const joined = withMatch(sql);
  return select(joined.from, [...joined.where, ...cursorWhere], [...joined.params, ...cursorParams]);
}

export function searchMessages(db: Db, filter: MessageFilter, options: SearchOptions = {}): SearchResult {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const desc = (options.order ?? 'desc') === 'desc';
  const sql = filterSql(filter);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = pageRows(db, sql, after, desc, limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    hits: page.map((row) => toHit(row, sql.query)),
    next: more && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/** How many messages a filter selects (for the export's progress bar). */
export function countMessages(db: Db, filter: MessageFilter): number {
  const sql = withMatch(filterSql(filter));
  return db.prepare(`SELECT count(*) ${sql.from} ${whereClause(sql.where)}`).pluck().get(...sql.params) as number;
}
