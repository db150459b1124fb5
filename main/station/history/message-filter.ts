// One filter, three users: the search page, the views and the Excel export all select messages
// with the same SQL, so what the dispatcher sees on screen is what lands in the file.
import type { MessageFilter } from '../../../shared/protocol/history.js';
import { parseSearchQuery, toFtsMatch, withTag, type ParsedQuery } from '../domain/search-query.js';
import { scopeWhere, type SqlScope } from '../auth/read-scope.js';
import type { Db } from '../store/database.js';
import { indexBeforeSearch } from './fts-indexer.js';

/** A filter as the station applies it: the wire's, limited to what the asking user may read. */
export type ScopedFilter = MessageFilter & { scope?: SqlScope | null };

export interface FilterSql {
  /** The FTS5 MATCH expression, or null when the filter has no words or tags. */
  match: string | null;
  /** Conditions on `messages m` other than the match, and their parameters. */
  where: string[];
  params: unknown[];
  query: ParsedQuery;
  /** The date range alone, so a search can start its walk at the right place in time. */
  from: number | null;
  to: number | null;
}

/**
 * `FROM`, `WHERE` terms and parameters with the match joined in (for counting and exporting).
 * With a match, first indexes on `db` the messages still waiting for the full-text index
 * (fts-indexer.ts), so that what is then read, on `db` or on a connection opened after, finds them.
 */
export function withMatch(db: Db, sql: FilterSql): { from: string; where: string[]; params: unknown[] } {
  if (!sql.match) return { from: 'FROM messages m', where: sql.where, params: sql.params };
  indexBeforeSearch(db);
  return {
    from: 'FROM messages_fts f JOIN messages m ON m.id = f.rowid',
    where: ['messages_fts MATCH ?', ...sql.where],
    params: [sql.match, ...sql.params],
  };
}

// A group with every group below it, however deep.
const GROUP_CONTACTS = `
  m.contact_id IN (
    SELECT gm.contact_id FROM group_members gm WHERE gm.group_id IN (
      WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
      SELECT id FROM sub))`;

export function filterSql(filter: ScopedFilter): FilterSql {
  let query = parseSearchQuery(filter.q ?? '');
  if (filter.tag) query = withTag(query, filter.tag);
  const match = toFtsMatch(query);
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.from !== undefined) {
    where.push('m.created_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('m.created_at < ?');
    params.push(filter.to);
  }
  if (filter.direction) {
    where.push('m.direction = ?');
    params.push(filter.direction);
  }
  if (filter.status && filter.status.length > 0) {
    where.push(`m.status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter.contactId !== undefined) {
    // A reply from a known phone stored before the contact existed has no contact_id: the phone
    // still makes it part of that person's conversation.
    where.push('(m.contact_id = ? OR (m.contact_id IS NULL AND m.phone = (SELECT phone FROM contacts WHERE id = ?)))');
    params.push(filter.contactId, filter.contactId);
  }
  if (filter.groupId !== undefined) {
    where.push(GROUP_CONTACTS);
    params.push(filter.groupId);
  }
  if (filter.broadcastId !== undefined) {
    where.push('m.broadcast_id = ?');
    params.push(filter.broadcastId);
  }
  if (filter.carrierId !== undefined) {
    where.push('m.carrier_id = ?');
    params.push(filter.carrierId);
  }
  if (filter.scope) {
    // Their people's traffic, and every message of their own broadcasts (auth/read-scope.ts).
    const term = scopeWhere(filter.scope);
    where.push(term.where);
    params.push(...term.params);
  }
  return { match, where, params, query, from: filter.from ?? null, to: filter.to ?? null };
}

export function whereClause(where: string[]): string {
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}
