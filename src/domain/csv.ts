/**
 * CSV text (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break in
 * double quotes, quotes doubled). A cell starting with = + - @ (or tab / carriage return) is prefixed
 * with ' so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV Injection").
 */
export type CsvCell = string | number | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    // Numbers we computed are data, not text someone typed: a negative change stays a number.
    return Number.isFinite(value) ? String(value) : '';
  }
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function buildCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
