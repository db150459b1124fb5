// Reads a contact spreadsheet into rows of strings: .xlsx (first sheet) or .csv in UTF-8 or
// Windows-1251 (what Excel on a Russian Windows saves as "CSV"), `;`, `,` or tab separated.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { SaidError } from '../domain/said.js';
import { restoreCell } from '../../../shared/csv/safe-cell.js';

export interface ContactTable {
  encoding: 'utf-8' | 'windows-1251' | 'xlsx';
  headers: string[];
  /** Data rows with their spreadsheet row numbers (the header is row 1). */
  rows: Array<{ row: number; cells: string[] }>;
}

export class ContactFileError extends SaidError {
  override readonly name = 'ContactFileError';
}

/** UTF-8 if the bytes are valid UTF-8 (a BOM is dropped), otherwise Windows-1251. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1251'), encoding: 'windows-1251' };
  }
}

function fromCsv(bytes: Uint8Array): ContactTable {
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: false });
  // `'=…` is how our own exports defuse a formula-looking cell (shared/csv): read it back as it was.
  const lines = parsed.data.map((cells) => cells.map((c) => restoreCell(String(c ?? ''))));
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

async function fromXlsx(bytes: Uint8Array): Promise<ContactTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ContactFileError('This is not a readable .xlsx file: open it in Excel and save it again as .xlsx or .csv.', 'file.notXlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ContactFileError('The workbook has no sheets.', 'file.noSheets');
  const width = sheet.columnCount;
  const rows: Array<{ row: number; cells: string[] }> = [];
  let headers: string[] | null = null;
  let headerRow = 1;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
    if (!headers) {
      if (cells.some((c) => c.trim() !== '')) {
        headers = cells.map((c) => c.trim());
        headerRow = number;
      }
      return;
    }
    // Rows left empty are not stored in the file: keep them as blank rows so counts match what
    // the dispatcher sees in Excel.
    const last = rows.length > 0 ? rows[rows.length - 1]!.row : headerRow;
    for (let gap = last + 1; gap < number; gap++) rows.push({ row: gap, cells: Array<string>(width).fill('') });
    rows.push({ row: number, cells });
  });
  if (!headers) throw new ContactFileError('The first sheet is empty: put a header row and contacts below it.', 'file.firstSheetEmpty');
  return { encoding: 'xlsx', headers, rows };
}

export async function readContactFile(bytes: Uint8Array, fileName: string): Promise<ContactTable> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return fromXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return fromCsv(bytes);
  if (lower.endsWith('.xls')) {
    throw new ContactFileError('Old .xls files are not read: open the file in Excel and save it as .xlsx or .csv.', 'file.oldXls');
  }
  throw new ContactFileError(`"${fileName}" is neither .xlsx nor .csv: save the spreadsheet in one of those formats.`, 'file.unknownType', { fileName });
}
