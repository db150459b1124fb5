import { stmt } from './statements.js';
import type { Db } from './database.js';

export interface Actor {
  /** null for the system itself (outbox, escalation timer). */
  userId: number | null;
  /** How the actor is named in the log: a login, `apikey:prefix`, `system`. */
  name: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export interface AuditEntry {
  id: number;
  at: number;
  userId: number | null;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  record(actor: Actor, action: string, target: string | null = null, detail?: unknown, at = Date.now()): void {
    stmt(this.db, 'INSERT INTO audit (at, user_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(at, actor.userId, actor.name, action, target, detail === undefined ? null : JSON.stringify(detail));
  }

  recent(limit = 100, action?: string): AuditEntry[] {
    const rows = stmt(this.db, 
        `SELECT * FROM audit ${action ? 'WHERE action = @action' : ''} ORDER BY id DESC LIMIT @limit`,
      )
      .all({ limit, ...(action ? { action } : {}) }) as {
      id: number;
      at: number;
      user_id: number | null;
      actor: string;
      action: string;
      target: string | null;
      detail: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      actor: r.actor,
      action: r.action,
      target: r.target,
      detail: r.detail === null ? null : JSON.parse(r.detail),
    }));
  }
}
