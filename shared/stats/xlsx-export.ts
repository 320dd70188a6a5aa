// XLSX through exceljs: counts as integer cells, rates as numbers with a
// percentage format (0.895 shown "89,5 %" by a French Excel), evolutions as
// numbers with a signed format. Made deterministic: fixed document dates
// (the session's first day) and fixed ZIP entry dates (zip-dates.ts).
import ExcelJS from 'exceljs';
import type { ExportTable } from './export-tables.js';
import { neutraliseFormula } from './spreadsheet-safe.js';
import { fixZipDates } from './zip-dates.js';

const FORMATS = { int: '0', percent: '0.0%', points: '+0.0;-0.0;0.0' } as const;

export async function toXlsx(tables: readonly ExportTable[], session: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(Number(session.slice(0, 4)), Number(session.slice(5, 7)) - 1, 1));
  wb.creator = 'publibac';
  wb.lastModifiedBy = 'publibac';
  wb.created = fixed;
  wb.modified = fixed;

  for (const table of tables) {
    const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c) => ({
      header: c.key,
      key: c.key,
      width: Math.max(10, c.key.length + 2),
      ...(c.type === 'text' ? {} : { style: { numFmt: FORMATS[c.type] } }),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      ws.addRow(
        row.map((v, i) => {
          if (v === null) return null;
          const type = table.columns[i]!.type;
          if (typeof v === 'string') return neutraliseFormula(v);
          // Tenths of a percent become the fraction a percentage format expects; tenths of a point, points.
          return type === 'percent' ? v / 1000 : type === 'points' ? v / 10 : v;
        }),
      );
    }
  }
  const readme = wb.addWorksheet('Lisez-moi');
  readme.columns = [{ header: 'feuille', width: 16 }, { header: 'colonne', width: 28 }, { header: 'description', width: 90 }];
  readme.getRow(1).font = { bold: true };
  for (const table of tables) for (const c of table.columns) readme.addRow([table.sheet, c.key, neutraliseFormula(c.description)]);

  const buffer = await wb.xlsx.writeBuffer();
  return fixZipDates(new Uint8Array(buffer as ArrayBuffer));
}
