// Contact import: preview (what would happen, row by row), commit (one transaction, idempotent by
// phone: a re-import updates, never duplicates) and undo of the last import.
//
// Groups and tags in the file are *added*: an import never takes someone out of a group or a tag
// an admin put them in. Text fields of a mapped column are the file's: an empty cell clears them.
import type { ColumnMapping, ImportPreview, ImportResult, ImportTotals, RowError } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { checkMapping, guessMapping, parseContactRow, rowErrorsCsv, type ContactDraft } from '../domain/contact-columns.js';
import { normalizeTag } from '../domain/tags.js';
import type { ContactTable } from './contact-file.js';
import { SaidError, type SaidRowError } from '../domain/said.js';

export interface ImportOptions {
  fileName: string;
  userId?: number | null;
  now?: number;
}

export class ImportUndoError extends SaidError {
  override readonly name = 'ImportUndoError';
}

interface ContactRow {
  id: number;
  name: string;
  phone: string;
  position: string | null;
  email: string | null;
  notes: string | null;
  active: number;
}

interface Checked {
  mapping: ColumnMapping;
  drafts: ContactDraft[];
  errors: SaidRowError[];
  rows: number;
  blank: number;
}

/** Parses and checks every row; a phone seen twice keeps the first row and reports the second. */
export function checkRows(table: ContactTable, mapping?: ColumnMapping): Checked {
  const m = { ...guessMapping(table.headers), ...(mapping ?? {}) };
  checkMapping(m, Math.max(table.headers.length, ...table.rows.map((r) => r.cells.length)));
  const drafts: ContactDraft[] = [];
  const errors: SaidRowError[] = [];
  const firstRow = new Map<string, number>();
  let blank = 0;
  for (const { row, cells } of table.rows) {
    const outcome = parseContactRow(cells, m, table.headers, row);
    if (outcome.kind === 'blank') blank += 1;
    else if (outcome.kind === 'error') errors.push(...outcome.errors);
    else {
      const seen = firstRow.get(outcome.draft.phone);
      if (seen !== undefined) {
        errors.push({
          row,
          column: table.headers[m.phone!] ?? 'phone',
          value: cells[m.phone!] ?? '',
          reason: `This phone is already in row ${seen}; the row was skipped. Merge the two rows if both are needed.`,
          said: { key: 'row.duplicatePhone', params: { row: seen } },
        });
      } else {
        firstRow.set(outcome.draft.phone, row);
        drafts.push(outcome.draft);
      }
    }
  }
  return { mapping: m, drafts, errors, rows: table.rows.length, blank };
}

// Group paths resolve level by level; names compare case-insensitively, as the unique index does.
function findGroup(db: Db, parentId: number | null, name: string): number | null {
  const row = db
    .prepare('SELECT id FROM groups WHERE ifnull(parent_id, 0) = ? AND name = ? COLLATE NOCASE')
    .pluck()
    .get(parentId ?? 0, name) as number | undefined;
  return row ?? null;
}

function findGroupPath(db: Db, path: string[]): number | null {
  let parent: number | null = null;
  for (const name of path) {
    parent = findGroup(db, parent, name);
    if (parent === null) return null;
  }
  return parent;
}

function findTag(db: Db, tag: string): number | null {
  return (db.prepare('SELECT id FROM tags WHERE norm = ?').pluck().get(normalizeTag(tag)) as number | undefined) ?? null;
}

type Action = 'created' | 'updated' | 'unchanged';

function classify(db: Db, draft: ContactDraft, existing: ContactRow | undefined, groupIds: (number | null)[], tagIds: (number | null)[]) {
  if (!existing) return { action: 'created' as Action, addGroups: groupIds, addTags: tagIds };
  const isMember = db.prepare('SELECT 1 FROM group_members WHERE group_id = ? AND contact_id = ?').pluck();
  const isSub = db.prepare('SELECT 1 FROM tag_subscriptions WHERE tag_id = ? AND contact_id = ?').pluck();
  const addGroups = groupIds.filter((g) => g === null || !isMember.get(g, existing.id));
  const addTags = tagIds.filter((t) => t === null || !isSub.get(t, existing.id));
  const changed =
    draft.name !== existing.name ||
    (draft.position !== undefined && draft.position !== existing.position) ||
    (draft.email !== undefined && draft.email !== existing.email) ||
    (draft.notes !== undefined && draft.notes !== existing.notes) ||
    (draft.active !== undefined && Number(draft.active) !== existing.active);
  const action: Action = changed || addGroups.length > 0 || addTags.length > 0 ? 'updated' : 'unchanged';
  return { action, addGroups, addTags };
}

