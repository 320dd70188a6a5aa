import { describe, expect, it } from 'vitest';
import { DecisionCells } from '../../../shared/domain/rules/cell.rules.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from '../../../shared/domain/rules/format-v1.js';
import {
  academieKnown,
  averageMatchesDecision,
  birthDatePlausible,
  birthDateReal,
  decisionForGroup,
  decisionOf,
  deliberationInstant,
  departementInAcademie,
  mentionForExam,
  mentionMatchesAverage,
  mentionOnlyWhenAdmis,
  ROW_RULES,
  rowBreaches,
  rowUnderCheck,
  serieForExam,
  uaiCheckLetterRight,
} from '../../../shared/domain/rules/row.rules.js';

const BASE: Record<CsvV1Column, string> = {
  session: '2024-06',
  academie: 'aix-marseille',
  numero_candidat: '24000000001',
  nom: 'MARTIN',
  prenoms: 'Léa',
  date_naissance: '12/03/2006',
  uai: '0130040Y',
  departement: '13',
  examen: 'BCG',
  serie: '',
  groupe: '1',
  decision: 'ADMIS',
  mention: 'B',
  moyenne: '14,25',
  accord_publication: 'O',
  jury: 'J013-01',
  deliberation: '2024-07-05T14:30:00+02:00',
};

/** The row the rules see: the cells that pass their cell rule, typed. */
function row(over: Partial<Record<CsvV1Column, string>> = {}) {
  const text = { ...BASE, ...over };
  const valid = CSV_V1_COLUMNS.filter((c) => DecisionCells.shape[c].safeParse(text[c]).success);
  const cells = DecisionCells.partial().parse(Object.fromEntries(valid.map((c) => [c, text[c]])));
  return rowUnderCheck(text, cells);
}

