// Statistical secrecy in every published file of a realistic académie
// (issue 10, point 2): the review generated a 31,000-candidate académie and
// found établissement × filière cells of 1 or 2 présents published, which,
// with the public name lists, gave away the outcome of candidates on no
// list. No published établissement figure may rest on 1 to 9 présents: the
// page, the CSV, the XLSX (read back with exceljs) and the JSON show it as
// secret instead, with its reason.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Examen } from '../../../shared/domain/decision.schema.js';
import { StatsDocument } from '../../../shared/stats/json-export.js';
import { recomputableCells } from '../../../shared/stats/secrecy-audit.js';
import { secrecyModel } from '../../../shared/stats/secrecy-model.js';
import { academieStatistics } from '../../../shared/stats/statistics.js';
import { statisticsFilesFor, type StatFile } from '../../../shared/stats/stats-files.js';
import type { AcademieStats, Counts } from '../../../shared/stats/stats.types.js';
import { secretState } from '../../fixtures/stats/secrecy-academies.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';
import { tableRows } from './html-tables.js';

const THRESHOLD = 10;
const VOIE_SUFFIX: Record<Examen, string> = { BCG: 'g', BTN: 't', BCP: 'p' };
const small = (c: Counts | undefined) =>
  c !== undefined && c.presents > 0 && c.presents < THRESHOLD;

let stats: AcademieStats;
let files: StatFile[];
const text = (suffix: string) => {
  const b = files.find((f) => f.path.endsWith(suffix))!.body;
  return typeof b === 'string' ? b : new TextDecoder().decode(b);
};

beforeAll(async () => {
  stats = academieStatistics({
    academie: 'aix-marseille',
    session: '2024-06',
    groupe: 2,
    decisions: syntheticDecisions('aix-marseille', '2024-06', 31_000, 1),
  });
  files = await statisticsFilesFor(stats);
}, 60_000);

/**
 * Columns of the établissement table that rest on each small cell of the raw statistics, by UAI.
 */
function smallCellColumns(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of stats.etablissements) {
    const keys: string[] = [];
    if (small(e.total))
      keys.push('presents_total', 'admis_total', 'taux_reu_total', 'taux_men_total');
    for (const [f, c] of Object.entries(e.filieres))
      if (small(c)) keys.push(`presents_${f}`, `taux_reu_${f}`, `taux_men_${f}`);
    for (const [v, c] of Object.entries(e.voies))
      if (small(c))
        keys.push(
          `nb_mentions_b_${VOIE_SUFFIX[v as Examen]}`,
          `nb_mentions_ab_${VOIE_SUFFIX[v as Examen]}`,
        );
    out.set(e.uai, keys);
  }
  return out;
}

