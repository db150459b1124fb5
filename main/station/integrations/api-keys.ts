// API keys: created for a user, shown once, stored as SHA-256 (a key has 256 bits of entropy,
// so a fast hash is safe and lets us find the key by its hash), revocable, last use recorded.
// A key acts with its user's rights. For MTS Communicator scripts a key also answers the sign-in
// they carry (docs/mts-compat.md): an MTS login + MD5 of a password the administrator sets on the
// key, the old MTS token, or (keys flagged legacy) the user's login + MD5 of the key itself.
import { stmt } from '../store/statements.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/database.js';
import type { Role } from '../../../shared/protocol/index.js';
import { StationError } from '../errors.js';
import { activeUser } from '../auth/door-check.js';
import { DoorGeneration } from '../auth/door-generation.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { WorkQueue } from '../auth/work-queue.js';
import { msg } from '../i18n/text.js';

export const KEY_PREFIX = 'sb_';

/** How stale a key's "last used" may be. */
const LAST_USED_STEP_MS = 60_000;

export interface ApiKeyView {
  id: number;
  userId: number;
  userLogin: string;
  name: string;
  /** The first characters of the key, enough to tell keys apart in a list. */
  prefix: string;
  legacy: boolean;
  /** The MTS login old scripts sign in with, when the administrator set one. */
  m2mLogin: string | null;
  /** Whether an MTS password (login + MD5) is set. */
  m2mPassword: boolean;
  /** Whether an old MTS token is set. */
  m2mToken: boolean;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  /** The key's own rate limit; null where the station's default applies. */
  ratePerMinute: number | null;
  burst: number | null;
}

/** A key's own rate limit figures; null (or absent) = the station's default. */
export interface KeyLimits {
  ratePerMinute?: number | null | undefined;
  burst?: number | null | undefined;
}

/** What an administrator changes of a key's MTS sign-in: absent = unchanged, null = removed. */
export interface M2mSignIn {
  login?: string | null;
  password?: string | null;
  token?: string | null;
}

/** Who is calling: the key and the user it acts for. */
export interface KeyHolder {
  keyId: number;
  prefix: string;
  userId: number;
  login: string;
  role: Role;
  /** The key's own rate limit, read with the key: the door's limiter need not ask again. */
  limits?: OwnLimits;
}

/** A key's own rate limit figures as the limiter takes them; absent = the station's default. */
export interface OwnLimits {
  perMinute?: number;
  burst?: number;
}

const ownLimits = (perMinute: number | null, burst: number | null): OwnLimits => ({
  ...(perMinute !== null ? { perMinute } : {}),
  ...(burst !== null ? { burst } : {}),
});

interface KeyRow {
  id: number;
  user_id: number;
  login: string;
  name: string;
  prefix: string;
  legacy: number;
  m2m_login: string | null;
  m2m_password_hash: string | null;
  m2m_token_hash: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  rate_per_minute: number | null;
  rate_burst: number | null;
  role: Role;
  disabled: number;
}

function checkedLimit(n: number | null | undefined): number | null {
  if (n === null || n === undefined) return null;
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
    throw new StationError('bad_request', msg('apikey.badLimit'), 'limits');
  }
  return n;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const md5hex = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

const SELECT = `SELECT k.*, u.login, u.role, u.disabled FROM api_keys k JOIN users u ON u.id = k.user_id`;

function toView(r: KeyRow): ApiKeyView {
  return {
    id: r.id,
    userId: r.user_id,
    userLogin: r.login,
    name: r.name,
    prefix: r.prefix,
    legacy: r.legacy === 1,
    m2mLogin: r.m2m_login,
    m2mPassword: r.m2m_password_hash !== null,
    m2mToken: r.m2m_token_hash !== null,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    ratePerMinute: r.rate_per_minute,
    burst: r.rate_burst,
  };
}

