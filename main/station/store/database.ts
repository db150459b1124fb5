// Opens the station's SQLite file: WAL (so the CLI can read and write while a station runs),
// foreign keys on, numbered migrations applied in order inside one transaction each, each one
// recorded in `schema_migrations` (user_version is the highest applied).
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The data folder was written by a newer Switchboard (schema ${found}; this version knows up to ${known}). ` +
        'Install the newer version, or point --data at another folder.',
    );
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

export function openDatabase(file: string, migrations: Migration[] = loadMigrations()): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Another process (the CLI) may hold the write lock for a moment: wait rather than fail.
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Migrations that were applied before each one was recorded by number: a database whose
 * user_version had passed one of these has it. Every later migration is recorded when applied,
 * so one numbered below a migration that landed first (parallel work takes numbers from
 * reserved ranges) is still applied to a database that is already past it.
 */
const APPLIED_BEFORE_RECORDING: readonly number[] = [1, 2, 3, 10, 20, 30, 31, 32, 60, 61, 100];

function appliedMigrations(db: Db, current: number): { applied: Set<number>; adopted: boolean } {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) {
    db.transaction(() => {
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
      const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)');
      for (const v of APPLIED_BEFORE_RECORDING) if (v <= current) record.run(v);
    }).immediate();
  }
  return { applied: new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]), adopted: !exists };
}

export function migrate(db: Db, migrations: Migration[]): void {
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = schemaVersion(db);
  if (current > known) throw new SchemaTooNewError(current, known);
  const { applied, adopted } = appliedMigrations(db, current);
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
        db.pragma(`user_version = ${Math.max(m.version, schemaVersion(db))}`);
      }).immediate();
    } catch (err) {
      // A folder from before the recording, past this number: it may have run this one already
      // (a migration not in the list above). Finding its tables or columns there says it did.
      if (!(adopted && m.version <= current && /already exists|duplicate column/i.test((err as Error).message))) throw err;
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(m.version);
    }
  }
}
