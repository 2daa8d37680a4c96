/**
 * RFC 4180 CSV that opens cleanly in Excel, LibreOffice, pandas and Google Sheets: CRLF line ends,
 * fields with a comma, quote or line break quoted, quotes doubled, and a UTF-8 byte-order mark so
 * Excel reads accents. Text cells that a spreadsheet would run as a formula (= + - @ tab CR, also
 * after leading blanks) are prefixed with ' ; numbers are written as numbers.
 */

export type CsvCell = string | number | boolean | null | undefined;

export const CSV_BOM = '\uFEFF';
// Spreadsheets skip leading blanks (spaces, no-break and other Unicode spaces, line breaks) before
// reading a formula, so " =1+1" and "\u00a0=1+1" run too.
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole document: BOM, header, rows; every line ends with CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = CSV_BOM + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