describe('row rules, each on its own', () => {
  it('academieKnown: the slug names an académie', () => {
    expect(academieKnown(row())).toBeNull();
    expect(academieKnown(row({ academie: 'atlantide' }))).toMatchObject({
      code: 'academie-unknown',
      column: 'academie',
    });
    // A slug that is not even a slug is the cell rule's to report.
    expect(academieKnown(row({ academie: 'Aix Marseille' }))).toBeNull();
  });

  it('uaiCheckLetterRight: names the letter expected', () => {
    expect(uaiCheckLetterRight(row())).toBeNull();
    expect(uaiCheckLetterRight(row({ uai: '0130040Z' }))).toEqual({
      code: 'uai-check-letter',
      column: 'uai',
      rule: 'UAI check letter is wrong (expected Y)',
      regle: 'lettre clé de l’UAI incorrecte (attendue : Y)',
    });
  });

  it('departementInAcademie: the département is the académie’s', () => {
    expect(departementInAcademie(row({ departement: '04' }))).toBeNull();
    expect(departementInAcademie(row({ departement: '75' }))?.rule).toBe(
      'département does not belong to académie aix-marseille',
    );
  });

  it('birthDateReal and birthDatePlausible: a calendar date, an age of 12 to 100', () => {
    expect(birthDateReal(row({ date_naissance: '29/02/2004' }))).toBeNull();
    expect(birthDateReal(row({ date_naissance: '29/02/2005' }))?.code).toBe('birth-date-invalid');
    // Not a date: no age to judge, so only the first rule speaks.
    expect(birthDatePlausible(row({ date_naissance: '29/02/2005' }))).toBeNull();
    expect(birthDatePlausible(row({ date_naissance: '01/01/2012' }))).toBeNull();
    expect(birthDatePlausible(row({ date_naissance: '01/01/2013' }))?.code).toBe(
      'birth-date-implausible',
    );
    expect(birthDatePlausible(row({ date_naissance: '31/12/1923' }))?.code).toBe(
      'birth-date-implausible',
    );
  });

  it('serieForExam: by exam and session, with the reason', () => {
    expect(serieForExam(row({ session: '2019-06', serie: 'S' }))).toBeNull();
    expect(serieForExam(row({ serie: 'S' }))).toEqual({
      code: 'serie-invalid',
      column: 'serie',
      rule: 'série must be empty for the général bac since 2021 (got "S")',
      regle:
        'série ou spécialité invalide : ' +
        'série must be empty for the général bac since 2021 (got "S")',
    });
  });

  it('decisionForGroup: the second group ends in ADMIS or AJOURNE', () => {
    const g2 = { groupe: '2', mention: '', moyenne: '' };
    expect(decisionForGroup(row({ ...g2, decision: 'AJOURNE' }))).toBeNull();
    expect(decisionForGroup(row({ ...g2, decision: 'SECOND_GROUPE' }))?.code).toBe(
      'decision-groupe',
    );
  });

  it('mentionOnlyWhenAdmis and mentionForExam: one mistake, one breach', () => {
    const ajourne = row({ decision: 'AJOURNE', mention: 'TBF', examen: 'BCP', moyenne: '5' });
    expect(mentionOnlyWhenAdmis(ajourne)?.code).toBe('mention-not-admis');
    expect(mentionForExam(ajourne)).toBeNull();
    const bcp = row({ examen: 'BCP', serie: 'Cuisine', mention: 'TBF', moyenne: '18' });
    expect(mentionOnlyWhenAdmis(bcp)).toBeNull();
    expect(mentionForExam(bcp)?.code).toBe('mention-tbf-bcp');
    expect(mentionForExam(row({ mention: 'TBF', moyenne: '18' }))).toBeNull();
  });

  it('mentionMatchesAverage: quotes the average as written and the mention it earns', () => {
    expect(mentionMatchesAverage(row({ mention: 'AB', moyenne: '15,20' }))).toEqual({
      code: 'mention-average',
      column: 'mention',
      rule: 'mention inconsistent with the average 15,20 (expected B)',
      regle: 'mention incohérente avec la moyenne 15,20 (attendue : B)',
    });
    expect(mentionMatchesAverage(row({ mention: 'AB', moyenne: '11' }))?.rule).toContain(
      '(expected (none))',
    );
    expect(mentionMatchesAverage(row({ mention: '', moyenne: '' }))).toBeNull();
    // TBF for BCP is mentionForExam's breach, not this rule's.
    const bcp = row({ examen: 'BCP', serie: 'Cuisine', mention: 'TBF', moyenne: '12' });
    expect(mentionMatchesAverage(bcp)).toBeNull();
  });

  it('averageMatchesDecision: reports what the decision needs', () => {
    expect(averageMatchesDecision(row({ mention: '', moyenne: '7,50' }))?.rule).toBe(
      'ADMIS needs an average of at least 10 (got 7,5)',
    );
    expect(
      averageMatchesDecision(row({ decision: 'ELIMINE', mention: '', moyenne: '' })),
    ).toBeNull();
  });

  it('deliberationInstant: an instant that exists, in the académie’s time zone', () => {
    expect(deliberationInstant(row({ deliberation: '2024-07-05T14:30' }))).toBeNull();
    expect(deliberationInstant(row({ deliberation: '2024-06-31T14:30' }))?.code).toBe(
      'deliberation-format',
    );
  });
});

describe('rowBreaches and decisionOf', () => {
  it('applies every rule, in ROW_RULES order', () => {
    expect(ROW_RULES).toHaveLength(12);
    const bad = row({
      uai: '0130040Z',
      departement: '75',
      mention: 'TB',
      date_naissance: '30/02/2006',
    });
    expect(rowBreaches(bad).map((b) => b.code)).toEqual([
      'uai-check-letter',
      'departement-academie',
      'birth-date-invalid',
      'mention-average',
    ]);
  });

  it('normalises an accepted row into the decision the store keeps', () => {
    const r = row({ examen: 'BTN', serie: 'stmg', accord_publication: 'n' });
    expect(rowBreaches(r)).toEqual([]);
    expect(decisionOf(r)).toMatchObject({
      academie: 'aix-marseille',
      dateNaissance: '2006-03-12',
      serie: 'STMG',
      groupe: 1,
      mention: 'B',
      moyenne: 14.25,
      accordPublication: false,
      deliberation: '2024-07-05T12:30:00.000Z',
    });
  });
});
