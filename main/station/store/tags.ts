import type { Db } from './database.js';
import { stmt } from './statements.js';
import type { TagSubscriberView, TagView } from '../../../shared/protocol/index.js';
import { normalizeTag } from '../domain/tags.js';

export class TagRepository {
  constructor(private readonly db: Db) {}

  /** The tag's id, creating it on first use. `name` keeps the spelling it was first written with. */
  ensure(name: string, now = Date.now()): number {
    const display = name.replace(/^#/, '');
    const norm = normalizeTag(display);
    // Read first: the tag of a monitoring script's every alert exists after its first, and a write
    // per send (even one that changes nothing) costs a commit's worth of work.
    const found = stmt(this.db, 'SELECT id FROM tags WHERE norm = ?').get(norm) as { id: number } | undefined;
    if (found) return found.id;
    stmt(this.db, 'INSERT INTO tags (name, norm, created_at) VALUES (?, ?, ?) ON CONFLICT (norm) DO NOTHING').run(display, norm, now);
    return (stmt(this.db, 'SELECT id FROM tags WHERE norm = ?').get(norm) as { id: number }).id;
  }

  byName(name: string): { id: number; name: string; selfService: boolean } | undefined {
    const row = this.db.prepare('SELECT id, name, self_service FROM tags WHERE norm = ?').get(normalizeTag(name)) as
      | { id: number; name: string; self_service: number }
      | undefined;
    return row && { id: row.id, name: row.name, selfService: row.self_service === 1 };
  }

  setSelfService(id: number, on: boolean): void {
    this.db.prepare('UPDATE tags SET self_service = ? WHERE id = ?').run(on ? 1 : 0, id);
  }

  subscribe(tagId: number, contactId: number, source: 'admin' | 'sms' | 'import', now = Date.now()): void {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO tag_subscriptions (tag_id, contact_id, source, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(tagId, contactId, source, now);
  }

  unsubscribe(tagId: number, contactId: number): boolean {
    return (
      this.db.prepare('DELETE FROM tag_subscriptions WHERE tag_id = ? AND contact_id = ?').run(tagId, contactId)
        .changes > 0
    );
  }

  /** Who is subscribed to the tag, inactive contacts included (they come back when made active). */
  subscribers(tagId: number): TagSubscriberView[] {
    return (
      this.db
        .prepare(
          `SELECT c.id, c.name, c.phone, c.active, s.source, s.created_at FROM tag_subscriptions s
           JOIN contacts c ON c.id = s.contact_id WHERE s.tag_id = ? ORDER BY c.name`,
        )
        .all(tagId) as { id: number; name: string; phone: string; active: number; source: TagSubscriberView['source']; created_at: number }[]
    ).map((r) => ({ contactId: r.id, name: r.name, phone: r.phone, source: r.source, since: r.created_at, active: r.active === 1 }));
  }

  all(): TagView[] {
    return (
      this.db
        .prepare(
          `SELECT t.id, t.name, t.self_service,
             (SELECT count(*) FROM tag_subscriptions s JOIN contacts c ON c.id = s.contact_id
               WHERE s.tag_id = t.id AND c.active = 1) AS subscribers
           FROM tags t ORDER BY t.name`,
        )
        .all() as { id: number; name: string; self_service: number; subscribers: number }[]
    ).map((r) => ({ id: r.id, name: r.name, subscribers: r.subscribers, selfService: r.self_service === 1 }));
  }
}
