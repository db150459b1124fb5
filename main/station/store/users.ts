import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database.js';
import type { Locale, Role, UserView } from '../../../shared/protocol/index.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { activeUser } from '../auth/door-check.js';

interface UserRow {
  id: number;
  login: string;
  name: string;
  role: Role;
  locale: Locale;
  password_hash: string;
  disabled: number;
  created_at: number;
}

/** A user as the admin screen sees it: disabled ones included, the last login from the audit log. */
export interface UserAdminRow extends UserView {
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

export interface UserPatch {
  name?: string | undefined;
  role?: Role | undefined;
  locale?: Locale | undefined;
  disabled?: boolean | undefined;
}

export type SessionEndReason = 'logout' | 'disabled' | 'role' | 'password' | 'closed' | 'expired';

/** Sessions that just ended: one (by token hash) or all of a user's. */
export type SessionsEnded = { tokenHash: string; reason: SessionEndReason } | { userId: number; reason: SessionEndReason };

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function toView(row: UserRow): UserView {
  return { id: row.id, login: row.login, name: row.name, role: row.role, locale: row.locale };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
  constructor(readonly login: string) {
    super(`A user with login "${login}" already exists. Pick another login.`);
  }
}

export class UserRepository {
  /** How long a session lives after its last use; the station sets it from the stored settings. */
  sessionTtlMs: () => number = () => SESSION_TTL_MS;
  private readonly endedListeners: ((ended: SessionsEnded) => void)[] = [];

  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async create(input: { login: string; name?: string; role: Role; password: string; locale?: Locale }): Promise<UserView> {
    const hash = await hashPassword(input.password);
    try {
      const row = this.db
        .prepare(
          `INSERT INTO users (login, name, role, password_hash, locale, created_at)
           VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(input.login, input.name ?? input.login, input.role, hash, input.locale ?? 'ru', Date.now()) as UserRow;
      return toView(row);
    } catch (err) {
      if (err instanceof Error && /UNIQUE/.test(err.message)) throw new UserExistsError(input.login);
      throw err;
    }
  }

  /** Sets the password and ends every session of the user (whoever knew the old one is out). */
  async setPassword(login: string, password: string): Promise<boolean> {
    const row = this.db.prepare('SELECT id FROM users WHERE login = ?').get(login) as { id: number } | undefined;
    return row ? this.setPasswordById(row.id, password) : false;
  }

  /** Called when sessions end in this process: the ws server closes their sockets at once. */
  onSessionsEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.endedListeners.push(listener);
    return () => this.endedListeners.splice(this.endedListeners.indexOf(listener), 1);
  }

  private ended(e: SessionsEnded): void {
    for (const l of [...this.endedListeners]) l(e);
  }

  /** The enabled user with this id (the door check: a disabled user is nobody). */
  byId(id: number): UserView | undefined {
    return activeUser(this.db, { userId: id });
  }

  /** The enabled user with this login (the door check: a disabled user is nobody). */
  byLogin(login: string): UserView | undefined {
    return activeUser(this.db, { login });
  }

  /** The user when login and password match an enabled account, else undefined. */
  async authenticate(login: string, password: string): Promise<UserView | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE login = ?').get(login) as UserRow | undefined;
    if (!row || row.disabled) {
      // Spend the same time as a real check so a login's existence cannot be timed.
      await verifyPassword(password, DUMMY_HASH);
      return undefined;
    }
    return (await verifyPassword(password, row.password_hash)) ? toView(row) : undefined;
  }

  openSession(userId: number, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), userId, now, now + this.sessionTtlMs());
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
    return token;
  }

  /** The session's user while the token is valid; a valid token is extended (sliding expiry). */
  resumeSession(token: string, now = Date.now()): UserView | undefined {
    const hash = hashToken(token);
    const row = this.db.prepare('SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at >= ?').get(hash, now) as
      | { user_id: number }
      | undefined;
    const user = row && activeUser(this.db, { userId: row.user_id });
    if (!user) return undefined;
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(now + this.sessionTtlMs(), hash);
    return user;
  }

  closeSession(token: string, reason: SessionEndReason = 'logout'): void {
    const tokenHash = hashToken(token);
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    this.ended({ tokenHash, reason });
  }

  /**
   * The user behind a connected desk's token, checked on every request so that a disabled user,
   * a reset password or a changed role takes effect at once. Extends the session like resume,
   * but writes at most once a minute: a busy desk must not turn every request into a write.
   */
  sessionUser(token: string, now = Date.now()): UserView | undefined {
    const hash = hashToken(token);
    const row = this.db.prepare('SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at >= ?').get(hash, now) as
      | { user_id: number; expires_at: number }
      | undefined;
    const user = row && activeUser(this.db, { userId: row.user_id });
    if (!row || !user) return undefined;
    const next = now + this.sessionTtlMs();
    if (next - row.expires_at > 60_000) this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(next, hash);
    return user;
  }

  /** Ends every session of the user (disabled, password reset); returns how many there were. */
  closeSessionsOf(userId: number, reason: SessionEndReason = 'closed'): number {
    const n = this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
    this.ended({ userId, reason });
    return n;
  }

  /** Whether a session with this token hash is alive now (the ws push path asks before sending). */
  sessionAlive(tokenHash: string, now = Date.now()): { userId: number; expiresAt: number } | undefined {
    const row = this.db.prepare('SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at >= ?').get(tokenHash, now) as
      | { user_id: number; expires_at: number }
      | undefined;
    return row && { userId: row.user_id, expiresAt: row.expires_at };
  }

  /** Every user, disabled ones too, by login. */
  listForAdmin(): UserAdminRow[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY login').all() as UserRow[];
    return rows.map((r) => this.adminRow(r));
  }

  /** One user, disabled or not (byId leaves disabled users out). */
  forAdmin(id: number): UserAdminRow | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && this.adminRow(row);
  }

  /** Enabled administrators: the station refuses to leave none. */
  activeAdminCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0`).get() as { n: number }).n;
  }

  /**
   * Changes the user; disabling or a new role ends every session of the user, so each desk logs in
   * again under what the user is now. Returns how many sessions that closed.
   */
  update(id: number, patch: UserPatch): { sessionsClosed: number } {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) return { sessionsClosed: 0 };
    this.db
      .prepare('UPDATE users SET name = ?, role = ?, locale = ?, disabled = ? WHERE id = ?')
      .run(
        patch.name ?? row.name,
        patch.role ?? row.role,
        patch.locale ?? row.locale,
        patch.disabled === undefined ? row.disabled : patch.disabled ? 1 : 0,
        id,
      );
    if (patch.disabled === true && !row.disabled) return { sessionsClosed: this.closeSessionsOf(id, 'disabled') };
    if (patch.role !== undefined && patch.role !== row.role) return { sessionsClosed: this.closeSessionsOf(id, 'role') };
    return { sessionsClosed: 0 };
  }

  async setPasswordById(id: number, password: string): Promise<boolean> {
    const hash = await hashPassword(password);
    const changed = this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, id).changes > 0;
    if (changed) this.closeSessionsOf(id, 'password');
    return changed;
  }

  private adminRow(row: UserRow): UserAdminRow {
    // An index seek (migration 0030): the audit log grows with every send.
    const last = this.db
      .prepare(`SELECT max(at) AS at FROM audit WHERE user_id = ? AND action = 'login'`)
      .get(row.id) as { at: number | null };
    return { ...toView(row), disabled: row.disabled === 1, createdAt: row.created_at, lastLoginAt: last.at };
  }
}

// A valid hash of a random password, used only to make failed logins cost the same time.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(32).toString('base64url');
