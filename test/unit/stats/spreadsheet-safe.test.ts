// Spreadsheet (CSV/formula) injection: text that a spreadsheet could take
// for a formula gets a leading apostrophe, in the CSV and in the XLSX. The
// review (issue 10, point 4) found a leading space and the full-width
// "＝" passing through: spreadsheets trim the one and fold the other.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../shared/stats/csv-export.js';
import type { ExportTable } from '../../../shared/stats/export-tables.js';
import { neutraliseFormula } from '../../../shared/stats/spreadsheet-safe.js';
import { toXlsx } from '../../../shared/stats/xlsx-export.js';

const HOSTILE = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  ' =1+1',
  '  +1',
  '\u00a0=1+1',
  '\u3000=1+1',
  '\n=1+1',
  ' \t-2',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(A1)',
  ' ＝1+1',
  '\t＝1',
  '\r＠x',
  '﹦1+1',
];
const HARMLESS = ['Lycée Jean Moulin', 'A-1', '1 = 1', 'Saint-Jean', ''];

describe('neutraliseFormula', () => {
  it.each(HOSTILE)('neutralises %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(HARMLESS)('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

const table: ExportTable = {
  sheet: 'Noms',
  columns: [{ key: 'libelle', type: 'text', description: 'Libellé' }],
  rows: HOSTILE.map((t) => [t]),
};

describe('the downloads', () => {
  it('write every hostile text with a leading apostrophe in the CSV', () => {
    // Values holding CR or LF are quoted, as any value with ";", '"' or a line break.
    const cell = (t: string) => (/[;"\r\n]/.test(t) ? `"'${t}"` : `'${t}`);
    expect(toCsv(table)).toBe(`\ufefflibelle\r\n${HOSTILE.map(cell).join('\r\n')}\r\n`);
  });

  it(
    'write every hostile text as a plain string with a leading apostrophe in the ' + 'XLSX',
    async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await toXlsx([table], '2024-06')) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Noms')!;
      // XML reads a raw CR back as LF: compare with line ends folded.
      const fold = (s: unknown) => String(s).replace(/\r\n?/g, '\n');
      HOSTILE.forEach((t, i) => {
        expect(fold(ws.getRow(i + 2).getCell(1).value)).toBe(fold(`'${t}`));
      });
    },
  );
});
