// Contacts out in the import's own format (same headers, groups as paths, tags with '#', active
// as да/нет), so export → edit in Excel → import is a lossless round trip.
import ExcelJS from 'exceljs';
import { csvText } from '../../../shared/csv/safe-cell.js';
import type { ContactField } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { CONTACT_FIELDS, CONTACT_HEADERS } from '../domain/contact-columns.js';
import { contactGroupCells } from './group-paths.js';

const WIDTHS: Record<ContactField, number> = { name: 32, phone: 16, position: 24, groups: 36, tags: 20, email: 28, notes: 30, active: 10 };

/** `only`: the contact ids the asking user may read; absent: everyone. */
export function contactRows(db: Db, locale: 'ru' | 'en' = 'ru', only?: ReadonlySet<number>): string[][] {
  const groups = contactGroupCells(db);
  const tags = new Map<number, string[]>();
  for (const r of db.prepare('SELECT s.contact_id, t.name FROM tag_subscriptions s JOIN tags t ON t.id = s.tag_id ORDER BY t.norm').iterate() as Iterable<{
    contact_id: number;
    name: string;
  }>) {
    tags.set(r.contact_id, [...(tags.get(r.contact_id) ?? []), `#${r.name}`]);
  }
  const yes = locale === 'ru' ? 'да' : 'yes';
  const no = locale === 'ru' ? 'нет' : 'no';
  const rows = db.prepare('SELECT id, name, phone, position, email, notes, active FROM contacts ORDER BY name COLLATE NOCASE, id').all() as {
    id: number;
    name: string;
    phone: string;
    position: string | null;
    email: string | null;
    notes: string | null;
    active: number;
  }[];
  const header = CONTACT_FIELDS.map((f) => CONTACT_HEADERS[locale][f]);
  return [
    header,
    ...rows.filter((c) => !only || only.has(c.id)).map((c) => [c.name, c.phone, c.position ?? '', groups.get(c.id) ?? '', (tags.get(c.id) ?? []).join(' '), c.email ?? '', c.notes ?? '', c.active ? yes : no]),
  ];
}

/** The contacts as a file's bytes: .xlsx, or .csv (UTF-8 with BOM, `;`, as Russian Excel expects). */
export async function exportContacts(db: Db, format: 'xlsx' | 'csv', locale: 'ru' | 'en' = 'ru', only?: ReadonlySet<number>): Promise<Buffer> {
  const rows = contactRows(db, locale, only);
  // Names and notes come from HR files and SMS: a cell like =HYPERLINK(…) must not run in Excel.
  if (format === 'csv') return Buffer.from(`\uFEFF${csvText(rows)}`, 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(locale === 'ru' ? 'Контакты' : 'Contacts', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CONTACT_FIELDS.map((f) => ({ header: CONTACT_HEADERS[locale][f], width: WIDTHS[f] }));
  sheet.getRow(1).font = { bold: true };
  // Phones as text: a number cell would lose the '+' and show 7.9E+10.
  sheet.getColumn(2).numFmt = '@';
  for (const r of rows.slice(1)) sheet.addRow(r);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CONTACT_FIELDS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
