// Acceptance: the statistics of a fixture built to match the Amiens 2024
// press release (../shared/reference/amiens-2024-communique-2nd-groupe.md)
// show every figure of the release, to the digit, on the page and in the
// CSV, XLSX and JSON downloads. The release's figures are typed here as it
// prints them, not computed by the code under test.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { StatsDocument } from '../../../shared/stats/json-export.js';
import { figuresFromDecisions } from '../../../shared/stats/statistics.js';
import { statisticsFiles, type StatFile } from '../../../shared/stats/stats-files.js';
import { amiensDecisions, amiensEtablissements } from '../../fixtures/stats/amiens.fixture.js';
import { pageText, tableRow } from './html-tables.js';

/** [label, code, admis, rate, evolution] as the release prints them ("=" for no change). */
type Row = [label: string, code: string, admis: string, taux: string, evolution: string];
const RELEASE = {
  presents: '20 075',
  invites: '1 951',
  tauxInvites: '9,7 %',
  admis: '17 965',
  taux: '89,5 %',
  evolution: '+0,4 pt',
  departements: [
    ['Aisne', '02', '4 625', '88,7 %', '+0,9 pt'],
    ['Oise', '60', '8 161', '89,5 %', '='],
    ['Somme', '80', '5 179', '90,2 %', '+0,6 pt'],
  ] as Row[],
  voies: {
    BCG: {
      label: 'Voie générale',
      presents: '10 084',
      admis: '9 609',
      taux: '95,3 %',
      evolution: '=',
      bac: 'bac général',
      deps: [
        ['Aisne', '02', '2 325', '95,7 %', '+0,4 pt'],
        ['Oise', '60', '4 537', '94,8 %', '-0,4 pt'],
        ['Somme', '80', '2 747', '95,8 %', '+0,3 pt'],
      ] as Row[],
    },
    BTN: {
      label: 'Voie technologique',
      presents: '4 229',
      admis: '3 706',
      taux: '87,6 %',
      evolution: '+0,6 pt',
      bac: 'bac technologique',
      deps: [
        ['Aisne', '02', '885', '88,5 %', '+2,0 pts'],
        ['Oise', '60', '1 799', '87,5 %', '+0,4 pt'],
        ['Somme', '80', '1 022', '87,2 %', '-0,2 pt'],
      ] as Row[],
    },
    BCP: {
      label: 'Voie professionnelle',
      presents: '5 762',
      admis: '4 650',
      taux: '80,7 %',
      evolution: '+1,4 pt',
      bac: 'bac professionnel',
      deps: [
        ['Aisne', '02', '1 415', '79,3 %', '+1,4 pt'],
        ['Oise', '60', '1 825', '80,1 %', '+0,8 pt'],
        ['Somme', '80', '1 410', '82,9 %', '+2,2 pts'],
      ] as Row[],
    },
  },
  /** "PAR SÉRIE": rate and evolution in points, as the release's two tables print them. */
  series: <[string, string, string][]>[
    ['STHR', '97,4 %', '+0,3'],
    ['STI2D', '83,2 %', '-6,2'],
    ['ST2S', '91,1 %', '+4,1'],
    ['STD2A', '100,0 %', '+3,1'],
    ['STMG', '87,2 %', '+1,6'],
    ['STL', '87,8 %', '+0,7'],
  ],
  domaines: <[string, string, string][]>[
    ['Services', '81,3 %', '+2,6'],
    ['Production', '79,8 %', '-0,4'],
  ],
};
const int = (s: string) => Number(s.replace(/ /g, ''));
/** "88,7 %" → 887 tenths; "+0,9 pt" → 9; "=" → 0. */
const tenths = (s: string) =>
  s === '=' ? 0 : Math.round(Number(s.replace(/[^\d,+-]/g, '').replace(',', '.')) * 10);
const SERIE_LABELS: Record<string, string> = {
  STHR: 'Hôtellerie et restauration – STHR',
  STI2D: 'Industrie et développement durable – STI2D',
  ST2S: 'Santé et social – ST2S',
  STD2A: 'Design et arts appliqués – STD2A',
  STMG: 'Management et gestion – STMG',
  STL: 'Laboratoire – STL',
};

let files: StatFile[];
const file = (suffix: string) => {
  const f = files.find((x) => x.path.endsWith(suffix));
  if (!f) throw new Error(`no file ${suffix}`);
  return f;
};
const asText = (f: StatFile) =>
  typeof f.body === 'string' ? f.body : new TextDecoder().decode(f.body);

