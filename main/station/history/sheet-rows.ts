// Rows of a sheet as SpreadsheetML, written straight into exceljs' streaming worksheet. exceljs
// builds a Row, a Cell per value, a style lookup and a model per cell before rendering the same
// XML; for a million-row export that was most of the time. The workbook scaffolding (styles,
// header row, frozen pane, autofilter, zip) stays exceljs'.

export type SheetValue = string | number | { date: number } | null;

const COLUMN_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// Characters XML 1.0 forbids (control characters other than tab, newline, carriage return).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** Excel's serial day number of a wall-clock time given as ms whose UTC fields are the local time. */
export function excelSerial(wallMs: number): number {
  return 25569 + wallMs / 86_400_000;
}

/**
 * One `<row>`: strings inline (no shared-strings table to hold in memory), numbers as numbers,
 * dates as serials with the date style. Columns beyond Z are not needed by the export.
 */
export function rowXml(rowNumber: number, values: SheetValue[], dateStyleId: number): string {
  let xml = `<row r="${rowNumber}" spans="1:${values.length}">`;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    const ref = `${COLUMN_LETTERS[i]}${rowNumber}`;
    if (typeof v === 'string') xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
    else if (typeof v === 'number') xml += `<c r="${ref}"><v>${v}</v></c>`;
    else xml += `<c r="${ref}" s="${dateStyleId}"><v>${excelSerial(v.date)}</v></c>`;
  }
  return `${xml}</row>`;
}