describe('a realistic 31,000-candidate académie', () => {
  it('has many établissement × filière cells of 1 or 2 présents (what the review found)', () => {
    const cells = stats.etablissements.flatMap((e) => Object.values(e.filieres));
    expect(cells.length).toBeGreaterThan(900);
    expect(cells.filter((c) => c.presents === 1 || c.presents === 2).length).toBeGreaterThan(100);
  });

  it('leaves no secret figure that the published ones determine (rank test)', () => {
    const model = secrecyModel(stats.etablissements, stats.session);
    const state = secretState(model, stats.etablissements);
    expect(state.filter(Boolean).length).toBeGreaterThan(390);
    expect(recomputableCells(model, state)).toEqual([]);
  });

  it(
    'publishes no établissement présents of 1 to 9 in the CSV, and "s" in every column of a ' +
      'small cell',
    () => {
      const [header, ...rows] = text('etablissements.csv')
        .slice(1)
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(';'));
      const presentsColumns = header!
        .map((h, i) => [h, i] as const)
        .filter(([h]) => h.startsWith('presents_'));
      for (const row of rows) {
        for (const [, i] of presentsColumns)
          expect(row[i] === 's' || Number(row[i]) === 0 || Number(row[i]) >= THRESHOLD).toBe(true);
      }
      const byUai = new Map(rows.map((r) => [r[header!.indexOf('uai')]!, r]));
      for (const [uai, keys] of smallCellColumns())
        for (const k of keys)
          expect([uai, k, byUai.get(uai)![header!.indexOf(k)]]).toEqual([uai, k, 's']);
    },
  );

  it(
    'leaves a secret figure empty in the XLSX, lists it with its reason, and explains the ' +
      'secret in the Lisez-moi sheet',
    async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        Buffer.from(
          files.find((f) => f.path.endsWith('.xlsx'))!.body as Uint8Array,
        ) as unknown as ArrayBuffer,
      );
      const ws = wb.getWorksheet('Établissements')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const listed = new Set<string>();
      wb.getWorksheet('Secret statistique')!.eachRow((row, n) => {
        if (n > 1)
          listed.add(`${row.getCell(1).text}|${row.getCell(2).text}|${row.getCell(3).text}`);
      });
      const secret = smallCellColumns();
      let emptied = 0;
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const uai = row.getCell(header.indexOf('uai') + 1).text;
        header.forEach((h, i) => {
          const v = row.getCell(i + 1).value;
          if (h.startsWith('presents_'))
            expect(v === null || v === 0 || (typeof v === 'number' && v >= THRESHOLD)).toBe(true);
          const fill = row.getCell(i + 1).fill as { pattern?: string } | undefined;
          if (v !== null) expect(fill?.pattern ?? 'none').toBe('none');
        });
        for (const k of secret.get(uai)!) {
          // Empty, but typed: the column's number format stays, so sums and filters still work.
          const cell = row.getCell(header.indexOf(k) + 1);
          expect([cell.value, ['0', '0.0%'].includes(cell.numFmt)]).toEqual([null, true]);
          // Shaded grey, and only these: the shared styles of the writer are never restyled.
          expect(cell.fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } });
          expect(listed.has(`${uai}|${k}|primaire`)).toBe(true);
          emptied++;
        }
      });
      expect(emptied).toBeGreaterThan(300);
      const readme: string[] = [];
      wb.getWorksheet('Lisez-moi')!.eachRow((row) => readme.push(row.getCell(3).text));
      expect(readme.join('\n')).toMatch(/secret statistique/i);
    },
  );

  it('writes null and a machine-readable reason in the JSON', () => {
    const doc = StatsDocument.parse(JSON.parse(text('groupe.json')));
    expect(doc.seuil_secret).toBe(THRESHOLD);
    for (const e of doc.etablissements) {
      for (const [k, v] of Object.entries(e)) {
        if (k.startsWith('presents_'))
          expect(v === null || v === 0 || (typeof v === 'number' && v >= THRESHOLD)).toBe(true);
      }
    }
    const byUai = new Map(doc.etablissements.map((e) => [e.uai, e]));
    for (const [uai, keys] of smallCellColumns()) {
      const e = byUai.get(uai)!;
      for (const k of keys) expect([k, e[k], e.secret?.[k]]).toEqual([k, null, 'primaire']);
    }
    const reasons = doc.etablissements.flatMap((e) => Object.values(e.secret ?? {}));
    expect(new Set(reasons)).toEqual(new Set(['primaire', 'secondaire']));
  });

  it('shows "s" on the page, with a legend in French', () => {
    const html = text('index.html');
    const rows = tableRows(html, 'Résultats par établissement, toutes voies confondues');
    for (const row of rows)
      expect(
        row[2] === 's' ||
          Number(row[2]!.replace(/ /g, '')) === 0 ||
          Number(row[2]!.replace(/ /g, '')) >= THRESHOLD,
      ).toBe(true);
    expect(html).toContain('s : secret statistique');
  });
});

describe('a small académie, where whole établissements fall under the threshold', () => {
  it(
    'shows "s" for every figure of a secret total on the page, and hides the next total of the ' +
      'département too',
    async () => {
      const small = academieStatistics({
        academie: 'corse',
        session: '2024-06',
        groupe: 2,
        decisions: syntheticDecisions('corse', '2024-06', 400, 5),
      });
      const html = (await statisticsFilesFor(small))[0]!.body as string;
      const rows = tableRows(html, 'Résultats par établissement, toutes voies confondues');
      const secret = rows.filter((r) => r[2] === 's');
      expect(secret.length).toBeGreaterThan(
        small.etablissements.filter((e) => e.total.presents < THRESHOLD).length,
      );
      for (const r of secret) expect(r.slice(2)).toEqual(['s', 's', 's', 's']);
      for (const r of rows) expect(r[2] === 's' || Number(r[2]) >= THRESHOLD).toBe(true);
      expect(html).toContain(
        's : secret statistique, chiffre d’un établissement reposant sur moins de 10 candidats ' +
          'présents',
      );
    },
  );
});
