import { describe, expect, it } from 'vitest';
import { CSV_V1_COLUMNS, type CsvV1Column } from '../../../shared/ingest/format-v1.js';
import { RowValidator } from '../../../shared/ingest/validate-row.js';

const columnIndex = Object.fromEntries(CSV_V1_COLUMNS.map((c, i) => [c, i])) as Record<
  CsvV1Column,
  number
>;
const validator = new RowValidator(columnIndex);
const BASE: Record<CsvV1Column, string> = {
  session: '2024-06',
  academie: 'aix-marseille',
  numero_candidat: '24000000001',
  nom: "D'ARTAGNAN-LÉVÊQUE",
  prenoms: 'Zoé, Anne-Sophie',
  date_naissance: '12/03/2006',
  uai: '0130040Y',
  departement: '13',
  examen: 'BTN',
  serie: 'stmg',
  groupe: '1',
  decision: 'ADMIS',
  mention: 'B',
  moyenne: '14,25',
  accord_publication: 'o',
  jury: 'J013-01',
  deliberation: '2024-07-05T14:30:00+02:00',
};
const row = (over: Partial<Record<CsvV1Column, string>> = {}) =>
  CSV_V1_COLUMNS.map((c) => over[c] ?? BASE[c]);

describe('RowValidator', () => {
  it('normalises a valid row', () => {
    const r = validator.validate(row(), 7);
    expect(r).toEqual({
      ok: true,
      decision: {
        session: '2024-06',
        academie: 'aix-marseille',
        numero: '24000000001',
        nom: "D'ARTAGNAN-LÉVÊQUE",
        prenoms: 'Zoé, Anne-Sophie',
        dateNaissance: '2006-03-12',
        uai: '0130040Y',
        departement: '13',
        examen: 'BTN',
        serie: 'STMG',
        groupe: 1,
        decision: 'ADMIS',
        mention: 'B',
        moyenne: 14.25,
        accordPublication: true,
        jury: 'J013-01',
        deliberation: '2024-07-05T12:30:00.000Z',
      },
    });
  });

  it('takes a deliberation without offset in the académie time zone', () => {
    const paris = validator.validate(row({ deliberation: '2024-07-05T14:30' }), 2);
    const reunion = validator.validate(
      row({
        academie: 'la-reunion',
        departement: '974',
        uai: '9740001H',
        deliberation: '2024-07-05T14:30',
      }),
      2,
    );
    expect(paris.ok && paris.decision.deliberation).toBe('2024-07-05T12:30:00.000Z');
    expect(reunion.ok && reunion.decision.deliberation).toBe('2024-07-05T10:30:00.000Z');
  });

  it('matches a BCP spécialité ignoring case and accents, and keeps its canonical name', () => {
    const r = validator.validate(
      row({ examen: 'BCP', serie: 'CUISINE', mention: 'AB', moyenne: '12' }),
      3,
    );
    expect(r.ok && r.decision.serie).toBe('Cuisine');
  });

  it('reports every broken rule of a row, each with its column', () => {
    const r = validator.validate(
      row({
        uai: '0130040Z',
        departement: '75',
        mention: 'TB',
        date_naissance: '30/02/2006',
        jury: '',
      }),
      9,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => [i.column, i.code]).sort()).toEqual([
        ['date_naissance', 'birth-date-invalid'],
        ['departement', 'departement-academie'],
        ['jury', 'jury-format'],
        ['mention', 'mention-average'],
        ['uai', 'uai-check-letter'],
      ]);
      expect(r.issues.every((i) => i.line === 9)).toBe(true);
      expect(r.issues.find((i) => i.code === 'uai-check-letter')).toMatchObject({
        columnIndex: 7,
        value: '0130040Z',
      });
    }
  });

  it('refuses formula-looking names and shortens huge values in reports', () => {
    const r = validator.validate(row({ nom: `=HYPERLINK("x";"${'y'.repeat(500)}")` }), 4);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]!.code).toBe('name-formula');
      expect(r.issues[0]!.value!.length).toBeLessThan(100);
    }
  });

  it('accepts the boundaries of the mentions and refuses TBF for BCP', () => {
    expect(
      validator.validate(row({ examen: 'BCG', serie: '', mention: 'TBF', moyenne: '18' }), 2).ok,
    ).toBe(true);
    expect(
      validator.validate(row({ examen: 'BCG', serie: '', mention: 'TB', moyenne: '17,99' }), 2).ok,
    ).toBe(true);
    expect(validator.validate(row({ mention: '', moyenne: '11.99' }), 2).ok).toBe(true);
    const bcp = validator.validate(
      row({ examen: 'BCP', serie: 'Cuisine', mention: 'TBF', moyenne: '18' }),
      2,
    );
    expect(!bcp.ok && bcp.issues.map((i) => i.code)).toEqual(['mention-tbf-bcp']);
  });

  it('accepts missing averages and refuses averages on REMPLACEMENT', () => {
    expect(validator.validate(row({ mention: '', moyenne: '' }), 2).ok).toBe(true);
    const r = validator.validate(row({ decision: 'REMPLACEMENT', mention: '', moyenne: '11' }), 2);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['moyenne-decision']);
  });
});
