// History search and paging. Pages are keyed by (created_at, id) — a cursor, not an offset — so
// messages arriving while the dispatcher scrolls neither repeat nor vanish between pages.
import type { MessageFilter, SearchResult } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { filterSql, whereClause, withMatch } from './message-filter.js';
import { toHit } from './message-row.js';
import { selectPage } from './search-plan.js';
import { SaidError } from '../domain/said.js';
import type { SqlScope } from '../auth/read-scope.js';
import type { ScopedFilter } from './message-filter.js';

export { MESSAGE_COLUMNS, toHit, type MessageRow } from './message-row.js';

export interface SearchOptions {
  /** Only what this user may read (auth/read-scope.ts); absent: everything. */
  scope?: SqlScope | null;
  limit?: number;
  cursor?: string | null;
  order?: 'desc' | 'asc';
}

export class CursorError extends SaidError {
  override readonly name = 'CursorError';
  constructor() {
    super('This page link is no longer valid: start the search again from the first page.', 'history.staleCursor');
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

export function searchMessages(db: Db, filter: ScopedFilter, options: SearchOptions = {}): SearchResult {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const desc = (options.order ?? 'desc') === 'desc';
  const sql = filterSql(options.scope ? { ...filter, scope: options.scope } : filter);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = selectPage(db, sql, after, desc, limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    hits: page.map((row) => toHit(row, sql.query)),
    next: more && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/** How many messages a filter selects (for the export's progress bar). */
export function countMessages(db: Db, filter: ScopedFilter): number {
  const sql = withMatch(db, filterSql(filter));
  return db.prepare(`SELECT count(*) ${sql.from} ${whereClause(sql.where)}`).pluck().get(...sql.params) as number;
}
