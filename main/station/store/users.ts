import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database.js';
import type { Locale, Role, UserView } from '../../../shared/protocol/index.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';

interface UserRow {
  id: number;
  login: string;
  name: string;
  role: Role;
  locale: Locale;
  password_hash: string;
  disabled: number;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function toView(row: UserRow): UserView {
  return { id: row.id, login: row.login, name: row.name, role: row.role, locale: row.locale };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
  constructor(login: string) {
    super(`A user with login "${login}" already exists. Pick another login.`);
  }
}

export class UserRepository {
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

  async setPassword(login: string, password: string): Promise<boolean> {
    const hash = await hashPassword(password);
    return this.db.prepare('UPDATE users SET password_hash = ? WHERE login = ?').run(hash, login).changes > 0;
  }

  byId(id: number): UserView | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ? AND disabled = 0').get(id) as UserRow | undefined;
    return row && toView(row);
  }

  byLogin(login: string): UserView | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE login = ?').get(login) as UserRow | undefined;
    return row && toView(row);
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
      .run(hashToken(token), userId, now, now + SESSION_TTL_MS);
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
    return token;
  }

  /** The session's user while the token is valid; a valid token is extended (sliding expiry). */
  resumeSession(token: string, now = Date.now()): UserView | undefined {
    const hash = hashToken(token);
    const row = this.db
      .prepare(
        `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at >= ? AND u.disabled = 0`,
      )
      .get(hash, now) as UserRow | undefined;
    if (!row) return undefined;
    this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(now + SESSION_TTL_MS, hash);
    return toView(row);
  }

  closeSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  }
}

// A valid hash of a random password, used only to make failed logins cost the same time.
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(32).toString('base64url');
