import { describe, expect, it } from 'vitest';
import { selectPublicResults } from '../../../shared/render/release-input.js';
import { decision } from './fixtures.js';

const d = decision;
const shown = (rs: ReturnType<typeof selectPublicResults>) =>
  Object.fromEntries(rs.map((r) => [r.numero, `${r.groupe}:${r.resultat}:${r.listed}`]));

const decisions = [
  d({ numero: 'A1', decision: 'ADMIS', mention: 'B', moyenne: 15 }),
  d({ numero: 'A2', decision: 'AJOURNE', moyenne: 6 }),
  d({ numero: 'A3', decision: 'SECOND_GROUPE', moyenne: 9 }),
  d({
    numero: 'A3',
    groupe: 2,
    decision: 'ADMIS',
    moyenne: 10.5,
    deliberation: '2024-07-10T08:00:00.000Z',
  }),
  d({ numero: 'A4', decision: 'SECOND_GROUPE', moyenne: 8.5 }), // no group-2 decision yet
  d({ numero: 'A5', decision: 'ELIMINE', moyenne: null }),
  d({ numero: 'A6', decision: 'REMPLACEMENT', moyenne: null }),
  d({ numero: 'A7', decision: 'ADMIS', accordPublication: false }),
  d({ numero: 'A8', decision: 'SECOND_GROUPE', moyenne: 9 }),
  d({
    numero: 'A8',
    groupe: 2,
    decision: 'AJOURNE',
    moyenne: 9.2,
    deliberation: '2024-07-10T08:00:00.000Z',
  }),
];

describe('selectPublicResults', () => {
  it('groupe 1 shows every group-1 decision and ignores group-2 rows', () => {
    expect(shown(selectPublicResults(decisions, 1))).toEqual({
      A1: '1:Admis(e) avec mention Bien:true',
      A2: '1:Ajourné(e):false',
      A3: '1:Autorisé(e) à se présenter au second groupe:false',
      A4: '1:Autorisé(e) à se présenter au second groupe:false',
      A5: '1:Éliminé(e):false',
      A7: '1:Admis(e):false',
      A8: '1:Autorisé(e) à se présenter au second groupe:false',
    });
  });

  it('groupe 2 shows the group-2 decision where there is one, group 1 otherwise', () => {
    expect(shown(selectPublicResults(decisions, 2))).toEqual({
      A1: '1:Admis(e) avec mention Bien:true',
      A2: '1:Ajourné(e):false',
      A3: '2:Admis(e) à l’issue du second groupe:true',
      A4: '1:Autorisé(e) à se présenter au second groupe:false',
      A5: '1:Éliminé(e):false',
      A7: '1:Admis(e):false',
      A8: '2:Ajourné(e):false',
    });
  });

  it('excludes REMPLACEMENT and withheld candidates in both groupes', () => {
    for (const groupe of [1, 2] as const) {
      const numeros = selectPublicResults(decisions, groupe, new Set(['A3', 'A1'])).map(
        (r) => r.numero,
      );
      expect(numeros).toEqual(['A2', 'A4', 'A5', 'A7', 'A8']);
    }
  });

  it('does not list a candidate who withdrew consent on either group', () => {
    const rows = [
      d({ numero: 'B1', decision: 'SECOND_GROUPE', moyenne: 9, accordPublication: false }),
      d({ numero: 'B1', groupe: 2, decision: 'ADMIS', moyenne: 11 }),
    ];
    expect(selectPublicResults(rows, 2)[0]).toMatchObject({
      groupe: 2,
      decision: 'ADMIS',
      listed: false,
    });
  });

  it('keeps the latest version of a slot, whatever the input order', () => {
    const old = d({ numero: 'C1', decision: 'AJOURNE', moyenne: 7 });
    const fix = d({
      numero: 'C1',
      decision: 'ADMIS',
      moyenne: 10,
      deliberation: '2024-07-05T09:00:00.000Z',
    });
    expect(selectPublicResults([old, fix], 1)).toEqual(selectPublicResults([fix, old], 1));
    expect(selectPublicResults([fix, old], 1)[0]?.decision).toBe('ADMIS');
  });

  it('uses the BCP wording for the épreuve de contrôle', () => {
    expect(
      selectPublicResults(
        [
          d({
            numero: 'P1',
            examen: 'BCP',
            serie: 'Commerce',
            decision: 'SECOND_GROUPE',
            moyenne: 9,
          }),
        ],
        1,
      )[0]?.resultat,
    ).toBe('Autorisé(e) à se présenter à l’épreuve de contrôle');
  });
});
