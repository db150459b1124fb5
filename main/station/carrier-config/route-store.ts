// The routes the station runs, in the `carriers` table: settings as config.json writes them
// (secrets apart, sealed), position, on/off, preferred operators, rate limit. config.json seeds it:
// an entry is added once, and applied again only when the file's entry itself changes (its hash),
// so what the admin changed on screen is not undone by every restart, and an edit of the file
// still reaches the station.
import { createHash } from 'node:crypto';
import type { CarrierKind } from '../../../shared/protocol/index.js';
import { SECRET_FIELDS } from '../../../shared/protocol/index.js';
import type { Db } from '../store/database.js';
import type { Sealer } from './sealed.js';

export interface RouteRow {
  id: string;
  kind: CarrierKind;
  name: string;
  /** Settings without kind, id, name and secrets. */
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  position: number;
  enabled: boolean;
  operators: string[];
  rateLimit: number | null;
  source: 'config' | 'screen';
}

interface Raw {
  id: string;
  kind: CarrierKind;
  name: string;
  settings: string;
  secrets: string | null;
  priority: number;
  enabled: number;
  operators: string;
  rate_limit: number | null;
  source: 'config' | 'screen';
  seed_hash: string | null;
  deleted_at: number | null;
}

/** Reads a dotted path of a settings object. */
export function getPath(o: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((at, k) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined), o);
}

/**
 * Writes a dotted path, making objects on the way; undefined removes the key. Removing never
 * makes objects: an empty `send.auth` where the config had none would no longer parse.
 */
export function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') {
      if (value === undefined) return;
      at[k] = {};
    }
    at = at[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/** A route as config.json writes it, split into its settings and its secrets. */
export function splitRoute(entry: Record<string, unknown>): { kind: CarrierKind; id: string; name: string; settings: Record<string, unknown>; secrets: Record<string, string>; operators: string[]; priority: number | null } {
  const { kind, id, name, priority, operators, ...rest } = entry as Record<string, unknown> & { kind: CarrierKind; id: string };
  const settings = structuredClone(rest);
  const secrets: Record<string, string> = {};
  for (const path of SECRET_FIELDS[kind] ?? []) {
    const v = getPath(settings, path);
    if (typeof v === 'string' && v !== '') secrets[path] = v;
    setPath(settings, path, undefined);
  }
  return {
    kind,
    id: String(id),
    name: typeof name === 'string' && name !== '' ? name : String(id),
    settings,
    secrets,
    operators: Array.isArray(operators) ? operators.map(String) : [],
    priority: typeof priority === 'number' ? priority : null,
  };
}

/** The route as config.json would write it: what the carrier factories take. */
export function joinRoute(row: Pick<RouteRow, 'kind' | 'id' | 'name' | 'settings' | 'secrets'>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...structuredClone(row.settings), kind: row.kind, id: row.id, name: row.name };
  for (const [path, value] of Object.entries(row.secrets)) setPath(out, path, value);
  return out;
}

const hashOf = (entry: unknown) => createHash('sha256').update(JSON.stringify(entry)).digest('hex');

