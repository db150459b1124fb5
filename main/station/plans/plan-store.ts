// Alert plans in the store: the spec as JSON (validated by shared/protocol/plans.ts on the way
// in), the code normalised the way an SMS command is matched, an order for the panel.
import type { Db } from '../store/database.js';
import { PlanSpec, type PlanView } from '../../../shared/protocol/index.js';

interface PlanRow {
  id: number;
  spec: string;
  sort: number;
  updated_at: number;
}

// A code typed on a phone may come in Latin letters that look Cyrillic ("PC12" for "ПС12").
const LOOKALIKES: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У', Ё: 'Е' };

/** `пс12`, `ПС12`, `PC12` → `ПС12`: how plan codes are compared. */
export function normalizePlanCode(code: string): string {
  return [...code.trim().toLocaleUpperCase('ru')].map((ch) => LOOKALIKES[ch] ?? ch).join('');
}

const toView = (r: PlanRow): PlanView => ({ ...PlanSpec.parse(JSON.parse(r.spec)), id: r.id, sort: r.sort, updatedAt: r.updated_at });

export class PlanRepository {
  constructor(private readonly db: Db) {}

  all(): PlanView[] {
    return (this.db.prepare('SELECT id, spec, sort, updated_at FROM plans ORDER BY sort, id').all() as PlanRow[]).map(toView);
  }

  byId(id: number): PlanView | undefined {
    const row = this.db.prepare('SELECT id, spec, sort, updated_at FROM plans WHERE id = ?').get(id) as PlanRow | undefined;
    return row && toView(row);
  }

  byCode(code: string): PlanView | undefined {
    const row = this.db.prepare('SELECT id, spec, sort, updated_at FROM plans WHERE code_norm = ?').get(normalizePlanCode(code)) as PlanRow | undefined;
    return row && toView(row);
  }

  /** Another plan already using this code (in any case or lookalike letters). */
  codeTaken(code: string, exceptId: number | null): boolean {
    const row = this.db.prepare('SELECT id FROM plans WHERE code_norm = ?').get(normalizePlanCode(code)) as { id: number } | undefined;
    return row !== undefined && row.id !== exceptId;
  }

  save(spec: PlanSpec, id: number | null, sort: number | null, userId: number | null, now = Date.now()): number {
    const json = JSON.stringify(spec);
    if (id === null) {
      const next = sort ?? ((this.db.prepare('SELECT coalesce(max(sort), -1) + 1 AS n FROM plans').get() as { n: number }).n);
      return (
        this.db
          .prepare('INSERT INTO plans (code, code_norm, name, spec, sort, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
          .get(spec.code, normalizePlanCode(spec.code), spec.name, json, next, userId, now) as { id: number }
      ).id;
    }
    this.db
      .prepare('UPDATE plans SET code = ?, code_norm = ?, name = ?, spec = ?, sort = coalesce(?, sort), updated_by = ?, updated_at = ? WHERE id = ?')
      .run(spec.code, normalizePlanCode(spec.code), spec.name, json, sort, userId, now, id);
    return id;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM plans WHERE id = ?').run(id).changes > 0;
  }
}
