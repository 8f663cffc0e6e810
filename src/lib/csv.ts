// RFC 4180 CSV, safe to open in a spreadsheet: fields with commas, quotes or line breaks are quoted,
// and text that a spreadsheet would run as a formula is defused with a leading apostrophe.

const NEEDS_QUOTES = /[",\r\n]/
/** =, +, -, @, tab and CR start formulas in Excel, LibreOffice and Google Sheets (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number | null

export function csvField(value: CsvValue): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const defused = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
