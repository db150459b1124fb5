// Compose templates: a name, a text with placeholders, the kind it is for and a poll's options.
// Each has an owner. A personal template is its owner's: they see it, change it and delete it
// (and an administrator may). A shared one is on every desk and is the administrators' to change.
import type { Db } from './database.js';
import type { BroadcastKind, Role, TemplateView } from '../../../shared/protocol/index.js';

interface TemplateRow {
  id: number;
  name: string;
  text: string;
  kind: BroadcastKind;
  options: string | null;
  updated_at: number;
  created_by: number | null;
  owner_name: string | null;
  shared: number;
}

export interface TemplateInput {
  name: string;
  text: string;
  kind: BroadcastKind;
  options?: string[] | undefined;
}

/** Who is looking: templates are listed and checked for them. */
export interface TemplateUser {
  id: number;
  role: Role;
}

const SELECT = 'SELECT t.*, u.name AS owner_name FROM templates t LEFT JOIN users u ON u.id = t.created_by';

export class TemplateRepository {
  constructor(private readonly db: Db) {}

  /** What this user may change: an administrator anything, anyone else their own personal templates. */
  static mayChange(t: Pick<TemplateView, 'shared' | 'ownerId'>, user: TemplateUser): boolean {
    if (user.role === 'admin') return true;
    if (user.role === 'viewer' || t.shared) return false;
    return t.ownerId === user.id;
  }

  private toView(r: TemplateRow, user: TemplateUser): TemplateView {
    const view: TemplateView = {
      id: r.id,
      name: r.name,
      text: r.text,
      kind: r.kind,
      options: r.options ? (JSON.parse(r.options) as string[]) : null,
      updatedAt: r.updated_at,
      shared: r.shared === 1,
      ownerId: r.created_by,
      ownerName: r.owner_name,
    };
    return { ...view, mayChange: TemplateRepository.mayChange(view, user) };
  }

  /** The shared templates and the user's own (an administrator sees every one), alphabetical (sorted here: SQLite's lower() knows only ASCII). */
  all(user: TemplateUser): TemplateView[] {
    const rows = (
      user.role === 'admin'
        ? this.db.prepare(SELECT).all()
        : this.db.prepare(`${SELECT} WHERE t.shared = 1 OR t.created_by = ?`).all(user.id)
    ) as TemplateRow[];
    return rows.map((r) => this.toView(r, user)).sort((a, b) => a.name.localeCompare(b.name, 'ru', { sensitivity: 'base' }) || a.id - b.id);
  }

  byId(id: number, user: TemplateUser): TemplateView | undefined {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TemplateRow | undefined;
    return row && this.toView(row, user);
  }

  /** Another template this user sees already using this name, in any case ("Выезд" = "ВЫЕЗД"; compared here, not in SQL). */
  nameTaken(name: string, exceptId: number | null, user: TemplateUser): boolean {
    const wanted = name.trim().toLocaleLowerCase('ru');
    return this.all(user).some((t) => t.id !== exceptId && t.name.trim().toLocaleLowerCase('ru') === wanted);
  }

  create(t: TemplateInput, userId: number | null, shared = false, now = Date.now()): number {
    const { id } = this.db
      .prepare('INSERT INTO templates (name, text, kind, options, created_by, shared, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
      .get(t.name, t.text, t.kind, optionsJson(t), userId, shared ? 1 : 0, now) as { id: number };
    return id;
  }

  update(id: number, t: TemplateInput, shared: boolean, now = Date.now()): void {
    this.db
      .prepare('UPDATE templates SET name = ?, text = ?, kind = ?, options = ?, shared = ?, updated_at = ? WHERE id = ?')
      .run(t.name, t.text, t.kind, optionsJson(t), shared ? 1 : 0, now, id);
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }
}

function optionsJson(t: TemplateInput): string | null {
  return t.kind === 'poll' && t.options && t.options.length > 0 ? JSON.stringify(t.options) : null;
}