// A verified login + MD5 is remembered for a while: scripts call every few seconds, and scrypt
// (what keeps a leaked database from giving up the passwords) costs tens of milliseconds each time.
const VERIFIED_TTL_MS = 10 * 60_000;

/** Live keys remembered; only keys that authenticated get in, so a flood of forged ones cannot fill it. */
const LIVE_MAX = 1_000;

interface LiveKey {
  generation: number;
  holder: KeyHolder;
  lastUsedAt: number;
}

export class ApiKeyRepository {
  private readonly limitsStmt;
  private readonly byHashStmt;
  private readonly generation: DoorGeneration;
  // A key read from the database and its user, kept while no user or key has changed anywhere
  // (DoorGeneration): the hash and two SELECTs cost most of a keyed call's own CPU. Held by the key
  // as sent, already in this process's memory with every request; the database keeps only hashes.
  private readonly live = new Map<string, LiveKey>();
  private readonly liveLimits = new Map<number, { generation: number; limits: OwnLimits | undefined }>();
  private readonly verified = new Map<string, { keyId: number; until: number }>();
  // One check at a time, two per address: guessed passwords from one script cannot take the CPU
  // (the control room's logins have their own queue, auth/login-guard.ts).
  private readonly checks = new WorkQueue(1, 16, 2);

  constructor(private readonly db: Db) {
    this.limitsStmt = stmt(db, 'SELECT rate_per_minute AS perMinute, rate_burst AS burst FROM api_keys WHERE id = ?');
    this.byHashStmt = stmt(db, `${SELECT} WHERE k.key_hash = ?`);
    this.generation = DoorGeneration.of(db);
  }

