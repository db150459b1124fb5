// Reads a contact spreadsheet into rows of strings: .xlsx (first sheet) or .csv in UTF-8 or
// Windows-1251 (what Excel on a Russian Windows saves as "CSV"), `;`, `,` or tab separated.
// Within limits (issue 14 case 8): rows, columns, characters per cell, and what an .xlsx may
// inflate to, checked before exceljs opens it; the sheet is read as a stream, so a 50,000-row file
// costs its rows, not a whole workbook model, and a file over the limits stops being read at once.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { restoreCell } from '../../../shared/csv/safe-cell.js';
import { ContactFileError } from './contact-file-error.js';
import { checkZip } from './zip-check.js';

export { ContactFileError } from './contact-file-error.js';

export interface ContactTable {
  encoding: 'utf-8' | 'windows-1251' | 'xlsx';
  headers: string[];
  /** Data rows with their spreadsheet row numbers (the header is row 1). */
  rows: Array<{ row: number; cells: string[] }>;
}

export interface ContactFileLimits {
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  /** What an .xlsx may inflate to, all its parts together. */
  maxInflatedBytes: number;
}

/** The defaults of `server.uploads` (server/config.ts): far above any organisation's staff list. */
export const CONTACT_FILE_LIMITS: ContactFileLimits = {
  maxRows: 200_000,
  maxColumns: 64,
  maxCellChars: 4_000,
  maxInflatedBytes: 256 * 1024 * 1024,
};

/** UTF-8 if the bytes are valid UTF-8 (a BOM is dropped), otherwise Windows-1251. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1251'), encoding: 'windows-1251' };
  }
}

/** Row and cell limits, applied as rows are read. */
class Limiter {
  constructor(private readonly limits: ContactFileLimits) {}

  row(count: number, cells: string[], rowNumber: number): void {
    const { maxRows, maxColumns, maxCellChars } = this.limits;
    if (count > maxRows + 1) throw new ContactFileError(`The file has more than ${maxRows} rows. Split it into several files.`, 'file.tooManyRows', { max: maxRows });
    if (cells.length > maxColumns) {
      throw new ContactFileError(`The sheet has more than ${maxColumns} columns. Keep only the contact columns.`, 'file.tooManyColumns', { max: maxColumns });
    }
    for (const c of cells) {
      if (c.length > maxCellChars) {
        throw new ContactFileError(`A cell in row ${rowNumber} is longer than ${maxCellChars} characters. Shorten it.`, 'file.cellTooLong', { row: rowNumber, max: maxCellChars });
      }
    }
  }
}

function fromCsv(bytes: Uint8Array, limiter: Limiter): ContactTable {
  const { text, encoding } = decodeText(bytes);
  const lines: string[][] = [];
  Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t', '|'],
    skipEmptyLines: false,
    step: (result) => {
      // `'=…` is how our own exports defuse a formula-looking cell (shared/csv): read it back as it was.
      const cells = result.data.map((c) => restoreCell(String(c ?? '')));
      limiter.row(lines.length + 1, cells, lines.length + 1);
      lines.push(cells);
    },
  });
  while (lines.length > 0 && lines[lines.length - 1]!.every((c) => c.trim() === '')) lines.pop();
  const [headers, ...rest] = lines;
  if (!headers) throw new ContactFileError('The file is empty: save the spreadsheet with a header row and contacts below it.', 'file.empty');
  return { encoding, headers: headers.map((h) => h.trim()), rows: rest.map((cells, i) => ({ row: i + 2, cells })) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink (e-mail)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formula
    if ('error' in value) return '';
  }
  return String(value);
}

function notXlsx(): ContactFileError {
  return new ContactFileError('This is not a readable .xlsx file: open it in Excel and save it again as .xlsx or .csv.', 'file.notXlsx');
}

async function fromXlsx(bytes: Uint8Array, limiter: Limiter, limits: ContactFileLimits): Promise<ContactTable> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await checkZip(zip, limits.maxInflatedBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const read: Array<{ row: number; cells: string[] }> = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets += 1;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const width = Math.min(row.cellCount, limits.maxColumns + 1);
        const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
        limiter.row(read.length + 1, cells, row.number);
        read.push({ row: row.number, cells });
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof ContactFileError) throw err;
    throw notXlsx();
  }
  if (sheets === 0) throw new ContactFileError('The workbook has no sheets.', 'file.noSheets');
  const first = read.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (first < 0) throw new ContactFileError('The first sheet is empty: put a header row and contacts below it.', 'file.firstSheetEmpty');
  const width = Math.max(...read.map((r) => r.cells.length));
  const pad = (cells: string[]) => (cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells);
  const headerRow = read[first]!;
  const rows: Array<{ row: number; cells: string[] }> = [];
  // Rows left empty are not stored in the file: keep them as blank rows so counts match what the
  // dispatcher sees in Excel.
  let last = headerRow.row;
  for (const r of read.slice(first + 1)) {
    for (let gap = last + 1; gap < r.row; gap++) rows.push({ row: gap, cells: Array<string>(width).fill('') });
    rows.push({ row: r.row, cells: pad(r.cells) });
    last = r.row;
  }
  return { encoding: 'xlsx', headers: pad(headerRow.cells).map((c) => c.trim()), rows };
}

export async function readContactFile(bytes: Uint8Array, fileName: string, limits: ContactFileLimits = CONTACT_FILE_LIMITS): Promise<ContactTable> {
  const lower = fileName.toLowerCase();
  const limiter = new Limiter(limits);
  if (lower.endsWith('.xlsx')) return fromXlsx(bytes, limiter, limits);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return fromCsv(bytes, limiter);
  if (lower.endsWith('.xls')) {
    throw new ContactFileError('Old .xls files are not read: open the file in Excel and save it as .xlsx or .csv.', 'file.oldXls');
  }
  throw new ContactFileError(`"${fileName}" is neither .xlsx nor .csv: save the spreadsheet in one of those formats.`, 'file.unknownType', { fileName });
}
