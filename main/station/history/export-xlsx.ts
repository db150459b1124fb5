// All messages, or the current filter, to an .xlsx file with exceljs' streaming writer. One
// function serves the CLI (`export messages FILE.xlsx`), REST and the ws export job.
//
// Memory stays bounded whatever the size: rows come from SQLite one at a time (`.iterate()`) and
// leave as committed XML; the loop waits whenever the zip stage falls behind, because exceljs
// itself ignores backpressure and would otherwise buffer the whole sheet while deflate catches up.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { MessageFilter } from '../../../shared/protocol/history.js';
import type { MessageStatus } from '../../../shared/protocol/entities.js';
import type { Db } from '../store/database.js';
import { systemTimeZone, ZoneClock } from '../domain/time-zone.js';
import { filterSql, whereClause, withMatch, type ScopedFilter } from './message-filter.js';
import { contactGroupCells } from './group-paths.js';
import { EXPORT_LABELS, EXPORT_WIDTHS, type ExportLocale } from './export-labels.js';
import { rowXml } from './sheet-rows.js';
import { SaidError } from '../domain/said.js';

/** Excel's own limit: rows per sheet, the header row included. */
export const EXCEL_MAX_ROWS = 1_048_576;

export interface ExportProgressInfo {
  rows: number;
  total: number;
}

export interface ExportOptions {
  /** May carry the asking user's scope (message-filter.ts). */
  filter?: ScopedFilter;
  /** IANA zone the dates are shown in (Excel dates carry no zone). Default: this computer's. */
  timeZone?: string;
  locale?: ExportLocale;
  /** Rows per sheet including the header; a test sets a small one. */
  sheetRowLimit?: number;
  onProgress?: (p: ExportProgressInfo) => void;
  /** Progress is reported every this many rows (and at the end). */
  progressEvery?: number;
  signal?: AbortSignal;
}

export interface ExportSummary {
  rows: number;
  sheets: number;
  timeZone: string;
}

export class ExportCancelledError extends SaidError {
  override readonly name = 'ExportCancelledError';
  constructor() {
    super('The export was cancelled; no file was kept.', 'export.cancelled');
  }
}

type Row = [
  createdAt: number,
  direction: 'in' | 'out',
  contactId: number | null,
  phone: string,
  tags: string,
  text: string,
  status: MessageStatus,
  deliveredAt: number | null,
  broadcastId: number | null,
];

const QUEUE_LIMIT = 4 * 1024 * 1024;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

// How many bytes wait between the sheet and the zip (exceljs internals, version pinned ~4.4): the
// sheet's StreamBuf pipes into archiver's PassThrough (readable-stream 2, which has no
// writableLength), whose buffers grow without bound when we outrun deflate.
interface StreamState {
  length?: number;
}
function pending(sheet: unknown): number {
  const s = sheet as { _stream?: { pipes?: Array<{ _writableState?: StreamState; _readableState?: StreamState }> } };
  const pipe = s._stream?.pipes?.[0];
  return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
}

function sheetStream(sheet: ExcelJS.Worksheet): { write(chunk: string): void } {
  return (sheet as unknown as { stream: { write(chunk: string): void } }).stream;
}

/**
 * Writes the messages selected by `filter` (all when empty) to `target`: a file path or a stream.
 * Reads through its own read-only connection when the store is a file, so a long export neither
 * blocks the station's connection nor sees half of a broadcast being written (WAL snapshot).
 * On cancel or error, a file target is removed.
 */
