import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ACADEMIES, findAcademie } from '../../../shared/domain/reference/academies.js';
import {
  EFFECTIFS_AIX_MARSEILLE_2020,
  SERIES_BTN,
  SPECIALITES_BCP,
} from '../../../shared/domain/reference/exams.js';
import { uaiCheckLetter } from '../../../shared/domain/reference/uai.js';
import { mentionForAverage } from '../../../shared/domain/rules/mention.js';
import {
  expectedCandidates,
  generateFirstGroup,
  writeCsv,
} from '../../../shared/generate/decisions.generator.js';
import type { CsvV1Row } from '../../../shared/ingest/format-v1.js';
import { checkDecisionFile } from '../../../shared/ingest/ingest.usecase.js';

async function csvBytes(rows: Iterable<CsvV1Row>): Promise<Buffer> {
  const parts: Buffer[] = [];
  await writeCsv(
    rows,
    new Writable({
      write(chunk: Buffer, _e, done) {
        parts.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}
const share = <T>(rows: readonly T[], pred: (r: T) => boolean) =>
  rows.filter(pred).length / rows.length;
const NAME = /^\p{L}[\p{L}'’ -]*\p{L}$/u;
const UAI_PREFIX: Record<string, string> = { '2A': '620', '2B': '720' };

/**
 * Every rule of the brief, checked here directly rather than through the
 * ingest (tested on its own). Plain checks collecting messages: a million
 * expect() calls would take the test ten times as long.
 */
function firstGroupProblems(rows: readonly CsvV1Row[], slug: string, session: string): string[] {
  const a = findAcademie(slug)!;
  const year = Number(session.slice(0, 4));
  const specialites = new Set(SPECIALITES_BCP.map((s) => s.name));
  const juryOfUai = new Map<string, string>();
  const problems: string[] = [];
  for (const r of rows) {
    const fail = (rule: string) =>
      problems.push(`${slug} ${r.numero_candidat}: ${rule} ${JSON.stringify(r)}`);
    if (r.session !== session || r.academie !== slug || r.groupe !== '1')
      fail('session, académie, groupe');
    if (!/^\d{11}$/.test(r.numero_candidat)) fail('numero');
    if (!NAME.test(r.nom) || !r.prenoms.split(', ').every((p) => NAME.test(p)))
      fail('name characters');
    if (r.nom.length > 60 || r.prenoms.length > 60) fail('name length');
    const [d, m, y] = r.date_naissance.split('/').map(Number) as [number, number, number];
    if (
      !/^\d{2}\/\d{2}\/\d{4}$/.test(r.date_naissance) ||
      new Date(Date.UTC(y, m - 1, d)).getUTCMonth() !== m - 1
    )
      fail('birth date');
    if (year - y < 17 || year - y > 55) fail('age');
    if (!a.departements.includes(r.departement)) fail('département');
    if (!/^\d{7}[A-Z]$/.test(r.uai) || r.uai[7] !== uaiCheckLetter(r.uai.slice(0, 7)))
      fail('UAI check letter');
    if (r.uai.slice(0, 3) !== (UAI_PREFIX[r.departement] ?? r.departement.padStart(3, '0')))
      fail('UAI of the département');
    if (r.examen === 'BCG' && !(year >= 2021 ? /^$/ : /^(ES|L|S)$/).test(r.serie))
      fail('BCG série');
    if (r.examen === 'BTN' && !SERIES_BTN.includes(r.serie)) fail('BTN série');
    if (r.examen === 'BCP' && !specialites.has(r.serie)) fail('BCP spécialité');

    const hasAverage = r.decision !== 'ELIMINE' && r.decision !== 'REMPLACEMENT';
    if (!(hasAverage ? /^\d{1,2},\d{2}$/ : /^$/).test(r.moyenne)) fail('moyenne format');
    const m100 = Number(r.moyenne.replace(',', '')); // hundredths: exact integers
    if (m100 > 2000) fail('moyenne over 20');
    if (r.decision === 'ADMIS' && m100 < 1000) fail('ADMIS under 10');
    if (r.decision === 'SECOND_GROUPE' && (m100 < 800 || m100 >= 1000))
      fail('SECOND_GROUPE outside 8-10');
    if (r.decision === 'AJOURNE' && m100 >= (r.examen === 'BCP' ? 1000 : 800))
      fail('AJOURNE too high');
    const mention =
      r.decision === 'ADMIS'
        ? mentionForAverage(r.examen as 'BCG' | 'BTN' | 'BCP', m100 / 100)
        : null;
    if (r.mention !== (mention ?? '')) fail('mention');
    if (!['O', 'N', ''].includes(r.accord_publication)) fail('accord_publication');

    if (!/^J\d{3}-\d{2,}$/.test(r.jury) || (juryOfUai.get(r.uai) ?? r.jury) !== r.jury)
      fail('one jury per lycée');
    juryOfUai.set(r.uai, r.jury);
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/.test(r.deliberation) ||
      Number.isNaN(Date.parse(r.deliberation))
    )
      fail('deliberation');
  }
  if (new Set(rows.map((r) => r.numero_candidat)).size !== rows.length)
    problems.push('numeros not unique');
  return problems;
}

describe('generateFirstGroup', () => {
  it('gives the same bytes for the same seed, other bytes for another seed', async () => {
    const run = (seed: number) =>
      csvBytes(
        generateFirstGroup({
          academie: 'aix-marseille',
          session: '2024-06',
          candidates: 3_000,
          seed,
        }),
      );
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('writes rows that satisfy every rule, for every académie, before and after 2021', async () => {
    for (const a of ACADEMIES) {
      for (const session of ['2019-06', '2024-06']) {
        const rows = [
          ...generateFirstGroup({ academie: a.slug, session, candidates: 600, seed: 3 }),
        ];
        expect(rows).toHaveLength(600);
        expect(firstGroupProblems(rows, a.slug, session).slice(0, 5)).toEqual([]);
        expect(new Set(rows.map((r) => r.departement)).size, a.slug).toBe(a.departements.length);
      }
    }
  });

  it('(the checks above do catch broken rows)', () => {
    const [row] = [
      ...generateFirstGroup({ academie: 'aix-marseille', session: '2024-06', candidates: 1 }),
    ];
    const broken: CsvV1Row[] = [
      { ...row!, uai: `${row!.uai.slice(0, 7)}${row!.uai[7] === 'A' ? 'B' : 'A'}` },
      { ...row!, numero_candidat: '2400000000X' },
      { ...row!, date_naissance: '31/02/2006' },
      { ...row!, departement: '06' },
      { ...row!, decision: 'ADMIS', moyenne: '15,00', mention: 'AB' },
      { ...row!, decision: 'SECOND_GROUPE', moyenne: '10,00', mention: '' },
      { ...row!, nom: ' MARTIN' },
    ];
    for (const r of broken)
      expect(firstGroupProblems([r], 'aix-marseille', '2024-06'), JSON.stringify(r)).not.toEqual(
        [],
      );
  });

  it('passes the ingest validation whole', async () => {
    const rows = [
      ...generateFirstGroup({ academie: 'corse', session: '2019-06', candidates: 2_000, seed: 4 }),
    ];
    const checked = await checkDecisionFile(
      {},
      {
        name: 'g.csv',
        open: async function* () {
          yield await csvBytes(rows);
        },
      },
    );
    expect(checked.rows).toBe(2_000);
  });

  it('deliberates in early July, at the académie’s own UTC offset', () => {
    const offsets = Object.fromEntries(
      [
        'aix-marseille',
        'la-reunion',
        'guadeloupe',
        'polynesie-francaise',
        'nouvelle-caledonie',
      ].map((slug) => {
        const rows = [
          ...generateFirstGroup({ academie: slug, session: '2024-06', candidates: 200 }),
        ];
        expect(
          rows.every((r) => /^2024-07-0[2-5]T(0[89]|1\d)/.test(r.deliberation)),
          slug,
        ).toBe(true);
        return [slug, [...new Set(rows.map((r) => r.deliberation.slice(-6)))]];
      }),
    );
    expect(offsets).toEqual({
      'aix-marseille': ['+02:00'],
      'la-reunion': ['+04:00'],
      guadeloupe: ['-04:00'],
      'polynesie-francaise': ['-10:00'],
      'nouvelle-caledonie': ['+11:00'],
    });
  });

  it('defaults to a realistic size: about 31,000 for Aix-Marseille, 720,000 nationally', () => {
    expect(expectedCandidates(findAcademie('aix-marseille')!)).toBe(31_000);
    const national = ACADEMIES.reduce((sum, a) => sum + expectedCandidates(a), 0);
    expect(national).toBeGreaterThan(680_000);
    expect(national).toBeLessThan(760_000);
  });

  it('has realistic rates over 20,000 candidates', () => {
    const rows = [
      ...generateFirstGroup({ academie: 'aix-marseille', session: '2024-06', candidates: 20_000 }),
    ];
    const admittedRate = (examen: string) =>
      share(
        rows.filter((r) => r.examen === examen && r.decision !== 'REMPLACEMENT'),
        (r) => r.decision === 'ADMIS',
      );
    expect(admittedRate('BCG')).toBeCloseTo(0.91, 1);
    expect(admittedRate('BTN')).toBeCloseTo(0.78, 1);
    expect(admittedRate('BCP')).toBeCloseTo(0.8, 1);
    const secondGroup = share(rows, (r) => r.decision === 'SECOND_GROUPE');
    expect(secondGroup).toBeGreaterThanOrEqual(0.08);
    expect(secondGroup).toBeLessThanOrEqual(0.1);
    for (const rare of ['ELIMINE', 'REMPLACEMENT']) {
      expect(share(rows, (r) => r.decision === rare)).toBeGreaterThan(0.001);
      expect(share(rows, (r) => r.decision === rare)).toBeLessThan(0.006);
    }
    const admitted = rows.filter((r) => r.decision === 'ADMIS');
    expect(share(admitted, (r) => r.mention !== '')).toBeCloseTo(0.55, 1);
    expect(share(admitted, (r) => r.mention === 'TBF')).toBeGreaterThan(0.005);
    expect(share(rows, (r) => r.accord_publication === 'O')).toBeCloseTo(0.5, 1);
    const age = (r: CsvV1Row) => 2024 - Number(r.date_naissance.slice(6));
    expect(share(rows, (r) => age(r) >= 17 && age(r) <= 19)).toBeGreaterThan(0.9);
    expect(share(rows, (r) => age(r) > 20)).toBeGreaterThan(0.01);

    // Spread like the 2020 press kit: voies, départements, séries and spécialités.
    expect(share(rows, (r) => r.examen === 'BCG')).toBeCloseTo(0.54, 1);
    expect(share(rows, (r) => r.examen === 'BTN')).toBeCloseTo(0.21, 1);
    expect(share(rows, (r) => r.examen === 'BCP')).toBeCloseTo(0.24, 1);
    expect(share(rows, (r) => r.departement === '13')).toBeCloseTo(0.705, 1);
    expect(share(rows, (r) => r.departement === '05')).toBeCloseTo(0.044, 2);
    const btn = rows.filter((r) => r.examen === 'BTN');
    expect(share(btn, (r) => r.serie === 'STMG')).toBeCloseTo(0.51, 1);
    const bcp = rows.filter((r) => r.examen === 'BCP');
    const inscrits = Object.values(EFFECTIFS_AIX_MARSEILLE_2020.bcpParSpecialite).reduce(
      (x, y) => x + y,
      0,
    );
    expect(share(bcp, (r) => r.serie === 'Gestion administration')).toBeCloseTo(
      1_367 / inscrits,
      1,
    );
    expect(new Set(bcp.map((r) => r.serie)).size).toBeGreaterThan(40);
  });
});
