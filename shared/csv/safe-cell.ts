// Spreadsheet-safe CSV, the OWASP recipe against formula injection
// (https://owasp.org/www-community/attacks/CSV_Injection): a cell that Excel, LibreOffice or Google
// Sheets would read as a formula — it begins with = + - @, a tab or a carriage return — gets a
// leading apostrophe, and every cell is quoted with its quotes doubled, so a separator inside
// cannot start a new cell either. Plain numbers (a phone +79161234567, -5, 3.5) are data, not
// formulas, and stay as they are, so exported phones still read back as phones. Shared by the
// station and the renderer: every CSV either writes goes through here.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/** The cell's text as it may be written: a formula-looking value is defused with a leading `'`. */
export function defuseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The reverse, for reading back a file we wrote: `'=…` → `=…` (only before a formula start). */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) && !PLAIN_NUMBER.test(value.slice(1)) ? value.slice(1) : value;
}

/** One quoted, defused cell. */
export function csvCell(value: string | number | null | undefined): string {
  const text = defuseCell(value === null || value === undefined ? '' : String(value));
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows as CSV text: every cell through csvCell, `;` by default (what Russian Excel expects). */
export function csvText(rows: readonly (readonly (string | number | null | undefined)[])[], delimiter = ';', newline = '\r\n'): string {
  return rows.map((r) => r.map(csvCell).join(delimiter)).join(newline) + newline;
}