beforeAll(async () => {
  const previous = figuresFromDecisions({
    academie: 'amiens',
    session: '2023-06',
    groupe: 2,
    decisions: amiensDecisions('2023-06'),
  });
  files = await statisticsFiles({
    academie: 'amiens',
    session: '2024-06',
    groupe: 2,
    decisions: amiensDecisions('2024-06'),
    previous,
    etablissements: amiensEtablissements(),
    stylesheet: 'amiens/assets/site.0123abcd.css',
  });
});

describe('Amiens 2024 press release, after the second group', () => {
  it('renders the page and its downloads under amiens/statistiques/', () => {
    expect(files.map((f) => f.path)).toEqual([
      'amiens/statistiques/index.html',
      'amiens/statistiques/amiens-2024-06-2nd-groupe-synthese.csv',
      'amiens/statistiques/amiens-2024-06-2nd-groupe-etablissements.csv',
      'amiens/statistiques/amiens-2024-06-2nd-groupe.xlsx',
      'amiens/statistiques/amiens-2024-06-2nd-groupe.json',
      'amiens/statistiques/schema-statistiques-v1.json',
    ]);
    expect(asText(file('index.html'))).toContain(
      '<link rel="stylesheet" href="../assets/site.0123abcd.css">',
    );
  });

  it('the page states the académie key figures as the release does', () => {
    const text = pageText(asText(file('index.html')));
    expect(text).toContain(
      `${RELEASE.presents} candidats se sont présentés à la session 2024 du baccalauréat, ` +
        `toutes voies confondues.`,
    );
    expect(text).toContain(
      `${RELEASE.tauxInvites} d’entre eux, soit ${RELEASE.invites} candidats, étaient invités à ` +
        `se présenter au 2nd groupe`,
    );
    expect(text).toContain(
      `${RELEASE.admis} candidats sont déclarés admis à l’issue de ce 2nd groupe d’épreuves, ` +
        `soit un taux de réussite de ${RELEASE.taux} (${RELEASE.evolution} par rapport à 2023)`,
    );
    for (const v of Object.values(RELEASE.voies)) {
      expect(text).toContain(
        `${v.presents} candidats se sont présentés à la session 2024 du ${v.bac}.`,
      );
      expect(text).toContain(`${v.admis} candidats sont déclarés admis`);
      expect(text).toContain(
        `taux de réussite de ${v.taux} ` +
          `(${v.evolution === '=' ? 'comme en 2023' : `${v.evolution} par rapport à 2023`})`,
      );
    }
  });

  it('the page tables give every département, voie, série and domain figure', () => {
    const html = asText(file('index.html'));
    for (const [label, , admis, taux, evolution] of RELEASE.departements) {
      expect(
        tableRow(html, 'Taux de réussite par département, toutes voies confondues', label).slice(2),
      ).toEqual([admis, taux, evolution]);
    }
    for (const v of Object.values(RELEASE.voies)) {
      for (const [label, , admis, taux, evolution] of v.deps)
        expect(tableRow(html, `${v.label} : admis par département`, label).slice(2)).toEqual([
          admis,
          taux,
          evolution,
        ]);
    }
    for (const [serie, taux, evolution] of RELEASE.series) {
      const row = tableRow(
        html,
        'Voie technologique : taux de réussite par série',
        SERIE_LABELS[serie]!,
      );
      expect(row[3]).toBe(taux);
      expect(row[4]!.startsWith(evolution)).toBe(true);
    }
    for (const [domaine, taux, evolution] of RELEASE.domaines) {
      const row = tableRow(html, 'Voie professionnelle : taux de réussite par domaine', domaine);
      expect([row[3], row[4]!.split(' ')[0]]).toEqual([taux, evolution]);
    }
  });

  /**
   * Every release figure as [niveau, code, admis or null, rate tenths, evolution tenths], for the
   * downloads.
   */
  const expectedLines = () => [
    [
      'academie',
      'amiens',
      int(RELEASE.admis),
      tenths(RELEASE.taux),
      tenths(RELEASE.evolution),
    ] as const,
    ...RELEASE.departements.map(
      ([, code, a, t, e]) => ['departement', code, int(a), tenths(t), tenths(e)] as const,
    ),
    ...Object.entries(RELEASE.voies).flatMap(([voie, v]) => [
      ['voie', voie, int(v.admis), tenths(v.taux), tenths(v.evolution)] as const,
      ...v.deps.map(
        ([, code, a, t, e]) =>
          ['voie-departement', `${voie}/${code}`, int(a), tenths(t), tenths(e)] as const,
      ),
    ]),
    ...RELEASE.series.map(
      ([s, t, e]) => ['serie', `BTN/${s}`, null, tenths(t), tenths(e)] as const,
    ),
    ...RELEASE.domaines.map(
      ([d, t, e]) => ['domaine', `BCP/${d}`, null, tenths(t), tenths(e)] as const,
    ),
  ];

  it('the CSV download (";", UTF-8 BOM, decimal commas) has every figure', () => {
    const csv = asText(file('synthese.csv'));
    expect(csv.startsWith('\ufeffniveau;code;libelle;')).toBe(true);
    const [header, ...rows] = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(';'));
    const col = (name: string) => header!.indexOf(name);
    const find = (niveau: string, code: string) =>
      rows.find((r) => r[col('niveau')] === niveau && r[col('code')] === code)!;
    const fr = (t: number) =>
      `${t < 0 ? '-' : ''}${Math.floor(Math.abs(t) / 10)},${Math.abs(t) % 10}`;
    for (const [niveau, code, admis, taux, evolution] of expectedLines()) {
      const row = find(niveau, code);
      if (admis !== null) expect(row[col('admis')]).toBe(String(admis));
      expect([
        row[col('taux_reussite')],
        row[col('evolution_points')],
        row[col('evolution_statut')],
      ]).toEqual([fr(taux), fr(evolution), 'points']);
    }
    const total = find('academie', 'amiens');
    expect([
      total[col('presents')],
      total[col('invites_2nd_groupe')],
      total[col('taux_invites_2nd_groupe')],
    ]).toEqual(['20075', '1951', '9,7']);
    expect(find('voie', 'BTN')[col('presents')]).toBe('4229');
  });

  it(
    'the XLSX download has typed numeric cells with percentage formats and every ' + 'figure',
    async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file('.xlsx').body as Uint8Array) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Synthèse')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      const rows = new Map<string, ExcelJS.Row>();
      ws.eachRow(
        (row, n) =>
          n > 1 &&
          rows.set(`${row.getCell(col('niveau')).text}|${row.getCell(col('code')).text}`, row),
      );
      for (const [niveau, code, admis, taux, evolution] of expectedLines()) {
        const row = rows.get(`${niveau}|${code}`)!;
        if (admis !== null) expect(row.getCell(col('admis')).value).toBe(admis);
        const rate = row.getCell(col('taux_reussite'));
        expect(rate.numFmt).toBe('0.0%');
        expect(rate.value).toBeCloseTo(taux / 1000, 10);
        expect(row.getCell(col('evolution_points')).value).toBeCloseTo(evolution / 10, 10);
      }
      const total = rows.get('academie|amiens')!;
      expect([
        total.getCell(col('presents')).value,
        total.getCell(col('invites_2nd_groupe')).value,
      ]).toEqual([20075, 1951]);
      expect(total.getCell(col('taux_invites_2nd_groupe')).value).toBeCloseTo(0.097, 10);
      expect(wb.getWorksheet('Établissements')!.getRow(1).getCell(3).value).toBe('libelle_uai');
    },
  );

  it('the JSON download follows the versioned schema and has every figure', () => {
    const doc = StatsDocument.parse(JSON.parse(asText(file('groupe.json'))));
    expect([doc.schema, doc.version, doc.session, doc.groupe, doc.session_precedente]).toEqual([
      'publibac/statistiques',
      1,
      '2024-06',
      2,
      '2023-06',
    ]);
    for (const [niveau, code, admis, taux, evolution] of expectedLines()) {
      const line = doc.lignes.find((l) => l.niveau === niveau && l.code === code)!;
      if (admis !== null) expect(line.admis).toBe(admis);
      expect([line.taux_reussite, line.evolution]).toEqual([
        taux / 10,
        { statut: 'points', points: evolution / 10 },
      ]);
    }
    const total = doc.lignes[0]!;
    expect([total.presents, total.invites_2nd_groupe, total.taux_invites_2nd_groupe]).toEqual([
      20075, 1951, 9.7,
    ]);
    expect(doc.etablissements.reduce((s, e) => s + Number(e.presents_total), 0)).toBe(20075);
  });
});
