// `switchboard import …` and `switchboard export …`: contacts in from the HR spreadsheet,
// messages and contacts out to Excel, on the data folder a station may be running on.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Store } from './station/store/store.js';
import type { MessageFilter } from '../shared/protocol/history.js';
import { readContactFile } from './station/history/contact-file.js';
import { commitImport, undoLastImport } from './station/history/contact-import.js';
import { exportContacts } from './station/history/contact-export.js';
import { exportMessages } from './station/history/export-xlsx.js';
import { normalizePhone } from './station/domain/phone.js';
import { StationError } from './station/errors.js';

const CLI = { userId: null, name: 'cli' };

export interface Printer {
  log: (line: string) => void;
}

export async function importContacts(store: Store, file: string, out: Printer): Promise<number> {
  const table = await readContactFile(readFileSync(file), file);
  const result = commitImport(store.db, table, undefined, { fileName: file, userId: null });
  store.audit.record(CLI, 'contacts.import.commit', file, { batchId: result.batchId, totals: result.totals });
  const t = result.totals;
  out.log(`Imported ${file}: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged, ${t.errors} rows with errors, ${t.blank} blank.`);
  if (result.errors.length > 0) {
    const errorsFile = `${file}.errors.csv`;
    writeFileSync(errorsFile, result.errorsCsv);
    for (const e of result.errors.slice(0, 20)) out.log(`  row ${e.row}, ${e.column}: ${e.reason}`);
    if (result.errors.length > 20) out.log(`  … and ${result.errors.length - 20} more`);
    out.log(`Every rejected row is listed in ${errorsFile}.`);
  }
  return 0;
}

export function undoImport(store: Store, out: Printer): number {
  const r = undoLastImport(store.db, { userId: null });
  store.audit.record(CLI, 'contacts.import.undo', `batch:${r.batchId}`, r);
  out.log(`Undid import ${r.batchId}: ${r.removed} contacts removed, ${r.restored} restored.`);
  return 0;
}

export interface ExportFlags {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  direction?: string | undefined;
  tag?: string | undefined;
  group?: string | undefined;
  contact?: string | undefined;
  tz?: string | undefined;
  locale?: string | undefined;
}

export async function exportMessagesTo(store: Store, file: string, flags: ExportFlags, out: Printer): Promise<number> {
  const filter = messageFilter(store, flags);
  let last = 0;
  const summary = await exportMessages(store.db, file, {
    filter,
    locale: flags.locale === 'en' ? 'en' : 'ru',
    ...(flags.tz ? { timeZone: flags.tz } : {}),
    onProgress: (p) => {
      if (p.rows - last >= 100_000) {
        last = p.rows;
        out.log(`  ${p.rows} rows…`);
      }
    },
  });
  store.audit.record(CLI, 'history.export.start', file, { filter, rows: summary.rows });
  out.log(`Exported ${summary.rows} messages to ${file} (${summary.sheets} sheet${summary.sheets === 1 ? '' : 's'}, times in ${summary.timeZone}).`);
  return 0;
}

export async function exportContactsTo(store: Store, file: string, out: Printer): Promise<number> {
  const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  writeFileSync(file, await exportContacts(store.db, format));
  store.audit.record(CLI, 'contacts.export', file, { format });
  out.log(`Exported contacts to ${file}.`);
  return 0;
}

function time(value: string, flag: string): number {
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new StationError('bad_request', `--${flag} must be a date like 2026-11-01 or 2026-11-01T08:00:00+03:00.`);
  return t;
}

function messageFilter(store: Store, f: ExportFlags): MessageFilter {
  const filter: MessageFilter = {};
  if (f.q) filter.q = f.q;
  if (f.from) filter.from = time(f.from, 'from');
  if (f.to) filter.to = time(f.to, 'to');
  if (f.direction) {
    if (f.direction !== 'in' && f.direction !== 'out') throw new StationError('bad_request', '--direction is in or out.');
    filter.direction = f.direction;
  }
  if (f.tag) filter.tag = f.tag;
  if (f.group) {
    const group = /^\d+$/.test(f.group) ? { id: Number(f.group) } : store.groups.byName(f.group);
    if (!group || !store.groups.exists(group.id)) throw new StationError('bad_request', `There is no group "${f.group}".`);
    filter.groupId = group.id;
  }
  if (f.contact) {
    const contact = store.contacts.byPhone(normalizePhone(f.contact));
    if (!contact) throw new StationError('bad_request', `No contact has the phone ${f.contact}.`);
    filter.contactId = contact.id;
  }
  return filter;
}
