/**
 * Formula injection (CSV/Excel injection): a cell whose text starts with = + - @, a tab or a carriage return
 * may be run as a formula by a spreadsheet. Such text gets a leading apostrophe, which spreadsheets show as
 * plain text. Applied to every text cell of an export; numbers and dates are written as typed values.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

export function isDangerousCell(text: string): boolean {
  return DANGEROUS_START.test(text);
}