export class RouteStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  /** Routes not removed, first tried first. */
  list(): RouteRow[] {
    return (this.db.prepare('SELECT * FROM carriers WHERE deleted_at IS NULL ORDER BY priority, created_at, id').all() as Raw[]).map((r) => this.row(r));
  }

  get(id: string): RouteRow | undefined {
    const r = this.db.prepare('SELECT * FROM carriers WHERE id = ? AND deleted_at IS NULL').get(id) as Raw | undefined;
    return r && this.row(r);
  }

  /** An id no route (not even a removed one) has: `smpp-2` after `smpp-1`. */
  freeId(kind: CarrierKind): string {
    const taken = new Set(this.db.prepare('SELECT id FROM carriers').pluck().all() as string[]);
    for (let n = 1; ; n++) if (!taken.has(`${kind}-${n}`)) return `${kind}-${n}`;
  }

  save(row: RouteRow, now = Date.now()): void {
    const sealed = Object.keys(row.secrets).length > 0 ? this.sealer.seal(JSON.stringify(row.secrets)) : null;
    this.db
      .prepare(
        `INSERT INTO carriers (id, kind, name, settings, secrets, priority, enabled, operators, rate_limit, source, created_at, updated_at)
         VALUES (@id, @kind, @name, @settings, @secrets, @priority, @enabled, @operators, @rateLimit, @source, @now, @now)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, settings = excluded.settings,
           secrets = excluded.secrets, priority = excluded.priority, enabled = excluded.enabled, operators = excluded.operators,
           rate_limit = excluded.rate_limit, deleted_at = NULL, updated_at = excluded.updated_at`,
      )
      .run({
        id: row.id,
        kind: row.kind,
        name: row.name,
        settings: JSON.stringify(row.settings),
        secrets: sealed,
        priority: row.position,
        enabled: row.enabled ? 1 : 0,
        operators: JSON.stringify(row.operators),
        rateLimit: row.rateLimit,
        source: row.source,
        now,
      });
  }

  /** Kept as a tombstone, so a config.json entry of the same id does not bring it back. */
  remove(id: string, now = Date.now()): void {
    this.db.prepare('UPDATE carriers SET deleted_at = ?, enabled = 0, secrets = NULL, updated_at = ? WHERE id = ?').run(now, now, id);
  }

  setEnabled(id: string, enabled: boolean, now = Date.now()): void {
    this.db.prepare('UPDATE carriers SET enabled = ?, updated_at = ? WHERE id = ?').run(enabled ? 1 : 0, now, id);
  }

  /** Positions 1…n in this order. */
  reorder(ids: readonly string[], now = Date.now()): void {
    const set = this.db.prepare('UPDATE carriers SET priority = ?, updated_at = ? WHERE id = ?');
    this.db.transaction(() => ids.forEach((id, i) => set.run(i + 1, now, id)))();
  }

  /**
   * config.json's routes: each new one added, each one whose entry changed since it was seeded
   * applied again (the file was edited on purpose). Returns the ids added or updated.
   */
  seed(entries: readonly Record<string, unknown>[], now = Date.now()): string[] {
    const touched: string[] = [];
    this.db.transaction(() => {
      let position = (this.db.prepare('SELECT coalesce(max(priority), 0) FROM carriers WHERE deleted_at IS NULL').pluck().get() as number) + 1;
      for (const entry of entries) {
        const hash = hashOf(entry);
        const split = splitRoute(entry);
        const existing = this.db.prepare('SELECT seed_hash, deleted_at, priority, enabled FROM carriers WHERE id = ?').get(split.id) as
          | { seed_hash: string | null; deleted_at: number | null; priority: number; enabled: number }
          | undefined;
        if (existing && existing.seed_hash === hash) continue;
        const row: RouteRow = {
          id: split.id,
          kind: split.kind,
          name: split.name,
          settings: split.settings,
          secrets: split.secrets,
          position: split.priority ?? existing?.priority ?? position++,
          enabled: existing && existing.deleted_at === null ? existing.enabled === 1 : true,
          operators: split.operators,
          rateLimit: existing ? (this.get(split.id)?.rateLimit ?? null) : null,
          source: 'config',
        };
        this.save(row, now);
        this.db.prepare(`UPDATE carriers SET source = 'config', seed_hash = ? WHERE id = ?`).run(hash, split.id);
        touched.push(split.id);
      }
    })();
    return touched;
  }

  /** Whether the table has ever held a route (removed ones count): a station set up on screen stays so. */
  everSeeded(): boolean {
    return this.db.prepare('SELECT 1 FROM carriers LIMIT 1').get() !== undefined;
  }

  private row(r: Raw): RouteRow {
    let secrets: Record<string, string> = {};
    if (r.secrets) {
      try {
        secrets = JSON.parse(this.sealer.open(r.secrets)) as Record<string, string>;
      } catch {
        // A key file lost or replaced: the secrets cannot be read; the admin types them again.
        secrets = {};
      }
    }
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      settings: JSON.parse(r.settings) as Record<string, unknown>,
      secrets,
      position: r.priority,
      enabled: r.enabled === 1,
      operators: JSON.parse(r.operators) as string[],
      rateLimit: r.rate_limit,
      source: r.source,
    };
  }
}
