// Compose templates: a name, a text with placeholders, the kind it is for and a poll's options.
import type { Db } from './database.js';
import type { BroadcastKind, TemplateView } from '../../../shared/protocol/index.js';

interface TemplateRow {
  id: number;
  name: string;
  text: string;
  kind: BroadcastKind;
  options: string | null;
  updated_at: number;
}

export interface TemplateInput {
  name: string;
  text: string;
  kind: BroadcastKind;
  options?: string[] | undefined;
}

const toView = (r: TemplateRow): TemplateView => ({
  id: r.id,
  name: r.name,
  text: r.text,
  kind: r.kind,
  options: r.options ? (JSON.parse(r.options) as string[]) : null,
  updatedAt: r.updated_at,
});

export class TemplateRepository {
  constructor(private readonly db: Db) {}

  /** Alphabetical, as the picker lists them (sorted here: SQLite's lower() knows only ASCII). */
  all(): TemplateView[] {
    const rows = this.db.prepare('SELECT * FROM templates').all() as TemplateRow[];
    return rows.map(toView).sort((a, b) => a.name.localeCompare(b.name, 'ru', { sensitivity: 'base' }) || a.id - b.id);
  }

  byId(id: number): TemplateView | undefined {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    return row && toView(row);
  }

  /** Another template already using this name, in any case ("Выезд" = "ВЫЕЗД"; compared here, not in SQL). */
  nameTaken(name: string, exceptId: number | null): boolean {
    const wanted = name.trim().toLocaleLowerCase('ru');
    const rows = this.db.prepare('SELECT id, name FROM templates').all() as { id: number; name: string }[];
    return rows.some((r) => r.id !== exceptId && r.name.trim().toLocaleLowerCase('ru') === wanted);
  }

  create(t: TemplateInput, userId: number | null, now = Date.now()): number {
    const { id } = this.db
      .prepare('INSERT INTO templates (name, text, kind, options, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .get(t.name, t.text, t.kind, optionsJson(t), userId, now) as { id: number };
    return id;
  }

  update(id: number, t: TemplateInput, now = Date.now()): void {
    this.db.prepare('UPDATE templates SET name = ?, text = ?, kind = ?, options = ?, updated_at = ? WHERE id = ?').run(t.name, t.text, t.kind, optionsJson(t), now, id);
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }
}

function optionsJson(t: TemplateInput): string | null {
  return t.kind === 'poll' && t.options && t.options.length > 0 ? JSON.stringify(t.options) : null;
}
