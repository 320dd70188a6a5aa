// CSV for French spreadsheets: ";" between cells (the comma is the decimal
// separator), a UTF-8 BOM so that Excel does not read the file as
// Windows-1252, CRLF line ends, decimals with a comma.
import {
  isSecret,
  withColumns,
  type CellValue,
  type ColumnType,
  type ExportTable,
} from './export-tables.js';
import { neutraliseFormula } from './spreadsheet-safe.js';

const BOM = '\ufeff';

/** A number as French spreadsheets parse it: "89,5", "-6,2", "20075" (no thousands separator). */
function numberCell(value: number, type: ColumnType): string {
  if (type === 'int') return String(value);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 10)},${abs % 10}`;
}

function quote(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * "s" for a figure under statistical secrecy, as the ministry's tables write it; empty for "no
 * figure".
 */
export function csvCell(value: CellValue, type: ColumnType): string {
  if (value === null) return '';
  if (isSecret(value)) return 's';
  if (typeof value === 'number') return numberCell(value, type);
  return quote(neutraliseFormula(value));
}

/** Percent and points columns hold tenths: written "89,5" (a percentage, not a fraction). */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => quote(c.key)).join(';')];
  for (const row of table.rows)
    lines.push(
      withColumns(table, row)
        .map(([c, v]) => csvCell(v, c.type))
        .join(';'),
    );
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
