// History search and paging. Pages are keyed by (created_at, id) — a cursor, not an offset — so
// messages arriving while the dispatcher scrolls neither repeat nor vanish between pages.
import type { MessageFilter, MessageHit, SearchResult } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { highlight } from '../domain/search-highlight.js';
import type { ParsedQuery } from '../domain/search-query.js';
import { filterSql, whereClause } from './message-filter.js';

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

export function searchMessages(db: Db, filter: MessageFilter, options: SearchOptions = {}): SearchResult {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const desc = (options.order ?? 'desc') === 'desc';
  const sql = filterSql(filter);
  const where = [...sql.where];
  const params = [...sql.params];
  if (options.cursor) {
    const [createdAt, id] = decodeCursor(options.cursor);
    where.push(`(m.created_at, m.id) ${desc ? '<' : '>'} (?, ?)`);
    params.push(createdAt, id);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} ${sql.from} LEFT JOIN contacts c ON c.id = m.contact_id
       ${whereClause(where)} ORDER BY m.created_at ${dir}, m.id ${dir} LIMIT ?`,
    )
    .all(...params, limit + 1) as MessageRow[];
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
  const sql = filterSql(filter);
  const row = db.prepare(`SELECT count(*) AS n ${sql.from} ${whereClause(sql.where)}`).get(...sql.params) as { n: number };
  return row.n;
}
