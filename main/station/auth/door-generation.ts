// A number that moves whenever a user or an API key may have changed: what lets a door keep what
// it read of a key and its user between requests (integrations/api-keys.ts) and still refuse a key
// revoked, or a user disabled, a moment ago on the very next request. Two sources, both needed:
// - writes on this connection, whatever code path makes them: TEMP triggers on `users` and
//   `api_keys` call a function registered here (they exist only on this connection, so the CLI's
//   database is not touched);
// - commits by any other connection (the `switchboard` CLI on the same file while a station runs):
//   `PRAGMA data_version` changes then, and only then, and it is read on every request.
// Either moves the generation more often than needed (any commit elsewhere, a rolled-back write
// here); never less.
import type { Db } from '../store/database.js';

const FUNCTION = 'switchboard_door_changed';

export class DoorGeneration {
  private own = 0;
  private seenVersion: number;
  private readonly dataVersion;

  private constructor(private readonly db: Db) {
    db.function(FUNCTION, { deterministic: false }, () => {
      this.own++;
      return null;
    });
    for (const table of ['users', 'api_keys']) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${FUNCTION}_${table}_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN SELECT ${FUNCTION}(); END`);
      }
    }
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.seenVersion = this.dataVersion.get() as number;
  }

  /** The current generation: equal to an earlier one only if no user or key changed in between. */
  now(): number {
    const version = this.dataVersion.get() as number;
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      this.own++;
    }
    return this.own;
  }

  /**
   * Whether what is read now may be kept: not inside a transaction, which could still roll back
   * what it wrote (the generation moved, but what was read then was never committed).
   */
  settled(): boolean {
    return !this.db.inTransaction;
  }

  private static readonly byDb = new WeakMap<Db, DoorGeneration>();

  /** One per connection: a second set of triggers or a second function would split the count. */
  static of(db: Db): DoorGeneration {
    let g = DoorGeneration.byDb.get(db);
    if (!g) {
      g = new DoorGeneration(db);
      DoorGeneration.byDb.set(db, g);
    }
    return g;
  }
}