export async function exportMessages(db: Db, target: string | Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const labels = EXPORT_LABELS[options.locale ?? 'ru'];
  const clock = new ZoneClock(options.timeZone ?? systemTimeZone());
  const perSheet = Math.max(2, options.sheetRowLimit ?? EXCEL_MAX_ROWS) - 1;
  const every = options.progressEvery ?? 10_000;
  const signal = options.signal;
  const reader = db.name && db.name !== ':memory:' && !db.memory ? new Database(db.name, { readonly: true, fileMustExist: true }) : db;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof target === 'string' ? { filename: target } : { stream: target }),
    useStyles: true,
    useSharedStrings: false,
    // Deflate is the slowest stage of a big export; level 1 is several times faster than the
    // default 6 for a file a little larger (sheet XML compresses well either way).
    zip: { zlib: { level: 1 } },
  });
  let rows = 0;
  let sheets = 0;
  try {
    // Indexed on the station's connection before the reader's snapshot begins, so the snapshot
    // finds every message committed before the export was asked for.
    const sql = withMatch(db, filterSql(options.filter ?? {}));
    reader.exec('BEGIN'); // one snapshot for the count and the rows
    const total = (reader.prepare(`SELECT count(*) ${sql.from} ${whereClause(sql.where)}`).pluck().get(...sql.params) as number) ?? 0;
    // Names by lookup table rather than per-row joins: contacts and broadcasts are few next to
    // messages, and the joins cost a third of the read.
    const groups = contactGroupCells(reader);
    const names = new Map(reader.prepare('SELECT id, name FROM contacts').raw(true).all() as [number, string][]);
    const authors = new Map(
      reader.prepare('SELECT b.id, u.name FROM broadcasts b JOIN users u ON u.id = b.author_id').raw(true).all() as [number, string][],
    );
    const stmt = reader
      .prepare(
        `SELECT m.created_at, m.direction, m.contact_id, m.phone, m.tags, m.text, m.status, m.delivered_at, m.broadcast_id
         ${sql.from} ${whereClause(sql.where)} ORDER BY m.created_at, m.id`,
      )
      .raw(true);
    // The date style registered once; data rows refer to it by id (see sheet-rows.ts).
    const styles = (workbook as unknown as { styles: { addStyleModel(model: object, type: number): number } }).styles;
    const dateStyleId = styles.addStyleModel({ numFmt: labels.dateFormat }, ExcelJS.ValueType.Date);
    let sheet: ExcelJS.Worksheet | null = null;
    let inSheet = 0;
    let chunk = '';
    const flush = () => {
      if (sheet && chunk) sheetStream(sheet).write(chunk);
      chunk = '';
    };
    const openSheet = () => {
      sheets += 1;
      const ws = workbook.addWorksheet(sheets === 1 ? labels.sheet : `${labels.sheet} ${sheets}`, {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      ws.columns = labels.headers.map((header, i) => ({ header, width: EXPORT_WIDTHS[i] }));
      ws.getRow(1).font = { bold: true };
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: labels.headers.length } };
      // The header goes through exceljs, which also opens <sheetData>; data rows follow raw.
      ws.getRow(1).commit();
      inSheet = 0;
      return ws;
    };
    options.onProgress?.({ rows: 0, total });
    for (const r of stmt.iterate(...sql.params) as Iterable<Row>) {
      if (!sheet || inSheet >= perSheet) {
        flush();
        if (sheet) sheet.commit();
        sheet = openSheet();
      }
      const [createdAt, direction, contactId, phone, tags, text, status, deliveredAt, broadcastId] = r;
      inSheet += 1;
      chunk += rowXml(
        inSheet + 1,
        [
          { date: clock.wall(createdAt) },
          labels.direction[direction],
          contactId !== null ? (names.get(contactId) ?? null) : null,
          phone,
          contactId !== null ? (groups.get(contactId) ?? null) : null,
          tags ? tags.split(' ').map((t) => `#${t}`).join(' ') : null,
          text,
          labels.status[status] ?? status,
          deliveredAt !== null ? { date: clock.wall(deliveredAt) } : null,
          broadcastId,
          broadcastId !== null ? (authors.get(broadcastId) ?? null) : null,
        ],
        dateStyleId,
      );
      rows += 1;
      if (rows % 500 === 0) {
        flush();
        if (rows % 1000 === 0) {
          if (signal?.aborted) throw new ExportCancelledError();
          await tick();
          while (pending(sheet) > QUEUE_LIMIT) await tick();
          if (rows % every === 0) options.onProgress?.({ rows, total });
        }
      }
    }
    flush();
    if (!sheet) sheet = openSheet(); // an empty result is still a file with its header
    sheet.commit();
    if (signal?.aborted) throw new ExportCancelledError();
    await workbook.commit();
    options.onProgress?.({ rows, total });
    return { rows, sheets, timeZone: clock.timeZone };
  } catch (err) {
    // Finish the zip so the file handle closes, then remove the partial file.
    await workbook.commit().catch(() => undefined);
    if (typeof target === 'string') rmSync(target, { force: true });
    throw err;
  } finally {
    if (reader !== db) reader.close();
    else if (reader.inTransaction) reader.exec('COMMIT');
  }
}
