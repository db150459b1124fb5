// Prepared statements kept per connection and SQL text. Preparing costs more than running most of
// our statements (~10–30 µs against a few), and a single REST send used to prepare a dozen:
// statements on the per-send and per-reply paths come from here. `pluck` is part of the key, since
// it changes the statement itself.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

const cache = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

export function stmt(db: Db, sql: string, mode: 'rows' | 'pluck' = 'rows'): Statement<unknown[]> {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  const key = mode === 'pluck' ? `pluck\u0000${sql}` : sql;
  let st = byDb.get(key);
  if (!st) {
    st = db.prepare(sql);
    if (mode === 'pluck') st.pluck();
    byDb.set(key, st);
  }
  return st;
}
