import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/station/store/database.js';
import { readContactFile } from '../../main/station/history/contact-file.js';
import { commitImport, ImportUndoError, previewImport, undoLastImport } from '../../main/station/history/contact-import.js';
import { contactRows, exportContacts } from '../../main/station/history/contact-export.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));

let dir: string;
let db: Db;

const contact = (phone: string) =>
  db.prepare('SELECT name, position, email, active FROM contacts WHERE phone = ?').get(phone) as
    | { name: string; position: string | null; email: string | null; active: number }
    | undefined;
const groupsOf = (phone: string) =>
  db
    .prepare(
      `SELECT g.name FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN contacts c ON c.id = gm.contact_id
       WHERE c.phone = ? ORDER BY g.name`,
    )
    .pluck()
    .all(phone);
const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-import-'));
  db = openDatabase(join(dir, 'station.db'));
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('contact import', () => {
  it('guesses the columns of a messy HR sheet and previews what would happen', async () => {
    const table = await readContactFile(fixture('contacts-messy.xlsx'), 'contacts-messy.xlsx');
    const preview = previewImport(db, table);
    expect(preview.encoding).toBe('xlsx');
    expect(preview.mapping).toEqual({ name: 1, phone: 2, position: 3, groups: 4, tags: 5, email: 6, notes: null, active: null });
    expect(preview.totals).toEqual({ rows: 10, blank: 2, errors: 4, created: 4, updated: 0, unchanged: 0 });
    expect(preview.sample[0]).toEqual({
      row: 2, name: 'Иванов Пётр Сергеевич', phone: '+79161234567', position: 'Электромонтёр',
      groups: ['Северный район / Бригада 1'], tags: ['авария', 'свет'], email: 'ivanov@example.ru',
    });
    expect(count('contacts')).toBe(0); // a preview writes nothing
  });

  it('reports each bad row with its column and loads the rest', async () => {
    const table = await readContactFile(fixture('contacts-messy.xlsx'), 'contacts-messy.xlsx');
    const result = commitImport(db, table, undefined, { fileName: 'contacts-messy.xlsx', now: 1000 });
    expect(result.totals).toMatchObject({ created: 4, errors: 4, blank: 2 });
    expect(result.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [5, 'E-mail', 'sidorova@example'],
      [6, 'Телефон (моб.)', '123'],
      [7, 'Телефон (моб.)', '8-916-123-45-67'],
      [8, 'ФИО', ''],
    ]);
    expect(result.errors[2]!.reason).toMatch(/already in row 2/);
    expect(result.errorsCsv.startsWith('\uFEFF"Строка";"Колонка";"Значение";"Причина"\r\n"5";"E-mail";"sidorova@example";')).toBe(true);
    expect(contact('+79161234571')).toMatchObject({ name: 'Смирнов Олег', position: 'Диспетчер' }); // phone was a number cell
    expect(contact('+79161234572')).toMatchObject({ name: 'Ёжиков Тимур', position: null });
    expect(groupsOf('+79161234567')).toEqual(['Бригада 1']);
    expect(groupsOf('+79161234572')).toEqual(['Бригада 1']); // same group despite different spacing
    expect(count('groups')).toBe(3); // Северный район, its Бригада 1, Южный район
    expect(db.prepare('SELECT name, norm FROM tags ORDER BY norm').all()).toEqual([
      { name: 'авария', norm: 'авария' },
      { name: 'свет', norm: 'свет' },
    ]);
    expect(count('tag_subscriptions')).toBe(4);
  });

  it('changes nothing when the same file comes again', async () => {
    const table = await readContactFile(fixture('contacts-messy.xlsx'), 'contacts-messy.xlsx');
    const result = commitImport(db, table, undefined, { fileName: 'again.xlsx' });
    expect(result.totals).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(count('contacts')).toBe(4);
  });

  it('reads a Windows-1251 CSV, updating known phones and adding new ones', async () => {
    const table = await readContactFile(fixture('contacts-cp1251.csv'), 'contacts-cp1251.csv');
    expect(table.encoding).toBe('windows-1251');
    const result = commitImport(db, table, undefined, { fileName: 'contacts-cp1251.csv' });
    expect(result.totals).toMatchObject({ rows: 5, blank: 1, errors: 1, created: 2, updated: 1, unchanged: 0 });
    expect(result.errors[0]).toMatchObject({ row: 5, column: 'Телефон', value: 'не помню' });
    expect(contact('+79161234567')).toMatchObject({ name: 'Иванов Пётр Сергеевич', position: 'Старший электромонтёр' });
    expect(groupsOf('+79037654321')).toEqual(['Котельная №2', 'смена А']);
    expect(contact('+79037654322')).toMatchObject({ name: 'Орлов Николай', email: 'orlov@example.ru' });
  });

  it('undoes the last import only, and says so when asked twice', () => {
    const before = count('contacts');
    const undo = undoLastImport(db);
    expect(undo).toMatchObject({ removed: 2, restored: 1 });
    expect(count('contacts')).toBe(before - 2);
    expect(contact('+79161234567')).toMatchObject({ position: 'Электромонтёр' });
    expect(db.prepare(`SELECT count(*) FROM groups WHERE name LIKE 'Котельная%'`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM tags WHERE norm IN ('газ', 'сварка')`).pluck().get()).toBe(0);
    expect(() => undoLastImport(db)).toThrow(ImportUndoError);
  });

  it('exports contacts in the import format: xlsx and csv round trips are lossless', async () => {
    db.prepare(`UPDATE contacts SET active = 0, notes = 'в отпуске; до 1.12' WHERE phone = '+79161234568'`).run();
    const original = contactRows(db);
    for (const format of ['xlsx', 'csv'] as const) {
      const bytes = await exportContacts(db, format);
      const other = openDatabase(join(dir, `round-${format}.db`));
      try {
        const result = commitImport(other, await readContactFile(bytes, `contacts.${format}`), undefined, { fileName: `contacts.${format}` });
        expect(result.errors).toEqual([]);
        expect(contactRows(other)).toEqual(original);
      } finally {
        other.close();
      }
    }
    expect(original[0]).toEqual(['ФИО', 'Телефон', 'Должность', 'Группы', 'Теги', 'E-mail', 'Примечание', 'Активен']);
    expect(original.find((r) => r[1] === '+79161234568')).toEqual([
      'Петров Семён', '+79161234568', 'Мастер', 'Северный район', '#авария', '', 'в отпуске; до 1.12', 'нет',
    ]);
  });

  it('refuses a file that is neither xlsx nor csv with a sentence', async () => {
    await expect(readContactFile(Buffer.from('x'), 'contacts.xls')).rejects.toThrow(/save it as .xlsx or .csv/);
  });
});