  /** Creates a key for the user; the returned `key` is the only time it exists in clear. */
  create(login: string, name: string, legacy = false, now = Date.now(), limits: KeyLimits = {}): { key: string; view: ApiKeyView } {
    const user = stmt(this.db, 'SELECT id, disabled FROM users WHERE login = ?').get(login) as
      | { id: number; disabled: number }
      | undefined;
    if (!user) throw new StationError('not_found', msg('apikey.noUser', { login }), 'user');
    if (user.disabled) throw new StationError('bad_request', msg('apikey.userDisabled', { login }), 'user');
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const prefix = key.slice(0, KEY_PREFIX.length + 6);
    const { id } = stmt(this.db, 
        `INSERT INTO api_keys (user_id, name, key_hash, prefix, legacy, legacy_hash, created_at, rate_per_minute, rate_burst)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        user.id,
        name.trim() || 'API key',
        sha256(key),
        prefix,
        legacy ? 1 : 0,
        legacy ? sha256(md5hex(key)) : null,
        now,
        checkedLimit(limits.ratePerMinute),
        checkedLimit(limits.burst),
      ) as {
      id: number;
    };
    return { key, view: this.byId(id)! };
  }

  byId(id: number): ApiKeyView | undefined {
    const row = stmt(this.db, `${SELECT} WHERE k.id = ?`).get(id) as KeyRow | undefined;
    return row && toView(row);
  }

  list(): ApiKeyView[] {
    return (stmt(this.db, `${SELECT} ORDER BY k.revoked_at IS NOT NULL, k.id DESC`).all() as KeyRow[]).map(toView);
  }

  /** Sets (or, with null, clears back to the default) a key's own rate limit. False when there is no such key. */
  setLimits(id: number, limits: KeyLimits): boolean {
    const ratePerMinute = checkedLimit(limits.ratePerMinute);
    const burst = checkedLimit(limits.burst);
    return stmt(this.db, 'UPDATE api_keys SET rate_per_minute = ?, rate_burst = ? WHERE id = ?').run(ratePerMinute, burst, id).changes > 0;
  }

  /** The key's own figures, for the rate limiter (asked on every call: a primary-key read). */
  limits(id: number): OwnLimits | undefined {
    const generation = this.generation.now();
    const kept = this.liveLimits.get(id);
    if (kept && kept.generation === generation) return kept.limits;
    const row = this.limitsStmt.get(id) as { perMinute: number | null; burst: number | null } | undefined;
    const limits = row && ownLimits(row.perMinute, row.burst);
    if (this.generation.settled()) {
      if (this.liveLimits.size >= LIVE_MAX) this.liveLimits.clear();
      this.liveLimits.set(id, { generation, limits });
    }
    return limits;
  }

  /** Returns false when there is no such key or it was revoked before. */
  revoke(id: number, now = Date.now()): boolean {
    return stmt(this.db, 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0;
  }

  /** The holder of a live key, or undefined for an unknown, revoked or disabled-user key. */
  authenticate(key: string, now = Date.now()): KeyHolder | undefined {
    if (!key.startsWith(KEY_PREFIX) || key.length > 100) return undefined;
    const kept = this.live.get(key);
    // Past the step, the slow way: it records the use.
    if (kept && kept.generation === this.generation.now() && now - kept.lastUsedAt < LAST_USED_STEP_MS) return kept.holder;
    const row = this.byHashStmt.get(sha256(key)) as KeyRow | undefined;
    const holder = this.holder(row, now);
    if (!holder) {
      this.live.delete(key);
      return undefined;
    }
    // Read after holder() wrote last_used_at: that write moved the generation, and must not void this.
    if (this.generation.settled()) {
      if (this.live.size >= LIVE_MAX) this.live.clear();
      const used = row!.last_used_at;
      const lastUsedAt = used === null || now - used >= LAST_USED_STEP_MS ? now : used;
      this.live.set(key, { generation: this.generation.now(), holder, lastUsedAt });
    }
    return holder;
  }

  /** MTS API 1.45 style: user login + MD5-hex of a legacy key. Only keys flagged legacy answer. */
  authenticateLegacy(login: string, md5: string, now = Date.now()): KeyHolder | undefined {
    if (!/^[0-9a-f]{32}$/i.test(md5)) return undefined;
    const row = stmt(this.db, `${SELECT} WHERE k.legacy_hash = ? AND k.legacy = 1`).get(sha256(md5.toLowerCase())) as
      | KeyRow
      | undefined;
    if (row && row.login.toLowerCase() !== login.toLowerCase()) return undefined;
    return this.holder(row, now);
  }

  /** A key by the old MTS token set on it (sent as `password` with an empty login, or as Bearer). */
  authenticateToken(token: string, now = Date.now()): KeyHolder | undefined {
    if (token.length < 16 || token.length > 200) return undefined;
    return this.holder(stmt(this.db, `${SELECT} WHERE k.m2m_token_hash = ?`).get(sha256(token.trim())) as KeyRow | undefined, now);
  }

  /**
   * MTS style: the login set on a key + MD5-hex of the password set on it. The password check runs
   * in a bounded queue, a share per address (`from`); throws QueueFullError past it. `cachedOnly`:
   * answer only from pairs verified lately, never checking (an address past its limit of failures).
   */
  async authenticateM2m(login: string, md5: string, from: { address: string; cachedOnly?: boolean }, now = Date.now()): Promise<KeyHolder | undefined> {
    if (!/^[0-9a-f]{32}$/i.test(md5) || login.length === 0 || login.length > 100) return undefined;
    const row = stmt(this.db, `${SELECT} WHERE k.m2m_login = ? COLLATE NOCASE AND k.revoked_at IS NULL AND k.m2m_password_hash IS NOT NULL`)
      .get(login.trim()) as KeyRow | undefined;
    if (!row) return undefined;
    const cacheKey = sha256(`${row.id}\n${row.m2m_password_hash}\n${md5.toLowerCase()}`);
    const hit = this.verified.get(cacheKey);
    if (!hit || hit.until < now) {
      if (from.cachedOnly) return undefined;
      if (!(await this.checks.run(from.address, () => verifyPassword(md5.toLowerCase(), row.m2m_password_hash!)))) return undefined;
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(cacheKey, { keyId: row.id, until: now + VERIFIED_TTL_MS });
    }
    // Read again: the key may have been revoked or its user disabled while scrypt ran.
    return this.holder(stmt(this.db, `${SELECT} WHERE k.id = ?`).get(row.id) as KeyRow | undefined, now);
  }

  /** Sets or removes a key's MTS login, password and token; throws a 400 naming the field at fault. */
  async setM2m(id: number, change: M2mSignIn): Promise<ApiKeyView> {
    const key = this.byId(id);
    if (!key) throw new StationError('not_found', msg('apikey.noKey', { id }), 'id');
    if (key.revokedAt !== null) throw new StationError('bad_request', msg('m2m.keyRevoked', { prefix: key.prefix }), 'id');
    const login = change.login === undefined ? key.m2mLogin : change.login === null ? null : change.login.trim();
    if (login !== null && (login.length === 0 || login.length > 100 || /[\s]/.test(login))) {
      throw new StationError('bad_request', msg('m2m.badLogin'), 'login');
    }
    if (change.password && (change.password.length < 8 || change.password.length > 200)) {
      throw new StationError('bad_request', msg('m2m.shortPassword'), 'password');
    }
    if (change.token && (change.token.trim().length < 16 || change.token.length > 200)) {
      throw new StationError('bad_request', msg('m2m.shortToken'), 'token');
    }
    // scrypt of the MD5-hex: the script sends MD5(password), so that is what is checked.
    const passwordHash = change.password ? await hashPassword(md5hex(change.password)) : undefined;
    const tokenHash = change.token ? sha256(change.token.trim()) : undefined;
    try {
      this.db.transaction(() => {
        stmt(this.db, 'UPDATE api_keys SET m2m_login = ? WHERE id = ?').run(login, id);
        if (change.password === null || (login === null && change.password === undefined)) {
          stmt(this.db, 'UPDATE api_keys SET m2m_password_hash = NULL WHERE id = ?').run(id);
        } else if (passwordHash) stmt(this.db, 'UPDATE api_keys SET m2m_password_hash = ? WHERE id = ?').run(passwordHash, id);
        if (change.token === null) stmt(this.db, 'UPDATE api_keys SET m2m_token_hash = NULL WHERE id = ?').run(id);
        else if (tokenHash) stmt(this.db, 'UPDATE api_keys SET m2m_token_hash = ? WHERE id = ?').run(tokenHash, id);
        const after = this.byId(id)!;
        if (after.m2mPassword && after.m2mLogin === null) {
          throw new StationError('bad_request', msg('m2m.passwordNeedsLogin'), 'login');
        }
      })();
    } catch (err) {
      if (err instanceof Error && /UNIQUE/.test(err.message)) {
        const field = /m2m_token/.test(err.message) ? 'token' : 'login';
        throw new StationError('bad_request', field === 'token' ? msg('m2m.tokenTaken') : msg('m2m.loginTaken', { login: login ?? '' }), field);
      }
      throw err;
    }
    this.verified.clear();
    return this.byId(id)!;
  }

  /** Whether this key exists but was revoked: the audit line says so. */
  describeFailure(key: string): 'revoked' | 'unknown' {
    const row = stmt(this.db, 'SELECT revoked_at FROM api_keys WHERE key_hash = ?').get(sha256(key)) as
      | { revoked_at: number | null }
      | undefined;
    return row?.revoked_at ? 'revoked' : 'unknown';
  }

  private holder(row: KeyRow | undefined, now: number): KeyHolder | undefined {
    if (!row || row.revoked_at !== null) return undefined;
    const user = activeUser(this.db, { userId: row.user_id });
    if (!user) return undefined;
    // "Last used" to the minute: a write per call would cost a commit on every request of a busy script.
    if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_STEP_MS) {
      stmt(this.db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
    }
    return { keyId: row.id, prefix: row.prefix, userId: user.id, login: user.login, role: user.role, limits: ownLimits(row.rate_per_minute, row.rate_burst) };
  }
}
