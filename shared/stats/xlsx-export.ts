// XLSX through exceljs: counts as integer cells, rates as numbers with a
// percentage format (0.895 shown "89,5 %" by a French Excel), evolutions as
// numbers with a signed format. A figure under statistical secrecy is an
// empty cell, shaded, so that sums and filters over the column still work;
// the "Secret statistique" sheet gives each one's reason and the
// "Lisez-moi" sheet the legend (notes would be one drawing per cell).
// Made deterministic: fixed document dates (the session's first day) and
// fixed ZIP entry dates (zip-dates.ts).
import ExcelJS from 'exceljs';
import { isSecret, withColumns, type ExportTable, type SecretCell } from './export-tables.js';
import { neutraliseFormula } from './spreadsheet-safe.js';
import { fixZipDates } from './zip-dates.js';

const FORMATS = { int: '0', percent: '0.0%', points: '+0.0;-0.0;0.0' } as const;
const SECRET_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE7E6E6' },
};
type ColumnType = ExportTable['columns'][number]['type'];
/**
 * One style object per kind of cell, shared by every cell of that kind: exceljs keys the styles
 * it writes by object (a WeakMap), so a shared object is looked up once, where a style per cell
 * (what a column style gives each new cell) was serialised to XML and indexed cell by cell, most
 * of a large académie's workbook time. Frozen: exceljs sets a cell's style properties in place
 * (cell.fill = ...), which on a shared object would restyle every cell; frozen, it throws.
 */
const styleOf = (type: ColumnType, secret: boolean): Partial<ExcelJS.Style> =>
  Object.freeze({
    ...(type === 'text' ? {} : { numFmt: FORMATS[type] }),
    ...(secret ? { fill: SECRET_FILL } : {}),
  });
const STYLES = new Map(
  (['text', 'int', 'percent', 'points'] as const).map((t) => [
    t,
    { plain: styleOf(t, false), secret: styleOf(t, true) },
  ]),
);
const SECRET_SHEET = 'Secret statistique';

/**
 * One secret cell, for the list: the row's key (its UAI), the column, the reason, its address in
 * its sheet.
 */
type SecretEntry = [key: string, column: string, reason: SecretCell['secret'], address: string];

export async function toXlsx(tables: readonly ExportTable[], session: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(Number(session.slice(0, 4)), Number(session.slice(5, 7)) - 1, 1));
  wb.creator = 'publibac';
  wb.lastModifiedBy = 'publibac';
  wb.created = fixed;
  wb.modified = fixed;

  const secrets: SecretEntry[] = [];
  for (const table of tables) {
    const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const keyIndex = table.rowKey ? table.columns.findIndex((c) => c.key === table.rowKey) : -1;
    ws.columns = table.columns.map((c) => ({
      header: c.key,
      key: c.key,
      width: Math.max(10, c.key.length + 2),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      const cells = withColumns(table, row);
      const added = ws.addRow(
        cells.map(([{ type }, v]) => {
          if (v === null || isSecret(v)) return null;
          if (typeof v === 'string') return neutraliseFormula(v);
          // Tenths of a percent become the fraction a percentage format expects; tenths of a point,
          // points.
          return type === 'percent' ? v / 1000 : type === 'points' ? v / 10 : v;
        }),
      );
      const rowKey = row[keyIndex];
      const key = typeof rowKey === 'string' ? rowKey : String(added.number);
      cells.forEach(([column, v], i) => {
        const secret = isSecret(v);
        if (column.type === 'text' && !secret) return;
        const cell = added.getCell(i + 1);
        const styles = STYLES.get(column.type);
        if (styles) cell.style = secret ? styles.secret : styles.plain;
        if (secret) secrets.push([neutraliseFormula(key), column.key, v.secret, cell.address]);
      });
    }
  }
  const readme = wb.addWorksheet('Lisez-moi');
  readme.columns = [
    { header: 'feuille', width: 16 },
    { header: 'colonne', width: 28 },
    { header: 'description', width: 90 },
  ];
  readme.getRow(1).font = { bold: true };
  for (const table of tables)
    for (const c of table.columns)
      readme.addRow([table.sheet, c.key, neutraliseFormula(c.description)]);
  for (const table of tables) {
    if (table.secretLegend)
      readme.addRow([
        table.sheet,
        '',
        `Cellule vide et grisée : ${table.secretLegend} La feuille « ${SECRET_SHEET} » donne le ` +
          `motif de chacune.`,
      ]);
  }
  if (tables.some((t) => t.secretLegend))
    addSecretSheet(wb, secrets, tables.find((t) => t.secretLegend)?.rowKey ?? 'ligne');

  // Deflate level 1: a national render writes one workbook per académie, and the default level
  // spent a third of the workbook's time compressing a few kilobytes a little better.
  const buffer = await wb.xlsx.writeBuffer({ zip: { compressionOptions: { level: 1 } } });
  return fixZipDates(new Uint8Array(buffer));
}

/**
 * Every secret cell with its reason, one a row; the sheet exists (maybe empty) whenever a table may
 * hold secrets.
 */
function addSecretSheet(
  wb: ExcelJS.Workbook,
  secrets: readonly SecretEntry[],
  keyHeader: string,
): void {
  const ws = wb.addWorksheet(SECRET_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: keyHeader, width: 12 },
    { header: 'colonne', width: 28 },
    { header: 'motif', width: 12 },
    { header: 'cellule', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const entry of secrets) ws.addRow(entry);
}