const byPhone = (db: Db, phone: string) =>
  db.prepare('SELECT id, name, phone, position, email, notes, active FROM contacts WHERE phone = ?').get(phone) as ContactRow | undefined;

export function previewImport(db: Db, table: ContactTable, mapping?: ColumnMapping): Omit<ImportPreview, 'uploadId'> {
  const checked = checkRows(table, mapping);
  const totals: ImportTotals = { rows: checked.rows, blank: checked.blank, errors: checked.errors.length, created: 0, updated: 0, unchanged: 0 };
  for (const d of checked.drafts) {
    const { action } = classify(db, d, byPhone(db, d.phone), d.groups.map((p) => findGroupPath(db, p)), d.tags.map((t) => findTag(db, t)));
    totals[action] += 1;
  }
  return {
    encoding: table.encoding,
    headers: table.headers,
    mapping: checked.mapping,
    sample: checked.drafts.slice(0, 20).map((d) => ({
      row: d.row,
      name: d.name,
      phone: d.phone,
      position: d.position ?? null,
      groups: d.groups.map((p) => p.join(' / ')),
      tags: d.tags,
      email: d.email ?? null,
    })),
    totals,
    errors: checked.errors,
  };
}

export function commitImport(db: Db, table: ContactTable, mapping: ColumnMapping | undefined, options: ImportOptions): ImportResult {
  const checked = checkRows(table, mapping);
  const now = options.now ?? Date.now();
  const totals: ImportTotals = { rows: checked.rows, blank: checked.blank, errors: checked.errors.length, created: 0, updated: 0, unchanged: 0 };
  const batchId = db.transaction(() => {
    const batch = Number(
      db.prepare('INSERT INTO import_batches (user_id, file_name, errors, created_at) VALUES (?, ?, ?, ?)').run(options.userId ?? null, options.fileName, checked.errors.length, now).lastInsertRowid,
    );
    const recordObject = db.prepare('INSERT OR IGNORE INTO import_batch_objects (batch_id, kind, object_id) VALUES (?, ?, ?)');
    const insertGroup = db.prepare('INSERT INTO groups (parent_id, name, created_at) VALUES (?, ?, ?)');
    const insertTag = db.prepare('INSERT INTO tags (name, norm, created_at) VALUES (?, ?, ?)');
    const ensureGroup = (path: string[]): number => {
      let parent: number | null = null;
      for (const name of path) {
        let id = findGroup(db, parent, name);
        if (id === null) {
          id = Number(insertGroup.run(parent, name, now).lastInsertRowid);
          recordObject.run(batch, 'group', id);
        }
        parent = id;
      }
      return parent!;
    };
    const ensureTag = (tag: string): number => {
      let id = findTag(db, tag);
      if (id === null) {
        id = Number(insertTag.run(tag, normalizeTag(tag), now).lastInsertRowid);
        recordObject.run(batch, 'tag', id);
      }
      return id;
    };
    const insertContact = db.prepare(
      'INSERT INTO contacts (name, phone, position, email, notes, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const updateContact = db.prepare('UPDATE contacts SET name = ?, position = ?, email = ?, notes = ?, active = ?, updated_at = ? WHERE id = ?');
    const addMember = db.prepare('INSERT OR IGNORE INTO group_members (group_id, contact_id) VALUES (?, ?)');
    const addSub = db.prepare(`INSERT OR IGNORE INTO tag_subscriptions (tag_id, contact_id, source, created_at) VALUES (?, ?, 'import', ?)`);
    const record = db.prepare('INSERT INTO import_batch_contacts (batch_id, contact_id, action, before) VALUES (?, ?, ?, ?)');
    for (const d of checked.drafts) {
      const existing = byPhone(db, d.phone);
      const groupIds = d.groups.map(ensureGroup);
      const tagIds = d.tags.map(ensureTag);
      const { action, addGroups, addTags } = classify(db, d, existing, groupIds, tagIds);
      totals[action] += 1;
      if (action === 'unchanged') continue;
      let contactId: number;
      if (!existing) {
        contactId = Number(insertContact.run(d.name, d.phone, d.position ?? null, d.email ?? null, d.notes ?? null, d.active === false ? 0 : 1, now, now).lastInsertRowid);
        record.run(batch, contactId, 'created', null);
      } else {
        contactId = existing.id;
        const { id: _id, phone: _phone, ...before } = existing;
        record.run(batch, contactId, 'updated', JSON.stringify({ ...before, addedGroups: addGroups, addedTags: addTags }));
        updateContact.run(
          d.name,
          d.position === undefined ? existing.position : d.position,
          d.email === undefined ? existing.email : d.email,
          d.notes === undefined ? existing.notes : d.notes,
          d.active === undefined ? existing.active : Number(d.active),
          now,
          contactId,
        );
      }
      for (const g of addGroups) addMember.run(g, contactId);
      for (const t of addTags) addSub.run(t, contactId, now);
    }
    db.prepare('UPDATE import_batches SET created = ?, updated = ? WHERE id = ?').run(totals.created, totals.updated, batch);
    db.prepare(`INSERT INTO audit (at, user_id, actor, action, target, detail) VALUES (?, ?, ?, 'contacts.import', ?, ?)`).run(
      now,
      options.userId ?? null,
      options.userId ? `user:${options.userId}` : 'cli',
      `import:${batch}`,
      JSON.stringify({ file: options.fileName, ...totals }),
    );
    return batch;
  })();
  return { batchId, totals, errors: checked.errors, errorsCsv: rowErrorsCsv(checked.errors) };
}

interface Before {
  name: string;
  position: string | null;
  email: string | null;
  notes: string | null;
  active: number;
  addedGroups: number[];
  addedTags: number[];
}

/** Undoes the most recent import: removes the contacts it created, restores those it changed. */
export function undoLastImport(db: Db, options: { userId?: number | null; now?: number } = {}): { batchId: number; removed: number; restored: number } {
  const now = options.now ?? Date.now();
  return db.transaction(() => {
    const batch = db.prepare('SELECT id, undone_at FROM import_batches ORDER BY id DESC LIMIT 1').get() as { id: number; undone_at: number | null } | undefined;
    if (!batch) throw new ImportUndoError('There is no contact import to undo.', 'import.nothingToUndo');
    if (batch.undone_at !== null) throw new ImportUndoError('The last contact import has already been undone; only the last one can be.', 'import.alreadyUndone');
    let removed = 0;
    let restored = 0;
    const items = db.prepare('SELECT contact_id, action, before FROM import_batch_contacts WHERE batch_id = ?').all(batch.id) as {
      contact_id: number;
      action: 'created' | 'updated';
      before: string | null;
    }[];
    for (const item of items) {
      if (item.action === 'created') {
        removed += db.prepare('DELETE FROM contacts WHERE id = ?').run(item.contact_id).changes;
        continue;
      }
      const b = JSON.parse(item.before!) as Before;
      const changes = db
        .prepare('UPDATE contacts SET name = ?, position = ?, email = ?, notes = ?, active = ?, updated_at = ? WHERE id = ?')
        .run(b.name, b.position, b.email, b.notes, b.active, now, item.contact_id).changes;
      for (const g of b.addedGroups) db.prepare('DELETE FROM group_members WHERE group_id = ? AND contact_id = ?').run(g, item.contact_id);
      for (const t of b.addedTags) db.prepare('DELETE FROM tag_subscriptions WHERE tag_id = ? AND contact_id = ?').run(t, item.contact_id);
      restored += changes;
    }
    // Groups and tags the import created go too, unless something else uses them by now.
    const objects = db.prepare('SELECT kind, object_id FROM import_batch_objects WHERE batch_id = ? ORDER BY object_id DESC').all(batch.id) as {
      kind: 'group' | 'tag';
      object_id: number;
    }[];
    for (const o of objects) {
      if (o.kind === 'tag') {
        db.prepare(
          'DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tag_subscriptions WHERE tag_id = ?) AND NOT EXISTS (SELECT 1 FROM broadcast_tags WHERE tag_id = ?)',
        ).run(o.object_id, o.object_id, o.object_id);
      } else {
        db.prepare(
          'DELETE FROM groups WHERE id = ? AND NOT EXISTS (SELECT 1 FROM group_members WHERE group_id = ?) AND NOT EXISTS (SELECT 1 FROM groups WHERE parent_id = ?)',
        ).run(o.object_id, o.object_id, o.object_id);
      }
    }
    db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(now, batch.id);
    db.prepare(`INSERT INTO audit (at, user_id, actor, action, target, detail) VALUES (?, ?, ?, 'contacts.import.undo', ?, ?)`).run(
      now,
      options.userId ?? null,
      options.userId ? `user:${options.userId}` : 'cli',
      `import:${batch.id}`,
      JSON.stringify({ removed, restored }),
    );
    return { batchId: batch.id, removed, restored };
  })();
}
