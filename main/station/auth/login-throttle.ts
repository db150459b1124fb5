// Failed logins slow down, then lock, per account and per address (issue 14 case 3: 600 wrong
// passwords then the right one used to be accepted). A few mistakes cost nothing; after that each
// failure doubles the wait before the next try is even checked; after `lockAfter` the account (or
// the address) is locked for `lockMinutes`. A try refused for waiting costs no password check and
// is not counted, so a flood cannot lengthen the lock, and the admin sees and lifts locks.
// Stored in SQLite, so the CLI and the admin screen of any desk see the same locks.
import type { Db } from '../store/database.js';
import type { AuditLog } from '../store/audit.js';

export type ThrottleKind = 'account' | 'address';

export interface ThrottleRule {
  /** Failures that cost nothing. */
  free: number;
  /** Wait after the first counted failure; doubles with each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures (within the window) that lock. */
  lockAfter: number;
  lockMs: number;
}

export interface ThrottleRules {
  account: ThrottleRule;
  address: ThrottleRule;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  account: { free: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, lockAfter: 10, lockMs: 15 * 60_000 },
  // An address may be a shared desk or a NAT: more room, then the same lock.
  address: { free: 10, baseDelayMs: 1_000, maxDelayMs: 60_000, lockAfter: 30, lockMs: 15 * 60_000 },
  windowMs: 60 * 60_000,
};

export type ThrottleVerdict = { ok: true } | { ok: false; kind: ThrottleKind; locked: boolean; waitMs: number };

export interface LoginLock {
  kind: ThrottleKind;
  key: string;
  failures: number;
  lastFailureAt: number;
  /** Set while locked. */
  lockedUntil: number | null;
  /** Set while a delay applies (not locked). */
  retryAt: number | null;
}

interface Row {
  kind: ThrottleKind;
  key: string;
  failures: number;
  first_at: number;
  last_at: number;
  locked_until: number | null;
}

export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly rules: ThrottleRules = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a login for `login` from `address` may be checked now. */
  check(login: string, address: string): ThrottleVerdict {
    const now = this.now();
    let worst: ThrottleVerdict = { ok: true };
    for (const [kind, key] of this.keys(login, address)) {
      const row = this.row(kind, key);
      if (!row || now - row.last_at > this.rules.windowMs) continue;
      const waitUntil = this.blockedUntil(kind, row);
      if (waitUntil > now && (worst.ok || waitUntil - now > worst.waitMs)) {
        worst = { ok: false, kind, locked: row.locked_until !== null && row.locked_until > now, waitMs: waitUntil - now };
      }
    }
    return worst;
  }

  /** Counts a wrong password; locks (and audits the lock) when a rule's limit is reached. */
  failed(login: string, address: string): void {
    const now = this.now();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM login_throttle WHERE last_at < ? AND (locked_until IS NULL OR locked_until < ?)').run(now - this.rules.windowMs, now);
      for (const [kind, key] of this.keys(login, address)) {
        const rule = this.rules[kind];
        const row = this.row(kind, key);
        const failures = (row ? row.failures : 0) + 1;
        const lock = failures >= rule.lockAfter ? now + rule.lockMs : null;
        this.db
          .prepare(
            `INSERT INTO login_throttle (kind, key, failures, first_at, last_at, locked_until) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (kind, key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at,
               locked_until = coalesce(excluded.locked_until, locked_until)`,
          )
          .run(kind, key, failures, row?.first_at ?? now, now, lock);
        if (lock !== null) {
          this.audit.record({ userId: null, name: kind === 'account' ? key : 'anonymous' }, 'login.locked', `${kind}:${key}`, {
            failures,
            until: new Date(lock).toISOString(),
          });
        }
      }
    })();
  }

  /** A right password: the account's failures are forgotten (the address's stay, see docs/security.md). */
  succeeded(login: string): void {
    this.db.prepare(`DELETE FROM login_throttle WHERE kind = 'account' AND key = ?`).run(normalLogin(login));
  }

  /** Wrong passwords from this address within the window (the password-check queue's rank). */
  recentFailures(address: string): number {
    const row = this.row('address', address);
    return row && this.now() - row.last_at <= this.rules.windowMs ? row.failures : 0;
  }

  /** Every account and address that is locked or waiting now, for the admin screen. */
  current(): LoginLock[] {
    const now = this.now();
    const rows = this.db.prepare('SELECT * FROM login_throttle WHERE last_at >= ? ORDER BY last_at DESC').all(now - this.rules.windowMs) as Row[];
    const out: LoginLock[] = [];
    for (const row of rows) {
      const until = this.blockedUntil(row.kind, row);
      const locked = row.locked_until !== null && row.locked_until > now;
      if (until <= now && !locked) continue;
      out.push({
        kind: row.kind,
        key: row.key,
        failures: row.failures,
        lastFailureAt: row.last_at,
        lockedUntil: locked ? row.locked_until : null,
        retryAt: locked ? null : until,
      });
    }
    return out;
  }

  /** Lifts a lock and forgets the failures; false when there was none. */
  unlock(kind: ThrottleKind, key: string): boolean {
    return this.db.prepare('DELETE FROM login_throttle WHERE kind = ? AND key = ?').run(kind, kind === 'account' ? normalLogin(key) : key).changes > 0;
  }

  private keys(login: string, address: string): [ThrottleKind, string][] {
    return [
      ['account', normalLogin(login)],
      ['address', address],
    ];
  }

  private row(kind: ThrottleKind, key: string): Row | undefined {
    return this.db.prepare('SELECT * FROM login_throttle WHERE kind = ? AND key = ?').get(kind, key) as Row | undefined;
  }

  private blockedUntil(kind: ThrottleKind, row: Row): number {
    const rule = this.rules[kind];
    if (row.locked_until !== null && row.locked_until > this.now()) return row.locked_until;
    const counted = row.failures - rule.free;
    if (counted <= 0) return 0;
    return row.last_at + Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** (counted - 1));
  }
}

function normalLogin(login: string): string {
  return login.trim().toLowerCase().slice(0, 100);
}
