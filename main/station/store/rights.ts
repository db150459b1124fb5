// The rights matrix the admin edits: each user's role and send scope (DESIGN §3 `rights`).
import type { Db } from './database.js';
import type { Right, RightsMatrix, Role } from '../../../shared/protocol/index.js';

export class RightsRepository {
  constructor(private readonly db: Db) {}

  forUser(userId: number): Right[] {
    return (
      this.db.prepare('SELECT scope, target_id FROM rights WHERE user_id = ? ORDER BY scope, target_id').all(userId) as {
        scope: Right['scope'];
        target_id: number | null;
      }[]
    ).map((r) => ({ scope: r.scope, targetId: r.target_id }));
  }

  matrix(): RightsMatrix {
    const users = this.db.prepare('SELECT id, login, name, role FROM users WHERE disabled = 0 ORDER BY login').all() as {
      id: number;
      login: string;
      name: string;
      role: Role;
    }[];
    return { users: users.map((u) => ({ ...u, rights: this.forUser(u.id) })) };
  }

  /** Replaces a user's rights (and role, when given) in one transaction. */
  replace(userId: number, rights: readonly Right[], role?: Role): void {
    this.db.transaction(() => {
      if (role) this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId);
      this.db.prepare('DELETE FROM rights WHERE user_id = ?').run(userId);
      const insert = this.db.prepare('INSERT OR IGNORE INTO rights (user_id, scope, target_id) VALUES (?, ?, ?)');
      for (const r of rights) insert.run(userId, r.scope, r.scope === 'all' || r.scope === 'manage' ? null : r.targetId);
    })();
  }
}

/** A page of the audit log, newest first; `before` is the id the previous page ended at. */
export function auditPage(db: Db, q: { limit: number; before?: number | undefined; action?: string | undefined }) {
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, target, detail FROM audit
       WHERE (@before IS NULL OR id < @before) AND (@action IS NULL OR action = @action OR action LIKE @action || '.%')
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({ before: q.before ?? null, action: q.action ?? null, limit: q.limit + 1 }) as {
    id: number;
    at: number;
    actor: string;
    action: string;
    target: string | null;
    detail: string | null;
  }[];
  const page = rows.slice(0, q.limit).map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
  return { entries: page, next: rows.length > q.limit ? page[page.length - 1]!.id : null };
}
